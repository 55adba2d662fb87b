"""The desk's status table. Every value read from an article is shown with its control
characters escaped (editorial.render.escape): a title must not drive the terminal."""

from __future__ import annotations

from datetime import datetime

from rich.console import Console
from rich.text import Text

from editorial.core.article import parse_time
from editorial.core.listing import NEEDS_MARK, Listing, Summary
from editorial.render.escape import visible
from editorial.render.timefmt import age, day


def stage_color(listing: Listing, summary: Summary) -> str:
    workflow = listing.workflows.get(summary.workflow)
    stage = workflow.stages.get(summary.stage) if workflow else None
    return stage.color if stage else "red"


def _stage_text(listing: Listing, summary: Summary) -> Text:
    stage = Text(visible(summary.stage), style=stage_color(listing, summary))
    marks = [visible(name) for name, value in summary.marks.items() if value is True]
    # What publishing will ask for, e.g. `needs source.url`.
    marks += [visible(f"{NEEDS_MARK} {key}") for key in summary.marks.get(NEEDS_MARK) or []]
    if marks:
        stage.append(" (" + ", ".join(marks) + ")", style="bold red")
    scheduled = parse_time(summary.marks.get("scheduled_at"))
    if scheduled is not None:
        stage.append(f" at {scheduled:%d %b %H:%M}", style="bold")
    return stage


def _cells(value: str | Text) -> int:
    return (Text(value) if isinstance(value, str) else value).cell_len


HEADERS = ("id", "title", "stage", "translator", "editor", "in stage", "updated")
# Widest each column may grow (the title takes what is left of the line).
# The stage has room for a mark such as "(needs source.url)".
CAPS = (28, None, 32, 10, 10, 8, 10)
RIGHT_ALIGNED = {"in stage"}
GAP = "  "


def column_widths(rows: list[tuple[str | Text, ...]], width: int) -> list[int]:
    """Columns sized from their content, the title taking what is left of `width` (more than
    that when the line is too short for all of them: see `_narrowed`)."""
    widths = [
        min(max(len(HEADERS[index]) if index != 3 else 5,
                *(_cells(row[index]) for row in rows)), cap or 10_000)
        for index, cap in enumerate(CAPS)
    ]
    gaps = len(GAP) * (len(HEADERS) - 1)
    title_width = width - gaps - sum(w for index, w in enumerate(widths) if index != 1)
    if title_width < 16:
        widths[0] = max(12, widths[0] - (16 - title_width))
        title_width = width - gaps - sum(w for index, w in enumerate(widths) if index != 1)
    widths[1] = max(10, min(widths[1], title_width))
    return widths


def _narrowed(widths: list[int], excess: int) -> list[int]:
    """`widths` with `excess` cells taken from them in equal shares, the rounding left to
    the columns on the right (the way rich narrows a table of columns that do not wrap)."""
    narrowed = []
    remaining, columns_left = excess, len(widths)
    for width in widths:
        share = min(width, round(remaining / columns_left))
        narrowed.append(width - share)
        remaining -= share
        columns_left -= 1
    return narrowed


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


def status_table(listing: Listing, now: datetime, width: int) -> Text:
    """The table as lines of text, a header and a rule over one row per article. Drawn
    here rather than by rich's Table, whose layout of each cell took half a second for the
    few hundred rows of a large newsroom; rich still measures and cuts every cell."""
    rows: list[tuple[str | Text, ...]] = [
        (visible(summary.id), Text(visible(summary.title)), _stage_text(listing, summary),
         visible(summary.translator or "-"), visible(summary.editor or "-"),
         age(summary.entered_stage_at, now), day(summary.updated_at, now))
        for summary in listing.summaries
    ]
    wanted = column_widths(rows, width)
    excess = sum(wanted) + len(GAP) * (len(HEADERS) - 1) - width
    widths = _narrowed(wanted, excess) if excess > 0 else wanted
    header = Text(GAP).join(
        _cell(name if wanted[index] >= len(name) else name[:wanted[index]], widths[index],
              right=name in RIGHT_ALIGNED)
        for index, name in enumerate(HEADERS))
    header.stylize("table.header")
    lines = [header, Text("─" * (sum(widths) + len(GAP) * (len(HEADERS) - 1)))]
    lines += [Text(GAP).join(_cell(value, widths[index], right=HEADERS[index] in RIGHT_ALIGNED)
                             for index, value in enumerate(row))
              for row in rows]
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


def print_status(console: Console, listing: Listing, now: datetime) -> None:
    if not listing.summaries:
        console.print("no articles to show")
        return
    console.print(status_table(listing, now, console.width), no_wrap=True, overflow="ignore",
                  crop=False)
    console.print(stage_counts(listing))
