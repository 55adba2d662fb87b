from __future__ import annotations

import click

from editorial.cli.app import App, pass_app
from editorial.cli.options import complete_article_ids, no_commit_option
from editorial.core.desk import Desk, Outcome
from editorial.errors import EXIT_REFUSED, EditorialError, UsageError


@click.command("publish")
@click.argument("references", metavar="[ID...]", nargs=-1,
                shell_complete=complete_article_ids)
@click.option("--dry-run", is_flag=True, help="Check the gates and show what would be written.")
@click.option("--at", "at", metavar="DATETIME",
              help="Schedule instead: publish at this time (ISO 8601, e.g. 2025-03-01T09:00Z) "
                   "when 'publish --due' runs.")
@click.option("--due", is_flag=True,
              help="Publish every scheduled article whose time has come (for a cron job).")
@click.option("--push", is_flag=True,
              help="Then push to the remote of editorial.yaml's publish section (default: "
                   "the branch's upstream).")
@click.option("--rebuild", is_flag=True,
              help="Write every published article's outputs again, for a target added or "
                   "changed since: one commit, no history entry.")
@no_commit_option
@pass_app
def command(app: App, references: tuple[str, ...], dry_run: bool, at: str | None, due: bool,
            push: bool, rebuild: bool, no_commit: bool) -> None:
    """Publish articles that are ready: all of them, or, if any is refused, none.

    Writes the article to every target in editorial.yaml (publish.targets) and commits the
    article with its outputs. Publishing an article again rewrites only what is missing or
    altered; an edited body needs 'editorial correct'.
    """
    if due and (references or at):
        raise UsageError("--due publishes what is scheduled: give no ids and no --at with it")
    if at is not None and not references:
        raise UsageError("say which articles to schedule: publish ID... --at DATETIME")
    if rebuild and (references or at or due):
        raise UsageError("--rebuild writes every published article: give no ids, --at or "
                         "--due with it")
    if not (references or due or push or rebuild):
        raise UsageError("say which articles to publish (ID...), or --due, --rebuild or "
                         "--push")
    if push and (dry_run or no_commit):
        raise UsageError("--push pushes commits: it does not go with --dry-run or --no-commit")
    destination = _push_destination(app) if push else None
    desk = app.desk(commit=not no_commit)
    failed = False
    if at is not None:
        outcome = desk.take_many(references, "schedule", options={"at": at}, dry_run=dry_run)
        _report(app, outcome, "scheduled", dry_run)
        if outcome.changes:
            _say_when(app, at)
    elif due:
        failed = _publish_due(app, dry_run)
    elif references:
        with app.progress("publishing articles") as progress:
            outcome = desk.take_many(references, "publish", dry_run=dry_run, progress=progress)
        _report(app, outcome, "published", dry_run)
    elif rebuild:
        outcome = desk.rebuild(dry_run=dry_run)
        if outcome.article_ids:
            _report(app, outcome, "rebuilt the outputs of", dry_run)
        else:
            app.say("no article is published: nothing to rebuild")
    if destination is not None:
        remote, branch = destination
        app.git.push(remote, branch)
        app.say(f"pushed to {remote} {branch}")
    if failed:
        raise click.exceptions.Exit(EXIT_REFUSED)


def _push_destination(app: App) -> tuple[str, str]:
    """Where --push goes, found before publishing so that a missing remote changes nothing."""
    from editorial.core.publishing.settings import publish_settings

    settings = publish_settings(app.newsroom.config)
    return app.git.push_destination(settings.remote, settings.branch)


def _report(app: App, outcome: Outcome, verb: str, dry_run: bool) -> None:
    if not dry_run:
        app.report(outcome, verb)
        return
    ids = ", ".join(outcome.article_ids)
    if not outcome.changes:
        app.say(f"{ids}: nothing to change")
        return
    app.say(f"would have {verb} {ids} ({outcome.from_stage} -> {outcome.to_stage}); "
            "would write:")
    root = app.newsroom.root
    for path in sorted(outcome.changes.writes):
        app.say(f"  write  {path.relative_to(root).as_posix()}")
    for path in sorted(outcome.changes.removals):
        app.say(f"  remove {path.relative_to(root).as_posix()}")
    for message in outcome.messages:
        app.say(message)


def _say_when(app: App, at: str) -> None:
    """The time --at was read as, in the zone it was read in and in UTC: `--at 09:00` means
    this machine's 09:00, which a cron job on a server in UTC may not share."""
    from editorial.core.article import format_time, local_time
    from editorial.core.publishing.schedule import parse_when

    when = parse_when(at)
    app.say(f"publishes at {local_time(when)} ({format_time(when)}) with 'publish --due'")


def _publish_due(app: App, dry_run: bool) -> bool:
    """Publish each due article in its own commit; one refused does not hold back the rest,
    but is reported and makes the exit code 1 so that the cron job shows it."""
    from editorial.core.publishing.schedule import due_article_ids

    desk = app.desk(commit=not dry_run)
    due = due_article_ids(app.newsroom, desk.clock())
    if not due:
        app.say("nothing is due")
        return False
    failed = False
    with app.progress("publishing due articles") as progress:
        for done, article_id in enumerate(due):
            progress(done, len(due))
            failed = _publish_one(app, desk, article_id, dry_run) or failed
    return failed


def _publish_one(app: App, desk: Desk, article_id: str, dry_run: bool) -> bool:
    """Publish one due article in its own commit; whether it was refused."""
    try:
        outcome = desk.take_many([article_id], "publish", dry_run=dry_run)
    except EditorialError as error:
        app.warn(f"editorial: refused: {error}")
        return True
    _report(app, outcome, "published", dry_run)
    return False
