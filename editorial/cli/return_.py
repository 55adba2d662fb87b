from __future__ import annotations

import click

from editorial.cli.app import App, pass_app
from editorial.cli.options import complete_article_ids, no_commit_option, note_option
from editorial.cli.transition import take_action


@click.command("return")
@click.argument("reference", metavar="ID", shell_complete=complete_article_ids)
@note_option(required=True)
@no_commit_option
@pass_app
def command(app: App, reference: str, note: str, no_commit: bool) -> None:
    """Send an article back to its translator, saying why."""
    take_action(app, reference, "return", "returned", note=note, commit=not no_commit)
