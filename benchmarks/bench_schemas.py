"""What schema validation costs `editorial check`: importing and building the validators, and
judging one valid article, with jsonschema (what every article paid before) and with
editorial's own verdict (what a valid article pays now).

Each import and build is timed in a fresh process; the per-article figures are the median of
several runs of many validations of one valid article's front matter.

    python benchmarks/bench_schemas.py [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PER_RUN = 200
ARTICLE = {
    "id": "harbour-reopens", "title": "The harbour reopens after the storm",
    "workflow": "translation", "stage": "published", "translator": "nadia", "editor": "omar",
    "source": {"language": "ar", "title": "إعادة فتح الميناء بعد العاصفة", "author": None,
               "outlet": "Al-Sahil", "url": None, "published": "2024-05-01"},
    "created_at": "2024-05-01T09:30:00Z", "updated_at": "2024-05-02T11:00:00Z",
    "published_at": "2024-05-02T11:00:00Z", "scheduled_at": None, "corrections": [],
    "history": [{"at": f"2024-05-0{day}T10:00:00Z", "by": "nadia", "action": action,
                 "from": before, "to": after}
                for day, (action, before, after) in enumerate(
                    [("register", None, "source"), ("claim", "source", "translation"),
                     ("submit", "translation", "editing"), ("approve", "editing", "ready"),
                     ("publish", "ready", "published")], start=1)],
}
BUILD_JSONSCHEMA = ("from jsonschema.validators import validator_for\n"
                    "from editorial.core.schemas import SCHEMA_FILES, schema\n"
                    "for name in SCHEMA_FILES: validator_for(schema(name))(schema(name))\n")
BUILD_VERDICT = ("from editorial.core.schemas import SCHEMA_FILES, verdict\n"
                 "for name in SCHEMA_FILES: verdict(name)\n")


def in_fresh_process(code: str) -> float:
    """Seconds that `code` takes in a new interpreter, beyond importing editorial.core.schemas
    (which check imports either way)."""
    script = ("import time, editorial.core.schemas\n"
              f"start = time.perf_counter()\n{code}"
              "print(time.perf_counter() - start)\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True, cwd=ROOT, env={"PYTHONPATH": str(ROOT)})
    return float(result.stdout)


def per_call(judge: Callable[[], object], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        for _ in range(PER_RUN):
            judge()
        samples.append((time.perf_counter() - start) / PER_RUN)
    return statistics.median(samples)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args(argv).runs

    from jsonschema.validators import validator_for

    from editorial.core.schemas import schema, verdict, violations

    rules = schema("article")
    validator = validator_for(rules)(rules)
    assert validator.is_valid(ARTICLE) and verdict("article")(ARTICLE)
    figures = [
        ("import jsonschema, build the 4 validators (before)",
         statistics.median(in_fresh_process(BUILD_JSONSCHEMA) for _ in range(runs))),
        ("build the 4 verdicts (now)",
         statistics.median(in_fresh_process(BUILD_VERDICT) for _ in range(runs))),
        ("one valid article, jsonschema iter_errors (before)",
         per_call(lambda: list(validator.iter_errors(ARTICLE)), runs)),
        ("one valid article, verdict (now)", per_call(lambda: verdict("article")(ARTICLE), runs)),
        ("one valid article, violations() (now)",
         per_call(lambda: violations("article", ARTICLE), runs)),
    ]
    print(f"median of {runs} runs ({PER_RUN} validations a run for one article)")
    for label, seconds in figures:
        print(f"  {label}: {seconds * 1000:.3f} ms")


if __name__ == "__main__":
    main()
