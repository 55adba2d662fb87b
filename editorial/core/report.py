"""The desk's dashboard as data: the board by stage, each person's queue, the outdated
translations with the source paragraphs that changed, the publishing calendar, the withdrawn
articles and the desk's figures. `editorial report --html` draws it (editorial.render.
report_html); everything here comes from the listing `status --all` reads and the figures
`stats` computes, so the page and the commands never disagree.

A ten-year archive holds thousands of published articles: long lists are cut to the
articles a desk looks at (the newest published, the longest waiting in progress), with the
whole count beside them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from editorial.core import frontmatter
from editorial.core.article import SOURCE_FILE, entering_step, parse_time
from editorial.core.files import atomic_write, read_if_inside
from editorial.core.listing import Listing, Summary, list_articles
from editorial.core.newsroom import Newsroom
from editorial.core.quality import fingerprint
from editorial.core.quality.text import paragraphs
from editorial.core.review.stats import PERSON_KEYS, DeskStats, PhasesOf, compute_stats
from editorial.core.workflow import Transition, Workflow, open_stages
from editorial.errors import EditorialError, RefusedError

# Cards drawn in one stage column, and items in one person's queue; the rest are counted.
COLUMN_CARDS = 25
QUEUE_ITEMS = 25
# The calendar's look back at what was published, and how much of it it lists.
RECENT_DAYS = 30
RECENT_PUBLISHED = 40
WITHDRAWN_SHOWN = 40
# Each outdated translation lists its changed source paragraphs: a page of thousands would not
# open, so the longest waiting are shown and the rest counted.
OUTDATED_SHOWN = 40
# The weeks of publications the chart draws: a whole archive would be a thousand hairlines.
CHART_WEEKS = 26
# The file that says a folder holds a dashboard editorial wrote, and may be written again.
MARKER = ".editorial-report"
INDEX = "index.html"
# Where an article without a readable time sorts: before every dated one.
EARLIEST = datetime.min.replace(tzinfo=UTC)


@dataclass
class Card:
    summary: Summary
    marks: list[str]
    scheduled_at: datetime | None
    # The headline in the source's language, read only for the cards the page shows.
    original_title: str | None = None


@dataclass
class Column:
    stage: str
    description: str
    colour: str             # as the workflow names it, a terminal colour
    cards: list[Card]
    count: int
    open: bool  # work in progress: the longest waiting shown first, else the newest

    @property
    def hidden(self) -> int:
        return self.count - len(self.cards)


@dataclass(frozen=True)
class Task:
    card: Card
    action: str


@dataclass
class Queue:
    """What one person (or, where the article names nobody, anyone with a role) has to do."""

    key: str
    name: str
    tasks: list[Task] = field(default_factory=list)
    count: int = 0


@dataclass(frozen=True)
class ChangedParagraph:
    number: int             # its number in the source as it is now
    was: int | None         # its number at hand-off; None for a paragraph added since
    text: str


@dataclass(frozen=True)
class Outdated:
    card: Card
    changed: list[ChangedParagraph]
    removed: list[int]      # numbers at hand-off of paragraphs no longer in the source


@dataclass(frozen=True)
class Dated:
    """An entry of the calendar, or of the withdrawn list."""

    card: Card
    at: datetime
    kind: str
    by: str | None = None
    note: str | None = None


@dataclass
class Report:
    publication: str
    now: datetime
    total: int
    columns: list[Column]
    queues: list[Queue]
    outdated: list[Outdated]
    outdated_count: int
    scheduled: list[Dated]
    published: list[Dated]
    published_count: int     # in the last RECENT_DAYS, of which `published` is the newest
    withdrawn: list[Dated]
    withdrawn_count: int
    stats: DeskStats
    problems: list[EditorialError]
    people: dict[str, str]   # id -> name, for the cards

    def calendar(self) -> list[tuple[date, list[Dated]]]:
        """Scheduled and recent publications by day, the latest day first."""
        days: dict[date, list[Dated]] = {}
        for entry in sorted([*self.scheduled, *self.published], key=lambda e: e.at,
                            reverse=True):
            days.setdefault(entry.at.date(), []).append(entry)
        return list(days.items())


def build_report(newsroom: Newsroom, now: datetime) -> Report:
    listing = list_articles(newsroom, include_all=True, keep_front_matter=True)
    workflow = newsroom.workflows.get(newsroom.config.workflow)
    people = {person.id: person.name for person in newsroom.config.people.values()}
    cards = {summary.id: _card(summary) for summary in listing.summaries}
    # Live and taken down by each article's own workflow: a desk may hold several.
    published = [Dated(cards[summary.id], moment, summary.stage)
                 for summary in listing.summaries
                 if newsroom.is_live(meta := listing.front_matter[summary.id])
                 and (moment := parse_time(meta.get("published_at")))
                 and moment >= now - timedelta(days=RECENT_DAYS)]
    published.sort(key=lambda entry: entry.at, reverse=True)
    withdrawn = _withdrawn(listing, cards, newsroom.phases)
    outdated = [summary for summary in listing.summaries if summary.marks.get("outdated")]
    stats = compute_stats(listing.front_matter.values(), people=newsroom.config.people,
                          workflow=workflow, phases=newsroom.phases)
    stats.published_per_week = stats.published_per_week[-CHART_WEEKS:]
    report = Report(
        publication=newsroom.config.publication, now=now, total=len(listing.summaries),
        columns=_columns(listing, cards, workflow),
        queues=_queues(listing, cards, workflow, people),
        outdated=[_outdated(newsroom, cards[summary.id], listing.front_matter[summary.id])
                  for summary in outdated[:OUTDATED_SHOWN]],
        outdated_count=len(outdated),
        scheduled=sorted((Dated(card, card.scheduled_at, "scheduled")
                          for card in cards.values() if card.scheduled_at is not None),
                         key=lambda entry: entry.at),
        published=published[:RECENT_PUBLISHED], published_count=len(published),
        withdrawn=withdrawn[:WITHDRAWN_SHOWN], withdrawn_count=len(withdrawn),
        stats=stats, problems=listing.problems, people=people,
    )
    shown = [*(card for column in report.columns for card in column.cards),
             *(task.card for queue in report.queues for task in queue.tasks)]
    _add_original_titles(newsroom, {id(card): card for card in shown}.values())
    return report


def _card(summary: Summary) -> Card:
    return Card(summary, summary.mark_names(), parse_time(summary.marks.get("scheduled_at")))


def _add_original_titles(newsroom: Newsroom, cards: Iterable[Card]) -> None:
    """Each card's original headline, from its source.md's front matter: read for the few
    hundred cards shown, never for a whole archive."""
    for card in cards:
        path = newsroom.folder(card.summary.id) / SOURCE_FILE
        try:
            data = read_if_inside(newsroom.root, path)
            meta = frontmatter.parse(data, path=path).meta if data is not None else {}
        except (EditorialError, OSError):
            continue  # `check` reports an unreadable source; the card goes without
        title = meta.get("title")
        if isinstance(title, str) and title:
            card.original_title = title


def _columns(listing: Listing, cards: dict[str, Card], workflow: Workflow) -> list[Column]:
    """One column per stage of the desk's workflow, in its order, empty ones too; then any
    stage only another workflow (or a mistake) has."""
    in_progress = open_stages(workflow)
    by_stage: dict[str, list[Summary]] = {stage: [] for stage in workflow.stages}
    for summary in listing.summaries:
        by_stage.setdefault(summary.stage, []).append(summary)
    columns = []
    for stage, summaries in by_stage.items():
        is_open = stage in in_progress
        if not is_open:
            # Done with: what happened last matters, not what waited longest.
            summaries = sorted(summaries, key=_entered, reverse=True)
        definition = workflow.stages.get(stage)
        columns.append(Column(stage, definition.description if definition else "",
                              definition.color if definition else "red",
                              [cards[s.id] for s in summaries[:COLUMN_CARDS]],
                              len(summaries), is_open))
    return columns


def _entered(summary: Summary) -> datetime:
    return summary.entered_stage_at or EARLIEST


def _forward(workflow: Workflow, stage: str, towards: set[str]) -> Transition | None:
    """The step that takes an article in `stage` on to a later stage of `towards`."""
    rank = workflow.stage_rank(stage)
    return next((t for t in workflow.transitions if stage in t.sources
                 and workflow.stage_rank(t.target) > rank and t.target in towards), None)


def _queues(listing: Listing, cards: dict[str, Card], workflow: Workflow,
            people: dict[str, str]) -> list[Queue]:
    """Each person's next steps: the step that moves an article on is theirs when the article
    names them in the key the step's `actor` gives, or under its role (translator, editor);
    else it waits for anyone with the role. The longest waiting first."""
    queues = {person_id: Queue(person_id, name) for person_id, name in people.items()}
    in_progress = open_stages(workflow)
    live = workflow.live_stage
    towards = in_progress | ({live} if live is not None else set())
    forward = {stage: _forward(workflow, stage, towards) for stage in in_progress}
    for summary in listing.summaries:
        step = forward.get(summary.stage) if summary.workflow == workflow.name else None
        if step is None:
            continue
        meta = listing.front_matter[summary.id]
        keys = [step.actor_key] if step.actor_key else [r for r in step.roles if r in PERSON_KEYS]
        named = next((meta[key] for key in keys if isinstance(meta.get(key), str) and meta[key]),
                     None)
        if named is not None:
            queue = queues.setdefault(named, Queue(named, named))
        else:
            pool = " or ".join(step.roles) or "anyone"
            queue = queues.setdefault(f"role:{pool}", Queue(f"role:{pool}", f"any {pool}"))
        queue.count += 1
        if len(queue.tasks) < QUEUE_ITEMS:
            queue.tasks.append(Task(cards[summary.id], step.action))
    return [queue for queue in queues.values() if queue.count]


def _outdated(newsroom: Newsroom, card: Card, meta: dict[str, Any]) -> Outdated:
    """The source paragraphs that changed since hand-off, by the paragraph fingerprints the
    hand-off recorded (an older hand-off recorded only the whole text's: then none is named)."""
    # deferred: start-up time (the checks' module loads every rule's helpers, which only
    # this needs)
    from editorial.core.checks.quality import recorded_fingerprint

    recorded = recorded_fingerprint(meta)
    try:
        current = paragraphs(newsroom.load(card.summary.id).read_source().body)
    except EditorialError:
        return Outdated(card, [], [])
    if recorded is None or not recorded.paragraphs:
        return Outdated(card, [], [])
    changed: list[ChangedParagraph] = []
    removed: list[int] = []
    for change in fingerprint.changes(recorded.paragraphs, current):
        for position, index in enumerate(change.new):
            was = change.old[position] + 1 if position < len(change.old) else None
            changed.append(ChangedParagraph(current[index].number, was, current[index].text))
        removed += [index + 1 for index in change.old[len(change.new):]]
    return Outdated(card, changed, removed)


def _withdrawn(listing: Listing, cards: dict[str, Card], phases: PhasesOf) -> list[Dated]:
    """Articles taken down after publication (in a stage that only a step from the live stage
    of their own workflow reaches), the latest first, with who did it and why."""
    found = []
    for summary in listing.summaries:
        meta = listing.front_matter[summary.id]
        if summary.stage not in phases(meta).after_publication:
            continue
        step = entering_step(meta) or {}
        by, note = step.get("by"), step.get("note")
        found.append(Dated(cards[summary.id], _entered(summary), summary.stage,
                           by if isinstance(by, str) else None,
                           note if isinstance(note, str) else None))
    return sorted(found, key=lambda entry: entry.at, reverse=True)


def write_site(directory: Path, pages: dict[str, bytes]) -> None:
    """Write the dashboard's pages into `directory`, created if missing. A folder that
    holds anything but a dashboard editorial wrote (its marker file) is refused before
    anything is written: a mistyped path must never overwrite someone's folder."""
    if directory.is_dir() and not (directory / MARKER).is_file() and any(directory.iterdir()):
        raise RefusedError("holds files editorial did not write; nothing was written",
                           path=directory,
                           hint="give a new or empty folder, or one an earlier report wrote")
    # The marker first: a dashboard cut short can be written again over itself.
    atomic_write(directory / MARKER,
                 b"This folder holds the desk's dashboard, written by `editorial report "
                 b"--html`;\nthe command writes it again over itself and nowhere else.\n")
    for name, data in pages.items():
        atomic_write(directory / name, data)
