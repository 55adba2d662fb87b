from __future__ import annotations

import click

from editorial.cli.app import App, pass_app
from editorial.cli.options import complete_article_ids, no_commit_option
from editorial.cli.transition import take_action


@click.command("approve")
@click.argument("reference", metavar="ID", shell_complete=complete_article_ids)
@no_commit_option
@pass_app
def command(app: App, reference: str, no_commit: bool) -> None:
    """Approve an edited article: it moves on to its disclaimer.

    The person who translated the article cannot approve it.
    """
    take_action(app, reference, "approve", "approved", commit=not no_commit)
