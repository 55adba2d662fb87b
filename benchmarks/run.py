"""Measure editorial on generated newsrooms against its speed targets.

Every figure is the median of several runs of the real command in a subprocess (the console
script's own entry point, with this checkout first on the path), and is also given as a
ratio to a baseline measured in the same run: the floor (`benchmarks/floor.py`, which only
reads every front matter with PyYAML's C loader), or the same change made by hand with git.

    .venv/bin/python benchmarks/run.py                       # 1,000, 10,000, 50,000 articles
    .venv/bin/python benchmarks/run.py --sizes 1000 --runs 3 # a quick look
    .venv/bin/python benchmarks/run.py --sizes 10000 --only steps  # a step against git

Run it with the interpreter editorial is installed in, as a desk runs the command: a virtual
environment (`python3 -m venv .venv && .venv/bin/pip install -e .`). An interpreter whose
site-packages runs start-up hooks (`.pth` files that import modules) adds their time to
every figure; the table's first row, `python -c pass`, shows what start-up costs under the
interpreter used.

Repositories come from `benchmarks/generate.py` and are cached in `benchmarks/repos/`; each
measurement works in a fresh local clone of one, so the cached repositories stay untouched.
"""

from __future__ import annotations

import argparse
import compileall
import itertools
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.generate import PEOPLE, REPOS, generate  # noqa: E402

FLOOR = Path(__file__).resolve().parent / "floor.py"
DEFAULT_SIZES = (1000, 10_000, 50_000)


def editorial_command() -> list[str]:
    """What the installed `editorial` script runs, but importing this checkout."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    module, function = project["project"]["scripts"]["editorial"].split(":")
    return [sys.executable, "-c",
            f"import sys; from {module} import {function}; sys.exit({function}())"]


ENV = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", "COLUMNS": "120",
       "GIT_AUTHOR_NAME": "Dana Desk", "GIT_AUTHOR_EMAIL": "dana@example.org",
       "GIT_COMMITTER_NAME": "Dana Desk", "GIT_COMMITTER_EMAIL": "dana@example.org"}
ENV.pop("GIT_DIR", None)
ENV.pop("GIT_INDEX_FILE", None)
# At a desk: CI is set only where a figure models a CI job.
ENV.pop("CI", None)
CI_ENV = {**ENV, "CI": "true"}


@dataclass
class Sample:
    seconds: float
    max_rss_kb: int
    cpu: float  # user + system seconds of the command itself


def run_once(argv: Sequence[str], cwd: Path, env: dict[str, str] | None = None) -> Sample:
    """Run a command with its output discarded; its wall time and its peak memory. A command
    that fails is a failure of the benchmark."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, cwd=cwd, env=env or ENV, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed in {cwd}: {errors.decode()}")
    return Sample(elapsed, usage.ru_maxrss, usage.ru_utime + usage.ru_stime)


def measure(argv: Sequence[str], cwd: Path, runs: int, *,
            before: Callable[[], object] | None = None,
            after: Callable[[], object] | None = None,
            env: dict[str, str] | None = None) -> Sample:
    """The medians of `runs` runs (wall and CPU seconds) and the largest peak memory."""
    samples = []
    for _ in range(runs):
        if before:
            before()
        samples.append(run_once(argv, cwd, env))
        if after:
            after()
    return median(samples)


def median(samples: Sequence[Sample]) -> Sample:
    """The medians of the runs' wall and CPU seconds, and the largest peak memory."""
    return Sample(statistics.median(sample.seconds for sample in samples),
                  max(sample.max_rss_kb for sample in samples),
                  statistics.median(sample.cpu for sample in samples))


def measure_interleaved(commands: Sequence[tuple[Sequence[str], Path, dict[str, str]]],
                        runs: int) -> list[Sample]:
    """Like `measure` for each command, their runs taken in turn: a ratio between them is
    then not moved by the machine being busier while one was measured than the other."""
    samples: list[list[Sample]] = [[] for _ in commands]
    for _ in range(runs):
        for (argv, cwd, env), found in zip(commands, samples, strict=True):
            found.append(run_once(argv, cwd, env))
    return [median(found) for found in samples]


def shown(sample: Sample, *, memory: bool = False) -> str:
    """Wall time, then CPU time: on a shared machine the second shows what waiting added."""
    text = f"{sample.seconds:.3f} s (cpu {sample.cpu:.3f} s)"
    return text + (f", {sample.max_rss_kb // 1024} MB" if memory else "")


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, env=ENV, check=True, capture_output=True,
                          text=True).stdout


@dataclass
class Row:
    figure: str
    value: str
    baseline: str
    ratio: str
    target: str
    met: bool | None  # None: for information, no target

    @property
    def result(self) -> str:
        return "-" if self.met is None else "pass" if self.met else "MISS"


class Bench:
    def __init__(self, runs: int, workdir: Path) -> None:
        self.runs = runs
        self.workdir = workdir
        self.editorial = editorial_command()
        self.rows: list[Row] = []
        self.ci_clones: dict[int, Path] = {}  # size -> the CI clone of `check_figures`

    def add(self, row: Row) -> None:
        self.rows.append(row)
        print(f"  {row.figure}: {row.value} ({row.ratio} of {row.baseline}) "
              f"target {row.target}: {row.result}", file=sys.stderr, flush=True)

    def clone(self, size: int) -> Path:
        source = generate(size)
        target = self.workdir / f"clone-{size}"
        if target.exists():
            shutil.rmtree(target)
        git(self.workdir, "clone", "-q", str(source), str(target))
        return target

    def floor(self, repo: Path) -> Sample:
        return measure([sys.executable, str(FLOOR), str(repo)], repo, self.runs)

    def status_figures(self, size: int) -> Path:
        repo = self.clone(size)
        cache = repo / ".git" / "editorial"
        floor = self.floor(repo)
        status_json = [*self.editorial, "status", "--all", "--json"]

        def no_cache() -> None:
            shutil.rmtree(cache, ignore_errors=True)

        cold = measure(status_json, repo, self.runs, before=no_cache)
        run_once(status_json, repo)  # leaves the cache behind
        time.sleep(2.5)  # older than the racy window: what a desk sees between two commands
        run_once(status_json, repo)
        warm = measure(status_json, repo, self.runs)
        label = f"{size:,} articles"
        warm_target, cold_target = (0.25, 1.2) if size == 10_000 else (None, None)
        self.add(Row(f"floor, {label}", shown(floor), "-", "-", "-", None))
        for name, sample, target in (("warm", warm, warm_target), ("cold", cold, cold_target)):
            ratio = sample.seconds / floor.seconds
            self.add(Row(f"status --all --json, {label}, {name}", shown(sample, memory=True),
                         "floor", f"{ratio:.2f} x", f"<= {target} x" if target else "-",
                         ratio <= target if target else None))
        table = measure([*self.editorial, "status"], repo, self.runs)
        big = size >= 50_000
        self.add(Row(f"status, {label}, warm", shown(table, memory=True), "floor",
                     f"{table.seconds / floor.seconds:.2f} x",
                     "<= 1.5 s, <= 300 MB" if big else "-",
                     (table.seconds <= 1.5 and table.max_rss_kb <= 300 * 1024) if big else None))
        return repo

    def publish_figure(self, repo: Path, size: int) -> None:
        """`editorial publish` of one ready article against `git add` and `git commit` of
        the same change."""
        ready = self.articles_in(repo, "ready")
        if ready:
            self.step_row("publish one article", size, repo, ready[0],
                          lambda run: ["publish", ready[0]])

    def step_figure(self, repo: Path, size: int) -> None:
        """One step's commit, `assign --editor` on an article in editing, against `git add`
        and `git commit` of the very same change."""
        editing = self.articles_in(repo, "editing")
        if editing:
            self.step_row("a step's commit (assign)", size, repo, editing[0],
                          lambda run: ["assign", editing[0], "--editor",
                                       ("hana", "karim")[run % 2]])

    def articles_in(self, repo: Path, stage: str) -> list[str]:
        listing = subprocess.run([*self.editorial, "status", "--stage", stage, "--json"],
                                 cwd=repo, env=ENV, check=True, capture_output=True, text=True)
        return [article["id"] for article in json.loads(listing.stdout)["articles"]]

    def step_row(self, figure: str, size: int, repo: Path, article: str,
                 arguments: Callable[[int], list[str]]) -> None:
        """The step `arguments(run)` names against `git add` and `git commit` of the very
        same change to the article's file; the two runs taken in turn, each undone before
        the next, so that a busier spell of the machine weighs on both sides."""
        path = repo / "articles" / article / "article.md"
        ours: list[Sample] = []
        hand: list[Sample] = []
        for run in range(self.runs):
            ours.append(run_once([*self.editorial, *arguments(run)], repo))
            changed = path.read_bytes()
            git(repo, "reset", "-q", "--hard", "HEAD~1")
            path.write_bytes(changed)
            hand.append(run_once(["sh", "-c", 'git add "$1" && git commit -q -m step',
                                  "by-hand", str(path)], repo))
            git(repo, "reset", "-q", "--hard", "HEAD~1")
        mine, theirs = median(ours), median(hand)
        ratio = mine.seconds / theirs.seconds
        self.add(Row(f"{figure}, {size:,} articles", shown(mine),
                     f"git add + commit {shown(theirs)}", f"{ratio:.2f} x",
                     "<= 2 x" if size == 10_000 else "-", ratio <= 2 if size == 10_000 else None))

    def check_figures(self, repo: Path, size: int) -> dict[str, Sample]:
        """`check --base main` on a branch where 20 articles took a step, by their people:
        in CI, where the pull request's branch is fetched into a fresh clone (its objects in
        a pack, as a fetch leaves them) and the CI variable is set; and at the desk, in the
        clone where the commands made the branch (its commits loose objects, the work tree
        scanned for uncommitted edits). The CI clone is kept for `check_ratio`."""
        listing = subprocess.run([*self.editorial, "status", "--json"], cwd=repo, env=ENV,
                                 check=True, capture_output=True, text=True)
        steps = {"ready": ("publish", "dana"), "disclaimer": ("disclaim", "hana"),
                 "editing": ("approve", None)}
        git(repo, "checkout", "-q", "-b", "twenty-articles")
        by_stage: dict[str, list[dict[str, str]]] = {stage: [] for stage in steps}
        for article in json.loads(listing.stdout)["articles"]:
            by_stage.get(article["stage"], []).append(article)
        # Taken in turn from each stage, so that every kind of step is in the branch.
        chosen = [article for turn in itertools.zip_longest(*by_stage.values())
                  for article in turn if article is not None][:20]
        if len(chosen) < 20:
            raise RuntimeError(f"only {len(chosen)} articles in {', '.join(steps)}")
        for article in chosen:
            action, person = steps[article["stage"]]
            # Approval needs an editor who did not translate it: take one of the others.
            person = person or next(p for p in ("hana", "karim", "maya")
                                    if p != article["translator"])
            entry = PEOPLE[person]
            env = {**ENV, "GIT_AUTHOR_NAME": str(entry["name"]),
                   "GIT_AUTHOR_EMAIL": str(entry["email"]),
                   "GIT_COMMITTER_NAME": str(entry["name"]),
                   "GIT_COMMITTER_EMAIL": str(entry["email"])}
            run_once([*self.editorial, action, article["id"]], repo, env)
        # The generated texts satisfy every rule: a branch of the commands' own steps passes.
        desk = measure([*self.editorial, "check", "--base", "main"], repo, self.runs)
        ci_clone = self.workdir / f"ci-{size}"
        git(self.workdir, "clone", "-q", "--no-local", "--branch", "twenty-articles",
            str(repo), str(ci_clone))
        ci = measure(self.ci_check, ci_clone, self.runs, env=CI_ENV)
        self.ci_clones[size] = ci_clone
        git(repo, "checkout", "-q", "main")
        target = size == 10_000
        label = f"check --base main, 20 articles changed, {size:,} articles"
        self.add(Row(f"{label}, in CI", shown(ci), "-", "-", "<= 0.5 s" if target else "-",
                     ci.seconds <= 0.5 if target else None))
        self.add(Row(f"{label}, at a desk", shown(desk), "-", "-", "-", None))
        return {"in CI": ci, "at a desk": desk}

    @property
    def ci_check(self) -> list[str]:
        return [*self.editorial, "check", "--base", "origin/main"]

    def check_ratio(self, small: int, large: int,
                    checks: dict[int, dict[str, Sample]]) -> None:
        """`check --base` in CI at the largest size against the smallest, their runs taken in
        turn (three times as many as for one figure); at a desk, from `check_figures`."""
        small_ci, large_ci = measure_interleaved(
            [(self.ci_check, self.ci_clones[size], CI_ENV) for size in (small, large)],
            self.runs * 3)
        for where, (low, high) in (("in CI, runs in turn", (small_ci, large_ci)),
                                   ("at a desk", (checks[small]["at a desk"],
                                                  checks[large]["at a desk"]))):
            ratio = high.seconds / low.seconds
            target = where.startswith("in CI")
            self.add(Row(f"check --base main, {large:,} articles against {small:,}, {where}",
                         shown(high), f"{small:,}: {shown(low)}", f"{ratio:.2f} x",
                         "<= 1.3 x" if target else "-", ratio <= 1.3 if target else None))

    def small_figures(self) -> None:
        python = measure([sys.executable, "-c", "pass"], self.workdir, self.runs * 2)
        version = measure([*self.editorial, "--version"], self.workdir, self.runs * 2)
        self.add(Row("python -c pass (this machine's start-up)", shown(python),
                     "-", "-", "-", None))
        self.add(Row("editorial --version", shown(version), "python start-up",
                     f"{version.seconds / python.seconds:.2f} x", "<= 80 ms",
                     version.seconds <= 0.080))
        empty = self.workdir / "empty"
        shutil.rmtree(empty, ignore_errors=True)
        empty.mkdir()
        # Its own repository: `editorial init` inside another one would commit there.
        git(empty, "init", "-q")
        subprocess.run([*self.editorial, "init", str(empty), "--publication", "Empty"],
                       env=ENV, check=True, capture_output=True)
        status = measure([*self.editorial, "status"], empty, self.runs * 2)
        self.add(Row("status, empty newsroom", shown(status), "python start-up",
                     f"{status.seconds / python.seconds:.2f} x", "<= 200 ms",
                     status.seconds <= 0.200))


def print_table(rows: Sequence[Row]) -> None:
    headers = ("figure", "median", "baseline", "ratio", "target", "result")
    cells = [(row.figure, row.value, row.baseline, row.ratio, row.target, row.result)
             for row in rows]
    widths = [max(len(headers[i]), *(len(cell[i]) for cell in cells)) for i in range(6)]
    print("| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for cell in cells:
        print("| " + " | ".join(c.ljust(w) for c, w in zip(cell, widths, strict=True)) + " |")


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    git_version = git(ROOT, "--version").strip()
    environment = "a virtual environment" if sys.prefix != sys.base_prefix else "no venv"
    return (f"{os.cpu_count()} CPUs ({model}), Python {platform.python_version()} "
            f"({sys.executable}, {environment}), {git_version}, "
            f"{platform.system()} {platform.release()}")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                        help="comma-separated numbers of articles (default: %(default)s)")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (default: 5)")
    parser.add_argument("--only", choices=["steps"],
                        help="steps: only the step commits against git (publish, assign)")
    options = parser.parse_args(argv)
    sizes = [int(size) for size in options.sizes.split(",") if size]
    assert set(PEOPLE) >= {"dana"}
    REPOS.mkdir(exist_ok=True)
    # An installed package has its bytecode compiled; this checkout may not (and
    # PYTHONDONTWRITEBYTECODE would keep every run compiling it again).
    compileall.compile_dir(ROOT / "editorial", quiet=1)
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="work-", dir=REPOS) as scratch:
        bench = Bench(options.runs, Path(scratch))
        steps_only = options.only == "steps"
        if not steps_only:
            print("start-up", file=sys.stderr)
            bench.small_figures()
        checks: dict[int, dict[str, Sample]] = {}
        for size in sizes:
            print(f"{size:,} articles", file=sys.stderr)
            repo = bench.clone(size) if steps_only else bench.status_figures(size)
            bench.publish_figure(repo, size)
            bench.step_figure(repo, size)
            if not steps_only:
                checks[size] = bench.check_figures(repo, size)
            shutil.rmtree(repo)
        if checks and min(checks) < max(checks):
            bench.check_ratio(min(checks), max(checks), checks)
    print(f"machine: {machine()}")
    print(f"runs per figure: {options.runs} (median); load average {load_before:.1f} at the "
          f"start, {os.getloadavg()[0]:.1f} at the end (other work shares the machine)")
    print()
    print_table(bench.rows)
    if any(row.met is False for row in bench.rows):
        sys.exit(1)


if __name__ == "__main__":
    main()
