from __future__ import annotations

import click

from editorial.cli.app import App, pass_app
from editorial.cli.options import json_option
from editorial.core.newsroom_root import GLOSSARY_FILE
from editorial.core.quality.glossary import load
from editorial.errors import NotFoundError


@click.command("glossary")
@click.argument("term", required=False)
@json_option
@pass_app
def command(app: App, term: str | None, as_json: bool) -> None:
    """The newsroom's terms (glossary.yaml), or the terms TERM names.

    TERM is a source spelling (found with or without diacritics, hamza forms and joined
    prefixes such as و، ب، ال) or an English rendering, right or forbidden.
    """
    glossary = load(app.newsroom.root / GLOSSARY_FILE)
    terms = list(glossary.terms) if term is None else glossary.lookup(term)
    if term is not None and not terms:
        raise NotFoundError(f"no glossary term matches {term!r}",
                            hint="'editorial glossary' lists every term")
    if as_json:
        from editorial.render.jsonout import dumps

        click.echo(dumps({"terms": [entry.to_json() for entry in terms]}))
        return
    if not terms:
        app.say(f"no terms yet: add them to {GLOSSARY_FILE} (see 'editorial glossary --help')")
        return
    from editorial.render.glossary import glossary_table

    app.console.print(glossary_table(terms, app.console.width))
