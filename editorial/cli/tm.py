from __future__ import annotations

import click

from editorial.cli.app import App, pass_app
from editorial.cli.options import json_option


@click.command("tm")
@click.argument("reference", metavar="ID")
@json_option
@pass_app
def command(app: App, reference: str, as_json: bool) -> None:
    """Translation-memory matches for each source paragraph of an article.

    The memory holds every paragraph (and confidently aligned sentence) of the desk's
    published articles (and approved ones with `memory: {include: [published, approved]}`)
    with the English it became. A match is exact (100) or fuzzy at or above
    `memory: {threshold: 75}`, comparing the Arabic without diacritics, tatweel, hamza
    forms or digit differences. Each paragraph's glossary terms are shown with their
    required renderings.

    \b
    --json prints {"article", "threshold", "paragraphs": [{"number", "line", "source",
    "terms": [{"found", "source", "target", "variants", "forbidden", ...}],
    "matches": [{"score", "exact", "article", "date", "editor", "kind", "paragraph",
    "sentence", "source", "english"}]}]}.
    """
    from editorial.core.memory import Memory

    article = app.newsroom.load(reference)
    memory = Memory.open(app.newsroom)
    try:
        found = memory.for_article(article)
    finally:
        memory.close()
    threshold = memory.settings.threshold
    if as_json:
        from editorial.render.jsonout import dumps

        click.echo(dumps({"article": article.id, "threshold": threshold,
                          "paragraphs": [paragraph.to_json() for paragraph in found]}))
        return
    from editorial.render.memory import print_matches

    print_matches(app.console, article.id, found, threshold)
