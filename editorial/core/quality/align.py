"""Align source paragraphs with English paragraphs, to find dropped and merged ones.

A translation keeps the source's paragraphs in order, each English paragraph about a steady
multiple of its source paragraph's length. The alignment is the cheapest path through the
paragraphs where each step pairs one source paragraph with one English paragraph (1-1), or
splits, merges, drops or adds one (1-2, 2-1, 1-0, 0-1); a step costs its kind's improbability
(after Gale and Church, 1993) plus how far the English length strays from the expected
multiple of the source length. The multiple is first the whole texts' ratio, then re-estimated
from the paragraphs paired one to one, and the alignment made again.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from editorial.core.quality import arabic
from editorial.core.quality.text import Paragraph

# -log of how often each kind of step occurs in real translations.
_STEP_COST = {(1, 1): 0.0, (1, 2): 2.3, (2, 1): 2.3, (1, 0): 4.5, (0, 1): 4.5}
# How much an English paragraph's length varies around the expected multiple (log scale).
_SPREAD = 0.3 ** 2
_SMOOTHING = 10  # characters: keeps very short paragraphs (a heading) from dominating


@dataclass(frozen=True)
class Step:
    source: tuple[int, ...]   # indexes into the source paragraphs
    english: tuple[int, ...]  # indexes into the English paragraphs


def length(text: str) -> int:
    """Characters that carry text: no spaces, no diacritics."""
    return sum(1 for char in arabic.normalize(text) if not char.isspace())


def _length_cost(source_length: int, english_length: int, ratio: float) -> float:
    expected = ratio * source_length + _SMOOTHING
    return math.log((english_length + _SMOOTHING) / expected) ** 2 / _SPREAD


def _align(source: Sequence[int], english: Sequence[int], ratio: float) -> list[Step]:
    rows, cols = len(source), len(english)
    infinity = float("inf")
    cost = [[infinity] * (cols + 1) for _ in range(rows + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (cols + 1) for _ in range(rows + 1)]
    cost[0][0] = 0.0
    for i in range(rows + 1):
        for j in range(cols + 1):
            if cost[i][j] == infinity:
                continue
            for (taken_source, taken_english), step_cost in _STEP_COST.items():
                ni, nj = i + taken_source, j + taken_english
                if ni > rows or nj > cols:
                    continue
                total = cost[i][j] + step_cost
                if taken_source and taken_english:
                    total += _length_cost(sum(source[i:ni]), sum(english[j:nj]), ratio)
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
    source_lengths = [length(p.text) for p in source]
    english_lengths = [length(p.text) for p in english]
    total_source = sum(source_lengths)
    if not total_source or not english_lengths:
        return [Step((index,), ()) for index in range(len(source))] + [
            Step((), (index,)) for index in range(len(english))]
    ratio = sum(english_lengths) / total_source
    steps = _align(source_lengths, english_lengths, ratio)
    paired = [(source_lengths[s.source[0]], english_lengths[s.english[0]]) for s in steps
              if len(s.source) == 1 and len(s.english) == 1]
    paired_source = sum(pair[0] for pair in paired)
    if paired_source and len(paired) < len(steps):
        steps = _align(source_lengths, english_lengths,
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
