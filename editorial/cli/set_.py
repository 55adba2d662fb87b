from __future__ import annotations

import click

from editorial.cli.app import App, pass_app
from editorial.cli.options import complete_article_ids, no_commit_option
from editorial.core.article import SETTABLE_KEYS


@click.command("set", help=f"""Set descriptive front matter: KEY=VALUE..., KEY one of
{', '.join(SETTABLE_KEYS)}. Checked (source.url an http(s) address, source.published an ISO
8601 date) and recorded as one step; an empty value removes a source key. Editors and
publishers may set.""")
@click.argument("reference", metavar="ID", shell_complete=complete_article_ids)
@click.argument("assignments", nargs=-1, metavar="KEY=VALUE...")
@no_commit_option
@pass_app
def command(app: App, reference: str, assignments: tuple[str, ...], no_commit: bool) -> None:
    outcome = app.desk(commit=not no_commit).set(reference, assignments)
    app.report(outcome, "set")
