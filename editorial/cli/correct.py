from __future__ import annotations

import click

from editorial.cli.app import App, pass_app
from editorial.cli.options import complete_article_ids, no_commit_option, note_option
from editorial.cli.transition import take_action
from editorial.core.article import CORRECTION_TYPES


@click.command("correct")
@click.argument("reference", metavar="ID", shell_complete=complete_article_ids)
@click.option("--type", "kind", type=click.Choice(CORRECTION_TYPES), required=True,
              help="What kind of change this is.")
@note_option(required=True)
@no_commit_option
@pass_app
def command(app: App, reference: str, kind: str, note: str, no_commit: bool) -> None:
    """Record a correction to a published article (edit article.md first)."""
    take_action(app, reference, "correct", "corrected", note=note, commit=not no_commit,
                options={"type": kind})
