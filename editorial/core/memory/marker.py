"""The marker `editorial draft` leaves where a paragraph still needs its English.

`[[untranslated: source text]]` is plain visible text, so that no renderer can hide it
silently (an HTML comment would vanish from a published page, leaving a hole no reader
notices): the `untranslated-paragraph` check rule finds it in translation.md and article.md,
and the workflow's `submit` gate runs that rule, so no marker survives hand-off. Kept apart
from the drafting, which needs the memory's index: `check` loads this module for every run.
"""

from __future__ import annotations

import re

from editorial.core.quality.text import Paragraph, paragraphs

MARKER_START = "[[untranslated:"
MARKER_END = "]]"
_MARKER = re.compile(re.escape(MARKER_START))


def marked(source_text: str) -> str:
    return f"{MARKER_START} {source_text}{MARKER_END}"


def unfinished(body: str, *, first_line: int = 1) -> list[Paragraph]:
    """The paragraphs of an English body still holding an untranslated marker."""
    return [paragraph for paragraph in paragraphs(body, first_line=first_line)
            if _MARKER.search(paragraph.text)]


def marked_text(paragraph: Paragraph) -> str:
    """What the marker in a paragraph holds: the source text left to translate."""
    start = paragraph.text.find(MARKER_START) + len(MARKER_START)
    end = paragraph.text.find(MARKER_END, start)
    return paragraph.text[start:end if end != -1 else None].strip()
