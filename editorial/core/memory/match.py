"""Asking the translation memory: matches for an article's paragraphs, and concordance.

A match is exact (score 100) when the normalized texts are equal, fuzzy when rapidfuzz's
ratio of the normalized texts reaches the desk's threshold. Candidates for fuzzy scoring are
only the segments sharing one of the paragraph's rarest word pairs (see `MemoryIndex`), so
that asking stays fast in an archive of many thousand articles.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from editorial.core import frontmatter
from editorial.core.article import SOURCE_FILE, Article
from editorial.core.memory import segments as segmenting
from editorial.core.memory.settings import MemorySettings, memory_settings
from editorial.core.memory.store import MemoryIndex, StoredSegment
from editorial.core.newsroom_root import GLOSSARY_FILE
from editorial.core.quality import arabic
from editorial.core.quality import glossary as glossary_module
from editorial.core.quality.text import Paragraph, paragraphs
from editorial.errors import InvalidDataError, UsageError

if TYPE_CHECKING:
    from editorial.core.newsroom import Newsroom

EXACT = 100
SOURCE_SIDE = "source"
ENGLISH_SIDE = "english"


def segment_json(segment: StoredSegment) -> dict[str, object]:
    return {"article": segment.article, "date": segment.date, "editor": segment.editor,
            "kind": segment.kind, "paragraph": segment.paragraph,
            "sentence": segment.sentence or None, "source": segment.source,
            "english": segment.english}


@dataclass(frozen=True)
class Match:
    score: int
    exact: bool
    segment: StoredSegment

    def to_json(self) -> dict[str, object]:
        return {"score": self.score, "exact": self.exact, **segment_json(self.segment)}


@dataclass(frozen=True)
class TermUse:
    """A glossary term found in a source text, as it is spelled there."""

    term: glossary_module.Term
    found: str

    def to_json(self) -> dict[str, object]:
        return {"found": self.found, **self.term.to_json()}


@dataclass(frozen=True)
class ParagraphMatches:
    paragraph: Paragraph       # the article's source paragraph (its line is in source.md)
    matches: list[Match]       # best first
    terms: list[TermUse]       # the glossary terms in it

    def to_json(self) -> dict[str, object]:
        return {"number": self.paragraph.number, "line": self.paragraph.line,
                "source": self.paragraph.text, "terms": [use.to_json() for use in self.terms],
                "matches": [match.to_json() for match in self.matches]}


@dataclass
class Memory:
    """The memory of one newsroom, up to date, with the desk's settings and glossary."""

    index: MemoryIndex
    settings: MemorySettings
    glossary: glossary_module.Glossary

    @classmethod
    def open(cls, newsroom: Newsroom) -> Memory:
        settings = memory_settings(newsroom.config)
        glossary = glossary_module.load_cached(newsroom.root / GLOSSARY_FILE)
        return cls(MemoryIndex.open(newsroom, settings), settings, glossary)

    def close(self) -> None:
        self.index.close()

    def terms_in(self, text: str) -> list[TermUse]:
        prepared = glossary_module.SourceText.of(text)
        return [TermUse(term, found) for term in self.glossary.terms
                if (found := prepared.contains(term))]

    def best(self, text: str, *, exclude: str | None = None, limit: int = 3) -> list[Match]:
        """The best matches of a source text at or above the threshold, best and then
        newest first; of several renderings into the same English, only the best."""
        wanted = segmenting.normalized(text)
        if not wanted:
            return []
        from rapidfuzz import fuzz  # deferred: start-up time of the other commands

        found: dict[int, Match] = {}
        for segment in self.index.exact(text):
            if segment.article != exclude:
                found[segment.id] = Match(EXACT, True, segment)
        scores: dict[int, int] = {}
        for candidate in self.index.candidates(wanted):
            if candidate.id in found or candidate.article == exclude:
                continue
            score = int(fuzz.ratio(wanted, candidate.normalized))
            if score >= self.settings.threshold:
                scores[candidate.id] = score
        for segment in self.index.by_ids(list(scores)):
            found[segment.id] = Match(scores[segment.id], segment.normalized == wanted,
                                      segment)
        ranked = sorted(found.values(), key=lambda match: match.segment.date or "",
                        reverse=True)
        ranked.sort(key=lambda match: (match.score, match.exact), reverse=True)
        best: dict[str, Match] = {}
        for match in ranked:
            best.setdefault(match.segment.english, match)
        return list(best.values())[:limit]

    def for_article(self, article: Article, *, limit: int = 3) -> list[ParagraphMatches]:
        return [ParagraphMatches(paragraph, self.best(paragraph.text, exclude=article.id,
                                                      limit=limit),
                                 self.terms_in(paragraph.text))
                for paragraph in source_paragraphs(article)]


def source_paragraphs(article: Article) -> list[Paragraph]:
    """The paragraphs of the article's source text, each with its line in source.md."""
    data = article.file_bytes(SOURCE_FILE)
    if data is None:
        raise InvalidDataError("file not found", path=article.source_path)
    document = frontmatter.parse(data, path=article.source_path)
    text = data.decode("utf-8")
    head = len(text) - len(document.body)
    return paragraphs(document.body, first_line=text.count("\n", 0, head) + 1)


def matches_for(newsroom: Newsroom, article: Article, *,
                limit: int = 3) -> list[ParagraphMatches]:
    """For each source paragraph of `article`, its best memory matches (at most `limit`,
    at or above the desk's threshold) and its glossary terms: the one entry point for
    whoever shows memory matches beside an article."""
    memory = Memory.open(newsroom)
    try:
        return memory.for_article(article, limit=limit)
    finally:
        memory.close()


# -- concordance ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Concordance:
    query: str
    side: str                          # SOURCE_SIDE or ENGLISH_SIDE: where it was found
    occurrences: list[StoredSegment]   # newest first
    terms: list[glossary_module.Term]  # the glossary terms the query names

    def to_json(self) -> dict[str, object]:
        return {"query": self.query, "side": self.side,
                "terms": [term.to_json() for term in self.terms],
                "occurrences": [segment_json(segment) for segment in self.occurrences]}


def concordance(newsroom: Newsroom, query: str) -> Concordance:
    """Every segment of the memory where `query` occurs, newest first: in the source when it
    is in Arabic script (its first word with or without joined proclitics, diacritics and
    hamza forms ignored), in the English otherwise (whole words, ignoring case). Where a
    sentence of a paragraph holds it, the sentence stands for the paragraph."""
    phrase = arabic.collapse_whitespace(query)
    memory = Memory.open(newsroom)
    try:
        if arabic.has_arabic(phrase):
            side = SOURCE_SIDE
            words = arabic.words(arabic.fold(phrase))
            if not words:
                raise UsageError(f"nothing to look for in {query!r}")
            found = [segment for segment in memory.index.containing_source(" ".join(words))
                     if _source_holds(segment.source, phrase)]
        else:
            side = ENGLISH_SIDE
            if not segmenting.tokens(phrase):
                raise UsageError(f"nothing to look for in {query!r}",
                                 hint="give a word or phrase, in Arabic or in English")
            pattern = glossary_module.english_pattern(phrase)
            found = [segment for segment in memory.index.containing_english(phrase)
                     if pattern.search(segment.english)]
        terms = memory.glossary.lookup(phrase)
    finally:
        memory.close()
    in_sentences = {(segment.article, segment.paragraph) for segment in found
                    if segment.sentence}
    return Concordance(phrase, side, [segment for segment in found if segment.sentence
                                      or (segment.article, segment.paragraph)
                                      not in in_sentences], terms)


def _source_holds(text: str, phrase: str) -> bool:
    prepared = glossary_module.SourceText.of(text)
    return bool(glossary_module.phrase_positions(phrase, prepared.words, prepared.index))
