from __future__ import annotations

import click

from editorial.cli.app import App, pass_app
from editorial.cli.options import complete_people, complete_stages, json_option
from editorial.core.listing import list_articles


@click.command("status")
@click.option("--stage", metavar="S", shell_complete=complete_stages,
              help="Only articles in this stage.")
@click.option("--person", metavar="P", shell_complete=complete_people,
              help="Only articles this person translates or edits.")
@click.option("--all", "include_all", is_flag=True,
              help="Include published and spiked articles.")
@json_option
@pass_app
def command(app: App, stage: str | None, person: str | None, include_all: bool,
            as_json: bool) -> None:
    """The desk's table: every article in progress, by stage, the longest waiting first."""
    with app.progress("reading articles", as_json=as_json) as progress:
        listing = list_articles(app.newsroom, stage=stage, person=person,
                                include_all=include_all, progress=progress)
    for problem in listing.problems:
        app.warn(f"editorial: warning: {problem} (left out of the list)")
    if as_json:
        from editorial.render.jsonout import dumps_list

        click.echo(dumps_list("articles", [summary.to_json() for summary in listing.summaries]))
        return
    if not listing.summaries:
        # What print_status says too, without loading rich for it.
        click.echo("no articles to show")
        return
    from editorial.core.article import utc_now
    from editorial.render.console import piped_width
    from editorial.render.status import print_status

    print_status(app.console, listing, utc_now(), piped_width())
