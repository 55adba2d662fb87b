"""The desk's translation memory: what its archive says each source text was rendered as.

`matches_for(newsroom, article)` is the entry point for showing memory matches beside an
article's paragraphs; `concordance(newsroom, text)` finds a phrase across the archive;
`draft` writes a translator's first draft from both.

The names are loaded on first use: `check` imports this package for the draft marker alone,
and should not pay for the index's SQLite and matching code at every start.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(importlib.import_module("editorial.core.memory.match"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
