"""The desk's actions: the library API behind every state-changing command.

Each action loads the article, asks the workflow whether the acting person may take the step
(role, four eyes, gates), works out every file it changes, and only then writes them and makes
one commit. A refusal raises before anything is written.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from editorial.core import effects, frontmatter, gates
from editorial.core.article import (
    ARTICLE_FILE,
    SETTABLE_KEYS,
    SOURCE_FILE,
    TRANSLATION_FILE,
    Article,
    check_id,
    format_time,
    ordered_meta,
    parse_time,
    shown_text,
    slugify,
    translators_of,
    utc_now,
)
from editorial.core.config import Person
from editorial.core.files import ChangeSet
from editorial.core.frontmatter import Document
from editorial.core.newsroom import Newsroom
from editorial.core.ports import Progress, VersionControl
from editorial.core.step import DESK_STEP_ROLES, StepContext
from editorial.core.workflow import Transition, Workflow
from editorial.errors import GateError, PermissionDeniedError, RefusedError, UsageError

Clock = Callable[[], datetime]
ASSIGNABLE = {"translator": "translator", "editor": "editor"}
# A first line longer than this, or ending with a full stop, is the start of the text rather
# than its headline.
HEADLINE_MAX_WORDS = 15
HEADLINE_MAX_CHARS = 120


@dataclass
class Outcome:
    """What an action did: for the command to report, and for tests to inspect."""

    article_ids: list[str]
    action: str
    from_stage: str | None
    to_stage: str
    changes: ChangeSet
    commit: str | None = None
    messages: list[str] = field(default_factory=list)


@dataclass
class SourceText:
    """A source text as registered by `new`."""

    text: str
    language: str
    title: str | None = None
    # The original headline, when the text's first line is not one.
    source_title: str | None = None
    author: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    # Where the text came from, to point at it when its front matter is broken.
    origin: str = "<source>"
    # Markdown may open with front matter describing the source; plain text is all body,
    # even when its first line happens to be '---'.
    may_have_front_matter: bool = True


class Desk:
    def __init__(self, newsroom: Newsroom, actor: Person, *, vcs: VersionControl | None,
                 clock: Clock = utc_now) -> None:
        self.newsroom = newsroom
        self.actor = actor
        self.vcs = vcs
        self.clock = clock

    # -- registering -------------------------------------------------------------------

    def new(self, source: SourceText, *, article_id: str | None = None,
            translator: str | None = None) -> Outcome:
        if source.may_have_front_matter:
            document = frontmatter.parse(source.text.encode("utf-8"), path=source.origin)
        else:
            document = Document(meta={}, body=source.text,
                                newline="\r\n" if "\r\n" in source.text else "\n")
        described = {key: value for key, value in document.meta.items() if value is not None}
        # The source keeps the original title; the article's title is the English one when
        # given, the original until the translator or editor writes one.
        if not document.body.strip():
            raise UsageError("the source text is empty", path=source.origin,
                             hint="pass a file with the original text")
        original_title = (shown_text(source.source_title) or shown_text(described.get("title"))
                          or _headline(document.body))
        title = source.title or original_title
        if title is None:
            # Taking the first paragraph would make it both titles, and publish it as the
            # original headline.
            raise UsageError("the first line of the source text does not look like a headline "
                             f"(over {HEADLINE_MAX_WORDS} words or ending with a full stop)",
                             path=source.origin,
                             hint="pass the original headline with --source-title TEXT")
        new_id = check_id(article_id) if article_id else self._id_for(title, source.language)
        folder = self.newsroom.articles_dir / new_id
        if folder.exists():
            raise RefusedError(f"an article {new_id!r} already exists",
                               hint="pass --id to choose another id")
        workflow = self.newsroom.workflows.get(self.newsroom.config.workflow)
        now = self.clock()
        source_meta: dict[str, Any] = {"language": source.language}
        for key in ("author", "outlet", "url", "published"):
            value = getattr(source, key) or shown_text(described.get(key))
            if value:
                source_meta[key] = str(value)
        meta: dict[str, Any] = {
            "id": new_id, "title": title, "workflow": workflow.name, "stage": workflow.initial,
            "source": source_meta, "translator": None, "editor": None,
            "created_at": format_time(now), "updated_at": format_time(now),
            "published_at": None, "history": [],
        }
        self._append_history(meta, now, "new", None, workflow.initial)
        source_doc = Document(meta={**({"title": original_title} if original_title else {}),
                                    **source_meta}, body=document.body,
                              newline=document.newline)
        translation_doc = Document(meta={"id": new_id, "language":
                                         self.newsroom.config.target_language}, body="")
        article = Article(new_id, folder, Document(meta=meta, body=""))
        changes = ChangeSet(self.newsroom.root)
        changes.write(folder / SOURCE_FILE, source_doc.to_bytes())
        changes.write(folder / TRANSLATION_FILE, translation_doc.to_bytes())
        outcome = Outcome([new_id], "new", None, workflow.initial, changes)
        if translator:
            self._check_assignee("translator", translator)
            meta["translator"] = translator
            transition = self._transition(workflow, "assign", article)
            self._authorize(transition, article)
            self._run_gates(StepContext(self.newsroom, article, transition, self.actor, now,
                                        changes), transition)
            self._append_history(meta, now, "assign", workflow.initial, transition.target,
                                 note=f"translator: {translator}")
            meta["stage"] = transition.target
            outcome.to_stage = transition.target
        changes.write(folder / ARTICLE_FILE, article.document.to_bytes())
        return self._land(outcome, f"new: {new_id} (none -> {outcome.to_stage})")

    def _id_for(self, title: str, language: str) -> str:
        letters = [char for char in title if char.isalpha()]
        latin = [char for char in letters if char.isascii()]
        slug = slugify(title)
        if slug and len(latin) * 2 >= len(letters):
            return slug
        # A title in Arabic script has no Latin words to build a readable id from.
        stamp = self.clock().strftime("%Y%m%d")
        base = f"{language.lower()}-{stamp}"
        taken = set(self.newsroom.article_ids())
        number = 1
        while f"{base}-{number}" in taken:
            number += 1
        return f"{base}-{number}"

    # -- assignments -------------------------------------------------------------------

    def assign(self, reference: str, *, translator: str | None = None,
               editor: str | None = None) -> Outcome:
        if not translator and not editor:
            raise UsageError("say whom to assign: --translator PERSON or --editor PERSON")
        article = self.newsroom.load_valid(reference)
        workflow = self.newsroom.workflow_of(article)
        roles = next((t.roles for t in workflow.transitions_for("assign")), ("editor",))
        self._require_role(roles, "assign people")
        notes = []
        for key, person_id in (("translator", translator), ("editor", editor)):
            if person_id:
                self._check_assignee(key, person_id)
                article.meta[key] = person_id
                notes.append(f"{key}: {person_id}")
        transition = workflow.find("assign", article.stage) if translator else None
        if transition is not None:
            return self.take(article, "assign", note=", ".join(notes))
        changes = ChangeSet(self.newsroom.root)
        stage = article.stage
        self._record(article, "assign", stage, ", ".join(notes), changes, self.clock())
        return self._land(Outcome([article.id], "assign", stage, stage, changes),
                          f"assign: {article.id} ({stage} -> {stage})")

    def _check_assignee(self, key: str, person_id: str) -> None:
        person = self.newsroom.person(person_id)
        role = ASSIGNABLE[key]
        if not person.has_role(role):
            raise PermissionDeniedError(f"{person_id} cannot be the {key}: they lack the role "
                                        f"{role}", hint="give them the role in editorial.yaml")

    # -- description -------------------------------------------------------------------

    def set(self, reference: str, assignments: Sequence[str]) -> Outcome:
        """Set descriptive front matter (`KEY=VALUE`, KEY one of SETTABLE_KEYS), validated,
        as one step; a value left empty removes a `source.*` key."""
        values = _settings(assignments)
        article = self.newsroom.load_valid(reference)
        self._require_role(DESK_STEP_ROLES["set"], f"set the description of {article.id}")
        changes = ChangeSet(self.newsroom.root)
        source_doc = article.read_source() if "source.title" in values else None
        changed = []
        for key, value in values.items():
            if key == "title":
                holder = article.meta
            elif source_doc is not None and key == "source.title":
                holder = source_doc.meta
            else:
                if not isinstance(article.meta.get("source"), dict):
                    article.meta["source"] = {}
                holder = article.meta["source"]
            name = key.rsplit(".", 1)[-1]
            if holder.get(name) == (value or None):
                continue
            if value:
                holder[name] = value
            else:
                holder.pop(name, None)
            changed.append(key)
        stage = article.stage
        if not changed:
            return Outcome([article.id], "set", stage, stage, changes)
        if source_doc is not None and "source.title" in changed:
            changes.write(article.source_path, source_doc.to_bytes())
        self._record(article, "set", stage, "set " + ", ".join(changed), changes, self.clock())
        return self._land(Outcome([article.id], "set", stage, stage, changes),
                          f"set: {article.id} {', '.join(changed)} ({stage} -> {stage})")

    # -- acknowledged findings ---------------------------------------------------------

    def accept(self, reference: str, rule_id: str, *, finding: str | None,
               note: str | None) -> Outcome:
        """Record that the actor judged `rule_id`'s finding `finding` (every current finding
        of the rule, without one) intended: `check` stays silent on it while the text it is
        about is unchanged."""
        # deferred: start-up time (the check rules and their quality analysis load for
        # `accept` only)
        from editorial.core.checks import load_rules
        from editorial.core.checks.base import ACCEPT_ACTION, ACCEPTED_KEY
        from editorial.core.checks.desk import desk_rules
        from editorial.core.checks.quality import article_check

        if not (note and note.strip()):
            raise UsageError("accept needs a note saying why the finding is intended "
                             "(--note TEXT)")
        article = self.newsroom.load_valid(reference)
        self._require_role(DESK_STEP_ROLES[ACCEPT_ACTION], f"accept findings on {article.id}")
        rules = dict(load_rules())
        rules.update((rule.id, rule) for rule in desk_rules(self.newsroom, rules))
        if rule_id not in rules:
            raise UsageError(f"no check rule {rule_id!r}",
                             hint="rules: " + ", ".join(sorted(rules)))
        found = list(rules[rule_id].function(article_check(self.newsroom, article)))
        keys = sorted({str(item.key) for item in found if item.key is not None})
        if finding is not None:
            found = [item for item in found if item.key == finding]
        if not found:
            what = f"finding {finding!r}" if finding is not None else "finding"
            raise RefusedError(f"nothing to accept: {article.id} has no current {what} of "
                               f"{rule_id}", hint=("its findings: " + ", ".join(keys)) if keys
                               else f"'editorial check articles/{article.id}' lists them")
        if any(item.key is None or item.text_hash is None for item in found):
            raise RefusedError(f"the rule {rule_id} gives its findings no key: they cannot be "
                               "accepted, only fixed or the rule turned off in editorial.yaml")
        now = self.clock()
        accepted = {(item.key, item.text_hash): item for item in found}
        entries = [entry for entry in article.meta.get(ACCEPTED_KEY) or []
                   if not (isinstance(entry, dict) and entry.get("rule") == rule_id
                           and entry.get("finding") in {key for key, _ in accepted})]
        entries += [{"rule": rule_id, "finding": key, "text_hash": text_hash,
                     "by": self.actor.id, "at": format_time(now), "note": note.strip()}
                    for key, text_hash in accepted]
        article.meta[ACCEPTED_KEY] = entries
        changes = ChangeSet(self.newsroom.root)
        stage = article.stage
        named = ", ".join(str(key) for key, _ in accepted)
        self._record(article, ACCEPT_ACTION, stage, f"{rule_id} {named}: {note.strip()}",
                     changes, now)
        return self._land(Outcome([article.id], ACCEPT_ACTION, stage, stage, changes),
                          f"accept: {article.id} {rule_id} {named} ({stage} -> {stage})")

    # -- drafts ------------------------------------------------------------------------

    def draft(self, reference: str, *, engine: str | None = None,
              force: bool = False) -> Outcome:
        """Write translation.md from the translation memory (and a machine-translation
        command), as one step: see editorial.core.memory.draft."""
        # deferred: start-up time (the memory, sqlite and rapidfuzz, loads for `draft` only)
        from editorial.core.memory.draft import DRAFT_ACTION, draft_translation

        article = self.newsroom.load_valid(reference)
        self._require_role(DESK_STEP_ROLES[DRAFT_ACTION], f"draft {article.id}")
        changes = ChangeSet(self.newsroom.root)
        drafted = draft_translation(self.newsroom, article, self.actor, changes,
                                    engine=engine, force=force)
        stage = article.stage
        self._record(article, DRAFT_ACTION, stage, drafted.summary(), changes, self.clock())
        return self._land(Outcome([article.id], DRAFT_ACTION, stage, stage, changes,
                                  messages=[f"{article.id}: {drafted.summary()}"]),
                          f"{DRAFT_ACTION}: {article.id} ({stage} -> {stage})")

    # -- transitions -------------------------------------------------------------------

    def take(self, reference: str | Article, action: str, *, note: str | None = None,
             options: dict[str, Any] | None = None) -> Outcome:
        """Take the workflow transition named `action` from the article's current stage."""
        article = (reference if isinstance(reference, Article)
                   else self.newsroom.load_valid(reference))
        changes = ChangeSet(self.newsroom.root)
        now = self.clock()
        before = article.stage
        messages: list[str] = []
        changed = self._step(article, action, note, options or {}, changes, now, messages)
        outcome = Outcome([article.id], action, before, article.stage, changes,
                          messages=messages)
        if not changed:
            return outcome
        return self._land(outcome, f"{action}: {article.id} ({before} -> {article.stage})")

    def take_many(self, references: Sequence[str], action: str, *, note: str | None = None,
                  options: dict[str, Any] | None = None, dry_run: bool = False,
                  progress: Progress | None = None) -> Outcome:
        """One action on several articles, all or nothing: every refusal is listed at once,
        and either every article moves, in one commit, or none does. `progress` hears how
        many articles have been taken through the action."""
        ids = list(dict.fromkeys(self.newsroom.resolve(reference) for reference in references))
        changes = ChangeSet(self.newsroom.root)
        now = self.clock()
        refusals: list[str] = []
        stages: dict[str, tuple[str, str]] = {}
        moved: list[str] = []
        messages: list[str] = []
        for done, article_id in enumerate(ids):
            if progress is not None:
                progress(done, len(ids))
            article = self.newsroom.load_valid(article_id)
            before = article.stage
            try:
                if self._step(article, action, note, options or {}, changes, now, messages):
                    moved.append(article_id)
            except RefusedError as refusal:
                refusals.append(refusal.message)
                continue
            stages[article_id] = (before, article.stage)
        _refuse_all(refusals, len(ids))
        unchanged = [article_id for article_id in ids if article_id not in moved]
        if moved and unchanged:
            messages.append(f"{', '.join(unchanged)}: nothing to change")
        reported = moved or ids
        outcome = Outcome(reported, action, _one({stages[i][0] for i in reported}),
                          _one({stages[i][1] for i in reported}) or "", changes,
                          messages=messages)
        if dry_run or not moved:
            return outcome
        return self._land(outcome, f"{action}: {', '.join(moved)} "
                                   f"({outcome.from_stage} -> {outcome.to_stage})")

    def rebuild(self, *, dry_run: bool = False) -> Outcome:
        """Render every published article's outputs again, as publishing each again would,
        but in one commit and with no history entry: nothing happened to the articles, a
        publish target was added or changed. All or nothing, like `take_many`."""
        # deferred: start-up time (publishing loads its settings and targets for `rebuild`)
        from editorial.core.publishing.outputs import live_article_ids

        ids = live_article_ids(self.newsroom)
        changes = ChangeSet(self.newsroom.root)
        now = self.clock()
        refusals: list[str] = []
        messages: list[str] = []
        # Each article's live stage as its own workflow names it: the outcome names them all.
        stages: set[str] = set()
        for article_id in ids:
            article = self.newsroom.load_valid(article_id)
            stages.add(article.stage)
            meta_before = copy.deepcopy(article.meta)
            try:
                self._prepare(article, "publish", None, {}, changes, now, messages)
            except RefusedError as refusal:
                refusals.append(refusal.message)
                continue
            if article.meta != meta_before:  # the outputs it records
                article.document.meta = ordered_meta(article.meta)
                changes.write(article.path, article.document.to_bytes())
        _refuse_all(refusals, len(ids))
        live = ", ".join(sorted(stages))
        outcome = Outcome(ids, "rebuild", live, live, changes, messages=messages)
        if dry_run or not changes:
            return outcome
        return self._land(outcome, f"rebuild: the outputs of {len(ids)} published "
                                   f"article{'s' if len(ids) != 1 else ''}")

    def _step(self, article: Article, action: str, note: str | None, options: dict[str, Any],
              changes: ChangeSet, now: datetime, messages: list[str]) -> bool:
        """Prepare the step and, unless it changes nothing, record it; say whether it did.

        A step that stays in its stage and whose effects found nothing to do (a second
        `disclaim`, publishing an article again as it was) is not worth a history entry or
        a commit.
        """
        before = article.stage
        meta_before, body_before = copy.deepcopy(article.meta), article.body
        pending_before = changes.pending()
        transition = self._prepare(article, action, note, options, changes, now, messages)
        if (transition.target == before and changes.pending() == pending_before
                and article.body == body_before and article.meta == meta_before):
            return False
        self._record(article, action, transition.target, note, changes, now)
        return True

    def _prepare(self, article: Article, action: str, note: str | None,
                 options: dict[str, Any], changes: ChangeSet, now: datetime,
                 messages: list[str]) -> Transition:
        """Check that the step may be taken and apply its effects to the article in memory."""
        workflow = self.newsroom.workflow_of(article)
        transition = self._transition(workflow, action, article)
        self._authorize(transition, article)
        if transition.note_required and not (note and note.strip()):
            raise UsageError(f"{action} needs a note saying why (--note TEXT)")
        step = StepContext(self.newsroom, article, transition, self.actor, now, changes,
                           note=note, options=options, vcs=self.vcs)
        self._run_gates(step, transition)
        for effect in transition.effects:
            effects.EFFECTS[effect](step)
        messages.extend(f"{article.id}: {message}" for message in step.messages)
        return transition

    def _record(self, article: Article, action: str, target: str, note: str | None,
                changes: ChangeSet, now: datetime) -> None:
        """Move the article to `target`, log the step in its history, queue its write."""
        before = article.stage
        article.meta["stage"] = target
        article.meta["updated_at"] = format_time(now)
        self._append_history(article.meta, now, action, before, target, note=note)
        article.document.meta = ordered_meta(article.meta)
        changes.write(article.path, article.document.to_bytes())

    def _transition(self, workflow: Workflow, action: str, article: Article) -> Transition:
        transition = workflow.find(action, article.stage)
        if transition is not None:
            return transition
        known = workflow.transitions_for(action)
        if not known:
            raise UsageError(f"the workflow {workflow.name!r} has no action {action!r}",
                             hint="actions: " + ", ".join(workflow.actions()))
        sources = sorted({stage for t in known for stage in t.sources})
        possible = workflow.available_from(article.stage)
        raise RefusedError(
            f"cannot {action} {article.id}: it is in stage {article.stage!r}, and {action} "
            f"is taken from {', '.join(sources)}",
            hint=("next: " + ", ".join(possible)) if possible else "no action leaves this stage",
        )

    def _require_role(self, roles: Sequence[str], doing: str) -> None:
        if not any(self.actor.has_role(role) for role in roles):
            held = ", ".join(sorted(self.actor.roles)) or "none"
            raise PermissionDeniedError(
                f"{self.actor.id} cannot {doing}: it needs the role {' or '.join(roles)} "
                f"({self.actor.id} has: {held})")

    def _authorize(self, transition: Transition, article: Article) -> None:
        self._require_role(transition.roles, f"{transition.action} {article.id}")
        if transition.actor_key:
            expected = article.text(transition.actor_key)
            if expected != self.actor.id:
                raise PermissionDeniedError(
                    f"{self.actor.id} cannot {transition.action} {article.id}: only its "
                    f"{transition.actor_key} ({expected or 'none assigned'}) can")
        if transition.four_eyes and self.actor.id in translators_of(article):
            raise PermissionDeniedError(
                f"{self.actor.id} cannot {transition.action} {article.id}: they translated "
                "it, and a translation needs a second pair of eyes",
                hint="ask another editor")

    def _run_gates(self, step: StepContext, transition: Transition) -> None:
        unmet: list[str] = []
        for gate in transition.gates:
            unmet.extend(gates.GATES[gate.name](step, gate.argument))
        if unmet:
            raise GateError(transition.action, step.article.id, unmet)

    def _append_history(self, meta: dict[str, Any], now: datetime, action: str,
                        before: str | None, after: str, *, note: str | None = None) -> None:
        entry: dict[str, Any] = {"at": format_time(now), "by": self.actor.id, "action": action,
                                 "from": before, "to": after}
        if note:
            entry["note"] = note
        history = meta.get("history")
        if not isinstance(history, list):
            history = []
        meta["history"] = [*history, entry]

    # -- landing -----------------------------------------------------------------------

    def _land(self, outcome: Outcome, subject: str) -> Outcome:
        """Write the files and commit them as one step, or, without version control, just
        write them; a failure puts every file back."""
        changes = outcome.changes
        if self.vcs is None:
            changes.apply()
            return outcome
        message = commit_message(subject, outcome.article_ids, outcome.action, self.actor.id)
        outcome.commit = self.vcs.land(changes, message, when=self.clock())
        return outcome


def commit_message(subject: str, article_ids: Sequence[str], action: str, by: str) -> str:
    trailers = [f"Editorial-Article: {article_id}" for article_id in article_ids]
    trailers += [f"Editorial-Action: {action}", f"Editorial-By: {by}"]
    return subject + "\n\n" + "\n".join(trailers) + "\n"


def _headline(body: str) -> str | None:
    """The first line with words in it (a rule or a blank line is no title), when it looks
    like a headline: short, and without the full stop that ends a sentence of the text."""
    for line in body.splitlines():
        stripped = line.strip().lstrip("#").strip()
        if any(char.isalnum() for char in stripped):
            if (len(stripped) > HEADLINE_MAX_CHARS or stripped.endswith(".")
                    or len(stripped.split()) > HEADLINE_MAX_WORDS):
                return None
            return stripped
    return None


def _settings(assignments: Sequence[str]) -> dict[str, str]:
    """`KEY=VALUE` arguments of `set`, checked: a settable key, once; one line of text; an
    http(s) address for `source.url`; an ISO 8601 date for `source.published`."""
    values: dict[str, str] = {}
    if not assignments:
        raise UsageError("say what to set: KEY=VALUE, KEY one of " + ", ".join(SETTABLE_KEYS))
    for assignment in assignments:
        key, equals, value = assignment.partition("=")
        key, value = key.strip(), value.strip()
        if not equals:
            raise UsageError(f"{assignment!r} is not KEY=VALUE",
                             hint="e.g. source.url=https://example.org/story")
        if key not in SETTABLE_KEYS:
            raise UsageError(f"set cannot change {key!r}: it sets " + ", ".join(SETTABLE_KEYS),
                             hint="stages, people and history change through the desk's steps")
        if key in values:
            raise UsageError(f"{key} is given twice")
        if any(char in value for char in "\r\n"):
            raise UsageError(f"{key}: a value is one line of text")
        if not value and key == "title":
            raise UsageError("title: an article needs a title")
        if value and key == "source.url" and not _web_address(value):
            raise UsageError(f"source.url: {value!r} is not an http(s) address",
                             hint="e.g. https://example.org/story")
        if value and key == "source.published" and parse_time(value) is None:
            raise UsageError(f"source.published: {value!r} is not an ISO 8601 date",
                             hint="e.g. 2024-05-01 or 2024-05-01T09:30:00Z")
        values[key] = value
    return values


def _web_address(value: str) -> bool:
    parsed = urlsplit(value)
    return parsed.scheme in ("http", "https") and bool(parsed.netloc)


def _refuse_all(refusals: list[str], total: int) -> None:
    """Refuse the whole action when any article was refused, naming every refusal."""
    if len(refusals) == 1:
        raise RefusedError(refusals[0])
    if refusals:
        raise RefusedError(f"nothing done; {len(refusals)} of {total} refused: "
                           + " | ".join(refusals))


def _one(values: set[str]) -> str | None:
    return next(iter(values)) if len(values) == 1 else None
