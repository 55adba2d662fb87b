"""The desk's status table."""

from __future__ import annotations

from datetime import datetime

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from editorial.core.listing import Listing, Summary
from editorial.render.timefmt import age, day


def stage_color(listing: Listing, summary: Summary) -> str:
    workflow = listing.workflows.get(summary.workflow)
    stage = workflow.stages.get(summary.stage) if workflow else None
    return stage.color if stage else "red"


def _stage_text(listing: Listing, summary: Summary) -> Text:
    stage = Text(summary.stage, style=stage_color(listing, summary))
    marks = [name for name, value in summary.marks.items() if value is True]
    if marks:
        stage.append(" (" + ", ".join(marks) + ")", style="bold red")
    return stage


def _cells(value: str | Text) -> int:
    return (Text(value) if isinstance(value, str) else value).cell_len


def status_table(listing: Listing, now: datetime, width: int) -> Table:
    """Columns sized from their content, the title taking what is left of `width`."""
    rows: list[tuple[str | Text, ...]] = [
        (summary.id, Text(summary.title), _stage_text(listing, summary),
         summary.translator or "-", summary.editor or "-",
         age(summary.entered_stage_at, now), day(summary.updated_at, now))
        for summary in listing.summaries
    ]
    headers = ("id", "title", "stage", "translator", "editor", "in stage", "updated")
    caps = (28, None, 24, 10, 10, 8, 10)
    widths = [
        min(max(len(headers[index]) if index != 3 else 5,
                *(_cells(row[index]) for row in rows)), cap or 10_000)
        for index, cap in enumerate(caps)
    ]
    gaps = 2 * (len(headers) - 1)
    title_width = width - gaps - sum(w for index, w in enumerate(widths) if index != 1)
    if title_width < 16:
        widths[0] = max(12, widths[0] - (16 - title_width))
        title_width = width - gaps - sum(w for index, w in enumerate(widths) if index != 1)
    widths[1] = max(10, min(widths[1], title_width))
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, expand=False,
                  padding=(0, 1), collapse_padding=True)
    for index, header in enumerate(headers):
        table.add_column(header if widths[index] >= len(header) else header[:widths[index]],
                         width=widths[index], no_wrap=True, overflow="ellipsis",
                         justify="right" if header == "in stage" else "left")
    for row in rows:
        table.add_row(*row)
    return table


def stage_counts(listing: Listing) -> Text:
    total = len(listing.summaries)
    line = Text(f"{total} article{'s' if total != 1 else ''}: ")
    for index, (stage, count) in enumerate(listing.counts().items()):
        if index:
            line.append(", ")
        color = next((w.stages[stage].color for w in listing.workflows.values()
                      if stage in w.stages), "white")
        line.append(f"{count} {stage}", style=color)
    return line


def print_status(console: Console, listing: Listing, now: datetime) -> None:
    if not listing.summaries:
        console.print("no articles to show")
        return
    console.print(status_table(listing, now, console.width))
    console.print(stage_counts(listing))
