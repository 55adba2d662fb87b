"""The two texts `diff` compares: the frozen translation, the current article, or the
article as committed at a git revision. Front matter is never compared, and neither is the
disclaimer block, which is the desk's boilerplate rather than an edit, nor the ignore
markers of `check`, which a reader never sees (and which would count as words edited)."""

from __future__ import annotations

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


def load_side(article: Article, spec: str, revisions: FileRevisions | None) -> Side:
    """`translation`, `current`, or a git revision of the article's article.md."""
    if spec == TRANSLATION:
        translation = article.read_translation()
        if translation is None:
            raise NotFoundError("the translation is missing", path=article.translation_path)
        return Side(TRANSLATION, translation.body)
    if spec == CURRENT:
        return Side(CURRENT, disclaimer.without(article.body))
    if not spec.strip():
        raise UsageError("an empty revision", hint="use translation, current or a git revision")
    if revisions is None:
        raise UsageError(f"comparing with revision {spec!r} needs a git repository")
    data = revisions.show_file(spec, article.path)
    document = frontmatter.parse(data, path=f"{spec}:{article.path.name}")
    return Side(spec, disclaimer.without(document.body))


def compare(article: Article, from_spec: str, to_spec: str,
            revisions: FileRevisions | None) -> tuple[Side, Side, TextDiff]:
    before = load_side(article, from_spec, revisions)
    after = load_side(article, to_spec, revisions)
    return before, after, diff_texts(without_markers(before.body), without_markers(after.body))
