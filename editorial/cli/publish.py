from __future__ import annotations

import click

from editorial.cli.app import App, pass_app
from editorial.cli.options import no_commit_option


@click.command("publish")
@click.argument("references", metavar="ID...", nargs=-1, required=True)
@click.option("--dry-run", is_flag=True, help="Check the gates and show what would change.")
@no_commit_option
@pass_app
def command(app: App, references: tuple[str, ...], dry_run: bool, no_commit: bool) -> None:
    """Publish articles that are ready: all of them, or, if any is refused, none."""
    desk = app.desk(commit=not (no_commit or dry_run))
    outcome = desk.take_many(references, "publish", dry_run=dry_run)
    if dry_run:
        app.say("would publish " + ", ".join(outcome.article_ids) + "; would write:")
        for path in outcome.changes.paths():
            app.say(f"  {path}")
        return
    app.report(outcome, "published")
