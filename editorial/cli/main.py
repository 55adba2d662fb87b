"""The `editorial` command group.

Commands are imported only when run, so `editorial --version` and `editorial --help` stay fast
and never load GitPython or rich's tables.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from editorial import __version__
from editorial.cli.options import complete_people
from editorial.errors import EXIT_REFUSED, EditorialError, from_os_error

EXIT_CRASH = 3

# name -> (module, one-line help); the module defines a click command called `command`.
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("init", "Create a newsroom repository."),
    "new": ("new", "Register a source text as a new article."),
    "assign": ("assign", "Assign a translator or an editor."),
    "submit": ("submit", "Hand a finished translation to editing."),
    "return": ("return_", "Send an article back to its translator."),
    "approve": ("approve", "Approve an edited article."),
    "disclaim": ("disclaim", "Insert the disclaimer at the end of the article."),
    "publish": ("publish", "Publish articles that are ready."),
    "spike": ("spike", "Abandon an article."),
    "correct": ("correct", "Record a correction to a published article."),
    "unpublish": ("unpublish", "Take a published article down."),
    "move": ("move", "Take any workflow action by name."),
    "set": ("set_", "Set an article's title or source details."),
    "status": ("status", "The desk's table of articles in progress."),
    "show": ("show", "One article in full, with its history."),
    "diff": ("diff", "What editing changed in a translation, word by word."),
    "review": ("review", "The bilingual review page: source beside translation and edit."),
    "stats": ("stats", "The desk's throughput, time in stage and effort per person."),
    "report": ("report", "Write the desk's static dashboard."),
    "glossary": ("glossary", "The newsroom's terms, or the one a word names."),
    "demo": ("demo", "Build a sample newsroom and show its status."),
    "check": ("check", "Validate the newsroom, or what changed since a base revision."),
    "merge-driver": ("merge_driver", "git's merge driver for article.md."),
    "accept": ("accept", "Record that a check finding is intended."),
    "schema": ("schema", "Print the JSON Schema of a desk file, for editors."),
    "tm": ("tm", "Translation-memory matches for each source paragraph."),
    "concordance": ("concordance", "Every occurrence of a phrase in the archive."),
    "draft": ("draft", "Pre-fill translation.md from the memory (and a machine)."),
}


class EditorialGroup(click.Group):
    """Loads commands on demand and turns editorial's errors into one line and an exit code."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module = importlib.import_module(f"editorial.cli.{COMMANDS[cmd_name][0]}")
        command: click.Command = module.command
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # The short help is kept here so that `--help` lists commands without importing them.
        with formatter.section("Commands"):
            formatter.write_dl([(name, text) for name, (_, text) in COMMANDS.items()])

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             **extra: Any) -> Any:
        """Click's usage errors as one line, like every other error of editorial."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except click.ClickException as error:
            hint = ""
            if isinstance(error, click.UsageError) and error.ctx is not None:
                hint = f" (see '{error.ctx.command_path} --help')"
            say_error(f"editorial: usage: {error.format_message()}{hint}")
            sys.exit(error.exit_code)
        except click.Abort:
            click.echo("editorial: aborted", err=True)
            sys.exit(EXIT_REFUSED)
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except EditorialError as error:
            report_error(error)
            ctx.exit(error.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except KeyboardInterrupt:
            click.echo("editorial: interrupted", err=True)
            ctx.exit(130)
        except Exception as error:
            refusal = from_os_error(error) if isinstance(error, OSError) else None
            if refusal is not None:
                report_error(refusal)
                ctx.exit(refusal.exit_code)
            if os.environ.get("EDITORIAL_DEBUG") == "1":
                raise
            say_error(f"editorial: internal error: {type(error).__name__}: {error} "
                      "(set EDITORIAL_DEBUG=1 to see the traceback, and please report it)")
            ctx.exit(EXIT_CRASH)


def report_error(error: EditorialError) -> None:
    label = "error" if error.exit_code != EXIT_REFUSED else "refused"
    say_error(f"editorial: {label}: {error}")


def say_error(line: str) -> None:
    """An error as one line on stderr. Its paths and values may come from the newsroom's
    files, so they are escaped: a CI runner reads stderr for workflow commands too."""
    from editorial.render.escape import safe_line

    click.echo(safe_line(line), err=True)


@click.group("editorial", cls=EditorialGroup,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="editorial",
                      message="%(prog)s %(version)s")
@click.option("--as", "as_person", metavar="PERSON", shell_complete=complete_people,
              help="Act as this person id (default: the person whose email matches "
                   "git config user.email).")
@click.option("--repo", "repo", type=click.Path(file_okay=False, path_type=Path),
              help="The newsroom repository (default: the current folder or a parent).")
@click.option("--detached", is_flag=True,
              help="Commit steps even on a detached HEAD (on no branch).")
@click.option("-q", "--quiet", is_flag=True,
              help="Say nothing about what was done (\"assigned ...\", \"wrote FILE\", check's "
                   "summary line) and show no progress; errors, warnings and the output asked "
                   "for (tables, --json, --html -) still appear.")
@click.pass_context
def cli(ctx: click.Context, as_person: str | None, repo: Path | None, detached: bool,
        quiet: bool) -> None:
    """Track translated articles from source text to publication, in a git repository."""
    from editorial.cli.app import App

    ctx.obj = App(repo=repo, as_person=as_person, detached=detached, quiet=quiet)


def main() -> None:
    sys.exit(cli.main(prog_name="editorial"))
