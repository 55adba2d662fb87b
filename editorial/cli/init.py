from __future__ import annotations

from pathlib import Path

import click

from editorial.cli.app import App, pass_app
from editorial.cli.options import no_commit_option
from editorial.core.desk import commit_message
from editorial.core.scaffold import founder_entry, scaffold
from editorial.errors import NotANewsroomError


@click.command("init")
@click.argument("path", required=False, default=".",
                type=click.Path(file_okay=False, path_type=Path))
@click.option("--publication", required=True, metavar="NAME",
              help="The publication's name, used in disclaimers.")
@no_commit_option
@pass_app
def command(app: App, path: Path, publication: str, no_commit: bool) -> None:
    """Create a newsroom repository at PATH (git init if needed).

    You are added as the first person, with every role, from your git name and email.
    """
    from editorial.vcs.git import GitRepo

    root = path.resolve()
    root.mkdir(parents=True, exist_ok=True)
    identity = GitRepo(root)  # git can say who the user is outside a repository too
    email = identity.user_email()
    people = founder_entry(identity.user_name(), email) if email else {}
    changes = scaffold(root, publication, people)  # refuses before anything is created
    try:
        git = GitRepo.discover(root)
    except NotANewsroomError:
        git = GitRepo.init(root)
    with changes.applied():
        commit = None
        if not no_commit:
            paths = [root / relative for relative in changes.paths()]
            founder = next(iter(people), "nobody")
            commit = git.commit(paths, commit_message("init: newsroom", [], "init", founder))
    app.say(f"created a newsroom for {publication} in {root}"
            + (f" (commit {commit[:8]})" if commit else ""))
    for person_id in people:
        app.say(f"you are {person_id} ({email}) with every role; add people in editorial.yaml")
    if not people:
        app.say("git has no user.email: add people to editorial.yaml before acting")
