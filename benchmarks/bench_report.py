"""How long `editorial report --html` takes on a generated newsroom, against `status --all
--json` measured in the same run: the dashboard reads the same listing and adds the stats
figures and the page, so it must stay within 3 x the listing.

Works in a fresh local clone of the cached generated repository (`benchmarks/generate.py`,
or `--repos` for another cache), warms both commands' caches once, then takes their runs in
turn (so a machine busier during one command's runs than the other's does not move the
ratio) and prints the medians and their ratio against the target.

    .venv/bin/python benchmarks/bench_report.py [--size N] [--runs N] [--repos DIR]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import REPOS, generate
from benchmarks.run import ENV, editorial_command, git, measure_interleaved, run_once, shown

SIZE = 10_000
TARGET_RATIO = 3.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=SIZE)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--repos", type=Path, default=REPOS,
                        help="the folder of cached generated repositories")
    arguments = parser.parse_args()
    source = generate(arguments.size, repos=arguments.repos)
    editorial = editorial_command()
    with tempfile.TemporaryDirectory(prefix="editorial-bench-report-") as temporary:
        clone = Path(temporary) / "newsroom"
        git(Path(temporary), "clone", "-q", str(source), str(clone))
        site = Path(temporary) / "site"
        status = [*editorial, "status", "--all", "--json"]
        report = [*editorial, "report", "--html", str(site)]
        for argv in (status, report):
            run_once(argv, clone)  # the caches a desk's second command finds
        listing, dashboard = measure_interleaved([(status, clone, ENV), (report, clone, ENV)],
                                                 arguments.runs)
        size = (site / "index.html").stat().st_size
        listed = json.loads(subprocess.run(status, cwd=clone, env=ENV, check=True,
                                           capture_output=True, text=True).stdout)
        problems = looked_at(site / "index.html",
                             Counter(article["stage"] for article in listed["articles"]))
    ratio = dashboard.seconds / listing.seconds
    met = ratio <= TARGET_RATIO
    print(f"status --all --json, {arguments.size:,} articles: {shown(listing, memory=True)}")
    print(f"report --html, {arguments.size:,} articles: {shown(dashboard, memory=True)}, "
          f"page {size // 1024} KB")
    print(f"ratio {ratio:.2f} x status --all --json (median of {arguments.runs}), target "
          f"<= {TARGET_RATIO:g} x: {'met' if met else 'NOT met'}")
    print("in Chromium: " + ("every column with its count, Arabic right to left, no network "
                             "request, no console error" if not problems
                             else "; ".join(problems)))
    return 0 if met and not problems else 1


COLUMNS = """() => [...document.querySelectorAll('.column')].map(column => {
    const box = column.getBoundingClientRect();
    return [column.dataset.stage, Number(column.querySelector('.count').textContent),
            box.width > 0 && box.height > 0 && getComputedStyle(column).visibility === 'visible'];
})"""
ORIGINALS = """() => [...document.querySelectorAll('.card .original')].map(
    element => getComputedStyle(element).direction)"""


def looked_at(page: Path, counts: Counter[str]) -> list[str]:
    """What is wrong with the page as Chromium lays it out; nothing when all is well."""
    from testing.browser import visit

    with visit(page, width=1600) as seen:
        columns = seen.evaluate(COLUMNS)
        directions = seen.evaluate(ORIGINALS)
    problems = []
    assert isinstance(columns, list) and isinstance(directions, list)
    shown_counts = {stage: count for stage, count, _ in columns}
    if any(shown_counts.get(stage, 0) != count for stage, count in counts.items()):
        problems.append(f"column counts {shown_counts} are not status's {dict(counts)}")
    problems += [f"column {stage} is not laid out" for stage, _, visible in columns
                 if not visible]
    if not directions or set(directions) != {"rtl"}:
        problems.append(f"original headlines laid out {sorted(set(directions))}")
    if seen.network_requests:
        problems.append(f"requests to the network: {seen.network_requests[:3]}")
    if seen.console_errors:
        problems.append(f"console errors: {seen.console_errors[:3]}")
    return problems


if __name__ == "__main__":
    sys.exit(main())
