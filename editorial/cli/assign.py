from __future__ import annotations

import click

from editorial.cli.app import App, pass_app
from editorial.cli.options import complete_article_ids, complete_people, no_commit_option


@click.command("assign")
@click.argument("reference", metavar="ID", shell_complete=complete_article_ids)
@click.option("--translator", metavar="P", shell_complete=complete_people,
              help="The person who will translate it.")
@click.option("--editor", metavar="P", shell_complete=complete_people,
              help="The person who will edit it.")
@no_commit_option
@pass_app
def command(app: App, reference: str, translator: str | None, editor: str | None,
            no_commit: bool) -> None:
    """Assign a translator or an editor; a new article with a translator moves to translation."""
    outcome = app.desk(commit=not no_commit).assign(reference, translator=translator,
                                                     editor=editor)
    app.report(outcome, "assigned")
