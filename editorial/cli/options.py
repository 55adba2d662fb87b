"""Options shared by several commands."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

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
