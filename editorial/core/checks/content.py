"""Rules on an article's text: the translator's draft stays as handed off, a published text
changes only with a recorded correction, and the disclaimer is there once (a plain copy typed
next to its block counts) and current."""

from __future__ import annotations

from collections.abc import Iterator

from editorial.core import disclaimer
from editorial.core.article import ARTICLE_FILE, TRANSLATION_FILE, body_hash
from editorial.core.checks.base import ArticleCheck, ArticleFiles, Finding, rule
from editorial.core.checks.history import history_of, new_steps_start
from editorial.core.effects import (
    DISCLAIMER_HASH_KEY,
    FROZEN_HASH_KEY,
    INSERT_DISCLAIMER,
    disclaimer_refreshable,
    disclaimer_text,
)
from editorial.core.workflow import Workflow
from editorial.errors import EditorialError

FREEZE_EFFECT = "freeze-translation"
UNFREEZE_EFFECT = "unfreeze-translation"
PUBLISH_EFFECT = "record-published-at"


def stages_after(workflow: Workflow, effect: str) -> set[str]:
    """The stages an article can only reach through a transition with `effect`: where the
    translation is handed off, the disclaimer inserted, the article published. Read from the
    workflow, so a newsroom's own workflow gets the same rules."""
    reached = {workflow.initial}
    frontier = [workflow.initial]
    while frontier:
        stage = frontier.pop()
        for transition in workflow.transitions:
            if (stage in transition.sources and effect not in transition.effects
                    and transition.target not in reached):
                reached.add(transition.target)
                frontier.append(transition.target)
    return set(workflow.stages) - reached


def body_start_line(files: ArticleFiles, name: str) -> int:
    """The file line where the body begins (after the front matter)."""
    data = files.get(name) or b""
    document = files.document(name)
    if document is None:
        return 1
    text = data.decode("utf-8", errors="replace")
    return text[: len(text) - len(document.body)].count("\n") + 1


def first_changed_line(old: str, new: str) -> int:
    """The 0-based line of the body where `new` first differs from `old`."""
    old_lines, new_lines = old.splitlines(), new.splitlines()
    for index, (before, after) in enumerate(zip(old_lines, new_lines, strict=False)):
        if before != after:
            return index
    return min(len(old_lines), len(new_lines))


@rule("frozen-translation", summary="translation.md is not changed after the translator "
                                    "handed it off (it is the record of their draft)")
def frozen_translation(check: ArticleCheck) -> Iterator[Finding]:
    path = check.path(TRANSLATION_FILE)
    document = check.now.document(TRANSLATION_FILE)
    meta = check.now.meta(TRANSLATION_FILE) or {}
    recorded = meta.get(FROZEN_HASH_KEY)
    if (document is not None and meta.get("frozen") is True and isinstance(recorded, str)
            and body_hash(document.body) != recorded):
        yield Finding(path, body_start_line(check.now, TRANSLATION_FILE),
                      "translation.md was edited after hand-off: its text is no longer the "
                      "draft that was submitted; edit article.md instead, or return the "
                      "article to its translator")
        return
    if check.base is None or check.base.get(TRANSLATION_FILE) == check.now.get(TRANSLATION_FILE):
        return
    base_article = check.article(check.base)
    workflow = check.workflow(base_article) if base_article is not None else None
    base_translation = check.base.meta(TRANSLATION_FILE) or {}
    handed_off = base_translation.get("frozen") is True or (
        base_article is not None and workflow is not None
        and base_article.stage in stages_after(workflow, FREEZE_EFFECT))
    if not handed_off or workflow is None:
        return
    entries = history_of(check.now)
    for entry in entries[new_steps_start(check):]:
        if not isinstance(entry, dict):
            continue
        step = workflow.find(str(entry.get("action")), str(entry.get("from")))
        if step is not None and UNFREEZE_EFFECT in step.effects:
            return  # sent back to the translator in this change: the draft may move again
    line = None
    if document is not None and check.base.document(TRANSLATION_FILE) is not None:
        old = check.base.document(TRANSLATION_FILE).body  # type: ignore[union-attr]
        line = body_start_line(check.now, TRANSLATION_FILE) + first_changed_line(old,
                                                                                 document.body)
    stage = base_article.stage if base_article is not None else "?"
    yield Finding(path, line, f"translation.md changed after hand-off (the article was in "
                  f"stage {stage!r} at the base): edit article.md instead, or return the "
                  "article to its translator first")


@rule("silent-edit", needs_base=True,
      summary="a published article's text changes only with a new entry in `corrections` "
              "(editorial correct)")
def silent_edit(check: ArticleCheck) -> Iterator[Finding]:
    assert check.base is not None
    base_meta = check.base.meta()
    base_article = check.article(check.base)
    now_document = check.now.document(ARTICLE_FILE)
    if base_meta is None or base_article is None or now_document is None:
        return
    workflow = check.workflow(base_article)
    was_published = bool(base_meta.get("published_at")) or (
        workflow is not None and base_article.stage in stages_after(workflow, PUBLISH_EFFECT))
    if not was_published:
        return
    old_text = disclaimer.without(base_article.body)
    new_text = disclaimer.without(now_document.body)
    if old_text == new_text:
        return
    old_corrections = base_meta.get("corrections") or []
    new_corrections = (check.now.meta() or {}).get("corrections") or []
    if (isinstance(old_corrections, list) and isinstance(new_corrections, list)
            and len(new_corrections) > len(old_corrections)
            and new_corrections[: len(old_corrections)] == old_corrections):
        return
    line = body_start_line(check.now, ARTICLE_FILE) + first_changed_line(old_text, new_text)
    yield Finding(check.path(ARTICLE_FILE), line,
                  "the published text was changed without a correction: record it with "
                  f"'editorial correct {check.article_id} --type correction|clarification|"
                  "retraction --note TEXT'")


def _block_lines(files: ArticleFiles) -> list[int]:
    """The file lines where disclaimer blocks start."""
    data = (files.get(ARTICLE_FILE) or b"").decode("utf-8", errors="replace")
    return [number for number, line in enumerate(data.splitlines(), start=1)
            if line.strip() == disclaimer.START]


@rule("disclaimer", summary="from the stage the disclaimer is inserted in on, article.md ends "
                            "with it exactly once, and it is current while it can be refreshed")
def disclaimer_rule(check: ArticleCheck) -> Iterator[Finding]:
    article = check.article()
    workflow = check.workflow(article)
    if article is None or workflow is None or check.now.meta() is None:
        return
    if article.stage not in stages_after(workflow, INSERT_DISCLAIMER):
        return
    path = check.path(ARTICLE_FILE)
    found = disclaimer.blocks(article.body)
    starts = _block_lines(check.now)
    last_line = (check.now.get(ARTICLE_FILE) or b"").count(b"\n") or 1
    if not found:
        yield Finding(path, last_line, f"the disclaimer is missing (stage {article.stage!r} "
                      "needs it): run 'editorial disclaim' or restore it")
        return
    if len(found) > 1:
        yield Finding(path, starts[1] if len(starts) > 1 else None,
                      f"the disclaimer appears {len(found)} times; keep only the last one")
        return
    if disclaimer.has_plain_copy(article.body, found[0]):
        yield Finding(path, starts[0] if starts else None,
                      "the disclaimer appears twice, as its block and typed as a plain "
                      "paragraph: delete the paragraph")
        return
    if _text_after_block(article.body):
        yield Finding(path, starts[0] if starts else None,
                      "text follows the disclaimer: it must end the article")
    if not disclaimer_refreshable(workflow, article.stage):
        # It keeps the wording it was given, which a later editorial.yaml does not change.
        recorded = article.meta.get(DISCLAIMER_HASH_KEY)
        if recorded and recorded != body_hash(found[0]):
            yield Finding(path, starts[0] + 1 if starts else None,
                          "the disclaimer is not the one it was given at 'editorial "
                          "disclaim': restore its text")
        return
    try:
        expected = disclaimer_text(check.newsroom, article, article.text("disclaimer_template"))
    except EditorialError as error:
        yield Finding(path, check.now.line_of(ARTICLE_FILE, "disclaimer_template"),
                      error.message)
        return
    if found[0] != expected:
        yield Finding(path, starts[0] + 1 if starts else None,
                      "the disclaimer is out of date with editorial.yaml: run "
                      f"'editorial disclaim {article.id}' to refresh it")


def _text_after_block(body: str) -> bool:
    end = body.rfind(disclaimer.END)
    return end != -1 and bool(body[end + len(disclaimer.END):].strip())
