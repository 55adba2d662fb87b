"""The desk's view of its articles: one summary per article, filtered and ordered for `status`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from editorial.core.article import (
    ARTICLE_FILE,
    ARTICLES_DIR,
    SETTABLE_KEYS,
    LoadProblem,
    entered_stage_at,
    lookup,
    text_value,
    was_returned,
)
from editorial.core.newsroom import Newsroom
from editorial.core.quality import fingerprint
from editorial.core.workflow import Workflow
from editorial.errors import EditorialError

if TYPE_CHECKING:
    from editorial.core.ports import Progress


@dataclass
class Summary:
    id: str
    title: str
    stage: str
    workflow: str
    translator: str | None
    editor: str | None
    updated_at: str | None
    entered_stage_at: datetime | None
    path: str
    # Flags other parts of the desk add, e.g. `returned` and `outdated`; they appear in
    # status --json, and those that are true after the stage in the table.
    marks: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "title": self.title, "stage": self.stage, "workflow": self.workflow,
            "translator": self.translator, "editor": self.editor,
            "updated_at": self.updated_at,
            "entered_stage_at": (self.entered_stage_at.strftime("%Y-%m-%dT%H:%M:%SZ")
                                 if self.entered_stage_at else None),
            "path": self.path, **self.marks,
        }

    def mark_names(self) -> list[str]:
        """The marks a reader is shown: those that are true, then what publishing will ask
        for, e.g. `needs source.url`."""
        names = [name for name, value in self.marks.items() if value is True]
        return names + [f"{NEEDS_MARK} {key}" for key in self.marks.get(NEEDS_MARK) or []]


@dataclass
class Listing:
    summaries: list[Summary]
    problems: list[EditorialError]
    workflows: dict[str, Workflow]
    # The front matter of each listed article, by id, for views that show more than the
    # summary (the dashboard), when asked for: kept for every article of a large archive,
    # it is most of a listing's memory.
    front_matter: dict[str, dict[str, Any]] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        """Articles per stage, in the desk order of the stages."""
        counts: dict[str, int] = {}
        for summary in self.summaries:
            counts[summary.stage] = counts.get(summary.stage, 0) + 1
        return dict(sorted(counts.items(), key=lambda item: self._rank(item[0])))

    def _rank(self, stage: str) -> int:
        return min((w.stage_rank(stage) for w in self.workflows.values()), default=0)


def summarize(article_id: str, meta: dict[str, Any], default_workflow: str) -> Summary:
    return Summary(
        id=article_id,
        title=text_value(meta.get("title")) or article_id,
        stage=text_value(meta.get("stage")) or "?",
        workflow=text_value(meta.get("workflow")) or default_workflow,
        translator=text_value(meta.get("translator")),
        editor=text_value(meta.get("editor")),
        updated_at=text_value(meta.get("updated_at")),
        entered_stage_at=entered_stage_at(meta),
        path=f"{ARTICLES_DIR}/{article_id}/{ARTICLE_FILE}",
        marks={**({"scheduled_at": meta["scheduled_at"]}
                  if isinstance(meta.get("scheduled_at"), str) else {}),
               "returned": was_returned(meta)},
    )


NEEDS_MARK = "needs"
PUBLISH_ACTION = "publish"
METADATA_GATE = "metadata"


def _lacking(workflow: Workflow, stage: str, meta: dict[str, Any]) -> list[str]:
    """The descriptive keys (those `editorial set` sets) that the workflow's publish gates
    require and the article lacks: said while the article is still in progress, long
    before publish refuses. An article no step leaves (spiked) needs nothing."""
    if not workflow.available_from(stage):
        return []
    required = dict.fromkeys(
        str(key) for transition in workflow.transitions_for(PUBLISH_ACTION)
        for gate in transition.gates if gate.name == METADATA_GATE
        for key in gate.argument or [] if key in SETTABLE_KEYS)
    return [key for key in required if lookup(meta, key) in (None, "", [], {})]


def list_articles(newsroom: Newsroom, *, stage: str | None = None, person: str | None = None,
                  include_all: bool = False, progress: Progress | None = None,
                  keep_front_matter: bool = False) -> Listing:
    """The articles `status` shows: by default those in a listed stage (not published, not
    spiked), ordered by stage in desk order, then longest in stage first. `progress` hears
    how far the reading of front matter is; with `keep_front_matter`, the listing holds each
    article's whole front matter too."""
    default_workflow = newsroom.config.workflow
    workflows: dict[str, Workflow] = {}
    summaries: list[Summary] = []
    problems: list[EditorialError] = []
    handed_off: dict[str, str] = {}  # the source fingerprint recorded at hand-off, by id
    front_matter: dict[str, dict[str, Any]] = {}

    def workflow_named(name: str) -> Workflow:
        if name not in workflows:
            workflows[name] = newsroom.workflows.get(name)
        return workflows[name]

    def shown(stage_value: str | None, workflow_value: str | None) -> bool:
        """Decided from the stage alone: in a large archive most articles are published and
        left out, and their front matter is never unpacked."""
        workflow = workflow_named(workflow_value or default_workflow)
        article_stage = stage_value or "?"
        if stage:
            return article_stage == stage
        if include_all:
            return True
        stage_def = workflow.stages.get(article_stage)
        return stage_def is None or stage_def.listed

    for item in newsroom.iter_front_matter(shown, progress=progress):
        if isinstance(item, LoadProblem):
            problems.append(item.error)
            continue
        article_id, meta = item
        summary = summarize(article_id, meta, default_workflow)
        if person and person not in (summary.translator, summary.editor):
            continue
        recorded = meta.get(fingerprint.TEXT_KEY)
        if isinstance(recorded, str):
            handed_off[article_id] = recorded
        summary.marks[NEEDS_MARK] = _lacking(workflow_named(summary.workflow), summary.stage,
                                             meta)
        summaries.append(summary)
        if keep_front_matter:
            front_matter[article_id] = meta
    # Only the articles shown, and only those past hand-off, have their source looked at.
    current = newsroom.source_hashes(list(handed_off))
    for summary in summaries:
        summary.marks["outdated"] = (summary.id in handed_off and not fingerprint.matches(
            handed_off[summary.id], current[summary.id]))
    oldest_first = datetime.max.replace(tzinfo=None)
    summaries.sort(key=lambda s: (
        workflows[s.workflow].stage_rank(s.stage),
        s.entered_stage_at.replace(tzinfo=None) if s.entered_stage_at else oldest_first,
        s.id,
    ))
    return Listing(summaries, problems, workflows, front_matter)
