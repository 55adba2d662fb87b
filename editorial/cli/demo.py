from __future__ import annotations

from pathlib import Path

import click

from editorial.cli.app import App, pass_app
from editorial.core.article import utc_now
from editorial.core.config import Person
from editorial.core.demo import build_demo
from editorial.core.listing import list_articles


@click.command("demo")
@click.argument("directory", metavar="DIR", type=click.Path(file_okay=False, path_type=Path))
@pass_app
def command(app: App, directory: Path) -> None:
    """Build a sample newsroom in DIR (new or empty) and print its status.

    Ten fictional articles, most from Arabic outlets, in every stage of the workflow, each
    step taken and committed by the person whose job it is.
    """
    from editorial.render.status import print_status
    from editorial.vcs.git import GitRepo, Identity

    root = directory.resolve()

    def vcs_for(person: Person) -> GitRepo:
        return GitRepo(root, identity=Identity(person.name, person.email))

    def init_repository(path: Path) -> None:
        GitRepo.init(path)

    now = utc_now()
    with app.progress("building the sample newsroom") as progress:
        newsroom = build_demo(root, vcs_for, now, init_repository, progress)
    app.say(f"built a sample newsroom in {root}")
    print_status(app.console, list_articles(newsroom, include_all=True), now)
    app.say(f"try: cd {directory} && editorial --as omar show "
            f"{short_reference(newsroom.article_ids())}")


def short_reference(ids: list[str]) -> str:
    """An id's first word where no other id starts with it, to show that a prefix will do."""
    first_words = [article_id.split("-")[0] for article_id in ids]
    return next((word for word in first_words if first_words.count(word) == 1), ids[0])
