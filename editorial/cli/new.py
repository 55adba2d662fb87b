from __future__ import annotations

import sys
from pathlib import Path

import click

from editorial.cli.app import App, pass_app
from editorial.cli.options import complete_people, no_commit_option
from editorial.core.desk import SourceText
from editorial.errors import UsageError

SOURCE_SUFFIXES = (".txt", ".md")


@click.command("new")
@click.argument("file", metavar="FILE", type=click.Path(dir_okay=False, allow_dash=True,
                                                        path_type=Path))
@click.option("--lang", "language", required=True, metavar="LANG",
              help="The source language, e.g. ar.")
@click.option("--title", metavar="T", help="The title (default: the source's title or first line).")
@click.option("--source-title", metavar="T",
              help="The original headline (default: the source's title, or its first line "
                   "when that is short and has no final full stop).")
@click.option("--author", metavar="A", help="The original author.")
@click.option("--outlet", metavar="O", help="The outlet that published the original.")
@click.option("--url", metavar="U", help="Where the original was published.")
@click.option("--published", metavar="DATE", help="When the original was published.")
@click.option("--id", "article_id", metavar="ID", help="The article id (default: from the title).")
@click.option("--translator", metavar="P", shell_complete=complete_people,
              help="Assign a translator at once.")
@no_commit_option
@pass_app
def command(app: App, file: Path, language: str, title: str | None, source_title: str | None,
            author: str | None,
            outlet: str | None, url: str | None, published: str | None,
            article_id: str | None, translator: str | None, no_commit: bool) -> None:
    """Register the source text in FILE (.txt or .md; - reads stdin) and print its new id.

    A .md source may carry front matter (title, author, outlet, url, published) that fills in
    whatever the options do not say.
    """
    text = read_source(file)
    source = SourceText(text=text, language=language, title=title, source_title=source_title,
                        author=author,
                        outlet=outlet, url=url, published=published,
                        origin="<stdin>" if str(file) == "-" else str(file),
                        may_have_front_matter=str(file) == "-" or file.suffix.lower() == ".md")
    outcome = app.desk(commit=not no_commit).new(source, article_id=article_id,
                                                 translator=translator)
    click.echo(outcome.article_ids[0])
    app.report(outcome, "registered")


def read_source(file: Path) -> str:
    if str(file) == "-":
        data = sys.stdin.buffer.read()
    else:
        if file.suffix.lower() not in SOURCE_SUFFIXES:
            raise UsageError(f"{file}: a source text is a .txt or .md file")
        try:
            data = file.read_bytes()
        except FileNotFoundError:
            raise UsageError(f"{file}: no such file") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UsageError(f"{file}: not UTF-8 text (byte {error.start})",
                         hint="save the source as UTF-8") from None
