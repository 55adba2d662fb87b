"""The desk's dashboard as one self-contained HTML page: style inline, charts as inline
SVG, no script, nothing fetched. Drawn by the Jinja template `templates/report.html` with
autoescaping on, and every value also has its control characters written out
(editorial.render.escape): titles and names are the newsroom's text, which anyone who opens
a pull request writes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from editorial.core.report import RECENT_DAYS, Report
from editorial.render.escape import visible
from editorial.render.stats import ChartRows, desk_charts
from editorial.render.timefmt import age

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
# The workflow files name terminal colours; the page shows their like on white.
COLOURS = {
    "black": "#333333", "red": "#c62828", "green": "#2e7d32", "yellow": "#b8860b",
    "blue": "#1565c0", "magenta": "#8e24aa", "cyan": "#00838f", "white": "#9e9e9e",
    "bright_black": "#757575", "bright_red": "#e53935", "bright_green": "#43a047",
    "bright_yellow": "#f9a825", "bright_blue": "#1e88e5", "bright_magenta": "#ab47bc",
    "bright_cyan": "#00acc1", "bright_white": "#bdbdbd",
}
FALLBACK_COLOUR = "#9e9e9e"
# Horizontal charts: a row per label; vertical (the weeks): a column per week.
CHART_WIDTH = 560
ROW_HEIGHT = 24
LABEL_WIDTH = 150
VALUE_WIDTH = 130
MAX_LABEL = 20
COLUMN_CHART_HEIGHT = 160
AXIS_HEIGHT = 22
# Every how many weeks the axis names one: more would overlap.
WEEK_LABEL_EVERY = 4
# The narrowest the chart is laid out for, in weeks: two weeks are not two slabs.
FEWEST_WEEKS = 12
VALUE_ROOM = 14


@dataclass(frozen=True)
class Bar:
    label: str
    shown: str
    x: float
    y: float
    width: float
    height: float
    axis_label: str | None = None


@dataclass(frozen=True)
class Chart:
    title: str
    empty: str
    colour: str
    vertical: bool
    width: int
    height: int
    bars: list[Bar]


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def _horizontal(rows: ChartRows) -> list[Bar]:
    largest = max((value for _, value, _ in rows.rows), default=0.0) or 1.0
    room = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH
    return [Bar(_short(label), shown, LABEL_WIDTH, index * ROW_HEIGHT + 4,
                max(value / largest * room, 1.0 if value > 0 else 0.0), ROW_HEIGHT - 8)
            for index, (label, value, shown) in enumerate(rows.rows)]


def _vertical(rows: ChartRows) -> list[Bar]:
    largest = max((value for _, value, _ in rows.rows), default=0.0) or 1.0
    step = CHART_WIDTH / max(len(rows.rows), FEWEST_WEEKS)
    bars = []
    for index, (label, value, shown) in enumerate(rows.rows):
        height = value / largest * (COLUMN_CHART_HEIGHT - VALUE_ROOM)
        # The axis names every few weeks, counted back from the latest, which is always named.
        named = (len(rows.rows) - 1 - index) % WEEK_LABEL_EVERY == 0
        bars.append(Bar(label, shown, index * step + step * 0.15,
                        COLUMN_CHART_HEIGHT - height, step * 0.7, height,
                        label.split(" ", 1)[-1] if named else None))
    return bars


def charts(report: Report) -> list[Chart]:
    """`editorial stats`'s charts, laid out as SVG geometry; the first (the weeks) as
    columns."""
    drawn = []
    for index, rows in enumerate(desk_charts(report.stats)):
        colour = COLOURS.get(rows.style, FALLBACK_COLOUR)
        if index == 0:
            bars = _vertical(rows)
            height = COLUMN_CHART_HEIGHT + AXIS_HEIGHT
        else:
            bars = _horizontal(rows)
            height = max(len(bars), 1) * ROW_HEIGHT
        drawn.append(Chart(rows.title, rows.empty, colour, index == 0, CHART_WIDTH, height,
                           bars))
    return drawn


def _finalize(value: object) -> object:
    """Every value the template prints, with its control characters written out; markup
    the template itself made (a macro's output) is left as it is."""
    from markupsafe import Markup

    return visible(value) if isinstance(value, str) and not isinstance(value, Markup) else value


def html_page(report: Report) -> str:
    # Imported here, for start-up time: only the dashboard renders a template of editorial's.
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
        undefined=jinja2.StrictUndefined, finalize=_finalize, trim_blocks=True,
        lstrip_blocks=True)
    template = environment.get_template("report.html")

    def since(moment: datetime | None) -> str:
        return age(moment, report.now)

    colours = {column.stage: COLOURS.get(column.colour, FALLBACK_COLOUR)
               for column in report.columns}
    return template.render(report=report, charts=charts(report), age=since, colours=colours,
                           recent_days=RECENT_DAYS)
