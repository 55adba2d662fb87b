from __future__ import annotations

from datetime import UTC, datetime

import click

from editorial.cli.app import App, pass_app
from editorial.cli.options import json_option
from editorial.core.article import LoadProblem
from editorial.core.review.stats import compute_stats


@click.command("stats")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="DATE",
              help="Count only publications, stage times and approvals from DATE "
                   "(YYYY-MM-DD, UTC) on.")
@json_option
@pass_app
def command(app: App, since: datetime | None, as_json: bool) -> None:
    """The desk's throughput, time in stage, and effort per person.

    Publications per week, the median hours articles spent in each stage, and per person
    the open items and the median edit rate of their approved translations.
    """
    newsroom = app.newsroom
    articles = []
    for item in newsroom.iter_front_matter():
        if isinstance(item, LoadProblem):
            app.warn(f"editorial: warning: {item.error} (left out of the figures)")
        else:
            articles.append(item[1])
    stats = compute_stats(articles, people=newsroom.config.people,
                          workflow=newsroom.workflows.get(newsroom.config.workflow),
                          phases=newsroom.phases,
                          since=since.replace(tzinfo=UTC) if since else None)
    if as_json:
        from editorial.render.jsonout import dumps

        click.echo(dumps(stats.to_json()))
        return
    from editorial.render.stats import print_stats

    print_stats(app.console, stats)
