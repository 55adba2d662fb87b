"""How long `editorial check --base` takes on a branch that adds 10,000 history entries to one
article: its cost must follow the number of new entries, not their square.

Builds a real newsroom with `editorial init` and `editorial new`, then a branch whose one
commit, by the person the entries name, appends the entries (an editor assigned again and
again: a step of the workflow that every rule can follow), and runs the real command in a
subprocess. Prints the median wall time of the runs, and the time at a tenth of the entries:
linear work takes about ten times as long at ten times the entries.

    python3 benchmarks/bench_history.py [--entries N] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.run import editorial_command

ENTRIES = 10_000
TARGET_SECONDS = 5.0
DANA = {"GIT_AUTHOR_NAME": "Dana Desk", "GIT_AUTHOR_EMAIL": "dana@example.org",
        "GIT_COMMITTER_NAME": "Dana Desk", "GIT_COMMITTER_EMAIL": "dana@example.org"}
PEOPLE = {"dana": {"name": "Dana Desk", "email": "dana@example.org",
                   "roles": ["editor", "publisher"]},
          "hana": {"name": "Hana Editor", "email": "hana@example.org", "roles": ["editor"]}}


def environment(home: Path) -> dict[str, str]:
    root = Path(__file__).resolve().parent.parent
    return {**os.environ, **DANA, "HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1",
            "PYTHONPATH": str(root), "NO_COLOR": "1", "CI": ""}


def run(argv: list[str], cwd: Path, env: dict[str, str]) -> None:
    subprocess.run(argv, cwd=cwd, env=env, check=True, capture_output=True)


def make_branch(folder: Path, entries: int, env: dict[str, str]) -> Path:
    """A newsroom whose branch `many` appends `entries` history entries in one commit."""
    editorial = editorial_command()
    root = folder / "newsroom"
    run([*editorial, "init", str(root), "--publication", "Benchmark"], folder, env)
    config = root / "editorial.yaml"
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    settings["people"] = PEOPLE  # the desk of the benchmark, instead of init's one person
    config.write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
    run(["git", "commit", "-qam", "people"], root, env)
    source = folder / "source.txt"
    source.write_text("نص المصدر.\n", encoding="utf-8")
    run([*editorial, "new", str(source), "--lang", "ar", "--id", "big", "--title", "Big"],
        root, env)
    run(["git", "checkout", "-qb", "many"], root, env)
    article = root / "articles" / "big" / "article.md"
    text = article.read_text(encoding="utf-8")
    head, _, body = text.partition("\n---\n")
    at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    added = "".join(f"  - at: '{at}'\n    by: dana\n    action: assign\n    from: source\n"
                    f"    to: source\n    note: 'editor: hana ({number})'\n"
                    for number in range(entries))
    article.write_text(f"{head}\n{added}---\n{body}", encoding="utf-8")
    run(["git", "commit", "-qam", "many steps"], root, env)
    return root


def median_seconds(root: Path, env: dict[str, str], runs: int) -> float:
    argv = [*editorial_command(), "check", "--base", "main"]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        completed = subprocess.run(argv, cwd=root, env=env, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if completed.returncode != 0:
            raise SystemExit(f"check failed: {completed.stdout}{completed.stderr}")
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=ENTRIES)
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="editorial-bench-") as temporary:
        folder = Path(temporary)
        (folder / "home").mkdir()
        (folder / "home" / ".gitconfig").write_text("[init]\n\tdefaultBranch = main\n")
        env = environment(folder / "home")
        figures = {}
        for entries in (arguments.entries // 10, arguments.entries):
            place = folder / str(entries)
            place.mkdir()
            figures[entries] = median_seconds(make_branch(place, entries, env), env,
                                              arguments.runs)
    for entries, seconds in figures.items():
        print(f"check --base, {entries:,} new history entries: {seconds:.2f} s "
              f"(median of {arguments.runs})")
    measured = figures[arguments.entries]
    print(f"target under {TARGET_SECONDS:.0f} s: "
          f"{'met' if measured < TARGET_SECONDS else 'NOT met'}")
    return 0 if measured < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
