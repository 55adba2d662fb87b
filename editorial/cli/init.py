from __future__ import annotations

from pathlib import Path

import click

from editorial.cli.app import App, pass_app
from editorial.cli.options import no_commit_option
from editorial.core.desk import commit_message
from editorial.core.scaffold import person_id_for, scaffold
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
    try:
        git = GitRepo.discover(root)
    except NotANewsroomError:
        git = GitRepo.init(root)
    email = git.user_email()
    founder = None
    if email:
        founder = (person_id_for(email), git.user_name() or person_id_for(email), email)
    changes = scaffold(root, publication, founder)
    with changes.applied():
        commit = None
        if not no_commit:
            paths = [root / relative for relative in changes.paths()]
            commit = git.commit(paths, commit_message("init: newsroom", [], "init",
                                                      founder[0] if founder else "nobody"))
    app.say(f"created a newsroom for {publication} in {root}"
            + (f" (commit {commit[:8]})" if commit else ""))
    if founder:
        app.say(f"you are {founder[0]} ({founder[2]}) with every role; add people in "
                "editorial.yaml")
    else:
        app.say("git has no user.email: add people to editorial.yaml before acting")
