"""Options shared by several commands."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem

    from editorial.core.newsroom import Newsroom

# A FILE option's value that means stdout (see App.write_output).
STDOUT = "-"

F = TypeVar("F", bound=Callable[..., Any])


def no_commit_option(function: F) -> F:
    decorator = click.option("--no-commit", is_flag=True,
                             help="Write the files but make no git commit.")
    return decorator(function)


def json_option(function: F) -> F:
    decorator = click.option("--json", "as_json", is_flag=True,
                             help="Print one JSON document on stdout instead of a table.")
    return decorator(function)


def note_option(required: bool) -> Callable[[F], F]:
    return click.option("--note", required=required, metavar="TEXT",
                        help="Why: kept in the article's history.")


def output_file_option(*names: str, help: str, required: bool = False) -> Callable[[F], F]:
    """An option naming a FILE to write, where `-` means stdout (App.write_output)."""
    return click.option(*names, required=required, metavar="FILE",
                        type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
                        help=f"{help}; - writes it to stdout.")


# -- shell completion: what a parameter may be, from the newsroom the command would use ------


def _newsroom(ctx: click.Context) -> Newsroom:
    # Imported here: completion runs on every Tab, and most commands' start-up never needs it.
    from editorial.core.newsroom import Newsroom
    from editorial.core.newsroom_root import find_root

    repo = ctx.find_root().params.get("repo")
    return Newsroom(find_root(Path(repo) if repo else Path.cwd()))


def _completing(names: Callable[[Newsroom], Iterable[str]]
                ) -> Callable[[click.Context, click.Parameter, str], list[CompletionItem]]:
    def complete(ctx: click.Context, param: click.Parameter,
                 incomplete: str) -> list[CompletionItem]:
        # Imported on Tab only, for every command's start-up time.
        from click.shell_completion import CompletionItem

        try:
            return [CompletionItem(name) for name in names(_newsroom(ctx))
                    if name.startswith(incomplete)]
        except Exception:  # outside a newsroom, a broken file: Tab offers nothing, never a trace
            return []
    return complete


def _stages(newsroom: Newsroom) -> list[str]:
    return list(newsroom.workflows.get(newsroom.config.workflow).stages)


# Article folder names, a scandir of articles/: an unambiguous prefix completes to its id.
complete_article_ids = _completing(lambda newsroom: newsroom.article_ids())
complete_stages = _completing(_stages)
complete_people = _completing(lambda newsroom: list(newsroom.config.people))
