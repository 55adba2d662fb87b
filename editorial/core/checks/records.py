"""Rules on what a change records beside its steps: the dates of new steps, and the credits
and title, which only a command that says why may change.

Both compare the article's states since the base: at each commit that changed article.md
(and before it), and as it is now.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from editorial.core.article import ARTICLE_FILE, format_time, parse_time, utc_now
from editorial.core.checks.base import ArticleCheck, ArticleFiles, Finding, rule
from editorial.core.checks.content import PUBLISH_EFFECT, stages_after
from editorial.core.checks.history import (
    ASSIGN_ACTION,
    added_entries,
    entry_keys,
    entry_line,
    history_of,
    introductions,
)
from editorial.core.workflow import Workflow

# Clocks of different machines disagree a little; a commit is made just after its step.
CLOCK_TOLERANCE = timedelta(minutes=10)
CREDIT_KEYS = ("translator", "editor")
# Steps that say why a published article's credits or title changed.
RECORDS_WHY = frozenset({"correct", "set"})
RECORD_EDITOR_EFFECT = "record-editor"


@rule("history-time", summary="a new history entry is dated no earlier than the base's last "
                              "entry and no later than the commit that adds it; updated_at "
                              "is not in the future (10 minutes' tolerance)")
def history_time(check: ArticleCheck) -> Iterator[Finding]:
    meta = check.now.meta()
    if meta is None:
        return
    path = check.path(ARTICLE_FILE)
    latest = utc_now() + CLOCK_TOLERANCE
    updated = parse_time(meta.get("updated_at"))
    if updated is not None and updated > latest:
        yield Finding(path, check.now.line_of(ARTICLE_FILE, "updated_at"),
                      f"updated_at {format_time(updated)} is in the future: it is the time of "
                      "the article's last change")
    if check.base is None:
        return
    old = history_of(check.base)
    floor = parse_time(old[-1].get("at")) if old and isinstance(old[-1], dict) else None
    introduced = introductions(check)
    for index, entry, key in added_entries(check):
        if index < len(old):
            continue  # a rewritten entry of the base's history is the history rule's finding
        moment = parse_time(entry.get("at")) if isinstance(entry, dict) else None
        if moment is None:
            continue  # the schema rule reports an entry without a time
        commits = introduced.get(key, [])
        made_beside_base = bool(commits) and not any(
            commit.sha in check.on_top_of_base for commit in commits)
        if floor is not None and moment < floor and not made_beside_base:
            yield Finding(path, entry_line(check, index),
                          f"history[{index}] is dated {format_time(moment)}, before the "
                          f"base's last entry ({format_time(floor)}): a new step cannot be "
                          "backdated")
            continue
        committed = max((datetime.fromtimestamp(commit.committed_at, UTC)
                         for commit in commits), default=None)
        if committed is not None and moment > committed + CLOCK_TOLERANCE:
            yield Finding(path, entry_line(check, index),
                          f"history[{index}] is dated {format_time(moment)}, after the commit "
                          f"that records it ({commits[-1].sha[:8]}, {format_time(committed)}):"
                          " a step is recorded when it is taken")
        elif moment > latest:
            yield Finding(path, entry_line(check, index),
                          f"history[{index}] is dated {format_time(moment)}, in the future")


@rule("credits", needs_base=True,
      summary="a translator or editor is set only by an assignment (or the step that records "
              "the editor); a published article's title and credits change only with a "
              "correction in the same commit")
def credits(check: ArticleCheck) -> Iterator[Finding]:
    article = check.article(check.base) or check.article()
    workflow = check.workflow(article) if article is not None else None
    if workflow is None:
        return
    published = stages_after(workflow, PUBLISH_EFFECT)
    for commit, before, after in _revisions(check):
        where = f"in commit {commit[:8]}" if commit else "in the uncommitted change"
        yield from _credit_changes(check, workflow, published, where, before, after)


def _revisions(check: ArticleCheck
               ) -> Iterator[tuple[str | None, ArticleFiles | None, ArticleFiles]]:
    """Each change of article.md since the base: the commit (None: not committed), the
    file before it and after it."""
    last = check.base
    for commit in check.commits or []:
        after = check.at_commit.get(commit.sha)
        if after is None:
            continue
        before = check.at_commit.get(commit.parents[0]) if commit.parents else None
        yield commit.sha, before, after
        last = after
    if last is None or last.get(ARTICLE_FILE) != check.now.get(ARTICLE_FILE):
        yield None, last, check.now


def _credit_changes(check: ArticleCheck, workflow: Workflow, published: set[str], where: str,
                    before: ArticleFiles | None, after: ArticleFiles) -> Iterator[Finding]:
    old = before.meta() if before is not None and before.exists() else {}
    new = after.meta()
    if old is None or new is None:
        return
    known = set(entry_keys(check, before))
    steps = [entry for entry, key in zip(history_of(after), entry_keys(check, after),
                                         strict=True)
             if key not in known and isinstance(entry, dict)]
    actions = {entry.get("action") for entry in steps}
    was_published = bool(old.get("published_at")) or old.get("stage") in published
    for key in ("title", *CREDIT_KEYS):
        if old.get(key) == new.get(key):
            continue
        line = check.now.line_of(ARTICLE_FILE, key)
        change = f"{key} changed from {old.get(key)!r} to {new.get(key)!r} {where}"
        if was_published:
            if not actions & RECORDS_WHY:
                yield Finding(check.path(ARTICLE_FILE), line,
                              f"{change}, after publication, with no correction: record it "
                              f"with 'editorial correct {check.article_id} --type "
                              "clarification --note TEXT' in the same commit")
        elif key in CREDIT_KEYS and not _assigned(workflow, key, new.get(key), steps):
            yield Finding(check.path(ARTICLE_FILE), line,
                          f"{change} with no assign step: only 'editorial assign "
                          f"{check.article_id} --{key} PERSON' says who is the {key}")


def _assigned(workflow: Workflow, key: str, person: object,
              steps: list[dict[str, Any]]) -> bool:
    """Whether a new step records `person` as the article's `key`: an assignment, or (for
    the editor) the step whose effect records who took it."""
    for entry in steps:
        if entry.get("action") == ASSIGN_ACTION:
            return True
        transition = workflow.find(str(entry.get("action")), str(entry.get("from")))
        if (key == "editor" and transition is not None
                and RECORD_EDITOR_EFFECT in transition.effects and entry.get("by") == person):
            return True
    return False
