from __future__ import annotations

import click

from editorial.cli.app import App, pass_app
from editorial.cli.options import complete_article_ids, no_commit_option
from editorial.cli.transition import take_action


@click.command("submit")
@click.argument("reference", metavar="ID", shell_complete=complete_article_ids)
@no_commit_option
@pass_app
def command(app: App, reference: str, no_commit: bool) -> None:
    """Hand a finished translation to editing.

    Freezes translation.md and copies it into article.md; the article moves to editing.
    """
    take_action(app, reference, "submit", "submitted", commit=not no_commit)
