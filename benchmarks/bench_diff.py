"""How long `editorial diff --json` takes to compute on a 5,000-word article.

Measures the work behind the command, not process start: tokenizing both texts, the word
diff and the effort metrics, and serializing the JSON document. The baseline, measured in the
same run on the same texts, is tokenizing both texts and `json.dumps` of their tokens: the
least any word diff has to do. Prints the median of the runs in milliseconds.

    python3 benchmarks/bench_diff.py [--runs N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from editorial.core.review.diff import diff_texts
from editorial.core.review.tokens import tokenize
from editorial.render.jsonout import dumps

WORDS = 5000
EDIT_SHARE = 0.10
TARGET_MS = 100.0
SAMPLE_WORDS = (
    "the city council said on Sunday that a new water pumping station in the eastern district "
    "would serve about families after an outage of months residents told reporters officials "
    "engineers repaired pipes network pressure neighbourhoods authority director announced "
    "ceasefire talks delegation government opposition factions market prices bread flour "
    "hospital school teachers students exams roads electricity fuel shortages winter"
)
EDIT_WORDS = "municipal announced reported roughly nearly restored confirmed local"
VOCABULARY = SAMPLE_WORDS.split()
REPLACEMENTS = EDIT_WORDS.split()


def make_article(rng: random.Random) -> tuple[str, str]:
    """A translation of WORDS words in paragraphs of sentences, and an edit of about 10%."""
    paragraphs: list[list[str]] = []
    count = 0
    while count < WORDS:
        sentences = []
        for _ in range(rng.randint(2, 5)):
            length = rng.randint(8, 28)
            words = [rng.choice(VOCABULARY) for _ in range(length)]
            words[0] = words[0].capitalize()
            if rng.random() < 0.3:
                words.insert(rng.randint(2, length - 1), f"{rng.randint(2, 990)},000")
            sentences.append(" ".join(words[: len(words) // 2]) + ", "
                             + " ".join(words[len(words) // 2:]) + ".")
            count += len(words)
        paragraphs.append(sentences)
    before = "\n\n".join(" ".join(sentences) for sentences in paragraphs) + "\n"

    edited_paragraphs = []
    for sentences in paragraphs:
        text = " ".join(sentences).split(" ")
        out: list[str] = []
        for word in text:
            roll = rng.random()
            if roll < EDIT_SHARE * 0.6:
                out.append(rng.choice(REPLACEMENTS))
            elif roll < EDIT_SHARE * 0.8:
                continue
            elif roll < EDIT_SHARE:
                out += [word, rng.choice(REPLACEMENTS)]
            else:
                out.append(word)
        edited_paragraphs.append(" ".join(out))
    # An editor also splits a long paragraph now and then.
    edited_paragraphs[3] = edited_paragraphs[3].replace(". ", ".\n\n", 1)
    return before, "\n\n".join(edited_paragraphs) + "\n"


def diff_json(before: str, after: str) -> str:
    diff = diff_texts(before, after)
    return dumps({"article": "benchmark", "from": "translation", "to": "current",
                  **diff.to_json()})


def tokens_json(before: str, after: str) -> str:
    return dumps({"before": [unit.text for unit in tokenize(before)],
                  "after": [unit.text for unit in tokenize(after)]})


def median_ms(work: Callable[[str, str], str], before: str, after: str, runs: int) -> float:
    work(before, after)  # warm up: imports, regex compilation
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work(before, after)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs (at least 5)")
    runs = max(5, parser.parse_args().runs)
    before, after = make_article(random.Random(2024))
    stats = diff_texts(before, after).metrics
    print(f"article: {stats.words_before} words before, {stats.words_after} after; "
          f"{stats.edits} word edits (edit rate {stats.edit_rate:.1%})")
    measured = median_ms(diff_json, before, after, runs)
    baseline = median_ms(tokens_json, before, after, runs)
    print(f"diff --json compute: {measured:.1f} ms (median of {runs})")
    print(f"baseline (tokenize both texts + json.dumps of tokens): {baseline:.1f} ms")
    print(f"ratio: {measured / baseline:.1f}x the baseline; target under {TARGET_MS:.0f} ms: "
          f"{'met' if measured < TARGET_MS else 'NOT met'}")
    return 0 if measured < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
