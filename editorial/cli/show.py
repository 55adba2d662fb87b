from __future__ import annotations

import click

from editorial.cli.app import App, pass_app
from editorial.cli.options import complete_article_ids, json_option


@click.command("show")
@click.argument("reference", metavar="ID", shell_complete=complete_article_ids)
@json_option
@pass_app
def command(app: App, reference: str, as_json: bool) -> None:
    """One article in full: stage, people, source, and every step of its history."""
    article = app.newsroom.load(reference)
    relative = article.path.relative_to(app.newsroom.root).as_posix()
    if as_json:
        from editorial.render.jsonout import dumps
        from editorial.render.show import article_json

        click.echo(dumps({"article": article_json(article, relative)}))
        return
    from editorial.render.show import print_article

    print_article(app.console, article, app.newsroom.workflow_of(article))
