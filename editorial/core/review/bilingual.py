"""What the bilingual review page shows: one row per source paragraph, with the translator's
text and the edited text aligned to it, the changes between the two, the glossary terms of
the paragraph, the `check` findings about it and, when given, translation memory matches.

Rows follow the source. Each side (translation.md, article.md) is aligned with the source
paragraphs on its own (`quality.align`); an English paragraph goes to the row of the first
source paragraph of its alignment step, and English the source does not have (an added
paragraph) to the row before it. The changes of a row are a word diff of the row's two
English texts, so an editor's moving a sentence between paragraphs shows as a deletion in
one row and an insertion in another, which is what happened.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from editorial.core.article import ARTICLE_FILE, SOURCE_FILE, TRANSLATION_FILE, Article
from editorial.core.checks.base import Problem, run_rules
from editorial.core.checks.quality import Body, article_check, body_of
from editorial.core.checks.runner import configured_severities
from editorial.core.newsroom_root import GLOSSARY_FILE
from editorial.core.quality import align, arabic
from editorial.core.quality import glossary as glossary_module
from editorial.core.quality.script import without_markers
from editorial.core.quality.text import Paragraph
from editorial.core.review.diff import TextDiff, diff_texts
from editorial.errors import RefusedError

if TYPE_CHECKING:
    from editorial.core.newsroom import Newsroom

MarkKind = Literal["term", "wrong"]


@dataclass(frozen=True)
class Mark:
    """A span of a text to highlight: a glossary term, or a rendering the glossary forbids."""

    start: int
    end: int
    kind: MarkKind
    term: glossary_module.Term


@dataclass(frozen=True)
class MemoryMatch:
    """A segment of the desk's archive whose source resembles a row's source paragraph."""

    score: float       # 0 to 1; 1 is an exact match
    source: str
    english: str
    article_id: str
    date: str


@dataclass
class Row:
    number: int                 # the source paragraph's number; 0 where there is no source
    source: str
    translation: list[str]      # the translator's paragraphs aligned to it
    edited: list[str]           # the edited paragraphs aligned to it
    changes: TextDiff           # translation -> edited, for this row
    terms: tuple[glossary_module.Term, ...]
    findings: list[Problem] = field(default_factory=list)
    matches: Sequence[MemoryMatch] = ()
    # Where the editor's alignment put this paragraph's English in the row above (2-1).
    joined_with: int | None = None


@dataclass
class ReviewPage:
    article_id: str
    title: str
    source_title: str
    stage: str
    rows: list[Row]
    findings: list[Problem]     # those no paragraph holds: front matter, history, files

    @property
    def has_matches(self) -> bool:
        return any(row.matches for row in self.rows)


def archive_matches(newsroom: Newsroom, article: Article) -> dict[int, list[MemoryMatch]]:
    """The translation memory's best matches for each source paragraph, as the page shows
    them."""
    # deferred: start-up time (the memory, sqlite and rapidfuzz, loads only for a page that
    # shows it)
    from editorial.core.memory import matches_for

    return {found.paragraph.number: [
        MemoryMatch(match.score / 100, match.segment.source, match.segment.english,
                    match.segment.article, match.segment.date or "")
        for match in found.matches] for found in matches_for(newsroom, article)}


def review_page(newsroom: Newsroom, article: Article,
                matches: Mapping[int, Sequence[MemoryMatch]] | None = None) -> ReviewPage:
    """The page's rows for an article past hand-off; `matches` by source paragraph number.
    Refused before hand-off: until then there is no edited text to compare with."""
    check = article_check(newsroom, article)
    translation = body_of(check.now, TRANSLATION_FILE)
    if translation is None or translation.meta.get("frozen") is not True:
        raise RefusedError(
            f"{article.id} is in stage {article.stage or 'unknown'} and its translation has "
            "not been handed to editing yet: the review page compares the translator's text "
            "with the edited one", path=article.path,
            hint=f"'editorial diff {article.id}' and 'editorial check' work at any stage")
    source, edited = body_of(check.now, SOURCE_FILE), body_of(check.now, ARTICLE_FILE)
    if source is None or edited is None:
        raise RefusedError(f"{article.id}: source.md or article.md cannot be read",
                           path=article.folder,
                           hint=f"'editorial check {article.folder}' says what is wrong")
    problems = sorted(run_rules(check, configured_severities(newsroom)), key=Problem.sort_key)
    terms = glossary_module.load_cached(newsroom.root / GLOSSARY_FILE).terms
    rows, loose = _rows(article.id, source, translation, edited, terms, problems)
    for row in rows:
        row.matches = tuple((matches or {}).get(row.number, ()))
    source_title = source.meta.get("title")  # the original headline, in source.md
    return ReviewPage(article.id, article.title,
                      source_title if isinstance(source_title, str) else "", article.stage,
                      rows, loose)


def _rows(article_id: str, source: Body, translation: Body, edited: Body,
          terms: Sequence[glossary_module.Term],
          problems: Sequence[Problem]) -> tuple[list[Row], list[Problem]]:
    sources = source.paragraphs
    edited_steps = align.align(sources, edited.paragraphs)
    by_translation = _by_source(align.align(sources, translation.paragraphs), len(sources))
    by_edited = _by_source(edited_steps, len(sources))
    rows = []
    for index, (translated, edited_indexes) in enumerate(zip(by_translation, by_edited,
                                                             strict=True)):
        source_text = sources[index].text if sources else ""
        prepared = glossary_module.SourceText.of(source_text)
        before = [without_markers(translation.paragraphs[i].text) for i in translated]
        after = [without_markers(edited.paragraphs[i].text) for i in edited_indexes]
        rows.append(Row(index + 1 if sources else 0, source_text, before, after,
                        diff_texts("\n\n".join(before), "\n\n".join(after)),
                        tuple(term for term in terms if prepared.contains(term))))
    for step in edited_steps:
        if len(step.source) == 2:
            rows[step.source[1]].joined_with = step.source[0] + 1
    loose = []
    owners = {SOURCE_FILE: (source.paragraphs, [[i] for i in range(len(sources))]),
              TRANSLATION_FILE: (translation.paragraphs, by_translation),
              ARTICLE_FILE: (edited.paragraphs, by_edited)}
    for problem in problems:
        row = _row_of(problem, article_id, owners, len(rows))
        if row is None:
            loose.append(problem)
        else:
            rows[row].findings.append(problem)
    return rows, loose


def _by_source(steps: Sequence[align.Step], count: int) -> list[list[int]]:
    """For each source paragraph (or one group when there is none), the English paragraphs
    of its row."""
    groups: list[list[int]] = [[] for _ in range(max(count, 1))]
    current = 0
    for step in steps:
        if step.source:
            current = step.source[0]
        groups[current].extend(step.english)
    return groups


# The quality rules point a finding about a source paragraph at the English paragraph it
# went into or, when it was dropped, at the next one, where it should have been; their
# message names the source paragraph, which is the row the finding is about.
_ABOUT_SOURCE = re.compile(r"\bsource paragraph (\d+)\b")


def _row_of(problem: Problem, article_id: str,
            owners: Mapping[str, tuple[list[Paragraph], list[list[int]]]],
            count: int) -> int | None:
    named = _ABOUT_SOURCE.search(problem.message)
    if named is not None and 0 < int(named.group(1)) <= count:
        return int(named.group(1)) - 1
    folder, _, name = problem.path.rpartition("/")
    if folder != f"articles/{article_id}" or name not in owners or problem.line is None:
        return None
    paragraphs, groups = owners[name]
    for position, paragraph in enumerate(paragraphs):
        if paragraph.line <= problem.line <= paragraph.line + paragraph.text.count("\n"):
            return next((row for row, members in enumerate(groups) if position in members),
                        None)
    return None


# -- glossary highlights ---------------------------------------------------------------------

# A word as `arabic.words` finds one: a run of letters.
_WORD = re.compile(r"[^\W\d_]+")


def source_marks(text: str, terms: Sequence[glossary_module.Term]) -> list[Mark]:
    """Where the terms occur in a source text, found as the glossary rule finds them (with
    proclitics, whatever the diacritics and hamza spelling), as spans of the text as
    written."""
    prepared = glossary_module.SourceText.of(text)
    spans = _word_spans(text)
    if [word for word, _ in spans] != prepared.words:
        # Unicode composition joined or split a word the way no single character folds:
        # better no highlight than one in the wrong place.
        return []
    found = []
    for term in terms:
        for spelling in term.spellings:
            size = len(glossary_module.SourceText.of(spelling).words)
            for start in glossary_module.phrase_positions(spelling, prepared.words,
                                                          prepared.index):
                found.append(Mark(spans[start][1][0], spans[start + size - 1][1][1], "term",
                                  term))
    return _apart(found)


def _word_spans(text: str) -> list[tuple[str, tuple[int, int]]]:
    """Each word `arabic.words(arabic.fold(text))` yields, with its span in `text`: folded
    one character at a time to keep track of where each came from."""
    folded: list[str] = []
    origin: list[int] = []
    for position, character in enumerate(text):
        for piece in arabic.fold(character).casefold():
            folded.append(piece)
            origin.append(position)
    spans = []
    for match in _WORD.finditer("".join(folded)):
        end = origin[match.end() - 1] + 1
        # Diacritics after the last letter belong to it: a mark must not split them off.
        while end < len(text) and not arabic.fold(text[end]):
            end += 1
        spans.append((match.group(), (origin[match.start()], end)))
    return spans


def english_marks(text: str, terms: Sequence[glossary_module.Term]) -> list[Mark]:
    """The desk's renderings of the terms in an English text, and the forbidden ones."""
    found = []
    for term in terms:
        kinds: list[tuple[MarkKind, tuple[str, ...]]] = [("term", term.renderings),
                                                         ("wrong", term.forbidden)]
        for kind, renderings in kinds:
            for rendering in renderings:
                found += [Mark(match.start(), match.end(), kind, term) for match in
                          glossary_module.english_pattern(rendering).finditer(text)]
    return _apart(found)


def _apart(marks: list[Mark]) -> list[Mark]:
    """In order, without overlaps: of two overlapping marks the one starting first (or, from
    the same place, the longer) is kept."""
    kept: list[Mark] = []
    for mark in sorted(marks, key=lambda mark: (mark.start, -mark.end)):
        if not kept or mark.start >= kept[-1].end:
            kept.append(mark)
    return kept
