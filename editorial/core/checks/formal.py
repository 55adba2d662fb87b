"""Formal rules on the English text: spacing, repeated words, unpaired marks, end
punctuation, URLs and e-mail addresses, Markdown links, and consistency with the desk's
published translations. The text analysis is in `editorial.core.quality.formal`.

Findings point into the English file (see `checks.quality`), at the line and column of what
they quote.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from editorial.core.article import ARTICLE_FILE, SOURCE_FILE, TRANSLATION_FILE
from editorial.core.checks.base import ArticleCheck, ArticleFiles, Finding, rule
from editorial.core.checks.content import PUBLISH_EFFECT, stages_after
from editorial.core.checks.quality import Body, body_of, english_file, texts
from editorial.core.files import read_if_inside
from editorial.core.quality import fingerprint
from editorial.core.quality import formal as analysis
from editorial.core.quality.text import Paragraph, excerpt, position
from editorial.errors import ConfigError, NotFoundError

if TYPE_CHECKING:
    from editorial.core.newsroom import Newsroom


def _in_paragraphs(check: ArticleCheck) -> Iterator[tuple[str, Paragraph]]:
    """The English file's path and each of its paragraphs (the disclaimer left out)."""
    name = english_file(check)
    body = body_of(check.now, name)
    if body is not None:
        for paragraph in body.paragraphs:
            yield check.path(name), paragraph


def _spot(path: str, paragraph: Paragraph, offset: int, message: str, key: str) -> Finding:
    line, column = position(paragraph.text, offset, first_line=paragraph.line)
    return Finding(path, line, f"English paragraph {paragraph.number} (line {line}): {message}",
                   column, key=key, about=paragraph.text)


@rule("double-spaces", severity="warning",
      summary="two or more spaces between words of the English text")
def double_spaces(check: ArticleCheck) -> Iterator[Finding]:
    for path, paragraph in _in_paragraphs(check):
        for spot in analysis.double_spaces(paragraph.text):
            before = analysis.last_words(paragraph.text[:spot.offset])
            after = analysis.first_words(paragraph.text[spot.offset + len(spot.text):])
            yield _spot(path, paragraph, spot.offset,
                        f"{len(spot.text)} spaces between «{before}» and «{after}»: make "
                        "them one",
                        f"paragraph-{paragraph.number}")


@rule("repeated-words", severity="warning",
      summary="a word written twice in a row in the English text (\"the the\")")
def repeated_words(check: ArticleCheck) -> Iterator[Finding]:
    for path, paragraph in _in_paragraphs(check):
        for spot in analysis.repeated_words(paragraph.text):
            yield _spot(path, paragraph, spot.offset,
                        f"«{excerpt(spot.text)}» repeats a word: delete one",
                        spot.text.casefold())


@rule("unpaired-marks", severity="warning",
      summary="a bracket or quotation mark of the English text without its partner")
def unpaired_marks(check: ArticleCheck) -> Iterator[Finding]:
    for path, paragraph in _in_paragraphs(check):
        for spot in analysis.unpaired_marks(paragraph.text):
            around = paragraph.text[max(0, spot.offset - 25):spot.offset + 25]
            yield _spot(path, paragraph, spot.offset,
                        f"{spot.text} has no partner in «{excerpt(around)}»",
                        f"paragraph-{paragraph.number}:{spot.text}")


@rule("end-punctuation", severity="warning",
      summary="an English paragraph stops without the full stop (or ! ? : quote) its source "
              "paragraph ends with")
def end_punctuation(check: ArticleCheck) -> Iterator[Finding]:
    found = texts(check)
    if found is None:
        return
    path = check.path(found.english_name)
    for step in found.steps:
        if len(step.source) != 1 or len(step.english) != 1:
            continue
        source = found.source[step.source[0]]
        english = found.english_paragraphs[step.english[0]]
        if analysis.lacks_end(source.text, english.text):
            yield Finding(path, english.line + english.text.count("\n"),
                          f"English paragraph {english.number} ends «…"
                          f"{analysis.last_words(english.text, 6)}» without the "
                          f"«{analysis.ending(source.text)}» that ends source paragraph "
                          f"{source.number} ({SOURCE_FILE} line {source.line})",
                          key=f"paragraph-{english.number}", about=english.text)


@rule("urls-emails", severity="error",
      summary="a URL or e-mail address of the source missing from, or altered in, the English "
              "text")
def urls_emails(check: ArticleCheck) -> Iterator[Finding]:
    found = texts(check)
    if found is None:
        return
    path = check.path(found.english_name)
    english = found.english.text
    for index, paragraph in enumerate(found.source):
        for spot in analysis.addresses(paragraph.text):
            if analysis.address_in(spot.text, english):
                continue
            kind = "e-mail address" if "@" in spot.text else "URL"
            line = paragraph.line + paragraph.text.count("\n", 0, spot.offset)
            yield Finding(path, found.english_line(index),
                          f"the {kind} «{spot.text}» of source paragraph {paragraph.number} "
                          f"({SOURCE_FILE} line {line}) is not in the English text as "
                          "written: copy it exactly", key=spot.text, about=found.about(index))


@rule("markdown-links", severity="error",
      summary="a Markdown link or image of the source or the translation lost in the English "
              "text")
def markdown_links(check: ArticleCheck) -> Iterator[Finding]:
    name = english_file(check)
    english = body_of(check.now, name)
    if english is None:
        return
    kept = {(link.image, link.target) for link in analysis.markdown_links(english.text)}
    earlier = [SOURCE_FILE] + ([TRANSLATION_FILE] if name == ARTICLE_FILE else [])
    reported: set[tuple[bool, str]] = set()
    for earlier_name in earlier:
        body = body_of(check.now, earlier_name)
        if body is None:
            continue
        for link in analysis.markdown_links(body.text):
            if (link.image, link.target) in kept or (link.image, link.target) in reported:
                continue
            reported.add((link.image, link.target))
            line, _ = position(body.text, link.offset, first_line=body.first_line)
            kind = "image" if link.image else "link"
            yield Finding(check.path(name), english.first_line,
                          f"the {kind} «{excerpt(link.text, 40)}» to {link.target} of "
                          f"{earlier_name} (line {line}) is not in the English text",
                          key=f"{kind}:{link.target}", about=english.text)


# -- inconsistent-translation ----------------------------------------------------------------

@dataclass
class PublishedSentences:
    """The desk's published articles by the source sentences they hold, built once per
    newsroom and run from the source files alone; an article's English sentences are worked
    out (aligned) only for the articles a checked sentence is found in, once each."""

    newsroom: Newsroom
    by_sentence: dict[str, set[str]] = field(default_factory=dict)
    renderings: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def build(cls, newsroom: Newsroom) -> PublishedSentences:
        index = cls(newsroom)
        workflows = newsroom.workflows
        published: dict[str, set[str]] = {}

        def wanted(stage: str | None, workflow: str | None) -> bool:
            name = workflow or newsroom.config.workflow
            if name not in published:
                try:
                    published[name] = stages_after(workflows.get(name), PUBLISH_EFFECT)
                except (NotFoundError, ConfigError):  # a broken workflow is the schema rule's
                    published[name] = set()
            return stage in published[name]

        for entry in newsroom.iter_front_matter(wanted):
            if isinstance(entry, tuple):
                data = read_if_inside(newsroom.root,
                                      newsroom.articles_dir / entry[0] / SOURCE_FILE)
                body = body_of(ArticleFiles(entry[0], {SOURCE_FILE: data}), SOURCE_FILE)
                if body is not None:
                    text = fingerprint.comparable(body.text)
                    for sentence in analysis.sentences(text):
                        key = analysis.source_key(sentence)
                        if key is not None:
                            index.by_sentence.setdefault(key, set()).add(entry[0])
        return index

    def rendering(self, article_id: str, key: str) -> str | None:
        """How the published article renders the source sentence `key`, if it can tell."""
        if article_id not in self.renderings:
            folder = self.newsroom.articles_dir / article_id
            files = ArticleFiles(article_id, {
                name: read_if_inside(self.newsroom.root, folder / name)
                for name in (SOURCE_FILE, ARTICLE_FILE)})
            self.renderings[article_id] = dict(_pairs(ArticleCheck(self.newsroom, article_id,
                                                                   files)))
        return self.renderings[article_id].get(key)


def _pairs(check: ArticleCheck) -> Iterator[tuple[str, str]]:
    """Each source sentence's key and its English sentence, where paragraphs pair one to one
    and hold as many sentences each."""
    found = texts(check)
    if found is None:
        return
    for step in found.steps:
        if len(step.source) == 1 and len(step.english) == 1:
            source = fingerprint.comparable(found.source[step.source[0]].text)
            english = found.english_paragraphs[step.english[0]].text
            for source_sentence, english_sentence in analysis.paired_sentences(source, english):
                key = analysis.source_key(source_sentence)
                if key is not None:
                    yield key, english_sentence


_INDEXES: weakref.WeakKeyDictionary[Newsroom, PublishedSentences] = \
    weakref.WeakKeyDictionary()


def published_sentences(newsroom: Newsroom) -> PublishedSentences:
    """The index of `newsroom`, built on first use: a run of `check` holds one Newsroom,
    so the published sources are read once per run however many articles it checks."""
    if newsroom not in _INDEXES:
        _INDEXES[newsroom] = PublishedSentences.build(newsroom)
    return _INDEXES[newsroom]


@rule("inconsistent-translation", severity="warning", whole_archive=True,
      summary="a source sentence the desk's published articles render otherwise")
def inconsistent_translation(check: ArticleCheck) -> Iterator[Finding]:
    found = texts(check)
    if found is None:
        return
    index = published_sentences(check.newsroom)
    if not index.by_sentence:
        return
    path = check.path(found.english_name)
    for key, english_sentence in _pairs(check):
        for other in sorted(index.by_sentence.get(key, set()) - {check.article_id}):
            rendering = index.rendering(other, key)
            if rendering is None or \
                    analysis.english_key(rendering) == analysis.english_key(english_sentence):
                continue
            yield Finding(path, _line_of(found.english, english_sentence),
                          f"«{excerpt(english_sentence, 100)}» renders a source sentence that "
                          f"the published article {other} renders «{excerpt(rendering, 100)}»: "
                          "use the desk's rendering, or accept the difference",
                          key=f"{other}:{fingerprint.paragraph_hash(key)}",
                          about=english_sentence)
            break


def _line_of(body: Body, sentence: str) -> int:
    offset = body.text.find(sentence)
    if offset < 0:
        return body.first_line
    return position(body.text, offset, first_line=body.first_line)[0]
