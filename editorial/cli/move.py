from __future__ import annotations

import click

from editorial.cli.app import App, pass_app
from editorial.cli.options import complete_article_ids, no_commit_option, note_option
from editorial.cli.transition import take_action


@click.command("move")
@click.argument("reference", metavar="ID", shell_complete=complete_article_ids)
@click.argument("action")
@note_option(required=False)
@no_commit_option
@pass_app
def command(app: App, reference: str, action: str, note: str | None, no_commit: bool) -> None:
    """Take the workflow action ACTION on an article.

    For the stages a newsroom adds in its own workflow file, which have no command of their
    own: `editorial move ID clear-legal --note "checked"`.
    """
    take_action(app, reference, action, action, note=note, commit=not no_commit)
