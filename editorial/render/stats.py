"""The desk's figures as bar charts in the terminal.

Bars are block characters, so a chart reads the same without colour, in a pipe or a file;
on a terminal they are coloured as well. Each chart fits the console's width.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.console import Console
from rich.text import Text

from editorial.core.review.stats import DeskStats
from editorial.render.escape import visible

FULL = "█"
# Eighths of a block, so that short bars still differ from each other.
PARTS = ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")
MAX_LABEL = 20


def bar(value: float, largest: float, width: int) -> str:
    if value <= 0 or largest <= 0:
        return ""
    eighths = max(1, round(value / largest * width * 8))
    return FULL * (eighths // 8) + PARTS[eighths % 8]


def bar_chart(title: str, rows: Sequence[tuple[str, float, str]], *, width: int, style: str,
              empty: str) -> Text:
    """A titled chart: one line per (label, value, value as shown)."""
    chart = Text(title, style="bold")
    if not rows:
        chart.append(f"\n  {empty}", style="dim")
        return chart
    # Labels name people and stages, as the newsroom's files spell them.
    rows = [(visible(label), value, shown) for label, value, shown in rows]
    label_width = min(MAX_LABEL, max(len(label) for label, _, _ in rows))
    shown_width = max(len(shown) for _, _, shown in rows)
    bar_width = max(10, width - 2 - label_width - 2 - 2 - shown_width)
    largest = max(value for _, value, _ in rows)
    for label, value, shown in rows:
        if len(label) > label_width:
            label = label[: label_width - 1] + "…"
        chart.append(f"\n  {label:<{label_width}}  ")
        drawn = bar(value, largest, bar_width)
        chart.append(drawn, style=style)
        chart.append(" " * (bar_width - len(drawn)) + f"  {shown:>{shown_width}}")
    return chart


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


@dataclass(frozen=True)
class ChartRows:
    """One of the desk's charts before it is drawn: in the terminal here, as SVG on the
    dashboard (editorial.render.report_html)."""

    title: str
    rows: list[tuple[str, float, str]]  # (label, value, value as shown)
    style: str
    empty: str


def desk_charts(stats: DeskStats) -> list[ChartRows]:
    weeks = [(f"{week.week} {week.start:%d %b}", float(week.count), str(week.count))
             for week in stats.published_per_week]
    counts = {stage: len(hours) for stage, hours in stats.hours_in_stage.items()}
    stages = [(stage, hours, f"{hours:g}h ({_count(counts[stage], 'stay')})")
              for stage, hours in stats.median_hours_in_stage.items()]
    people = [person for person in stats.people if person.open_items]
    open_items = [(person.id, float(person.open_items), str(person.open_items))
                  for person in people]
    rates = [(person.id, person.median_edit_rate,
              f"{person.median_edit_rate:.1%} ({_count(len(person.edit_rates), 'text')})")
             for person in stats.people if person.median_edit_rate is not None]
    return [
        ChartRows("Published per week", weeks, "green", "nothing published"),
        ChartRows("Median hours in stage", stages, "cyan", "no article has left a stage yet"),
        ChartRows("Open items per person", open_items, "yellow", "no open items"),
        ChartRows("Median edit rate of each translator's translations (approved)", rates,
                  "magenta", "no approved translation measured yet"),
    ]


def stats_charts(stats: DeskStats, width: int) -> list[Text]:
    return [bar_chart(chart.title, chart.rows, width=width, style=chart.style,
                      empty=chart.empty) for chart in desk_charts(stats)]


def print_stats(console: Console, stats: DeskStats) -> None:
    heading = f"Desk statistics since {stats.since}" if stats.since else "Desk statistics"
    console.print(Text(heading, style="bold underline"))
    for chart in stats_charts(stats, console.width):
        console.print()
        console.print(chart)
