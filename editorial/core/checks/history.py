"""Rules on an article's history: append-only, every step a transition of its workflow taken
by someone allowed to, and (with --base) committed by the person it names."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from editorial.core.article import ARTICLE_FILE, parse_time
from editorial.core.checks.base import ArticleCheck, ArticleFiles, Finding, rule
from editorial.core.config import Person
from editorial.core.desk import translators_of, utc_now
from editorial.core.files import ChangeSet
from editorial.core.gates import GATES
from editorial.core.step import StepContext
from editorial.core.workflow import Transition, Workflow
from editorial.errors import EditorialError

# `new` registers an article and is not a workflow transition; `assign` without a stage
# change (an editor assigned later) is the desk's, with the role of the workflow's assign.
REGISTER_ACTION = "new"
ASSIGN_ACTION = "assign"
DEFAULT_ASSIGN_ROLES = ("editor",)


def history_of(files: ArticleFiles | None) -> list[Any]:
    meta = files.meta() if files is not None else None
    entries = meta.get("history") if meta is not None else None
    return entries if isinstance(entries, list) else []


def entry_key(entry: object) -> str:
    """One history entry as comparable text, whatever types YAML gave its values."""
    return json.dumps(entry, sort_keys=True, default=str, ensure_ascii=False)


def describe(entry: object) -> str:
    if not isinstance(entry, dict):
        return repr(entry)
    return f"{entry.get('action')} by {entry.get('by')} at {entry.get('at')}"


def new_steps_start(check: ArticleCheck) -> int:
    """Where the steps added since the base begin in the history now: after the base's
    history, or at the first entry that differs from it. Without a base, nothing is new."""
    entries = history_of(check.now)
    if check.base is None:
        return len(entries)
    for index, old in enumerate(history_of(check.base)):
        if index >= len(entries) or entry_key(entries[index]) != entry_key(old):
            return index
    return len(history_of(check.base))


@rule("history", summary="history is append-only (the base's history is a prefix of the "
                         "new one) and the stage is the last entry's `to`")
def history(check: ArticleCheck) -> Iterator[Finding]:
    path = check.path(ARTICLE_FILE)
    if not check.now.exists():
        if check.base is not None and check.base.exists():
            yield Finding(path, None, "the article was deleted: its record must stay "
                          "(use 'editorial spike' or 'editorial unpublish' instead)")
        return
    meta = check.now.meta()
    if meta is None:
        return
    entries = meta.get("history")
    if not isinstance(entries, list):
        return
    if not entries:
        yield Finding(path, check.now.line_of(ARTICLE_FILE, "history"),
                      "history is empty: every article records at least its registration")
    elif isinstance(entries[-1], dict) and entries[-1].get("to") != meta.get("stage"):
        yield Finding(path, check.now.line_of(ARTICLE_FILE, "stage"),
                      f"stage {meta.get('stage')!r} is not where the history ends "
                      f"({entries[-1].get('to')!r}): change stages with editorial's commands, "
                      "which record each step")
    if check.base is None or check.base.meta() is None:
        return
    old = history_of(check.base)
    start = new_steps_start(check)
    if start < len(old):
        if start >= len(entries):
            yield Finding(path, check.now.line_of(ARTICLE_FILE, "history"),
                          f"history lost {len(old) - start} entr"
                          f"{'y' if len(old) - start == 1 else 'ies'} it had at the base, "
                          f"from {describe(old[start])}: history is append-only")
        else:
            yield Finding(path, check.now.line_of(ARTICLE_FILE, "history", start),
                          f"history[{start}] was changed (at the base: {describe(old[start])}):"
                          " history is append-only; add new entries at the end")


def _step_transition(workflow: Workflow, entry: dict[str, Any]) -> Transition | None:
    action, source, target = entry.get("action"), entry.get("from"), entry.get("to")
    if not isinstance(action, str) or not isinstance(source, str):
        return None
    transition = workflow.find(action, source)
    if transition is not None and transition.target == target:
        return transition
    if action == ASSIGN_ACTION and source == target and source in workflow.stages:
        roles = next((t.roles for t in workflow.transitions_for(ASSIGN_ACTION)),
                     DEFAULT_ASSIGN_ROLES)
        return Transition(action=ASSIGN_ACTION, sources=(source,), target=source, roles=roles)
    return None


@rule("transition", summary="each history step is a transition of the article's workflow; "
                            "each new one taken by a person with its role, its own actor, "
                            "four eyes kept, its note and gates present")
def transition(check: ArticleCheck) -> Iterator[Finding]:
    article = check.article()
    workflow = check.workflow(article)
    if article is None or workflow is None or check.now.meta() is None:
        return
    path = check.path(ARTICLE_FILE)
    entries = article.history
    start = new_steps_start(check)
    previous: str | None = None
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            return  # the schema rule reports it; steps after it cannot be followed
        for message in _step_problems(check, workflow, entries, index, previous, start):
            yield Finding(path, check.now.line_of(ARTICLE_FILE, "history", index), message)
        target = entry.get("to")
        previous = target if isinstance(target, str) else None


def _step_problems(check: ArticleCheck, workflow: Workflow, entries: list[Any], index: int,
                   previous: str | None, start: int) -> list[str]:
    entry = entries[index]
    action, source, target = entry.get("action"), entry.get("from"), entry.get("to")
    if index == 0:
        if action != REGISTER_ACTION or source is not None or target != workflow.initial:
            return [f"history[0] must register the article: action new, from null, to "
                    f"{workflow.initial!r}"]
        return []
    if source != previous:
        return [f"history[{index}] ({action}) starts from {source!r}, but the step before "
                f"ended in {previous!r}"]
    step = _step_transition(workflow, entry)
    if step is None:
        return [f"history[{index}]: {action} from {source!r} to {target!r} is not a "
                f"transition of the workflow {workflow.name!r}"]
    if index < start:
        return []
    return _check_step(check, index, entry, step, last=index == len(entries) - 1)


def _check_step(check: ArticleCheck, index: int, entry: dict[str, Any], step: Transition,
                *, last: bool) -> list[str]:
    """A step added in the change under review: was the person allowed to take it?"""
    article = check.article()
    assert article is not None
    by, action = entry.get("by"), entry.get("action")
    person = check.newsroom.config.people.get(by) if isinstance(by, str) else None
    if person is None:
        return [f"history[{index}] ({action}): {by!r} is not a person in editorial.yaml"]
    problems: list[str] = []
    if not any(person.has_role(role) for role in step.roles):
        held = ", ".join(sorted(person.roles)) or "none"
        problems.append(f"history[{index}]: {by} took {action}, which needs the role "
                        f"{' or '.join(step.roles)} ({by} has: {held})")
    if step.actor_key:
        allowed = {value for files in (check.now, check.base) if files is not None
                   for value in [(files.meta() or {}).get(step.actor_key)] if value}
        if by not in allowed:
            problems.append(f"history[{index}]: only the article's {step.actor_key} "
                            f"({', '.join(sorted(map(str, allowed))) or 'none'}) can {action}, "
                            f"not {by}")
    if step.four_eyes and by in translators_of(article):
        problems.append(f"history[{index}]: {by} took {action} on a translation they made "
                        "themselves; it needs a second pair of eyes")
    if step.note_required and not (isinstance(entry.get("note"), str) and entry["note"].strip()):
        problems.append(f"history[{index}]: {action} needs a note saying why")
    if last and step.gates:
        problems.extend(f"history[{index}]: {action} is recorded although {reason}"
                        for reason in _unmet_gates(check, entry, step, person))
    return problems


def _unmet_gates(check: ArticleCheck, entry: dict[str, Any], step: Transition,
                 person: Person) -> list[str]:
    """The gates of the latest step, asked of the article as it is now: what the desk's
    command would have checked before recording it."""
    article = check.article()
    assert article is not None
    when = parse_time(entry.get("at")) or utc_now()
    context = StepContext(check.newsroom, article, step, person, when,
                          ChangeSet(check.newsroom.root))
    unmet: list[str] = []
    for gate in step.gates:
        try:
            unmet.extend(GATES[gate.name](context, gate.argument))
        except EditorialError as error:
            unmet.append(error.message)
    return unmet


@rule("authorship", needs_base=True,
      summary="each history entry added since the base comes from a commit whose author is "
              "the person it names in `by`")
def authorship(check: ArticleCheck) -> Iterator[Finding]:
    if check.commits is None:
        return
    entries = history_of(check.now)
    at_base = {entry_key(entry) for entry in history_of(check.base)}
    added = [index for index, entry in enumerate(entries) if entry_key(entry) not in at_base]
    if not added:
        return
    introduced_by: dict[str, list[tuple[str, str]]] = {}
    for commit in check.commits:
        before = {entry_key(entry) for parent in commit.parents
                  for entry in history_of(check.at_commit.get(parent))}
        for entry in history_of(check.at_commit.get(commit.sha)):
            key = entry_key(entry)
            if key not in before:
                introduced_by.setdefault(key, []).append((commit.sha, commit.author_email))
    path = check.path(ARTICLE_FILE)
    people = check.newsroom.config.people
    for index in added:
        entry = entries[index]
        by = entry.get("by") if isinstance(entry, dict) else None
        person = people.get(by) if isinstance(by, str) else None
        commits = introduced_by.get(entry_key(entry), [])
        if not commits:
            message = (f"history[{index}] ({describe(entry)}) is in no commit since the base, "
                       "so who made it cannot be told: commit it as "
                       f"{by}, or check the committed state")
        elif person is not None and not any(email.lower() == person.email.lower()
                                            for _, email in commits):
            authors = ", ".join(f"{email} ({sha[:8]})" for sha, email in commits)
            message = (f"history[{index}] says {by} took "
                       f"{entry.get('action')}, but it was committed by {authors}, not by "
                       f"{by} <{person.email}>")
        else:
            continue
        # Looked up only for a finding: finding the line parses the YAML again.
        yield Finding(path, check.now.line_of(ARTICLE_FILE, "history", index), message)
