from __future__ import annotations

import click

from editorial.cli.app import App, pass_app
from editorial.cli.options import json_option


@click.command("concordance")
@click.argument("text")
@json_option
@pass_app
def command(app: App, text: str, as_json: bool) -> None:
    """Every place in the archive where TEXT occurs, with the aligned other side.

    TEXT in Arabic script is looked for in the source texts: its first word with or
    without joined prefixes (و، ف، ب، ل، ك، ال), diacritics and hamza forms ignored. Other
    TEXT is looked for in the English, as whole words, ignoring case. Newest first; the
    glossary terms TEXT names are shown with their renderings.

    \b
    --json prints {"query", "side": "source"|"english", "terms": [...],
    "occurrences": [{"article", "date", "editor", "kind", "paragraph", "sentence",
    "source", "english"}]}.
    """
    from editorial.core.memory import concordance

    result = concordance(app.newsroom, text)
    if as_json:
        from editorial.render.jsonout import dumps

        click.echo(dumps(result.to_json()))
        return
    from editorial.render.memory import print_concordance

    print_concordance(app.console, result)
