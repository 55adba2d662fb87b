"""The named effects a workflow transition can have on an article's files, besides its stage.

Each registers under the name a workflow gives it with `@EFFECTS.register(name)`; EFFECTS
is `step`'s registry, named here too for whoever reads the effects.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from editorial.core import disclaimer
from editorial.core.article import CORRECTION_TYPES, Article, body_hash, format_time
from editorial.core.publishing.schedule import SCHEDULE_KEY, parse_when
from editorial.core.step import EFFECTS as EFFECTS
from editorial.core.step import StepContext
from editorial.core.workflow import Workflow
from editorial.errors import RefusedError, UsageError

if TYPE_CHECKING:
    from editorial.core.newsroom import Newsroom

INSERT_DISCLAIMER = "insert-disclaimer"
# The hash of the draft as handed off, so that a later edit shows without the history.
FROZEN_HASH_KEY = "frozen_sha256"
# The hash of the disclaimer text `disclaim` inserted: the wording an article keeps once no
# transition can refresh it (published), whatever editorial.yaml says later.
DISCLAIMER_HASH_KEY = "disclaimer_sha256"
# The hash of article.md's body when it last changed hands (handed off, or returned), so that
# a resubmit never overwrites an edit made after the return.
HANDOVER_HASH_KEY = "handover_sha256"


@EFFECTS.register("freeze-translation")
def freeze_translation(step: StepContext) -> None:
    """Hand-off: the translator's draft becomes the article body and stops changing."""
    article = step.article
    translation = article.read_translation()
    assert translation is not None  # the translation-not-empty gate ran first
    handed_over = article.meta.get(HANDOVER_HASH_KEY)
    if handed_over and handed_over != body_hash(article.body):
        raise RefusedError(
            f"cannot {step.transition.action} {article.id}: articles/{article.id}/article.md "
            "was edited after the article was returned, and translation.md would overwrite "
            "that edit",
            hint="move the edit into translation.md: copy it there and undo it in "
                 f"article.md, then {step.transition.action} again")
    translation.meta["frozen"] = True
    translation.meta["frozen_at"] = format_time(step.now)
    translation.meta[FROZEN_HASH_KEY] = body_hash(translation.body)
    step.changes.write(article.translation_path, translation.to_bytes())
    article.document.body = translation.body
    article.meta["handed_off_at"] = format_time(step.now)
    article.meta[HANDOVER_HASH_KEY] = body_hash(translation.body)


@EFFECTS.register("record-source-hashes")
def record_source_hashes(step: StepContext) -> None:
    """Hand-off: remember the source as translated, so that a later change to it shows."""
    from editorial.core.quality import fingerprint  # deferred: start-up time (hand-off only)

    recorded = fingerprint.Fingerprint.of(step.article.read_source().body)
    previous = step.article.meta.get(fingerprint.TEXT_KEY)
    if previous and previous != recorded.text:
        step.messages.append("the changed source.md is recorded as the source of the text "
                             "(source-changed compares with it from now on)")
    # What is recorded is what is committed: an uncommitted edit of the source goes in too.
    step.changes.keep(step.article.source_path)
    step.article.meta[fingerprint.TEXT_KEY] = recorded.text
    step.article.meta[fingerprint.PARAGRAPHS_KEY] = list(recorded.paragraphs)


@EFFECTS.register("unfreeze-translation")
def unfreeze_translation(step: StepContext) -> None:
    """Sent back: the translator may edit the draft again, and continues from the edited
    text, so that the next hand-off (which copies translation.md over article.md) keeps the
    editor's work."""
    article = step.article
    translation = article.read_translation()
    if translation is None:
        return
    for key in ("frozen", "frozen_at", FROZEN_HASH_KEY):
        translation.meta.pop(key, None)
    translation.body = article.body
    step.changes.write(article.translation_path, translation.to_bytes())
    article.meta[HANDOVER_HASH_KEY] = body_hash(article.body)
    step.messages.append(f"translation.md now holds the edited text of article.md: "
                         f"{article.translator or 'the translator'} continues from it, and "
                         "the next submit copies it back")


@EFFECTS.register("record-editor")
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


def disclaimer_texts(newsroom: Newsroom, article: Article) -> list[str]:
    """Every disclaimer the article could carry, its own template's first: what a plain copy
    typed into a text may be."""
    own = article.text("disclaimer_template")
    keys = [own] if own in newsroom.config.disclaimers else []
    return [disclaimer_text(newsroom, article, key)
            for key in [*keys, *(key for key in newsroom.config.disclaimers if key != own)]]


def disclaimer_refreshable(workflow: Workflow, stage: str) -> bool:
    """Whether a transition from `stage` inserts the disclaimer again; past those stages an
    article keeps the wording it was given."""
    return any(INSERT_DISCLAIMER in transition.effects and stage in transition.sources
               for transition in workflow.transitions)


@EFFECTS.register(INSERT_DISCLAIMER)
def insert_disclaimer(step: StepContext) -> None:
    template_key = step.options.get("template") or step.article.text("disclaimer_template")
    text = disclaimer_text(step.newsroom, step.article, template_key)
    step.article.document.body = disclaimer.insert(step.article.body, text)
    step.article.meta[DISCLAIMER_HASH_KEY] = body_hash(text)
    if template_key:
        step.article.meta["disclaimer_template"] = template_key


@EFFECTS.register("record-edit-metrics")
def record_edit_metrics(step: StepContext) -> None:
    """Approval: keep how much editing the translation took, for `editorial stats`."""
    from editorial.core.review.metrics import measure  # deferred: start-up time (approval only)

    translation = step.article.read_translation()
    if translation is None:
        return
    # The disclaimer is the desk's boilerplate, not the editor's work, however it was typed.
    texts = disclaimer_texts(step.newsroom, step.article)
    metrics = measure(disclaimer.text_of(translation.body, texts),
                      disclaimer.text_of(step.article.body, texts))
    step.article.meta["edit_metrics"] = metrics.to_json()


@EFFECTS.register("record-published-at")
def record_published_at(step: StepContext) -> None:
    step.article.meta["published_at"] = format_time(step.now)


@EFFECTS.register("render-outputs")
def render_outputs(step: StepContext) -> None:
    """Write the article to every publish target of editorial.yaml, refresh the feeds and
    the withdrawn manifest, and record each output's path and hash."""
    # deferred: start-up time (publishing loads its settings and targets for a publish only)
    from editorial.core.publishing.outputs import publish_outputs

    publish_outputs(step)


@EFFECTS.register("remove-outputs")
def remove_outputs(step: StepContext) -> None:
    """Take the article's files off every target and list it in the withdrawn manifest."""
    # deferred: start-up time (publishing loads its settings and targets for a withdrawal only)
    from editorial.core.publishing.outputs import withdraw_outputs

    withdraw_outputs(step)


@EFFECTS.register("record-correction")
def record_correction(step: StepContext) -> None:
    kind = step.options.get("type")
    if kind not in CORRECTION_TYPES:
        raise UsageError(f"{step.transition.action} needs the kind of change: --type "
                         + "|".join(CORRECTION_TYPES))
    corrections = step.article.meta.get("corrections")
    entry = {"at": format_time(step.now), "by": step.actor.id, "type": kind,
             "note": step.note or ""}
    step.article.meta["corrections"] = [*(corrections if isinstance(corrections, list)
                                          else []), entry]


@EFFECTS.register("record-schedule")
def record_schedule(step: StepContext) -> None:
    text = step.options.get("at")
    if not isinstance(text, str):
        raise UsageError(f"{step.transition.action} needs a time: --at DATETIME")
    when = parse_when(text)
    if when <= step.now:
        raise UsageError(f"--at {text} is not in the future",
                         hint=f"publish it now with 'editorial publish {step.article.id}'")
    step.article.meta[SCHEDULE_KEY] = format_time(when)


@EFFECTS.register("clear-schedule")
def clear_schedule(step: StepContext) -> None:
    step.article.meta.pop(SCHEDULE_KEY, None)
