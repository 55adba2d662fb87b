"""One article in full: its metadata, files and history."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Console, Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from editorial.core.article import Article, local_time, parse_time
from editorial.core.publishing.schedule import SCHEDULE_KEY
from editorial.core.review.metrics import EditMetrics
from editorial.core.workflow import Workflow
from editorial.render.diff import summary
from editorial.render.escape import visible


def article_json(article: Article, root_relative: str) -> dict[str, Any]:
    return {**article.meta, "path": root_relative, "body": article.body}


# The body is shown by its first lines, each cut at so many characters: enough to tell the
# article and the state of its text, not the whole of it (that is `diff`'s and the file's).
OPENING_LINES = 4
OPENING_CHARACTERS = 200


def _opening(body: str) -> Group:
    """The body's first non-blank lines, indented, with how many more there are."""
    lines = [line for line in body.splitlines() if line.strip()]
    shown = Text("\n").join(
        Text(visible(line if len(line) <= OPENING_CHARACTERS
                     else line[:OPENING_CHARACTERS] + "…"))
        for line in lines[:OPENING_LINES])
    if len(lines) > OPENING_LINES:
        more = len(lines) - OPENING_LINES
        shown.append(f"\n… {more} more line{'s' if more != 1 else ''}", style="dim")
    heading = Text("text" if lines else "text: empty", style="bold")
    return Group(heading, Padding(shown, (0, 0, 0, 2)))


def _records(value: object) -> list[dict[str, Any]]:
    """The entries of a front matter list of records (history, corrections) that are ones."""
    return [entry for entry in value if isinstance(entry, dict)] if isinstance(value, list) else []


def _fact(key: str, value: object) -> str:
    """A front matter value as shown: a publication time also in the reader's zone."""
    when = parse_time(value) if key == SCHEDULE_KEY else None
    return f"{local_time(when)} ({value})" if when else str(value)


def print_article(console: Console, article: Article, workflow: Workflow) -> None:
    """Every value from the article is shown with its control characters escaped
    (editorial.render.escape): a title or a note must not drive the terminal."""
    stage = workflow.stages.get(article.stage)
    heading = Text(visible(article.title), style="bold")
    heading.append(f"  [{visible(article.id)}]")
    console.print(heading)
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column()
    stage_text = Text(visible(article.stage), style=stage.color if stage else "red")
    if stage and stage.description:
        stage_text.append(f" ({visible(stage.description)})")
    facts.add_row("stage", stage_text)
    next_actions = workflow.available_from(article.stage)
    facts.add_row("next", visible(", ".join(next_actions)) if next_actions else "-")
    for key in ("translator", "editor", "created_at", "updated_at", "published_at"):
        facts.add_row(key, visible(str(article.meta.get(key) or "-")))
    for key, value in article.source.items():
        facts.add_row(visible(f"source {key}"), visible(str(value)))
    shown = {"id", "title", "stage", "source", "translator", "editor", "created_at",
             "updated_at", "published_at", "history", "workflow"}
    for key, value in article.meta.items():
        if key not in shown and not isinstance(value, dict | list):
            facts.add_row(visible(str(key)), visible(_fact(key, value)))
    facts.add_row("words", str(len(article.body.split())))
    metrics = EditMetrics.from_json(article.meta.get("edit_metrics"))
    if metrics is not None:
        facts.add_row("edits", summary(metrics, "translation", "edited"))
    console.print(facts)
    console.print(_opening(article.body))
    corrections = _records(article.meta.get("corrections"))
    if corrections:
        table = Table(title="corrections", box=box.SIMPLE_HEAD, title_justify="left")
        for column in ("at", "by", "type"):
            table.add_column(column, no_wrap=True)
        table.add_column("note", overflow="fold")
        for entry in corrections:
            table.add_row(*(visible(str(entry.get(key) or "")) for key in ("at", "by", "type")),
                          Text(visible(str(entry.get("note") or ""), multiline=True)))
        console.print(table)
    history = Table(title="history", box=box.SIMPLE_HEAD, title_justify="left", expand=False)
    # Timestamps, people and actions are read whole; the stages and the note wrap instead.
    for column in ("at", "by", "action"):
        history.add_column(column, no_wrap=True)
    history.add_column("from -> to")
    history.add_column("note", overflow="fold")
    for entry in _records(article.history):
        history.add_row(visible(str(entry.get("at", ""))), visible(str(entry.get("by", ""))),
                        visible(str(entry.get("action", ""))),
                        visible(f"{entry.get('from') or '-'} -> {entry.get('to') or '-'}"),
                        Text(visible(str(entry.get("note") or ""), multiline=True)))
    console.print(history)
    accepted = [entry for entry in article.meta.get("accepted") or [] if isinstance(entry, dict)]
    if accepted:
        console.print(_accepted_table(accepted))


def _accepted_table(entries: list[dict[str, Any]]) -> Table:
    """The check findings people judged intended (`editorial accept`), and why."""
    table = Table(title="accepted findings", box=box.SIMPLE_HEAD, title_justify="left",
                  expand=False)
    for column in ("rule", "finding", "by", "at"):
        table.add_column(column, no_wrap=True)
    table.add_column("note", overflow="fold")
    for entry in entries:
        table.add_row(*(visible(str(entry.get(key, ""))) for key in ("rule", "finding", "by",
                                                                      "at")),
                      Text(visible(str(entry.get("note") or ""), multiline=True)))
    return table
