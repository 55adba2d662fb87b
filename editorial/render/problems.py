"""The problems `editorial check` found, for a person (text), a program (json) and GitHub
Actions (annotations and a job summary)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby

from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from editorial.core.checks.base import Problem
from editorial.render.escape import inert, visible

# GitHub shows at most this many annotations of each kind per step and drops the rest.
GITHUB_ANNOTATION_LIMIT = 10
SEVERITY_STYLE = {"error": "bold red", "warning": "yellow"}
# GitHub refuses a step's job summary over 1 MiB, and then shows none of it.
SUMMARY_LIMIT = 1024 * 1024
# Room kept for the line saying how many problems the summary leaves out.
SUMMARY_FOOTER_ROOM = 512
MARKDOWN_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def print_text(console: Console, problems: Sequence[Problem]) -> None:
    """Problems grouped by file, each file in the order of its lines. Paths and messages
    are shown with their control characters escaped, and each line is made inert (see
    editorial.render.escape): a message folded to the width may start a line with `::`."""
    with console.capture() as captured:
        _print_grouped(console, problems)
    console.file.write("\n".join(inert(line) for line in captured.get().split("\n")))


def _print_grouped(console: Console, problems: Sequence[Problem]) -> None:
    by_file = sorted(problems, key=lambda p: (p.path, p.line or 0, p.sort_key()))
    for index, (path, group) in enumerate(groupby(by_file, key=lambda p: p.path)):
        if index:
            console.print()
        console.print(Text(visible(path), style="bold underline"))
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
                          visible(_rule_and_key(problem)), visible(problem.message))
        console.print(Padding(table, (0, 0, 0, 2)))


def _rule_and_key(problem: Problem) -> str:
    """The rule, and the finding's key to copy into `editorial accept --finding KEY`."""
    return f"{problem.rule} [{problem.key}]" if problem.key is not None else problem.rule


def json_document(problems: Iterable[Problem]) -> dict[str, object]:
    return {"problems": [problem.to_json() for problem in problems]}


def escape_data(text: str) -> str:
    """A workflow command's message, as the GitHub Actions toolkit escapes it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value: as data, and ':' and ',' too."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem, prefix: str = "") -> str:
    """A problem as a workflow command. The file is kept exact, escaped as the runner
    expects, so that GitHub finds it; the message is also shown with its control
    characters written out, as everywhere else."""
    properties = [f"file={escape_property(prefix + problem.path)}"]
    if problem.line is not None:
        properties.append(f"line={problem.line}")
        if problem.column is not None:
            properties.append(f"col={problem.column}")
    properties.append(f"title={escape_property(f'editorial check ({problem.rule})')}")
    return (f"::{problem.severity} {','.join(properties)}::"
            f"{escape_data(visible(problem.message))}")


def github_lines(problems: Sequence[Problem], prefix: str = "", *,
                 in_summary: int | None = None) -> list[str]:
    """Annotations, worst first, as many of each kind as GitHub shows; then one notice
    saying how many more there are and where to see them (`in_summary`: how many problems
    the job summary lists, None when there is none)."""
    ordered = sorted(problems, key=Problem.sort_key)
    lines: list[str] = []
    left_out = 0
    for severity in ("error", "warning"):
        of_kind = [problem for problem in ordered if problem.severity == severity]
        lines.extend(annotation(problem, prefix) for problem in of_kind[:GITHUB_ANNOTATION_LIMIT])
        left_out += max(0, len(of_kind) - GITHUB_ANNOTATION_LIMIT)
    if left_out:
        if in_summary == len(problems):
            where = "the job summary lists them all"
        elif in_summary:
            where = (f"the job summary lists the first {in_summary}; run editorial check "
                     "locally to see them all")
        else:
            where = "run editorial check locally to see them all"
        lines.append("::notice title=editorial check::"
                     + escape_data(f"{left_out} more problem{'s' if left_out != 1 else ''} not "
                                   f"annotated (GitHub shows {GITHUB_ANNOTATION_LIMIT} errors and "
                                   f"{GITHUB_ANNOTATION_LIMIT} warnings per step); {where}"))
    return lines


def markdown_text(text: str) -> str:
    """`text` as Markdown that renders as exactly this text: control characters written
    out, and every ASCII punctuation character backslash-escaped. CommonMark reads an
    escaped character as itself, never as syntax, and a link, an image, an autolink, a
    code span, an entity or HTML cannot start without one; an escaped `|` does not end a
    table cell either."""
    return MARKDOWN_PUNCTUATION.sub(r"\\\1", visible(text))


@dataclass(frozen=True)
class Summary:
    """A job summary, and how many problems its table lists."""

    markdown: str
    listed: int


def markdown_summary(problems: Sequence[Problem], headline: str, prefix: str = "", *,
                     room: int = SUMMARY_LIMIT) -> Summary:
    """The list as a Markdown table, for $GITHUB_STEP_SUMMARY, in at most `room` bytes of
    UTF-8: worst first, as many as fit, then how many were left out."""
    lines = ["## editorial check", "", markdown_text(headline), ""]
    ordered = sorted(problems, key=Problem.sort_key)
    if ordered:
        lines += ["| severity | file | line | rule | problem |", "|---|---|---:|---|---|"]
    used = sum(len(line.encode()) + 1 for line in lines)
    listed = 0
    for problem in ordered:
        # The severity, the line and the rule (a registered id) are editorial's own words;
        # the path and the message carry what the pull request wrote.
        where = "" if problem.line is None else str(problem.line)
        row = (f"| {problem.severity} | {markdown_text(prefix + problem.path)} | {where} "
               f"| {problem.rule} | {markdown_text(problem.message)} |")
        used += len(row.encode()) + 1
        if used > room - SUMMARY_FOOTER_ROOM:
            break
        lines.append(row)
        listed += 1
    if ordered:
        lines.append("")
    if listed < len(ordered):
        left_out = len(ordered) - listed
        lines += [f"{left_out} more problem{'s' if left_out != 1 else ''} not listed: GitHub "
                  "takes at most 1 MiB of job summary from a step. Run editorial check "
                  "to see them all.", ""]
    return Summary("\n".join(lines) + "\n", listed)
