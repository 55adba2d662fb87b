"""Characters that should not be in an English text: Arabic script left untranslated, and
invisible characters (bidi controls, zero-width characters, tatweel, stray byte order marks).

Arabic script that belongs in the English text (a quoted name, a slogan as written) goes
between the ignore markers, on one line or across lines:

    The banner read <!-- editorial:ignore-script -->«حلب لنا»<!-- /editorial:ignore-script -->.

The markers are HTML comments, which a page would not show; every output editorial makes
(the published targets, the feed, the track-changes page) leaves them out, since one that
shows raw HTML as text would print them (see `without_markers`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from editorial.core.quality import arabic
from editorial.core.quality.text import position

IGNORE_START = "<!-- editorial:ignore-script -->"
IGNORE_END = "<!-- /editorial:ignore-script -->"

INVISIBLE = {
    "\u200e": "LEFT-TO-RIGHT MARK", "\u200f": "RIGHT-TO-LEFT MARK",
    "\u061c": "ARABIC LETTER MARK",
    "\u202a": "LEFT-TO-RIGHT EMBEDDING", "\u202b": "RIGHT-TO-LEFT EMBEDDING",
    "\u202c": "POP DIRECTIONAL FORMATTING", "\u202d": "LEFT-TO-RIGHT OVERRIDE",
    "\u202e": "RIGHT-TO-LEFT OVERRIDE",
    "\u2066": "LEFT-TO-RIGHT ISOLATE", "\u2067": "RIGHT-TO-LEFT ISOLATE",
    "\u2068": "FIRST STRONG ISOLATE", "\u2069": "POP DIRECTIONAL ISOLATE",
    "\u200b": "ZERO WIDTH SPACE", "\u200c": "ZERO WIDTH NON-JOINER",
    "\u200d": "ZERO WIDTH JOINER", "\u2060": "WORD JOINER",
    "\ufeff": "BYTE ORDER MARK", "\u0640": "ARABIC TATWEEL",
}
_INVISIBLE = re.compile("[" + "".join(INVISIBLE) + "]")


def without_markers(text: str) -> str:
    """The text as a reader sees it: the ignore markers taken out, what they hold kept."""
    return text.replace(IGNORE_START, "").replace(IGNORE_END, "")


@dataclass(frozen=True)
class Spot:
    line: int
    column: int
    text: str  # what was found there


# A run of Arabic script: words of it, and the tatweel or spaces between them, as one.
_RUN = re.compile(f"{arabic.SCRIPT_CHARACTER}(?:{arabic.SCRIPT_CHARACTER}|{arabic.TATWEEL}"
                  f"|[ \u00a0](?={arabic.SCRIPT_CHARACTER}))*")


def ignored_spans(text: str) -> tuple[list[tuple[int, int]], list[int]]:
    """The (start, end) offsets between ignore markers, and the offsets of start markers
    left unclosed (which ignore nothing)."""
    spans: list[tuple[int, int]] = []
    unclosed: list[int] = []
    search = 0
    while (start := text.find(IGNORE_START, search)) != -1:
        end = text.find(IGNORE_END, start + len(IGNORE_START))
        if end == -1:
            unclosed.append(start)
            break
        spans.append((start, end + len(IGNORE_END)))
        search = end + len(IGNORE_END)
    return spans, unclosed


def arabic_runs(text: str, *, first_line: int = 1) -> tuple[list[Spot], list[Spot]]:
    """Runs of Arabic script outside the ignore markers (words separated by spaces make one
    run), and the unclosed start markers."""
    spans, unclosed = ignored_spans(text)
    found: list[Spot] = []
    # The text between ignored spans, each searched on its own: no run crosses a marker.
    starts = [0, *(end for _, end in spans)]
    ends = [*(start for start, _ in spans), len(text)]
    for start, end in zip(starts, ends, strict=True):
        for match in _RUN.finditer(text, start, end):
            line, column = position(text, match.start(), first_line=first_line)
            found.append(Spot(line, column, match.group()))
    markers = [Spot(*position(text, offset, first_line=first_line), IGNORE_START)
               for offset in unclosed]
    return found, markers


def invisible_characters(text: str, *, first_line: int = 1,
                         at_file_start: bool = False) -> list[Spot]:
    """Every invisible character, with its line and column; a byte order mark is allowed as
    the very first character of a file (`at_file_start`: `text` starts the file)."""
    found = []
    for match in _INVISIBLE.finditer(text):
        if match.group() == "\ufeff" and match.start() == 0 and at_file_start:
            continue
        line, column = position(text, match.start(), first_line=first_line)
        found.append(Spot(line, column, match.group()))
    return found
