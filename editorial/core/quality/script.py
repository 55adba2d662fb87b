"""Characters that should not be in an English text: Arabic script left untranslated (letters,
digits, and the Arabic blocks' punctuation and symbols, such as ، ؛ ؟ ٪), and invisible
characters: every format character (Unicode category Cf: bidi controls, zero-width
characters, the soft hyphen, invisible operators such as U+2063, a stray byte order mark),
every other default-ignorable code point (the combining grapheme joiner U+034F, variation
selectors, Hangul fillers), and tatweel.

Invisible characters a text needs are not reported: the zero width joiner between two emoji
and a variation selector after an emoji or a keycap digit (emoji sequences such as 👩‍⚕️ and
1️⃣), the tag characters of a subdivision flag (🏴 and its tags), and a byte order mark as the
first character of a file. A desk allows others in editorial.yaml (`allowed_characters`).

Arabic script that belongs in the English text (a quoted name, a slogan as written) goes
between the ignore markers, on one line or across lines:

    The banner read <!-- editorial:ignore-script -->«حلب لنا»<!-- /editorial:ignore-script -->.

The markers are HTML comments, which a page would not show; every output editorial makes
(the published targets, the feed, the track-changes page) leaves them out, since one that
shows raw HTML as text would print them (see `without_markers`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from editorial.core.quality import arabic
from editorial.core.quality.text import position

if TYPE_CHECKING:
    from editorial.core.config import Config

IGNORE_START = "<!-- editorial:ignore-script -->"
IGNORE_END = "<!-- /editorial:ignore-script -->"

# Default-ignorable code points that are not format characters (Cf), from Unicode's
# DerivedCoreProperties.txt: the unicodedata module has no such property.
_IGNORABLE_NOT_FORMAT = ((0x034F, 0x034F), (0x115F, 0x1160), (0x17B4, 0x17B5),
                         (0x180B, 0x180F), (0x2060, 0x206F), (0x3164, 0x3164),
                         (0xFE00, 0xFE0F), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8),
                         (0xE0000, 0xE0FFF))
# Names for messages where Unicode's name says less than the use: U+FEFF is the byte order
# mark to anyone who meets it in a text; unassigned code points have no name.
_NAMES = {"\ufeff": "BYTE ORDER MARK"}
_ZERO_WIDTH_JOINER = "\u200d"
_VARIATION_SELECTORS = "\ufe0e\ufe0f"
_KEYCAP = "\u20e3"
_BLACK_FLAG = "\U0001f3f4"
_TAGS = (0xE0020, 0xE007F)
# Where to look: every character outside ASCII, whose category is then asked; an English
# text has few of them, so the question costs next to nothing.
_NON_ASCII = re.compile("[^\x00-\x7f]")


def is_invisible(character: str) -> bool:
    """Whether a character shows nothing in a text: a format character (Cf), another
    default-ignorable code point, or tatweel."""
    if character == arabic.TATWEEL or unicodedata.category(character) == "Cf":
        return True
    code = ord(character)
    return any(low <= code <= high for low, high in _IGNORABLE_NOT_FORMAT)


def character_name(character: str) -> str:
    """`U+200F RIGHT-TO-LEFT MARK`: the code point and its name, for messages."""
    name = _NAMES.get(character) or unicodedata.name(character, "") or "(unassigned)"
    return f"U+{ord(character):04X} {name}"


def _emoji(character: str) -> bool:
    """A pictograph or other symbol an emoji sequence is made of (approximately Unicode's
    Extended_Pictographic, which unicodedata does not have: symbols, and everything from the
    emoji planes on)."""
    return ord(character) >= 0x1F000 or unicodedata.category(character) == "So"


def _in_emoji_sequence(text: str, offset: int) -> bool:
    """Whether the invisible character at `offset` belongs to an emoji sequence."""
    character = text[offset]
    before = text[offset - 1] if offset else ""
    after = text[offset + 1] if offset + 1 < len(text) else ""
    if character == _ZERO_WIDTH_JOINER:
        return bool(before and after) and (_emoji(before) or before in _VARIATION_SELECTORS) \
            and _emoji(after)
    if character in _VARIATION_SELECTORS:
        return bool(before) and (_emoji(before) or (before in "0123456789#*"
                                                    and after == _KEYCAP))
    if _TAGS[0] <= ord(character) <= _TAGS[1]:
        start = offset
        while start and _TAGS[0] <= ord(text[start - 1]) <= _TAGS[1]:
            start -= 1
        return start > 0 and text[start - 1] == _BLACK_FLAG
    return False


def without_markers(text: str) -> str:
    """The text as a reader sees it: the ignore markers taken out, what they hold kept."""
    return text.replace(IGNORE_START, "").replace(IGNORE_END, "")


@dataclass(frozen=True)
class Spot:
    line: int
    column: int
    text: str  # what was found there


# A run of Arabic script: words of it, its punctuation, and the tatweel or spaces between
# them, as one.
_SCRIPT = f"(?:{arabic.SCRIPT_CHARACTER}|{arabic.SCRIPT_SIGN})"
_RUN = re.compile(f"{_SCRIPT}(?:{_SCRIPT}|{arabic.TATWEEL}|[ \u00a0](?={_SCRIPT}))*")
# What an English text writes for the Arabic script's punctuation and digits.
_LATIN = str.maketrans({
    "\u060c": ",", "\u061b": ";", "\u061f": "?", "\u066a": "%", "\u066b": ".",
    "\u066c": ",", "\u06d4": ".", "\u066d": "*",
    **{chr(0x0660 + digit): str(digit) for digit in range(10)},
    **{chr(0x06F0 + digit): str(digit) for digit in range(10)}})


def latin_equivalent(run: str) -> str | None:
    """What to write in English for a run of Arabic punctuation and digits (no letters):
    "%" for ٪, "12" for ١٢; None when a character of it has no plain equivalent."""
    written = run.translate(_LATIN)
    return written if written.isascii() and not arabic.has_arabic(run) else None


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


def invisible_characters(text: str, *, first_line: int = 1, at_file_start: bool = False,
                         allowed: frozenset[str] = frozenset()) -> list[Spot]:
    """Every invisible character, with its line and column, but those of an emoji sequence,
    those in `allowed`, and a byte order mark as the very first character of a file
    (`at_file_start`: `text` starts the file)."""
    found = []
    for match in _NON_ASCII.finditer(text):
        character, offset = match.group(), match.start()
        if character in allowed or not is_invisible(character):
            continue
        if (character == "\ufeff" and offset == 0 and at_file_start) \
                or _in_emoji_sequence(text, offset):
            continue
        line, column = position(text, offset, first_line=first_line)
        found.append(Spot(line, column, character))
    return found


ALLOWED_KEY = ("quality", "allowed_characters")
_CODE_POINT = re.compile(r"U\+([0-9A-Fa-f]{4,6})")


def allowed_characters(config: Config) -> frozenset[str]:
    """The invisible characters the desk allows in its English texts, from
    `quality: {allowed_characters: [U+200F, ...]}` in editorial.yaml."""
    values = config.section(ALLOWED_KEY[0]).get(ALLOWED_KEY[1], [])
    hint = "e.g. quality: {allowed_characters: [U+00AD, U+200D]}"
    if not isinstance(values, list):
        raise config.error(f"{'.'.join(ALLOWED_KEY)} must be a list of code points, {hint}",
                           ALLOWED_KEY)
    allowed = set()
    for index, value in enumerate(values):
        match = _CODE_POINT.fullmatch(value) if isinstance(value, str) else None
        code = int(match.group(1), 16) if match else None
        if code is None or code > 0x10FFFF:
            raise config.error(f"{'.'.join(ALLOWED_KEY)}[{index}] is not a code point "
                               f"written U+XXXX: {value!r}; {hint}", (*ALLOWED_KEY, index))
        if not is_invisible(chr(code)):
            raise config.error(f"{'.'.join(ALLOWED_KEY)}[{index}]: {character_name(chr(code))} "
                               "is not an invisible character, which is all this list "
                               "allows", (*ALLOWED_KEY, index))
        allowed.add(chr(code))
    return frozenset(allowed)
