"""Text as a sequence of units: words, punctuation marks and paragraph breaks.

Each unit keeps the whitespace written before it, so that a diff can be printed back with
the spacing and line breaks of the text it came from. Whitespace holding a blank line is a
paragraph break of its own; whitespace at the start and end of a paragraph is dropped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

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


@dataclass(frozen=True, slots=True)
class Unit:
    text: str
    space: str  # the whitespace before the unit, inside its paragraph
    kind: Kind

    @property
    def key(self) -> str:
        """What two texts are compared on: the unit itself, and any paragraph break alike."""
        return BREAK_KEY if self.kind == "break" else self.text


PARAGRAPH_BREAK = Unit(BREAK_KEY, "", "break")


def tokenize(text: str) -> list[Unit]:
    units: list[Unit] = []
    for match in _UNIT.finditer(text):
        space = match["space"]
        if _BLANK_LINE.search(space):
            if units and units[-1].kind != "break":
                units.append(PARAGRAPH_BREAK)
            space = ""
        elif not units or units[-1].kind == "break":
            space = ""
        if match["word"] is not None:
            units.append(Unit(match["word"], space, "word"))
        else:
            units.append(Unit(match["mark"], space, "mark"))
    return units


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
