"""Rules on an article's history: append-only, every step a transition of its workflow taken
by someone allowed to, and (with --base) committed by the person it names.

A change may add thousands of entries: every rule here is linear in them (what a step asks
of the article is worked out once, lines are found in one parse)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import yaml

from editorial.core import yamlio
from editorial.core.article import ARTICLE_FILE, Article, parse_time, translators_of, utc_now
from editorial.core.checks.base import ArticleCheck, ArticleFiles, CommitInfo, Finding, rule
from editorial.core.checks.governance import signer_problem
from editorial.core.config import Person
from editorial.core.files import ChangeSet
from editorial.core.step import DESK_STEP_ROLES, GATES, StepContext
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
    if action in DESK_STEP_ROLES and source == target and source in workflow.stages:
        return Transition(action=action, sources=(source,), target=source,
                          roles=DESK_STEP_ROLES[action])
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
    judge = step_judge(check, article)
    start = new_steps_start(check)
    previous: str | None = None
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            return  # the schema rule reports it; steps after it cannot be followed
        for message in _step_problems(judge, workflow, entries, index, previous, start):
            yield Finding(path, entry_line(check, index), message)
        target = entry.get("to")
        previous = target if isinstance(target, str) else None


def step_judge(check: ArticleCheck, article: Article) -> _StepJudge:
    judge = check.shared.get("step judge")
    if judge is None:
        judge = check.shared["step judge"] = _StepJudge(check, article)
    return judge


class _StepJudge:
    """Whether a person may take a step on the article: what every new step asks, worked
    out once per article rather than once per step, so that the check stays linear in the
    number of new steps."""

    def __init__(self, check: ArticleCheck, article: Article) -> None:
        self.check = check
        self.article = article
        self.people = check.newsroom.config.people
        self.translators = translators_of(article)
        self._actors: dict[str, set[str]] = {}

    def actors(self, key: str) -> set[str]:
        """Who the article's `key` (translator, editor) names, now or at the base."""
        if key not in self._actors:
            self._actors[key] = {str(value) for files in (self.check.now, self.check.base)
                                 if files is not None
                                 for value in [(files.meta() or {}).get(key)] if value}
        return self._actors[key]

    def refusals(self, person: Person, step: Transition) -> list[str]:
        """Why `person` may not take `step`, in words that follow "<person> "."""
        found: list[str] = []
        if not any(person.has_role(role) for role in step.roles):
            held = ", ".join(sorted(person.roles)) or "none"
            found.append(f"took {step.action}, which needs the role "
                         f"{' or '.join(step.roles)} ({person.id} has: {held})")
        if step.four_eyes and person.id in self.translators:
            found.append(f"took {step.action} on a translation they made themselves; it "
                         "needs a second pair of eyes")
        return found


def _step_problems(judge: _StepJudge, workflow: Workflow, entries: list[Any], index: int,
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
    return _check_step(judge, index, entry, step, last=index == len(entries) - 1)


def _check_step(judge: _StepJudge, index: int, entry: dict[str, Any], step: Transition,
                *, last: bool) -> list[str]:
    """A step added in the change under review: was the person allowed to take it?"""
    by, action = entry.get("by"), entry.get("action")
    person = judge.people.get(by) if isinstance(by, str) else None
    if person is None:
        return [f"history[{index}] ({action}): {by!r} is not a person in editorial.yaml"]
    problems = [f"history[{index}]: {by} {refusal}" for refusal in judge.refusals(person, step)]
    if step.actor_key:
        allowed = judge.actors(step.actor_key)
        if by not in allowed:
            problems.append(f"history[{index}]: only the article's {step.actor_key} "
                            f"({', '.join(sorted(allowed)) or 'none'}) can {action}, "
                            f"not {by}")
    if step.note_required and not (isinstance(entry.get("note"), str) and entry["note"].strip()):
        problems.append(f"history[{index}]: {action} needs a note saying why")
    if last and step.gates:
        problems.extend(f"history[{index}]: {action} is recorded although {reason}"
                        for reason in _unmet_gates(judge.check, entry, step, person))
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


def entry_line(check: ArticleCheck, index: int) -> int | None:
    """The file line of history[index] now. The lines of all entries come from one parse
    of the front matter, made at the first finding: a parse per finding would make a check
    with many findings quadratic."""
    lines = check.shared.get("history lines")
    if lines is None:
        lines = check.shared["history lines"] = _history_lines(check.now)
    return lines[index] if index < len(lines) else check.now.line_of(ARTICLE_FILE, "history")


def _history_lines(files: ArticleFiles) -> list[int]:
    document = files.document(ARTICLE_FILE)
    if document is None or document.raw_meta is None:
        return []
    try:
        node = yaml.compose(document.raw_meta, Loader=yamlio.SafeLoader)
    except yaml.YAMLError:
        return []
    if not isinstance(node, yaml.MappingNode):
        return []
    for key, value in node.value:
        if key.value == "history" and isinstance(value, yaml.SequenceNode):
            # The front matter starts on line 2, after the opening '---'.
            return [item.start_mark.line + 2 for item in value.value]
    return []


def introductions(check: ArticleCheck) -> dict[str, list[CommitInfo]]:
    """The commits since the base that added each history entry (by `entry_key`): those
    whose article.md holds it while none of their parents' did. Each version of the file is
    read once, so this is linear in the entries of the versions the change holds."""
    found = check.shared.get("introductions")
    if found is None:
        found = check.shared["introductions"] = {}

        def keys_at(sha: str) -> set[str]:
            return set(entry_keys(check, check.at_commit.get(sha)))

        for commit in check.commits or []:
            before = set().union(*(keys_at(parent) for parent in commit.parents))
            for key in keys_at(commit.sha) - before:
                found.setdefault(key, []).append(commit)
    return found


def entry_keys(check: ArticleCheck, files: ArticleFiles | None) -> list[str]:
    """`entry_key` of each history entry in `files`, worked out once per version of
    article.md: the file now is usually also the one at the last commit."""
    data = files.get(ARTICLE_FILE) if files is not None else None
    if data is None:
        return []
    cache: dict[bytes, list[str]] = check.shared.setdefault("entry keys", {})
    if data not in cache:
        cache[data] = [entry_key(entry) for entry in history_of(files)]
    return cache[data]


def added_entries(check: ArticleCheck) -> list[tuple[int, Any, str]]:
    """The history entries now that the base did not have: index, entry and key."""
    at_base = set(entry_keys(check, check.base))
    return [(index, entry, key) for index, (entry, key)
            in enumerate(zip(history_of(check.now), entry_keys(check, check.now), strict=True))
            if key not in at_base]


@rule("authorship", needs_base=True,
      summary="each history entry added since the base comes from a commit by the person it "
              "names in `by`: author and committer (a warning when a colleague committed "
              "it), or, with `authorship: signed`, its signature")
def authorship(check: ArticleCheck) -> Iterator[Finding]:
    if check.commits is None:
        return
    added = added_entries(check)
    if not added:
        return
    introduced = introductions(check)
    people = check.newsroom.config.people
    path = check.path(ARTICLE_FILE)
    for index, entry, key in added:
        by = entry.get("by") if isinstance(entry, dict) else None
        person = people.get(by) if isinstance(by, str) else None
        commits = introduced.get(key, [])
        if not commits:
            yield Finding(path, entry_line(check, index),
                          f"history[{index}] ({describe(entry)}) is in no commit since the "
                          f"base, so who made it cannot be told: commit it as {by}, or check "
                          "the committed state")
            continue
        if person is None:
            continue  # the transition rule reports a step by nobody of the desk
        if check.signatures is not None:
            found = _unsigned(check, index, entry, person, commits)
        else:
            found = _committed_by_someone_else(check, index, entry, person, commits)
        if found is not None:
            yield Finding(path, entry_line(check, index), found[0], warning=found[1])


def _unsigned(check: ArticleCheck, index: int, entry: dict[str, Any], person: Person,
              commits: list[CommitInfo]) -> tuple[str, bool] | None:
    """With `authorship: signed`: an error unless a commit that added the entry is signed
    with a key of the person it names."""
    signatures = check.signatures or {}
    problems = [f"commit {commit.sha[:8]} is {problem}" for commit in commits
                if (problem := signer_problem(signatures.get(commit.sha), person))]
    if len(problems) < len(commits):
        return None
    return (f"history[{index}] says {person.id} took {entry.get('action')}, but "
            + "; ".join(problems) + f": this newsroom asks each step to be signed with a "
            f"key of its person (authorship: signed; {person.id}'s signing_keys in "
            "editorial.yaml)", False)


def _committed_by_someone_else(check: ArticleCheck, index: int, entry: dict[str, Any],
                               person: Person, commits: list[CommitInfo]
                               ) -> tuple[str, bool] | None:
    """By email: an error when no commit that added the entry has the person as its
    author, or when its committer may not take the step (the translator committing an
    approval of their own translation under an editor's name); a warning when a colleague
    committed it (a rebase, a cherry-pick)."""
    action = entry.get("action")
    authored = [commit for commit in commits
                if commit.author_email.lower() == person.email.lower()]
    if not authored:
        authors = ", ".join(f"{commit.author_email} ({commit.sha[:8]})" for commit in commits)
        return (f"history[{index}] says {person.id} took {action}, but it was committed by "
                f"{authors}, not by {person.id} <{person.email}>", False)
    if any(commit.committer_email.lower() == person.email.lower() for commit in authored):
        return None
    commit = authored[0]
    committer = check.newsroom.config.person_by_email(commit.committer_email)
    article = check.article()
    workflow = check.workflow(article)
    step = _step_transition(workflow, entry) if workflow is not None else None
    refusals = (step_judge(check, article).refusals(committer, step)
                if committer is not None and article is not None and step is not None else [])
    who = f"{committer.id} <{commit.committer_email}>" if committer else commit.committer_email
    if refusals:
        return (f"history[{index}] says {person.id} took {action}, but commit "
                f"{commit.sha[:8]} was committed by {who}, who cannot take it: "
                + "; ".join(f"{committer.id if committer else who} {refusal}"
                            for refusal in refusals), False)
    return (f"history[{index}] ({action} by {person.id}) was authored by {person.email} "
            f"but committed by {who} in {commit.sha[:8]}: a rebase or cherry-pick by a "
            "colleague? Only a signature proves who took a step (authorship: signed)", True)
