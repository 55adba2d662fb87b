"""The named effects a workflow transition can have on an article's files, besides its stage."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from editorial.core import disclaimer
from editorial.core.article import Article, format_time
from editorial.core.step import StepContext
from editorial.errors import UsageError

if TYPE_CHECKING:
    from editorial.core.newsroom import Newsroom

Effect = Callable[[StepContext], None]
# The hash of the draft as handed off, so that a later edit shows without the history.
FROZEN_HASH_KEY = "frozen_sha256"


def body_hash(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def freeze_translation(step: StepContext) -> None:
    """Hand-off: the translator's draft becomes the article body and stops changing."""
    article = step.article
    translation = article.read_translation()
    assert translation is not None  # the translation-not-empty gate ran first
    translation.meta["frozen"] = True
    translation.meta["frozen_at"] = format_time(step.now)
    translation.meta[FROZEN_HASH_KEY] = body_hash(translation.body)
    step.changes.write(article.translation_path, translation.to_bytes())
    article.document.body = translation.body
    article.meta["handed_off_at"] = format_time(step.now)


def unfreeze_translation(step: StepContext) -> None:
    """Sent back: the translator may edit the draft again."""
    translation = step.article.read_translation()
    if translation is None:
        return
    for key in ("frozen", "frozen_at", FROZEN_HASH_KEY):
        translation.meta.pop(key, None)
    step.changes.write(step.article.translation_path, translation.to_bytes())


def record_editor(step: StepContext) -> None:
    if not step.article.editor:
        step.article.meta["editor"] = step.actor.id


def disclaimer_text(newsroom: Newsroom, article: Article, template_key: str | None) -> str:
    templates = newsroom.config.disclaimers
    key = template_key or next(iter(templates))
    if key not in templates:
        raise UsageError(f"no disclaimer template {key!r}",
                         hint="templates in editorial.yaml: " + ", ".join(templates))
    source = article.source
    return disclaimer.render(templates[key], {
        "publication": newsroom.config.publication,
        "outlet": str(source.get("outlet") or ""),
        "author": str(source.get("author") or ""),
        "language": str(source.get("language") or ""),
    })


def insert_disclaimer(step: StepContext) -> None:
    template_key = step.options.get("template") or step.article.text("disclaimer_template")
    text = disclaimer_text(step.newsroom, step.article, template_key)
    step.article.document.body = disclaimer.insert(step.article.body, text)
    if template_key:
        step.article.meta["disclaimer_template"] = template_key


def record_published_at(step: StepContext) -> None:
    step.article.meta["published_at"] = format_time(step.now)


EFFECTS: dict[str, Effect] = {
    "freeze-translation": freeze_translation,
    "unfreeze-translation": unfreeze_translation,
    "record-editor": record_editor,
    "insert-disclaimer": insert_disclaimer,
    "record-published-at": record_published_at,
}
