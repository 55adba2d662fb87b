from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import click

from editorial.cli.app import App, pass_app
from editorial.errors import EXIT_OK, EXIT_REFUSED, EditorialError, NotANewsroomError

if TYPE_CHECKING:
    from editorial.core.checks.runner import CheckReport
    from editorial.core.ports import Progress

FORMATS = ("text", "github", "json")


@click.command("check")
@click.argument("paths", nargs=-1, metavar="[PATH...]",
                type=click.Path(path_type=Path))
@click.option("--base", "base_ref", metavar="REF",
              help="Check only what changed since the merge base of REF and HEAD (commits, "
                   "staged, unstaged and new files), comparing each article with its state "
                   "there; e.g. --base origin/main.")
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text",
              show_default=True, help="text for people, json for programs, github for "
                                      "GitHub Actions annotations and job summary.")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@click.option("--committed-only/--with-uncommitted", "committed_only", default=None,
              help="With --base, look only at what the commits since the base changed, or "
                   "also at staged, unstaged and new files. Default: committed only when the "
                   "CI environment variable is set (a CI checkout holds nothing "
                   "uncommitted, and finding uncommitted edits means a look at every file), "
                   "with uncommitted otherwise.")
@click.option("--no-authorship", is_flag=True,
              help="With --base, do not check that each new history entry was committed by "
                   "the person it names.")
@pass_app
def command(app: App, paths: tuple[Path, ...], base_ref: str | None, output_format: str,
            committed_only: bool | None, strict: bool, no_authorship: bool) -> None:
    """Validate the newsroom, the articles under PATH..., or what changed since --base.

    Exit 0 when clean, 1 when a problem of severity error is found (or a warning, with
    --strict), 2 on a usage or configuration error. Problems go to stdout, the one-line
    summary to stderr.
    """
    try:
        work_tree = not (running_in_ci() if committed_only is None else committed_only)
        with app.progress("checking articles", as_json=output_format != "text") as progress:
            report = _run(app, paths, base_ref, not no_authorship, work_tree, progress)
    except EditorialError as error:
        if output_format == "github":
            _github_error(app, error)
        raise
    headline = _headline(report)
    if output_format == "json":
        from editorial.render.jsonout import dumps
        from editorial.render.problems import json_document

        click.echo(dumps(json_document(report.problems)))
    elif output_format == "github":
        _print_github(app, report, headline)
    elif report.problems:
        from editorial.render.problems import print_text

        print_text(app.console, report.problems)
    app.say(f"editorial check: {headline}")
    failed = report.errors or (strict and report.warnings)
    click.get_current_context().exit(EXIT_REFUSED if failed else EXIT_OK)


def running_in_ci() -> bool:
    """Whether the CI variable that GitHub Actions, GitLab CI and most other services set is
    on."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _run(app: App, paths: tuple[Path, ...], base_ref: str | None, authorship: bool,
         work_tree: bool, progress: Progress) -> CheckReport:
    from editorial.core.checks.runner import check_newsroom

    newsroom = app.newsroom
    newsroom.config  # noqa: B018 - a broken editorial.yaml is reported before anything else
    history = app.git.history if base_ref is not None else None
    return check_newsroom(newsroom, paths=paths, cwd=Path.cwd(), base_ref=base_ref,
                          history=history, authorship=authorship, work_tree=work_tree,
                          progress=progress)


def _headline(report: CheckReport) -> str:
    count = len(report.checked)
    articles = f"{count} article{'s' if count != 1 else ''}"
    scope = ""
    if report.base is not None:
        scope = f" changed since {report.base_ref} ({report.base[:8]})"
        if not count and not report.problems:
            return f"no article changed since {report.base_ref} ({report.base[:8]})"
    if not report.problems:
        return f"no problems in {articles}{scope}"
    parts = []
    if report.errors:
        parts.append(f"{report.errors} error{'s' if report.errors != 1 else ''}")
    if report.warnings:
        parts.append(f"{report.warnings} warning{'s' if report.warnings != 1 else ''}")
    return f"{' and '.join(parts)} in {articles}{scope}"


def _prefix(app: App) -> str:
    """The newsroom's folder inside the git repository: annotation paths are from its top."""
    try:
        top = app.git.top.resolve()
    except NotANewsroomError:
        return ""
    inside = app.newsroom.root.resolve().relative_to(top)
    return "" if str(inside) == "." else f"{inside.as_posix()}/"


def _print_github(app: App, report: CheckReport, headline: str) -> None:
    from editorial.render.problems import SUMMARY_LIMIT, github_lines, markdown_summary

    prefix = _prefix(app)
    summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
    in_summary = None
    if summary_path:
        with open(summary_path, "a", encoding="utf-8") as summary_file:
            # What earlier commands of the step wrote counts towards GitHub's limit too.
            room = SUMMARY_LIMIT - summary_file.tell()
            summary = markdown_summary(report.problems, headline, prefix, room=room)
            summary_file.write(summary.markdown)
        in_summary = summary.listed
    for line in github_lines(report.problems, prefix, in_summary=in_summary):
        click.echo(line)


def _github_error(app: App, error: EditorialError) -> None:
    """A configuration or history problem, also as an annotation where the run is read."""
    from editorial.render.escape import visible
    from editorial.render.problems import escape_data, escape_property

    properties = []
    if error.path is not None:
        try:
            path = Path(error.path).resolve().relative_to(app.git.top.resolve()).as_posix()
        except (ValueError, EditorialError):
            path = str(error.path)
        properties.append(f"file={escape_property(path)}")
        if error.line is not None:
            properties.append(f"line={error.line}")
    properties.append("title=editorial check")
    text = error.message + (f" ({error.hint})" if error.hint else "")
    click.echo(f"::error {','.join(properties)}::{escape_data(visible(text))}")
