"""The desk's status table. Every value read from an article is shown with its control
characters escaped (editorial.render.escape): a title must not drive the terminal."""

from __future__ import annotations

from datetime import datetime

from rich.console import Console
from rich.text import Text

from editorial.core.article import local_time, parse_time
from editorial.core.listing import Listing, Summary
from editorial.render.escape import visible
from editorial.render.timefmt import age, day


def stage_color(listing: Listing, summary: Summary) -> str:
    workflow = listing.workflows.get(summary.workflow)
    stage = workflow.stages.get(summary.stage) if workflow else None
    return stage.color if stage else "red"


def _stage_text(listing: Listing, summary: Summary) -> Text:
    stage = Text(visible(summary.stage), style=stage_color(listing, summary))
    marks = [visible(name) for name in summary.mark_names()]
    if marks:
        stage.append(" (" + ", ".join(marks) + ")", style="bold red")
    scheduled = parse_time(summary.marks.get("scheduled_at"))
    if scheduled is not None:
        stage.append(f" at {local_time(scheduled, '%d %b %H:%M')}", style="bold")
    return stage


def _cells(value: str | Text) -> int:
    return (Text(value) if isinstance(value, str) else value).cell_len


HEADERS = ("id", "title", "stage", "translator", "editor", "in stage", "updated")
ID, TITLE, STAGE = 0, 1, 2
# Widest each column may grow: the id is never capped (it is what a reader types next) and
# the title takes what is left of the line.
# The stage has room for a mark such as "(needs source.url)".
CAPS = (None, None, 32, 10, 10, 8, 10)
# Narrowest a column is drawn: a header may be cut ("trans") before the column goes.
FLOORS = (2, 10, 5, 5, 6, 8, 6)
# Columns given up, in this order, when the line is too short for all of them at their
# natural width with a readable title; the id, title and stage always stay.
DROPPED_FIRST = (6, 4, 3, 5)
READABLE_TITLE = 16
RIGHT_ALIGNED = {"in stage"}
GAP = "  "


def _natural(rows: list[tuple[str | Text, ...]], index: int) -> int:
    """The width of a column's content (its header too), up to the column's cap."""
    widest = max(len(HEADERS[index]) if index != 3 else FLOORS[3],
                 *(_cells(row[index]) for row in rows))
    cap = CAPS[index]
    return min(widest, cap) if cap else widest


def column_layout(rows: list[tuple[str | Text, ...]], width: int) -> dict[int, int]:
    """The columns drawn and their widths, by column index, in at most `width` cells where
    that can be done. Less important columns are dropped before an id is cut: a cut id
    cannot be typed into the next command. The title takes what is left."""
    widths = {index: _natural(rows, index) for index in range(len(HEADERS))}
    title = widths[TITLE]

    def title_room() -> int:
        others = sum(w for index, w in widths.items() if index != TITLE)
        return width - others - len(GAP) * (len(widths) - 1)

    for index in DROPPED_FIRST:
        if title_room() >= min(title, READABLE_TITLE):
            break
        del widths[index]
    widths[TITLE] = max(min(title, title_room()), min(title, FLOORS[TITLE]))
    # Still too wide: the remaining columns give up cells down to their floors, the stage
    # first, the id last of all.
    for index in (STAGE, *(i for i in widths if i not in (ID, TITLE, STAGE)), TITLE, ID):
        excess = sum(widths.values()) + len(GAP) * (len(widths) - 1) - width
        if excess <= 0:
            break
        widths[index] = max(min(FLOORS[index], widths[index]), widths[index] - excess)
    return widths


def _cell(value: str | Text, width: int, *, right: bool) -> Text:
    """`value` in exactly `width` cells: cut with an ellipsis when too long, padded."""
    text = Text(value) if isinstance(value, str) else value.copy()
    text.truncate(width, overflow="ellipsis")
    room = width - text.cell_len
    if right:
        text = Text(" " * room) + text
    else:
        text.append(" " * room)
    return text


def _line(cells: tuple[str | Text, ...], widths: dict[int, int]) -> Text:
    line = Text(GAP).join(_cell(cells[index], width, right=HEADERS[index] in RIGHT_ALIGNED)
                          for index, width in widths.items())
    # The last column is padded like the others; a line never ends in spaces.
    line.rstrip()
    return line


def status_table(listing: Listing, now: datetime, width: int) -> Text:
    """The table as lines of text, a header and a rule over one row per article. Drawn
    here rather than by rich's Table, whose cell-by-cell layout was the slowest part of a
    large newsroom's listing (docs/performance.md); rich still measures and cuts every
    cell."""
    rows: list[tuple[str | Text, ...]] = [
        (visible(summary.id), Text(visible(summary.title)), _stage_text(listing, summary),
         visible(summary.translator or "-"), visible(summary.editor or "-"),
         age(summary.entered_stage_at, now), day(summary.updated_at, now))
        for summary in listing.summaries
    ]
    widths = column_layout(rows, width)
    header = _line(tuple(name[:widths.get(index, 0)] for index, name in enumerate(HEADERS)),
                   widths)
    header.stylize("table.header")
    lines = [header, Text("─" * (sum(widths.values()) + len(GAP) * (len(widths) - 1)))]
    lines += [_line(row, widths) for row in rows]
    return Text("\n").join(lines)


def stage_counts(listing: Listing) -> Text:
    total = len(listing.summaries)
    line = Text(f"{total} article{'s' if total != 1 else ''}: ")
    for index, (stage, count) in enumerate(listing.counts().items()):
        if index:
            line.append(", ")
        color = next((w.stages[stage].color for w in listing.workflows.values()
                      if stage in w.stages), "white")
        line.append(f"{count} {visible(stage)}", style=color)
    return line


def print_status(console: Console, listing: Listing, now: datetime,
                 width: int | None = None) -> None:
    """The table and the counts in `width` cells, the console's width by default."""
    if not listing.summaries:
        console.print("no articles to show")
        return
    width = width or console.width
    counts = stage_counts(listing).wrap(console, width)
    for line in counts:
        line.rstrip()
    # Printed as laid out, however wide: the console's own width may be narrower.
    console.print(Text("\n").join([status_table(listing, now, width), *counts]),
                  no_wrap=True, overflow="ignore", crop=False)
