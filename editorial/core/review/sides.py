"""The two texts `diff` compares: the frozen translation, the current article, or the
article as committed at a git revision. Front matter is never compared, and neither is the
disclaimer (its block, or a plain copy ending the text), which is the desk's boilerplate
rather than an edit, nor the ignore markers of `check`, which a reader never sees (and which
would count as words edited)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from editorial.core import disclaimer, frontmatter
from editorial.core.article import Article
from editorial.core.ports import FileRevisions
from editorial.core.quality.script import without_markers
from editorial.core.review.diff import TextDiff, diff_texts
from editorial.errors import NotFoundError, UsageError

TRANSLATION = "translation"
CURRENT = "current"


@dataclass(frozen=True)
class Side:
    label: str
    body: str


def needs_revisions(*specs: str) -> bool:
    return any(spec not in (TRANSLATION, CURRENT) for spec in specs)


def load_side(article: Article, spec: str, revisions: FileRevisions | None,
              disclaimers: Sequence[str] = ()) -> Side:
    """`translation`, `current`, or a git revision of the article's article.md, without a
    disclaimer: a block, or one of `disclaimers` typed as the last paragraph."""
    texts = list(disclaimers)
    if spec == TRANSLATION:
        translation = article.read_translation()
        if translation is None:
            raise NotFoundError("the translation is missing", path=article.translation_path)
        return Side(TRANSLATION, disclaimer.text_of(translation.body, texts))
    if spec == CURRENT:
        return Side(CURRENT, disclaimer.text_of(article.body, texts))
    if not spec.strip():
        raise UsageError("an empty revision", hint="use translation, current or a git revision")
    if revisions is None:
        raise UsageError(f"comparing with revision {spec!r} needs a git repository")
    data = revisions.show_file(spec, article.path)
    document = frontmatter.parse(data, path=f"{spec}:{article.path.name}")
    return Side(spec, disclaimer.text_of(document.body, texts))


def compare(article: Article, from_spec: str, to_spec: str, revisions: FileRevisions | None,
            disclaimers: Sequence[str] = ()) -> tuple[Side, Side, TextDiff]:
    before = load_side(article, from_spec, revisions, disclaimers)
    after = load_side(article, to_spec, revisions, disclaimers)
    return before, after, diff_texts(without_markers(before.body), without_markers(after.body))
