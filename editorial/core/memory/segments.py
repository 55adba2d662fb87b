"""Segments of the translation memory: source text paired with the English it became.

A published article holds its source (source.md) and its edited English (article.md) side by
side. Their paragraphs are aligned as the quality rules align them; each paragraph paired one
to one is a segment, and so is each sentence of such a pair when both paragraphs have the
same number of sentences (more than one), the case where pairing them in order is safe.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from dataclasses import dataclass
from itertools import pairwise

from editorial.core import disclaimer
from editorial.core.quality import arabic
from editorial.core.quality.text import paragraphs

PARAGRAPH = "paragraph"
SENTENCE = "sentence"

# A sentence ends with a full stop, a question or exclamation mark (Arabic's too) and a space.
_SENTENCE_END = re.compile(r"(?<=[.!?\u061f])\s+")
_TOKEN = re.compile(r"[^\W_]+")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Segment:
    kind: str        # PARAGRAPH or SENTENCE
    paragraph: int   # 1-based number of the source paragraph
    sentence: int    # 1-based number of the sentence in it; 0 for a whole paragraph
    source: str
    english: str
    normalized: str  # the source as matching compares it (`normalized`)

    @property
    def exact_key(self) -> int:
        return exact_key_of(self.normalized)


def _ascii_digit(match: re.Match[str]) -> str:
    return str(unicodedata.digit(match.group()))


def tokens(text: str) -> list[str]:
    """The words and numbers of a text as matching compares them: Arabic folded the way the
    quality rules fold it (diacritics, tatweel, hamza and alef forms, alef maqsura, ta
    marbuta), every script's digits as ASCII digits, in lower case."""
    folded = _DIGIT.sub(_ascii_digit, arabic.fold(text)).casefold()
    return _TOKEN.findall(folded)


def normalized(text: str) -> str:
    return " ".join(tokens(text))


def exact_key_of(normalized_text: str) -> int:
    """A number equal for equal normalized texts: what an index looks exact matches up by."""
    return zlib.crc32(normalized_text.encode("utf-8"))


def grams(normalized_text: str) -> set[int]:
    """The word pairs of a normalized text (its one word, if it has one), as numbers: what
    candidates for a fuzzy match must share. A collision only adds a candidate the fuzzy
    score then turns away."""
    words = normalized_text.split()
    pieces = [f"{first} {second}" for first, second in pairwise(words)]
    return {zlib.crc32(piece.encode("utf-8")) for piece in (pieces or words)}


def sentences(text: str) -> list[str]:
    return [piece for piece in _SENTENCE_END.split(arabic.collapse_whitespace(text)) if piece]


def segments(source_body: str, english_body: str) -> list[Segment]:
    """The segments of a source text and its English (its disclaimer left out)."""
    # deferred: start-up time (the alignment's imports are slow, and `tm` needs them only
    # when an article changed)
    from editorial.core.quality import align

    source = paragraphs(source_body)
    english = paragraphs(disclaimer.without(english_body))
    found: list[Segment] = []
    for step in align.align(source, english):
        if len(step.source) != 1 or len(step.english) != 1:
            continue
        source_text = arabic.collapse_whitespace(source[step.source[0]].text)
        english_text = arabic.collapse_whitespace(english[step.english[0]].text)
        number = step.source[0] + 1
        found.append(Segment(PARAGRAPH, number, 0, source_text, english_text,
                             normalized(source_text)))
        source_sentences, english_sentences = sentences(source_text), sentences(english_text)
        if len(source_sentences) > 1 and len(source_sentences) == len(english_sentences):
            found.extend(Segment(SENTENCE, number, index, one_source, one_english,
                                 normalized(one_source))
                         for index, (one_source, one_english)
                         in enumerate(zip(source_sentences, english_sentences, strict=True),
                                      start=1))
    return found
