"""Paragraphs of a Markdown body, each with the file line it starts on."""

from __future__ import annotations

import re
from dataclasses import dataclass

_BLANK = re.compile(r"[ \t\u00a0]*")


@dataclass(frozen=True)
class Paragraph:
    number: int   # 1-based position among the paragraphs
    line: int     # file line of its first line
    text: str     # its lines joined with "\n", without the line ends


def paragraphs(body: str, *, first_line: int = 1) -> list[Paragraph]:
    """Blocks of non-blank lines separated by blank lines; `first_line` is the file line of
    the body's first line, so that a paragraph's line points into the file."""
    found: list[Paragraph] = []
    current: list[str] = []
    start = first_line
    # Only "\n" ends a line, as in the file: splitlines() would also split at U+2028 and
    # others, and the lines would no longer be the file's.
    for offset, raw_line in enumerate(body.split("\n")):
        line = raw_line.removesuffix("\r")
        if _BLANK.fullmatch(line):
            if current:
                found.append(Paragraph(len(found) + 1, start, "\n".join(current)))
                current = []
            continue
        if not current:
            start = first_line + offset
        current.append(line)
    if current:
        found.append(Paragraph(len(found) + 1, start, "\n".join(current)))
    return found


def excerpt(text: str, limit: int = 60) -> str:
    """A one-line excerpt of at most `limit` characters, for messages."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def position(text: str, offset: int, *, first_line: int = 1) -> tuple[int, int]:
    """The file line and 1-based column of a character offset into `text`."""
    line_start = text.rfind("\n", 0, offset) + 1
    return first_line + text.count("\n", 0, offset), offset - line_start + 1


def word_diff(old: str, new: str, *, limit: int = 160) -> str:
    """The words that changed between two texts, as `[-removed-] {+added+}` pieces, joined
    with " … " and cut at `limit` characters: a diff small enough for one message line."""
    from difflib import SequenceMatcher  # deferred: start-up time (`status` loads this module)

    old_words, new_words = old.split(), new.split()
    pieces = []
    matcher = SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        piece = []
        if i2 > i1:
            piece.append("[-" + " ".join(old_words[i1:i2]) + "-]")
        if j2 > j1:
            piece.append("{+" + " ".join(new_words[j1:j2]) + "+}")
        pieces.append(" ".join(piece))
    return excerpt(" … ".join(pieces), limit)
