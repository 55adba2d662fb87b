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
import sys
import tempfile
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
    ratio = dashboard.seconds / listing.seconds
    met = ratio <= TARGET_RATIO
    print(f"status --all --json, {arguments.size:,} articles: {shown(listing, memory=True)}")
    print(f"report --html, {arguments.size:,} articles: {shown(dashboard, memory=True)}, "
          f"page {size // 1024} KB")
    print(f"ratio {ratio:.2f} x status --all --json (median of {arguments.runs}), target "
          f"<= {TARGET_RATIO:g} x: {'met' if met else 'NOT met'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
