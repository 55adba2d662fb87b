"""One article in full: its metadata, files and history."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from editorial.core.article import Article
from editorial.core.workflow import Workflow
from editorial.render.escape import visible


def article_json(article: Article, root_relative: str) -> dict[str, Any]:
    return {**article.meta, "path": root_relative, "body": article.body}


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
            facts.add_row(visible(str(key)), visible(str(value)))
    facts.add_row("words", str(len(article.body.split())))
    console.print(facts)
    history = Table(title="history", box=box.SIMPLE_HEAD, title_justify="left", expand=False)
    # Timestamps, people and actions are read whole; the stages and the note wrap instead.
    for column in ("at", "by", "action"):
        history.add_column(column, no_wrap=True)
    history.add_column("from -> to")
    history.add_column("note", overflow="fold")
    for entry in article.history:
        if not isinstance(entry, dict):
            continue
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
