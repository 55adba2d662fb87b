from __future__ import annotations

from pathlib import Path

import click

from editorial.cli.app import App, pass_app
from editorial.cli.options import STDOUT, complete_article_ids, json_option, output_file_option
from editorial.core.effects import disclaimer_texts
from editorial.core.review.sides import CURRENT, TRANSLATION, compare, needs_revisions

SIDE_HELP = "translation, current (article.md as it is now) or a git revision of article.md"


@click.command("diff")
@click.argument("reference", metavar="ID", shell_complete=complete_article_ids)
@click.option("--from", "from_spec", default=TRANSLATION, show_default=True, metavar="X",
              help=f"The older text: {SIDE_HELP}.")
@click.option("--to", "to_spec", default=CURRENT, show_default=True, metavar="Y",
              help=f"The newer text: {SIDE_HELP}.")
@output_file_option("--html", "html_file",
                    help="Also write a standalone track-changes page to FILE")
@json_option
@pass_app
def command(app: App, reference: str, from_spec: str, to_spec: str, html_file: Path | None,
            as_json: bool) -> None:
    """What editing changed in the translation, word by word, with the editing effort.

    Deletions are shown [-like this-] and insertions {+like this+} (struck through in red and
    underlined in green on a colour terminal). The disclaimer is not compared.
    """
    if as_json and html_file is not None and str(html_file) == STDOUT:
        raise click.UsageError("--json and --html - both write to stdout: give --html a file")
    article = app.newsroom.load(reference)
    revisions = app.git.history if needs_revisions(from_spec, to_spec) else None
    before, after, diff = compare(article, from_spec, to_spec, revisions,
                                  disclaimer_texts(app.newsroom, article))
    if html_file is not None:
        from editorial.render.diff_html import html_page

        page = html_page(diff, title=article.title, article_id=article.id,
                         from_label=before.label, to_label=after.label)
        app.write_output(html_file, page.encode("utf-8"))
    if as_json:
        from editorial.render.jsonout import dumps

        click.echo(dumps({"article": article.id, "from": before.label, "to": after.label,
                          **diff.to_json()}))
        return
    if html_file is None:
        from editorial.render.diff import print_diff

        print_diff(app.console, diff, before.label, after.label)
