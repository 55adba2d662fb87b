from __future__ import annotations

import click

from editorial.cli.app import App, pass_app
from editorial.cli.options import complete_article_ids, no_commit_option, note_option


@click.command("accept")
@click.argument("reference", metavar="ID", shell_complete=complete_article_ids)
@click.argument("rule_id", metavar="RULE")
@click.option("--finding", metavar="KEY",
              help="The finding's key, as 'editorial check' shows it in brackets after the "
                   "rule (default: every current finding of RULE in the article).")
@note_option(required=False)  # the desk refuses a missing or blank note, in one line
@no_commit_option
@pass_app
def command(app: App, reference: str, rule_id: str, finding: str | None, note: str | None,
            no_commit: bool) -> None:
    """Record that a check finding is intended: check stays silent on it while the text it
    is about is unchanged. Editors and publishers may accept."""
    outcome = app.desk(commit=not no_commit).accept(reference, rule_id, finding=finding,
                                                     note=note)
    app.report(outcome, "accepted")
