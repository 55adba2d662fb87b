"""The problems `editorial check` found, for a person (text), a program (json) and GitHub
Actions (annotations and a job summary)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import groupby

from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from editorial.core.checks.base import Problem

# GitHub shows at most this many annotations of each kind per step and drops the rest.
GITHUB_ANNOTATION_LIMIT = 10
SEVERITY_STYLE = {"error": "bold red", "warning": "yellow"}


def print_text(console: Console, problems: Sequence[Problem]) -> None:
    """Problems grouped by file, each file in the order of its lines."""
    by_file = sorted(problems, key=lambda p: (p.path, p.line or 0, p.sort_key()))
    for index, (path, group) in enumerate(groupby(by_file, key=lambda p: p.path)):
        if index:
            console.print()
        console.print(Text(path, style="bold underline"))
        table = Table.grid(padding=(0, 2))
        table.add_column(justify="right", no_wrap=True)
        table.add_column(no_wrap=True)
        table.add_column(no_wrap=True, style="dim")
        table.add_column(overflow="fold")
        for problem in group:
            where = str(problem.line) if problem.line is not None else "-"
            if problem.column is not None:
                where += f":{problem.column}"
            table.add_row(where, Text(problem.severity, style=SEVERITY_STYLE[problem.severity]),
                          problem.rule, problem.message)
        console.print(Padding(table, (0, 0, 0, 2)))


def json_document(problems: Iterable[Problem]) -> dict[str, object]:
    return {"problems": [problem.to_json() for problem in problems]}


def escape_data(text: str) -> str:
    """A workflow command's message, as the GitHub Actions toolkit escapes it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value: as data, and ':' and ',' too."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem, prefix: str = "") -> str:
    properties = [f"file={escape_property(prefix + problem.path)}"]
    if problem.line is not None:
        properties.append(f"line={problem.line}")
        if problem.column is not None:
            properties.append(f"col={problem.column}")
    properties.append(f"title={escape_property(f'editorial check ({problem.rule})')}")
    return f"::{problem.severity} {','.join(properties)}::{escape_data(problem.message)}"


def github_lines(problems: Sequence[Problem], prefix: str = "", *,
                 summary_written: bool = False) -> list[str]:
    """Annotations, worst first, as many of each kind as GitHub shows; then one notice
    saying how many more there are and where to see them."""
    ordered = sorted(problems, key=Problem.sort_key)
    lines: list[str] = []
    left_out = 0
    for severity in ("error", "warning"):
        of_kind = [problem for problem in ordered if problem.severity == severity]
        lines.extend(annotation(problem, prefix) for problem in of_kind[:GITHUB_ANNOTATION_LIMIT])
        left_out += max(0, len(of_kind) - GITHUB_ANNOTATION_LIMIT)
    if left_out:
        where = ("the job summary lists them all" if summary_written
                 else "run editorial check locally to see them all")
        lines.append("::notice title=editorial check::"
                     + escape_data(f"{left_out} more problem{'s' if left_out != 1 else ''} not "
                                   f"annotated (GitHub shows {GITHUB_ANNOTATION_LIMIT} errors and "
                                   f"{GITHUB_ANNOTATION_LIMIT} warnings per step); {where}"))
    return lines


def _cell(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("|", "\\|").replace("\r", " ").replace("\n", " "))


def markdown_summary(problems: Sequence[Problem], headline: str, prefix: str = "") -> str:
    """The full list as a Markdown table, for $GITHUB_STEP_SUMMARY."""
    lines = ["## editorial check", "", _cell(headline), ""]
    if problems:
        lines += ["| severity | file | line | rule | problem |", "|---|---|---:|---|---|"]
        for problem in sorted(problems, key=Problem.sort_key):
            line = "" if problem.line is None else str(problem.line)
            lines.append(f"| {problem.severity} | `{_cell(prefix + problem.path)}` | {line} "
                         f"| {problem.rule} | {_cell(problem.message)} |")
        lines.append("")
    return "\n".join(lines) + "\n"
