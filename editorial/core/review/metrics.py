"""Post-editing effort: how many words an editor inserted, deleted and substituted.

The word alignment is a Levenshtein edit script over the two texts' words (rapidfuzz), so the
counts are the fewest single-word edits that turn the translation into the edited text. Words
are compared exactly: a changed capital is a substitution. Punctuation is not counted as
words; a change to it shows in the character similarity.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz.distance import Indel, Levenshtein, Opcode

from editorial.core.review.tokens import Unit, align, tokenize, words

# The keys recorded under `edit_metrics` in front matter and shown under `stats` in JSON.
METRIC_KEYS = ("words_before", "words_after", "inserted", "deleted", "substituted",
               "edit_rate", "char_similarity")


@dataclass(frozen=True)
class EditMetrics:
    words_before: int
    words_after: int
    inserted: int
    deleted: int
    substituted: int
    # (inserted + deleted + substituted) / words_after: an HTER-style rate against the final
    # text. None when the final text has no words, where the rate means nothing.
    edit_rate: float | None
    # Indel similarity of the texts' characters, whitespace aside: 1.0 is unchanged.
    char_similarity: float

    @property
    def edits(self) -> int:
        return self.inserted + self.deleted + self.substituted

    def to_json(self) -> dict[str, Any]:
        return {key: getattr(self, key) for key in METRIC_KEYS}

    @classmethod
    def from_json(cls, value: object) -> EditMetrics | None:
        """The figures `to_json` recorded, None where front matter does not hold them whole
        (an article approved before they were kept, or edited by hand)."""
        if not isinstance(value, dict):
            return None
        counts, rate = METRIC_KEYS[:5], value.get("edit_rate")
        similarity = value.get("char_similarity")
        if not (all(isinstance(value.get(key), int) and _is_number(value.get(key))
                    for key in counts)
                and (rate is None or _is_number(rate)) and _is_number(similarity)):
            return None
        return cls(**{key: value[key] for key in counts},
                   edit_rate=None if rate is None else float(rate),
                   char_similarity=float(value["char_similarity"]))


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def word_alignment(before: Sequence[str], after: Sequence[str]) -> tuple[int, int, int]:
    """(inserted, deleted, substituted) in a shortest word edit script."""
    codes = _codes(before, after)
    counts = {"insert": 0, "delete": 0, "replace": 0}
    for operation in Levenshtein.editops(*codes):
        counts[operation.tag] += 1
    return counts["insert"], counts["delete"], counts["replace"]


def _codes(before: Sequence[str], after: Sequence[str]) -> tuple[list[int], list[int]]:
    # Small integers align faster than strings and compare the same.
    vocabulary: dict[str, int] = {}
    return ([vocabulary.setdefault(word, len(vocabulary)) for word in before],
            [vocabulary.setdefault(word, len(vocabulary)) for word in after])


def char_similarity(before: list[Unit], after: list[Unit], alignment: list[Opcode]) -> float:
    """Indel similarity of the texts' characters, whitespace aside: twice the characters the
    texts have in common, in order, over all their characters (1.0 is unchanged).

    The characters are matched along the word alignment: equal stretches in full, each
    changed stretch against what replaced it. This is the whole-text figure whenever the
    character alignment follows the word alignment, as it does for edited prose, and it costs
    a fraction of comparing two long texts character by character.
    """
    total = sum(len(u.text) for u in before if u.kind != "break") + sum(
        len(u.text) for u in after if u.kind != "break")
    if not total:
        return 1.0
    common = 0
    deleted: list[str] = []
    inserted: list[str] = []
    for opcode in alignment:
        if opcode.tag == "delete":
            deleted += [u.text for u in before[opcode.src_start:opcode.src_end]
                        if u.kind != "break"]
        elif opcode.tag == "insert":
            inserted += [u.text for u in after[opcode.dest_start:opcode.dest_end]
                         if u.kind != "break"]
        else:
            common += 2 * sum(len(u.text) for u in before[opcode.src_start:opcode.src_end]
                              if u.kind != "break")
            if deleted and inserted:
                common += Indel.similarity("".join(deleted), "".join(inserted))
            deleted, inserted = [], []
    if deleted and inserted:
        common += Indel.similarity("".join(deleted), "".join(inserted))
    return common / total


def measure_units(before: list[Unit], after: list[Unit], alignment: list[Opcode]) -> EditMetrics:
    """The metrics of two tokenized texts, given their unit alignment (tokens.align)."""
    before_words, after_words = words(before), words(after)
    inserted, deleted, substituted = word_alignment(before_words, after_words)
    edits = inserted + deleted + substituted
    rate = round(edits / len(after_words), 4) if after_words else None
    return EditMetrics(
        words_before=len(before_words), words_after=len(after_words), inserted=inserted,
        deleted=deleted, substituted=substituted, edit_rate=rate,
        char_similarity=round(char_similarity(before, after, alignment), 4),
    )


def measure(before_text: str, after_text: str) -> EditMetrics:
    """The effort it took to turn `before_text` into `after_text`."""
    before, after = tokenize(before_text), tokenize(after_text)
    return measure_units(before, after, align(before, after))
