from __future__ import annotations

import click

from editorial.cli.app import App, pass_app
from editorial.cli.options import complete_article_ids, no_commit_option
from editorial.cli.transition import take_action


@click.command("disclaim")
@click.argument("reference", metavar="ID", shell_complete=complete_article_ids)
@click.option("--template", metavar="KEY",
              help="Which disclaimer of editorial.yaml to use (default: the first).")
@no_commit_option
@pass_app
def command(app: App, reference: str, template: str | None, no_commit: bool) -> None:
    """Insert the disclaimer at the end of article.md; the article is then ready.

    The disclaimer is inserted once: an up-to-date one is left alone, an outdated one replaced.
    """
    options = {"template": template} if template else {}
    take_action(app, reference, "disclaim", "disclaimed", commit=not no_commit,
                options=options)
