"""Options shared by several commands."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

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
