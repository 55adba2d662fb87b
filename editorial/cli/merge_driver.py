from __future__ import annotations

from pathlib import Path, PurePosixPath

import click

from editorial.core.article import ARTICLE_FILE
from editorial.core.files import atomic_write
from editorial.core.merging import merge_article, merge_plain
from editorial.errors import InvalidDataError


@click.command("merge-driver")
@click.argument("base", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("ours", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("theirs", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("path", required=False, default="")
@click.pass_context
def command(ctx: click.Context, base: Path, ours: Path, theirs: Path, path: str) -> None:
    """git's merge driver for article.md: git runs it as 'editorial merge-driver %O %A %B %P'.

    Both branches' history entries are kept, in time order; the stage and updated_at follow
    from the merged history; other keys merge one by one and the text line by line. The
    result is written to OURS; exit 1 when something is left in conflict, with one line
    per conflict saying what to do. 'editorial init --merge-driver' installs it.
    """
    from editorial.cli.main import say_error
    from editorial.vcs.mergefile import merge_text

    try:
        versions = [file.read_bytes() for file in (base, ours, theirs)]
    except OSError as error:
        raise InvalidDataError(f"cannot read {error.filename}: {error.strerror}",
                               hint="git runs this as 'editorial merge-driver %O %A %B %P'"
                               ) from None
    name = path or str(ours)
    merge = merge_article if PurePosixPath(name).name == ARTICLE_FILE else merge_plain
    merged = merge(*versions, path=name, merge_text=merge_text)
    atomic_write(ours, merged.data)
    for conflict in merged.conflicts:
        say_error(f"editorial: {conflict}")
    if merged.conflicts:
        ctx.exit(1)
