"""How fast the translation memory answers in a large archive: `tm ID` with the index warm,
and the index's update after one new publication, at 10,000 articles (most published).

Clones the generated newsroom (by default /tmp/benchrepos/10000, which `benchmarks/generate.py`
made; it is never modified), builds the memory cold with a first `tm` (the time is printed,
it has no target), runs `tm` warm in a subprocess as a person would, then publishes an
article that is ready with the real `editorial publish` and times the index's update alone,
checking that it worked out the segments of that one article only.

    python3 benchmarks/bench_memory.py [--repo PATH] [--runs N] [--reuse CLONE]

`--reuse CLONE` measures in a clone made before (by this script's clone step, or by hand),
whose memory is built, instead of cloning and building again: the cold build takes minutes.
It publishes one more of its articles each time.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.run import ENV, editorial_command
from editorial.core import listing_cache
from editorial.core.memory.settings import memory_settings
from editorial.core.memory.store import MemoryIndex, index_path
from editorial.core.newsroom import Newsroom

REPO = Path("/tmp/benchrepos/10000")
TM_TARGET_SECONDS = 1.0
UPDATE_TARGET_SECONDS = 1.0


def editorial(root: Path, *args: str) -> float:
    """Run the real command; its wall time."""
    start = time.perf_counter()
    completed = subprocess.run([*editorial_command(), "--repo", str(root), *args], env=ENV,
                               capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if completed.returncode != 0:
        raise SystemExit(f"editorial {' '.join(args)} failed: {completed.stderr}")
    return seconds


def article_in(root: Path, stage: str) -> str:
    for folder in sorted((root / "articles").iterdir(), reverse=True):
        if f"\nstage: {stage}\n" in (folder / "article.md").read_text(encoding="utf-8"):
            return folder.name
    raise SystemExit(f"no article in stage {stage} in {root}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=Path, default=REPO)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--reuse", type=Path, metavar="CLONE",
                        help="a clone whose memory is built: skips the clone and cold build")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="editorial-bench-") as temporary:
        root = arguments.reuse or Path(temporary) / "newsroom"
        if arguments.reuse is None:
            subprocess.run(["git", "clone", "-q", str(arguments.repo), str(root)], check=True)
            # Files checked out long before the memory is first asked, as in a real desk.
            time.sleep(listing_cache.RACY_WINDOW_NS / 1e9 + 0.1)
        asked = article_in(root, "translation")
        cold = editorial(root, "tm", asked, "--json")
        warm = statistics.median(editorial(root, "tm", asked) for _ in range(arguments.runs))
        newsroom = Newsroom(root)
        index = MemoryIndex.open(newsroom, memory_settings(newsroom.config))
        segments = index.segment_count()
        index.close()
        size = path.stat().st_size if (path := index_path(root)) is not None else 0
        published = article_in(root, "ready")
        editorial(root, "--as", "dana", "publish", published)
        time.sleep(listing_cache.RACY_WINDOW_NS / 1e9 + 0.1)
        start = time.perf_counter()
        newsroom = Newsroom(root)  # as a new command reads it: its settings are timed too
        index = MemoryIndex.open(newsroom, memory_settings(newsroom.config))
        update = time.perf_counter() - start
        report = index.report
        index.close()
    if report.segmented != [published]:
        raise SystemExit(f"the update worked out {report.segmented}, not just {published}")
    first = "first tm, index already built" if arguments.reuse else "memory cold build (first tm)"
    print(f"{first}: {cold:.2f} s, {segments:,} segments, index {size / 1e6:.0f} MB")
    print(f"tm warm: {warm:.2f} s (median of {arguments.runs}), target under "
          f"{TM_TARGET_SECONDS:.0f} s: {'met' if warm < TM_TARGET_SECONDS else 'NOT met'}")
    print(f"update after one publication: {update:.2f} s ({len(report.segmented)} article "
          f"segmented, {report.confirmed} read to confirm), target under "
          f"{UPDATE_TARGET_SECONDS:.0f} s: "
          f"{'met' if update < UPDATE_TARGET_SECONDS else 'NOT met'}")
    return 0 if warm < TM_TARGET_SECONDS and update < UPDATE_TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
