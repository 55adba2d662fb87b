"""Align source paragraphs with English paragraphs, to find dropped and merged ones.

A translation keeps the source's paragraphs in order, each English paragraph about a steady
multiple of its source paragraph's length. The alignment is the cheapest path through the
paragraphs where each step pairs one source paragraph with one English paragraph (1-1), or
splits, merges, drops or adds one (1-2, 2-1, 1-0, 0-1); a step costs its kind's improbability
(after Gale and Church, 1993) plus how far the English length strays from the expected
multiple of the source length. The multiple is first the whole texts' ratio, then re-estimated
from the paragraphs paired one to one, and the alignment made again.

Lengths alone cannot tell which of several similar paragraphs was dropped, so numbers serve
as anchors: pairing a source paragraph with English text that has its numbers costs less,
with English text that lacks them costs more.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from editorial.core.quality import arabic
from editorial.core.quality.numbers import english_numbers, source_numbers
from editorial.core.quality.text import Paragraph

# -log of how often each kind of step occurs in real translations.
_STEP_COST = {(1, 1): 0.0, (1, 2): 2.3, (2, 1): 2.3, (1, 0): 4.5, (0, 1): 4.5}
# How much an English paragraph's length varies around the expected multiple, as a variance
# of the log ratio: long paragraphs keep closer to it than short ones.
_SPREAD_PER_CHAR = 15.0
_MIN_SPREAD = 0.12 ** 2
_SMOOTHING = 10  # characters: keeps very short paragraphs (a heading) from dominating
# Per source number found (a reward) or not found (a cost) in the English paragraphs paired
# with its paragraph.
_FOUND_NUMBER = -1.0
_MISSING_NUMBER = 2.0


@dataclass(frozen=True)
class Step:
    source: tuple[int, ...]   # indexes into the source paragraphs
    english: tuple[int, ...]  # indexes into the English paragraphs


def length(text: str) -> int:
    """Characters that carry text: no spaces, no diacritics."""
    # str.split() splits at exactly the characters str.isspace() accepts.
    return len("".join(arabic.normalize(text).split()))


def _expectation(source_length: int, ratio: float) -> tuple[float, float]:
    """What a source run's length leads to expect of the English: its length (smoothed) and
    how far it may stray, as a variance of the log ratio."""
    return (ratio * source_length + _SMOOTHING,
            max(_MIN_SPREAD, _SPREAD_PER_CHAR / (source_length + 1)))


@dataclass(frozen=True)
class _Side:
    lengths: list[int]
    numbers: list[frozenset[Decimal]]

    def runs(self, width: int) -> list[tuple[int, frozenset[Decimal]]]:
        """The length and the numbers of every run of `width` (1 or 2) paragraphs, by the
        index it starts at: worked out once, where each step of the alignment would ask
        again."""
        if width == 1:
            return list(zip(self.lengths, self.numbers, strict=True))
        return [(self.lengths[start] + self.lengths[start + 1],
                 self.numbers[start] | self.numbers[start + 1])
                for start in range(len(self.lengths) - 1)]


# The kinds of step as (source paragraphs taken, English paragraphs taken, cost), in the order
# they are tried: on a tie the first one tried stays.
_STEPS = [(taken_source, taken_english, step_cost)
          for (taken_source, taken_english), step_cost in _STEP_COST.items()]


def _align(source: _Side, english: _Side, ratio: float) -> list[Step]:
    rows, cols = len(source.lengths), len(english.lengths)
    # By width, then by start: the expected English length and spread of each source run,
    # with its numbers; the smoothed length of each English run, with its numbers.
    source_runs = [[], *([(*_expectation(length, ratio), numbers)
                          for length, numbers in source.runs(width)] for width in (1, 2))]
    english_runs = [[], *([(length + _SMOOTHING, numbers)
                           for length, numbers in english.runs(width)] for width in (1, 2))]
    log = math.log
    infinity = float("inf")
    cost = [[infinity] * (cols + 1) for _ in range(rows + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (cols + 1) for _ in range(rows + 1)]
    cost[0][0] = 0.0
    for i in range(rows + 1):
        for j in range(cols + 1):
            here = cost[i][j]
            if here == infinity:
                continue
            for taken_source, taken_english, step_cost in _STEPS:
                ni, nj = i + taken_source, j + taken_english
                if ni > rows or nj > cols:
                    continue
                total = here + step_cost
                if taken_source and taken_english:
                    # A pairing costs how far the English length strays from the expected
                    # one, less the source's numbers found in the English, plus those not.
                    expected, spread, wanted = source_runs[taken_source][i]
                    english_length, stated = english_runs[taken_english][j]
                    pair_cost = log(english_length / expected) ** 2 / spread
                    if wanted:
                        found = len(wanted & stated)
                        pair_cost += _FOUND_NUMBER * found + _MISSING_NUMBER * (len(wanted)
                                                                                 - found)
                    total += pair_cost
                if total < cost[ni][nj]:
                    cost[ni][nj] = total
                    back[ni][nj] = (taken_source, taken_english)
    steps: list[Step] = []
    i, j = rows, cols
    while i or j:
        taken = back[i][j]
        assert taken is not None
        steps.append(Step(tuple(range(i - taken[0], i)), tuple(range(j - taken[1], j))))
        i, j = i - taken[0], j - taken[1]
    steps.reverse()
    return steps


def align(source: Sequence[Paragraph], english: Sequence[Paragraph]) -> list[Step]:
    source_side = _Side([length(p.text) for p in source],
                        [frozenset(n.value for n in source_numbers(p.text)) for p in source])
    english_side = _Side([length(p.text) for p in english],
                         [english_numbers(p.text) for p in english])
    total_source = sum(source_side.lengths)
    if not total_source or not english_side.lengths:
        return [Step((index,), ()) for index in range(len(source))] + [
            Step((), (index,)) for index in range(len(english))]
    ratio = sum(english_side.lengths) / total_source
    steps = _align(source_side, english_side, ratio)
    paired = [(source_side.lengths[s.source[0]], english_side.lengths[s.english[0]])
              for s in steps if len(s.source) == 1 and len(s.english) == 1]
    paired_source = sum(pair[0] for pair in paired)
    if paired_source and len(paired) < len(steps):
        steps = _align(source_side, english_side,
                       sum(pair[1] for pair in paired) / paired_source)
    return steps


def counterpart(steps: Sequence[Step], source_index: int) -> int | None:
    """The English paragraph a source paragraph went into, or, when it was dropped, the
    English paragraph where it should have been (the next one, else the last)."""
    last: int | None = None
    for position, step in enumerate(steps):
        if step.english:
            last = step.english[-1]
        if source_index in step.source:
            if step.english:
                return step.english[0]
            for later in steps[position + 1:]:
                if later.english:
                    return later.english[0]
            return last
    return last
