from __future__ import annotations

import click

from editorial.cli.app import App, pass_app
from editorial.cli.options import complete_article_ids, no_commit_option
from editorial.cli.transition import take_action


@click.command("unpublish")
@click.argument("reference", metavar="ID", shell_complete=complete_article_ids)
@click.option("--reason", required=True, metavar="TEXT", help="Why it is taken down.")
@no_commit_option
@pass_app
def command(app: App, reference: str, reason: str, no_commit: bool) -> None:
    """Take a published article down; its record stays, marked withdrawn."""
    take_action(app, reference, "unpublish", "withdrew", note=reason, commit=not no_commit)
