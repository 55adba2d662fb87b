"""Translation quality rules: the source text against the English text.

The English text is `translation.md` while the translator works on it, and `article.md`
(without its disclaimer) once it is handed off, that is once `translation.md` is frozen.
Findings point into the English file, except `source-changed`, which points at the changed
paragraphs of `source.md`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from editorial.core import disclaimer
from editorial.core.article import (
    ARTICLE_FILE,
    BUNDLE_FILES,
    SOURCE_FILE,
    TRANSLATION_FILE,
    Article,
)
from editorial.core.checks import load_rules
from editorial.core.checks.base import (
    RULES,
    ArticleCheck,
    ArticleFiles,
    Finding,
    Rule,
    parsed_file,
    rule,
)
from editorial.core.checks.content import PUBLISH_EFFECT, stages_after
from editorial.core.config import Conversion
from editorial.core.newsroom_root import GLOSSARY_FILE
from editorial.core.quality import align, arabic, fingerprint, script
from editorial.core.quality import glossary as glossary_module
from editorial.core.quality.number_words import says_two
from editorial.core.quality.numbers import (
    Quantity,
    account,
    english_quantities,
    shown,
    source_numbers,
)
from editorial.core.quality.text import Paragraph, excerpt, paragraphs, position, word_diff
from editorial.errors import ConfigError, InvalidDataError

if TYPE_CHECKING:
    from editorial.core.newsroom import Newsroom


@dataclass(frozen=True)
class Body:
    """A file's body (the disclaimer left out) and the file line it starts on."""

    text: str
    first_line: int
    meta: dict[str, object]

    @cached_property
    def paragraphs(self) -> list[Paragraph]:
        return paragraphs(self.text, first_line=self.first_line)


@lru_cache(maxsize=64)
def _body(path: str, data: bytes) -> Body | None:
    """The body of a Markdown file with front matter; None if it cannot be read (the
    front matter rules report that)."""
    document = parsed_file(path, data)
    if isinstance(document, InvalidDataError):
        return None
    text = data.decode("utf-8")
    head = len(text) - len(document.body)
    return Body(disclaimer.without(document.body), text.count("\n", 0, head) + 1,
                document.meta)


def body_of(files: ArticleFiles, name: str) -> Body | None:
    """The body of one of the article's files in `files`; None if it is missing or cannot be
    read."""
    data = files.get(name)
    return _body(f"articles/{files.article_id}/{name}", data) if data is not None else None


def english_file(check: ArticleCheck) -> str:
    """The file holding the current English text: the draft until it is frozen at hand-off."""
    if check.now.get(TRANSLATION_FILE) is None:
        return ARTICLE_FILE
    body = body_of(check.now, TRANSLATION_FILE)
    return ARTICLE_FILE if body is not None and body.meta.get("frozen") is True \
        else TRANSLATION_FILE


@dataclass(frozen=True)
class Texts:
    source: list[Paragraph]
    english_name: str
    english: Body
    alignment: align.Alignment

    @property
    def steps(self) -> list[align.Step]:
        return self.alignment.steps

    @property
    def english_paragraphs(self) -> list[Paragraph]:
        return self.english.paragraphs

    def about(self, source_index: int) -> str:
        """The text a finding on a source paragraph is about: that paragraph and the English
        one it corresponds to, so that accepting it holds until either is edited."""
        target = align.counterpart(self.steps, source_index)
        english = self.english_paragraphs[target].text if target is not None else ""
        return f"{self.source[source_index].text}\n\n{english}"

    def english_line(self, source_index: int) -> int:
        """The line of the English paragraph a source paragraph corresponds to."""
        target = align.counterpart(self.steps, source_index)
        english = self.english_paragraphs
        return english[target].line if target is not None else self.english.first_line


@lru_cache(maxsize=16)
def _texts(article_id: str, source_data: bytes, english_name: str,
           english_data: bytes) -> Texts | None:
    source = _body(f"articles/{article_id}/{SOURCE_FILE}", source_data)
    english = _body(f"articles/{article_id}/{english_name}", english_data)
    if source is None or english is None or not english.text.strip():
        return None
    source_paragraphs = source.paragraphs
    return Texts(source_paragraphs, english_name, english,
                 align.align_paragraphs(source_paragraphs, english.paragraphs))


def texts(check: ArticleCheck) -> Texts | None:
    """Source and English paragraphs, aligned; None before there is an English text."""
    name = english_file(check)
    source, english = check.now.get(SOURCE_FILE), check.now.get(name)
    if source is None or english is None:
        return None
    return _texts(check.article_id, source, name, english)


def _where(paragraph: Paragraph) -> str:
    return f"source paragraph {paragraph.number} ({SOURCE_FILE} line {paragraph.line})"


@dataclass(frozen=True)
class _Accounts:
    """The numbers left over once each source paragraph's numbers are paired one to one
    with those of the English paragraphs aligned with it."""

    missing: list[tuple[int, Quantity]]  # source paragraph index, source number
    extra: list[tuple[int, Quantity]]    # English paragraph index, English number


def _number_accounts(found: Texts, conversions: Sequence[Conversion]) -> _Accounts:
    source = [source_numbers(paragraph.text) for paragraph in found.source]
    english = [english_quantities(paragraph.text) for paragraph in found.english_paragraphs]

    def english_of(steps: Sequence[align.Step]) -> list[tuple[int, int]]:
        return [(paragraph, index) for step in steps for paragraph in step.english
                for index in range(len(english[paragraph]))]

    paired: set[tuple[int, int]] = set()
    left: list[tuple[int, list[tuple[int, Quantity]]]] = []
    for at, step in enumerate(found.steps):
        wanted = [(paragraph, number) for paragraph in step.source
                  for number in source[paragraph]]
        offered = english_of([step])
        unpaired, taken = account([number for _, number in wanted],
                                  [english[p][i] for p, i in offered], None, conversions)
        paired.update(offered[index] for index in taken)
        if unpaired:
            left.append((at, [wanted[index] for index in unpaired]))
    missing: list[tuple[int, Quantity]] = []
    for at, wanted in left:
        # The alignment may be a paragraph off: an English number no source number of
        # its own paragraph took may render a number of the paragraph next to it.
        offered = english_of(found.steps[max(0, at - 1):at + 2])
        unpaired, taken = account(
            [number for _, number in wanted], [english[p][i] for p, i in offered],
            {index for index, spot in enumerate(offered) if spot in paired}, conversions)
        paired.update(offered[index] for index in taken)
        missing += [wanted[index] for index in unpaired if wanted[index][1].reported]
    source_of = {paragraph: step.source for step in found.steps for paragraph in step.english}

    def renders_a_dual(paragraph: int, number: Quantity) -> bool:
        return number.text.casefold() == "two" and any(
            says_two(found.source[index].text) for index in source_of.get(paragraph, ()))

    extra = [(paragraph, number) for paragraph, numbers in enumerate(english)
             for index, number in enumerate(numbers)
             if number.reported and (paragraph, index) not in paired
             and not renders_a_dual(paragraph, number)]
    return _Accounts(missing, extra)


@rule("numbers", severity="error",
      summary="a number of a source paragraph is not rendered by a number of its English "
              "paragraph")
def numbers(check: ArticleCheck) -> Iterator[Finding]:
    found = texts(check)
    if found is None:
        return
    path = check.path(found.english_name)
    for index, number in _number_accounts(found, check.newsroom.config.conversions).missing:
        paragraph = found.source[index]
        line = paragraph.line + paragraph.text.count("\n", 0, number.offset)
        name, key = shown(number)
        written = f" (written «{number.text}»)" if number.text != name else ""
        yield Finding(path, found.english_line(index),
                      f"the number {name}{written} of source paragraph {paragraph.number} "
                      f"({SOURCE_FILE} line {line}) is not in the English text, in digits or "
                      "in words", key=key, about=found.about(index))


@rule("extra-numbers", severity="warning",
      summary="a number of the English text renders no number of the source")
def extra_numbers(check: ArticleCheck) -> Iterator[Finding]:
    found = texts(check)
    if found is None:
        return
    path = check.path(found.english_name)
    for index, number in _number_accounts(found, check.newsroom.config.conversions).extra:
        paragraph = found.english_paragraphs[index]
        line, column = position(paragraph.text, number.offset, first_line=paragraph.line)
        yield Finding(path, line, f"the number {number.text!r} of English paragraph "
                                  f"{paragraph.number} is in no source paragraph it "
                                  "translates: check it against the source", column,
                      key=number.text, about=paragraph.text)


@rule("glossary", severity="error",
      summary="a glossary term of the source is not rendered as glossary.yaml says")
def glossary(check: ArticleCheck) -> Iterator[Finding]:
    terms = glossary_module.load_cached(check.newsroom.root / GLOSSARY_FILE)
    found = texts(check) if terms.terms else None
    if found is None:
        return
    path = check.path(found.english_name)
    english = found.english.text
    prepared = [glossary_module.SourceText.of(p.text) for p in found.source]
    for term in terms.terms:
        where = next(((index, spelling) for index, text in enumerate(prepared)
                      if (spelling := text.contains(term))), None)
        if where is None:
            continue
        index, spelling = where
        right = [match.span() for rendering in term.accepted
                 for match in glossary_module.english_pattern(rendering).finditer(english)]
        if not right:
            also = f" (or {', '.join(repr(v) for v in term.variants)})" if term.variants else ""
            note = f"; {term.note}" if term.note else ""
            yield Finding(path, found.english_line(index),
                          f"{_where(found.source[index])} has «{spelling}», which the "
                          f"glossary renders as {term.target!r}{also}, not found in the "
                          f"English text{note}", key=term.source, about=found.about(index))
        for wrong in term.forbidden:
            for match in glossary_module.english_pattern(wrong).finditer(english):
                if any(start <= match.start() < end for start, end in right):
                    continue
                line, column = position(english, match.start(),
                                        first_line=found.english.first_line)
                yield Finding(path, line, f"{match.group()!r} is not the desk's rendering of "
                                          f"«{term.source}»: write {term.target!r}", column,
                              key=f"{term.source}:{match.group()}", about=english)


@rule("omission", severity="error",
      summary="a source paragraph or sentence seems dropped from the English text")
def omission(check: ArticleCheck) -> Iterator[Finding]:
    found = texts(check)
    if found is None:
        return
    path = check.path(found.english_name)
    english = found.english_paragraphs
    # Paragraphs merged into one English paragraph are no finding of their own: their
    # sentences are aligned, and one that went is reported.
    for item in align.omissions(found.source, english, found.alignment):
        paragraph = found.source[item.paragraph]
        if item.sentence is None:
            # Only a confident drop is an error: see align.CONFIDENT_MARGIN.
            yield Finding(path, found.english_line(item.paragraph),
                          f"{_where(paragraph)} seems to be missing from the English text: "
                          f"«{excerpt(paragraph.text, 50)}»", warning=not item.confident,
                          key=f"paragraph-{paragraph.number}",
                          about=found.about(item.paragraph))
            continue
        line = paragraph.line + paragraph.text.count("\n", 0, item.start)
        shown = f"«{excerpt(item.text, 50)}»"
        # Lengths alone cannot tell which of two sentences of about one length went.
        message = (f"source paragraph {paragraph.number}, sentence {item.sentence + 1} "
                   f"({SOURCE_FILE} line {line}) has no English: {shown}" if item.confident
                   else f"{_where(paragraph)} has a sentence with no English: sentence "
                        f"{item.sentence + 1} ({shown}) or one beside it")
        yield Finding(path, found.english_line(item.paragraph), message, warning=True,
                      key=f"paragraph-{paragraph.number}-sentence-{item.sentence + 1}",
                      about=found.about(item.paragraph))


def _english(check: ArticleCheck) -> tuple[str, Body] | None:
    name = english_file(check)
    body = body_of(check.now, name)
    return (name, body) if body is not None else None


@rule("untranslated-script", severity="error",
      summary="Arabic script left in the English text outside an ignore marker")
def untranslated_script(check: ArticleCheck) -> Iterator[Finding]:
    english = _english(check)
    if english is None:
        return
    name, body = english
    runs, unclosed = script.arabic_runs(body.text, first_line=body.first_line)
    for spot in runs:
        latin = script.latin_equivalent(spot.text)
        what = ("Arabic punctuation or digits" if latin is not None or not
                arabic.has_arabic(spot.text) else "Arabic script")
        advice = f"write «{latin}»" if latin is not None else "translate it"
        yield Finding(check.path(name), spot.line,
                      f"{what} in the English text: «{excerpt(spot.text, 40)}» "
                      f"({advice}, or put it between {script.IGNORE_START} and "
                      f"{script.IGNORE_END})", spot.column)
    for spot in unclosed:
        yield Finding(check.path(name), spot.line,
                      f"{script.IGNORE_START} is never closed: add {script.IGNORE_END} "
                      "where the quoted text ends", spot.column)


@rule("invisible-characters", severity="error",
      summary="format and default-ignorable characters (bidi controls, zero-width "
              "characters, soft hyphens), tatweel or a stray BOM in the English text")
def invisible_characters(check: ArticleCheck) -> Iterator[Finding]:
    english = _english(check)
    if english is None:
        return
    name, body = english
    at_file_start = body.first_line == 1 and not body.meta
    allowed = script.allowed_characters(check.newsroom.config)
    for spot in script.invisible_characters(body.text, first_line=body.first_line,
                                            at_file_start=at_file_start, allowed=allowed):
        yield Finding(check.path(name), spot.line,
                      f"invisible character {script.character_name(spot.text)}: delete it",
                      spot.column)


@rule("source-changed", severity="error",
      summary="source.md changed (beyond whitespace, tatweel, diacritics) since hand-off")
def source_changed(check: ArticleCheck) -> Iterator[Finding]:
    article, source = body_of(check.now, ARTICLE_FILE), body_of(check.now, SOURCE_FILE)
    if article is None or source is None:
        return
    recorded = recorded_fingerprint(article.meta)
    if recorded is None or fingerprint.matches(recorded.text,
                                               fingerprint.text_hashes(source.text)):
        return
    path = check.path(SOURCE_FILE)
    current = source.paragraphs
    before = _base_paragraphs(check, recorded)
    hint = ("return the article to its translator to bring the English text in line; the "
            "next hand-off records the new source")
    workflow = check.workflow()
    if workflow is not None and article.meta.get("stage") in stages_after(workflow,
                                                                          PUBLISH_EFFECT):
        hint = ("bring the English text in line and record it with 'editorial correct "
                f"{check.article_id} --type correction --note ...', which records the new "
                "source")
    changes = fingerprint.changes(recorded.paragraphs, current)
    for change in changes:
        old_numbers = ", ".join(str(index + 1) for index in change.old)
        if not change.new:
            line = current[-1].line if current else source.first_line
            yield Finding(path, line, f"source paragraph {old_numbers} of the hand-off was "
                                      f"removed; {hint}")
            continue
        for position_in_change, index in enumerate(change.new):
            paragraph = current[index]
            old_index = change.old[position_in_change] if position_in_change < len(
                change.old) else None
            if old_index is not None and before is not None:
                detail = "changed: " + word_diff(before[old_index].text, paragraph.text)
            elif old_index is not None:
                detail = f"changed (paragraph {old_index + 1} at hand-off); now reads " \
                         f"«{excerpt(paragraph.text, 60)}»"
            else:
                detail = f"is new: «{excerpt(paragraph.text, 60)}»"
            yield Finding(path, paragraph.line, f"source paragraph {paragraph.number} "
                                                f"{detail} since hand-off; {hint}")
    if not changes:
        yield Finding(path, source.first_line, f"the source text changed since hand-off; {hint}")


def recorded_fingerprint(meta: dict[str, object]) -> fingerprint.Fingerprint | None:
    """The source fingerprint recorded at hand-off in article.md, if any."""
    text_hash, hashes = meta.get(fingerprint.TEXT_KEY), meta.get(fingerprint.PARAGRAPHS_KEY)
    if not isinstance(text_hash, str):
        return None
    paragraph_hashes = tuple(str(value) for value in hashes) if isinstance(hashes, list) else ()
    return fingerprint.Fingerprint(text_hash, paragraph_hashes)


def _base_paragraphs(check: ArticleCheck,
                     recorded: fingerprint.Fingerprint) -> list[Paragraph] | None:
    """The source paragraphs as handed off, when the base revision still has them."""
    body = body_of(check.base, SOURCE_FILE) if check.base is not None else None
    if body is None or not fingerprint.matches(recorded.text,
                                               fingerprint.text_hashes(body.text)):
        return None
    return body.paragraphs


# -- for workflow gates ----------------------------------------------------------------------

def article_check(newsroom: Newsroom, article: Article) -> ArticleCheck:
    """The article as a gate sees it: its files on disk, article.md as held in memory."""
    files: dict[str, bytes | None] = {}
    for name in BUNDLE_FILES:
        files[name] = article.file_bytes(name)
    files[ARTICLE_FILE] = article.document.to_bytes()
    return ArticleCheck(newsroom, article.id, ArticleFiles(article.id, files))


def rules_named(names: Sequence[object], *, where: Path) -> list[Rule]:
    """The registered rules a workflow names; an unknown name is a configuration error."""
    load_rules()
    unknown = [str(name) for name in names if name not in RULES]
    if unknown or not names:
        raise ConfigError(f"the gate 'checks' names no rule or an unknown one "
                          f"({', '.join(unknown) or 'none given'})", path=where,
                          hint="rules: " + ", ".join(sorted(RULES)))
    return [RULES[str(name)] for name in names]
