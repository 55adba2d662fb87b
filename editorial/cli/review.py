from __future__ import annotations

from pathlib import Path

import click

from editorial.cli.app import App, pass_app
from editorial.cli.options import complete_article_ids, output_file_option


@click.command("review")
@click.argument("reference", metavar="ID", shell_complete=complete_article_ids)
@output_file_option("--html", "html_file", required=True, help="Write the page to FILE")
@click.option("--memory/--no-memory", default=True, show_default=True,
              help="Show the translation memory's matches beside each source paragraph.")
@pass_app
def command(app: App, reference: str, html_file: Path, memory: bool) -> None:
    """The bilingual review page: each source paragraph beside the translator's text and the
    edited text with track changes, glossary terms highlighted, check findings at their
    paragraph.

    One self-contained HTML file that works offline and prints on A4 landscape. For an
    article handed to editing or later.
    """
    # Here rather than at the top, for start-up time: the rules, the aligner, the diff.
    from editorial.core.review.bilingual import archive_matches, review_page
    from editorial.render.review_html import review_html

    article = app.newsroom.load(reference)
    matches = archive_matches(app.newsroom, article) if memory else None
    app.write_output(html_file,
                     review_html(review_page(app.newsroom, article, matches)).encode("utf-8"))
