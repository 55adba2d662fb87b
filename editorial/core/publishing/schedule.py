"""Scheduled publication: `publish ID --at WHEN` records the time, `publish --due` acts on it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from editorial.core.article import LoadProblem, parse_time
from editorial.errors import UsageError

if TYPE_CHECKING:
    from editorial.core.newsroom import Newsroom

SCHEDULE_KEY = "scheduled_at"


def parse_when(text: str) -> datetime:
    """ISO 8601: `2025-03-01T09:00Z`, `2025-03-01 09:00+03:00`; without an offset, the
    local time of this machine."""
    cleaned = text.strip().replace(" ", "T", 1)
    try:
        moment = datetime.fromisoformat(cleaned.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise UsageError(f"--at {text!r} is not a date and time",
                         hint="use ISO 8601, e.g. 2025-03-01T09:00Z or "
                              "'2025-03-01 12:00+03:00'") from None
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(UTC)


def due_article_ids(newsroom: Newsroom, now: datetime) -> list[str]:
    """Articles whose scheduled time has come, the earliest first."""
    due: list[tuple[datetime, str]] = []
    for item in newsroom.iter_front_matter():
        if isinstance(item, LoadProblem):
            continue
        article_id, meta = item
        when = parse_time(meta.get(SCHEDULE_KEY))
        if when is None or when > now:
            continue
        # Only what `publish` can still take forward: not an article spiked since.
        workflow = newsroom.workflows.get(str(meta.get("workflow") or newsroom.config.workflow))
        transition = workflow.find("publish", str(meta.get("stage")))
        if transition is not None and transition.target != meta.get("stage"):
            due.append((when, article_id))
    return [article_id for _, article_id in sorted(due)]
