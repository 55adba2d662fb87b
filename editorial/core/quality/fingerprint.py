"""Fingerprints of a source text, recorded at hand-off to tell later whether it changed.

Only changes a reader would notice count: whitespace (including how the text is broken into
lines and paragraphs for the whole-text fingerprint), tatweel, diacritics, invisible
formatting characters, Unicode composition and the digits a number is written in ("١٥١٦"
rewritten as "1516" says the same) are ignored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from editorial.core import frontmatter
from editorial.core.quality import arabic
from editorial.core.quality.digits import western
from editorial.core.quality.text import Paragraph, paragraphs
from editorial.errors import EditorialError

PARAGRAPH_HASH_LENGTH = 10
TEXT_HASH_LENGTH = 16


def _digest(text: str, length: int) -> str:
    # deferred: start-up time (OpenSSL's hashes, which a listing never needs)
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def comparable(text: str, *, digits_by_value: bool = True) -> str:
    normalized = arabic.normalize(text)
    return arabic.collapse_whitespace(western(normalized) if digits_by_value else normalized)


def paragraph_hash(text: str, *, digits_by_value: bool = True) -> str:
    return _digest(comparable(text, digits_by_value=digits_by_value), PARAGRAPH_HASH_LENGTH)


def text_hash(body: str, *, digits_by_value: bool = True) -> str:
    """The whole body's fingerprint: its words in order, however the lines are broken."""
    return _digest(comparable(body, digits_by_value=digits_by_value), TEXT_HASH_LENGTH)


# Fingerprints recorded before 0.2 read digits as written ("١٥١٦" and "1516" differed): a
# text matches a recorded fingerprint if it does by either reading, so that an upgrade marks
# no article outdated. Only hand-offs since read a number by its value.
def text_hashes(body: str) -> str:
    """Both readings' `text_hash` of a body, as one string that `matches` takes."""
    return f"{text_hash(body)} {text_hash(body, digits_by_value=False)}"


def matches(recorded: str, hashes: str | None) -> bool:
    """Whether a recorded `text_hash` is one of the readings `text_hashes` gave."""
    return hashes is not None and recorded in hashes.split()


def same_paragraph(recorded: str, text: str) -> bool:
    return recorded in (paragraph_hash(text), paragraph_hash(text, digits_by_value=False))


def file_text_hash(path: Path) -> str | None:
    """`text_hashes` of the body of a Markdown file on disk; None if it cannot be read."""
    try:
        text = path.read_bytes().decode("utf-8")
        parts = frontmatter.split(text, path=path)
    except (OSError, UnicodeDecodeError, EditorialError):
        return None
    return text_hashes(parts[1] if parts is not None else text)


@dataclass(frozen=True)
class Fingerprint:
    text: str                    # text_hash of the body
    paragraphs: tuple[str, ...]  # paragraph_hash of each paragraph, in order

    @classmethod
    def of(cls, body: str) -> Fingerprint:
        return cls(text_hash(body), tuple(paragraph_hash(p.text) for p in paragraphs(body)))


@dataclass(frozen=True)
class Change:
    """Source paragraphs that differ from those recorded: `old` are indexes into the recorded
    hashes, `new` into the current paragraphs (either may be empty)."""

    old: tuple[int, ...]
    new: tuple[int, ...]


def changes(recorded: Sequence[str], current: Sequence[Paragraph]) -> list[Change]:
    """Which current paragraphs replaced, joined or removed which recorded ones."""
    from difflib import SequenceMatcher  # deferred: start-up time (`status` loads this module)

    # Each current paragraph by the reading its recorded counterpart used, where one does.
    hashes = [next((old for old in recorded if same_paragraph(old, p.text)),
                   paragraph_hash(p.text)) for p in current]
    matcher = SequenceMatcher(a=list(recorded), b=hashes, autojunk=False)
    return [Change(tuple(range(i1, i2)), tuple(range(j1, j2)))
            for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


# The article.md front matter keys the fingerprint is recorded under at hand-off.
TEXT_KEY = "source_hash"
PARAGRAPHS_KEY = "source_paragraphs"
