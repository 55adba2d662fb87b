"""Text as a sequence of units: words, punctuation marks and paragraph breaks.

Each unit keeps the whitespace written before it, so that a diff can be printed back with
the spacing and line breaks of the text it came from. Whitespace holding a blank line is a
paragraph break of its own; whitespace at the start and end of a paragraph is dropped.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal, NamedTuple

from rapidfuzz.distance import Indel, Opcode

Kind = Literal["word", "mark", "break"]

# Letters and digits, and the combining marks Python's \w leaves out: Latin accents, Arabic
# harakat and Quranic marks, and the zero-width joiners of Persian and Urdu spelling.
_WORD_CHAR = r"\w\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u200c\u200d"
# A word may hold an apostrophe (straight or curly) or a hyphen between letters (don't,
# al-Khatib), and a point or comma, Latin or Arabic, between digits (3.5, 12,000).
_WORD = rf"[{_WORD_CHAR}]+(?:(?:['\u2019\-]|[.,\u066b\u066c](?=\d))[{_WORD_CHAR}]+)*"
_UNIT = re.compile(rf"(?P<space>\s*)(?:(?P<word>{_WORD})|(?P<mark>[^\s{_WORD_CHAR}]))")
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")

BREAK_KEY = "\n\n"


class Unit(NamedTuple):
    # A word, a punctuation mark, or BREAK_KEY for a paragraph break: what texts are
    # compared on, so that every paragraph break matches every other.
    text: str
    space: str  # the whitespace before the unit, inside its paragraph
    kind: Kind


PARAGRAPH_BREAK = Unit(BREAK_KEY, "", "break")


def tokenize(text: str) -> list[Unit]:
    units: list[Unit] = []
    append = units.append
    at_paragraph_start = True
    for space, word, mark in _UNIT.findall(text):
        if not at_paragraph_start and "\n" in space and _BLANK_LINE.search(space):
            append(PARAGRAPH_BREAK)
            at_paragraph_start = True
        if at_paragraph_start:
            space = ""
            at_paragraph_start = False
        append(Unit(word, space, "word") if word else Unit(mark, space, "mark"))
    return units


def align(before: list[Unit], after: list[Unit]) -> list[Opcode]:
    """The longest common subsequence of two unit lists, as equal/delete/insert opcodes."""
    vocabulary: dict[str, int] = {}
    return list(Indel.opcodes([vocabulary.setdefault(unit.text, len(vocabulary))
                               for unit in before],
                              [vocabulary.setdefault(unit.text, len(vocabulary))
                               for unit in after]))


def words(units: list[Unit]) -> list[str]:
    return [unit.text for unit in units if unit.kind == "word"]


def direction(text: str) -> Literal["rtl", "ltr"]:
    """The direction of a paragraph, from its first strongly directional character."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"
