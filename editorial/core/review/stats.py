"""The desk's figures: publications per week, time spent in each stage, and per person the
open items and how much editing their translations needed.

Everything is read from front matter: history timestamps (`at`) for the stage times and
publications, and the `edit_metrics` the approve step records for the edit rates.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import pairwise
from typing import Any

from editorial.core.article import parse_time
from editorial.core.config import Person
from editorial.core.workflow import Phases, Workflow

# The front matter keys that name the people working on an article.
PERSON_KEYS = ("translator", "editor")


@dataclass(frozen=True)
class WeekCount:
    start: date  # the Monday the ISO week begins on
    count: int

    @property
    def week(self) -> str:
        year, number, _ = self.start.isocalendar()
        return f"{year}-W{number:02d}"

    def to_json(self) -> dict[str, Any]:
        return {"week": self.week, "start": self.start.isoformat(), "count": self.count}


@dataclass
class PersonStats:
    id: str
    name: str
    roles: list[str]
    # Articles in progress this person translates or edits, each counted once, and by role.
    open_items: int = 0
    open_as: dict[str, int] = field(default_factory=lambda: dict.fromkeys(PERSON_KEYS, 0))
    # The edit rates of this person's translations, as recorded when each was approved.
    edit_rates: list[float] = field(default_factory=list)

    @property
    def median_edit_rate(self) -> float | None:
        return round(statistics.median(self.edit_rates), 4) if self.edit_rates else None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "roles": self.roles,
                "open_items": self.open_items, "open_as": dict(self.open_as),
                "translations_measured": len(self.edit_rates),
                "median_edit_rate": self.median_edit_rate}


@dataclass
class DeskStats:
    since: date | None
    published_per_week: list[WeekCount]
    # Completed stays only: the time from entering a stage to leaving it.
    hours_in_stage: dict[str, list[float]]
    people: list[PersonStats]

    @property
    def median_hours_in_stage(self) -> dict[str, float]:
        return {stage: round(statistics.median(hours), 1)
                for stage, hours in self.hours_in_stage.items() if hours}

    def to_json(self) -> dict[str, Any]:
        return {
            "since": self.since.isoformat() if self.since else None,
            "published_per_week": [week.to_json() for week in self.published_per_week],
            "median_hours_in_stage": self.median_hours_in_stage,
            "stays_in_stage": {stage: len(hours) for stage, hours in self.hours_in_stage.items()
                               if hours},
            "people": [person.to_json() for person in self.people],
        }


# The phases of the workflow an article's front matter names.
PhasesOf = Callable[[Mapping[str, Any]], Phases]


def _moves(meta: Mapping[str, Any]) -> list[tuple[datetime, str]]:
    """(when, stage entered) for each history step that changed the stage, in time order."""
    history = meta.get("history")
    moves = []
    for entry in history if isinstance(history, list) else []:
        if not isinstance(entry, dict) or entry.get("from") == entry.get("to"):
            continue
        moment, stage = parse_time(entry.get("at")), entry.get("to")
        if moment is not None and isinstance(stage, str):
            moves.append((moment, stage))
    return sorted(moves, key=lambda move: move[0])


def _approved_at(meta: Mapping[str, Any]) -> datetime | None:
    history = meta.get("history")
    for entry in reversed(history if isinstance(history, list) else []):
        if isinstance(entry, dict) and entry.get("action") == "approve":
            return parse_time(entry.get("at"))
    return None


def _edit_rate(meta: Mapping[str, Any]) -> float | None:
    metrics = meta.get("edit_metrics")
    rate = metrics.get("edit_rate") if isinstance(metrics, dict) else None
    if isinstance(rate, int | float) and not isinstance(rate, bool):
        return float(rate)
    return None


def _monday(moment: datetime) -> date:
    day = moment.date()
    return day - timedelta(days=day.weekday())


def _weeks(publications: list[datetime], since: datetime | None) -> list[WeekCount]:
    """One count per week from the first publication (or `since`) to the last, gaps as 0."""
    if not publications:
        return []
    counts: dict[date, int] = {}
    for moment in publications:
        counts[_monday(moment)] = counts.get(_monday(moment), 0) + 1
    week = _monday(since) if since else min(counts)
    weeks = []
    while week <= max(counts):
        weeks.append(WeekCount(week, counts.get(week, 0)))
        week += timedelta(days=7)
    return weeks


def compute_stats(articles: Iterable[Mapping[str, Any]], *, people: Mapping[str, Person],
                  workflow: Workflow, phases: PhasesOf | None = None,
                  since: datetime | None = None) -> DeskStats:
    """The desk's figures from its articles' front matter.

    `workflow` is the desk's: its stages order the figures. Each article's publications and
    open items are judged by the phases `phases` gives for its front matter (its own
    workflow's, since a desk may hold several), by `workflow`'s where it is not given.
    With `since`, publications, stays and approvals before it are left out; open items are
    always as they are now.
    """
    desk_phases = Phases.of(workflow)
    hours: dict[str, list[float]] = {stage: [] for stage in workflow.stages}
    publications: list[datetime] = []
    persons = {person.id: PersonStats(person.id, person.name, sorted(person.roles))
               for person in people.values()}

    def person(person_id: str) -> PersonStats:
        if person_id not in persons:
            persons[person_id] = PersonStats(person_id, person_id, [])
        return persons[person_id]

    for meta in articles:
        own = phases(meta) if phases is not None else desk_phases
        moves = _moves(meta)
        for (entered, stage), (left, _) in pairwise(moves):
            if since is None or left >= since:
                hours.setdefault(stage, []).append((left - entered).total_seconds() / 3600)
        publications += [moment for moment, stage in moves
                         if stage == own.live and (since is None or moment >= since)]
        if meta.get("stage") in own.in_progress:
            working = {key: meta.get(key) for key in PERSON_KEYS}
            for key, person_id in working.items():
                if isinstance(person_id, str) and person_id:
                    person(person_id).open_as[key] += 1
            for person_id in {value for value in working.values()
                              if isinstance(value, str) and value}:
                person(person_id).open_items += 1
        translator, rate = meta.get("translator"), _edit_rate(meta)
        approved = _approved_at(meta)
        if isinstance(translator, str) and translator and rate is not None and (
                since is None or (approved is not None and approved >= since)):
            person(translator).edit_rates.append(rate)

    return DeskStats(
        since=since.date() if since else None,
        published_per_week=_weeks(publications, since),
        hours_in_stage=hours,
        people=list(persons.values()),
    )
