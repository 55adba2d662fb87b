"""The desk's translation memory: what its archive says each source text was rendered as.

`matches_for(newsroom, article)` is the entry point for showing memory matches beside an
article's paragraphs; `concordance(newsroom, text)` finds a phrase across the archive;
`draft` writes a translator's first draft from both.
"""

from editorial.core.memory.match import (
    Concordance,
    Match,
    Memory,
    ParagraphMatches,
    TermUse,
    concordance,
    matches_for,
)

__all__ = ["Concordance", "Match", "Memory", "ParagraphMatches", "TermUse", "concordance",
           "matches_for"]
