from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

import click

from editorial.cli.app import App, pass_app
from editorial.errors import (
    EXIT_OK,
    EXIT_REFUSED,
    EditorialError,
    NotANewsroomError,
    UsageError,
)

if TYPE_CHECKING:
    from editorial.core.checks.runner import CheckReport
    from editorial.core.ports import Progress

# The rules that judge who committed a change: before the commit there is none to judge.
COMMIT_RULES = ("authorship", "governance")
FORMATS = ("text", "github", "json", "sarif", "gitlab", "rdjson")
# The formats that are one JSON document for a CI service to read.
REPORTS = ("sarif", "gitlab", "rdjson")


@click.command("check")
@click.argument("paths", nargs=-1, metavar="[PATH...]",
                type=click.Path(path_type=Path))
@click.option("--base", "base_ref", metavar="REF",
              help="Check only what changed since the merge base of REF and HEAD (commits, "
                   "staged, unstaged and new files), comparing each article with its state "
                   "there; e.g. --base origin/main.")
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text",
              show_default=True, help="text for people, json for programs, github for "
                                      "GitHub Actions annotations and job summary, sarif "
                                      "(SARIF 2.1.0, for code scanning), gitlab (GitLab "
                                      "Code Quality) or rdjson (reviewdog) for CI reports.")
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
@click.option("--staged", is_flag=True,
              help="Before a commit (the pre-commit hook): check the articles under PATH... "
                   "against HEAD, as --base does, so that a silent edit of a published "
                   "article is caught; when a file of the desk's configuration is among "
                   "them, check every article too. Who made the change is left to the "
                   "check of the commits (--base in CI).")
@pass_app
def command(app: App, paths: tuple[Path, ...], base_ref: str | None, output_format: str,
            committed_only: bool | None, strict: bool, no_authorship: bool,
            staged: bool) -> None:
    """Validate the newsroom, the articles under PATH..., or what changed since --base.

    Exit 0 when clean, 1 when a problem of severity error is found (or a warning, with
    --strict), 2 on a usage or configuration error. Problems go to stdout, the one-line
    summary to stderr.
    """
    if staged and base_ref is not None:
        raise UsageError("--staged checks against HEAD: give it or --base, not both")
    try:
        if staged:
            report = _run_staged(app, paths)
        else:
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
    elif output_format in REPORTS:
        _print_report(app, report, output_format)
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
         work_tree: bool, progress: Progress | None = None) -> CheckReport:
    from editorial.core.checks.runner import check_newsroom
    from editorial.core.schemas import check_desk_files

    newsroom = app.newsroom
    # A broken editorial.yaml, glossary or workflow is reported before anything else, in the
    # words of its schema.
    check_desk_files(newsroom.root, settings_only=base_ref is not None)
    newsroom.config  # noqa: B018 - what the schema cannot say (two people with one email)
    history = app.git.history if base_ref is not None else None
    return check_newsroom(newsroom, paths=paths, cwd=Path.cwd(), base_ref=base_ref,
                          history=history, authorship=authorship, work_tree=work_tree,
                          progress=progress)


def _run_staged(app: App, paths: tuple[Path, ...]) -> CheckReport:
    """What is about to be committed: the articles against HEAD; every article, by the
    configuration on disk, when the change touches that configuration. Whose change it is
    cannot be told before the commit exists, so the rules on that stay for --base."""
    from editorial.core.article import ARTICLES_DIR
    from editorial.core.checks.base import Problem
    from editorial.core.checks.governance import is_configuration
    from editorial.core.checks.runner import CheckReport, check_newsroom

    root = app.newsroom.root.resolve()
    configuration: list[Path] = []
    articles: list[Path] = []
    for path in paths:
        try:
            relative = PurePosixPath((Path.cwd() / path).resolve().relative_to(root).as_posix())
        except ValueError:
            articles.append(path)  # outside the newsroom: the article check says so
            continue
        if is_configuration(relative.as_posix()):
            configuration.append(path)
        elif relative.parts[:1] == (ARTICLES_DIR,) and len(relative.parts) > 2:
            articles.append(path)
        # Anything else (articles/.gitkeep) is part of no article.
    found: dict[Problem, None] = {}
    checked: set[str] = set()
    if configuration:
        everything = check_newsroom(app.newsroom, cwd=Path.cwd())
        found.update(dict.fromkeys(everything.problems))
        checked.update(everything.checked)
    report = None
    if articles or not configuration:
        report = _run(app, tuple(articles), "HEAD", authorship=False, work_tree=True)
        found.update(dict.fromkeys(problem for problem in report.problems
                                   if problem.rule not in COMMIT_RULES))
        checked.update(report.checked)
    problems = sorted(found, key=Problem.sort_key)
    if report is None:
        return CheckReport(problems, sorted(checked))
    return CheckReport(problems, sorted(checked), base=report.base, base_ref="HEAD")


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


def _print_report(app: App, report: CheckReport, output_format: str) -> None:
    from editorial.core.checks import load_rules
    from editorial.render.jsonout import dumps
    from editorial.render.reports import gitlab_issues, rdjson_document, sarif_document

    prefix = _prefix(app)
    document: object
    if output_format == "sarif":
        document = sarif_document(report.problems, load_rules().values(), prefix)
    elif output_format == "gitlab":
        document = gitlab_issues(report.problems, prefix)
    else:
        document = rdjson_document(report.problems, prefix)
    click.echo(dumps(document))


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
