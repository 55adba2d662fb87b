from __future__ import annotations

import click

from editorial.cli.app import App, pass_app
from editorial.cli.options import no_commit_option


@click.command("draft")
@click.argument("reference", metavar="ID")
@click.option("--engine", metavar="CMD",
              help="A machine-translation command for the paragraphs the memory cannot fill: "
                   "the source paragraph on its stdin, the English on its stdout (default: "
                   "memory.engine in editorial.yaml).")
@click.option("--force", is_flag=True, help="Replace a translation.md that already has text.")
@no_commit_option
@pass_app
def command(app: App, reference: str, engine: str | None, force: bool,
            no_commit: bool) -> None:
    """Write a first draft of translation.md from the translation memory.

    For the article's translator, in the translation stage. Each source paragraph gets the
    English of its best memory match (exact, or fuzzy at or above memory.threshold); with
    an engine, the others get the machine's English; any left is kept as
    [[untranslated: source text]] for the translator to replace, and 'submit' is refused
    while one remains. translation.md's front matter records each paragraph's origin
    under 'draft:'. One commit, with a history entry.
    """
    outcome = app.desk(commit=not no_commit).draft(reference, engine=engine, force=force)
    app.report(outcome, "drafted")
