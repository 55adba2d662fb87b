from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from editorial.cli.app import App, pass_app
from editorial.cli.options import no_commit_option
from editorial.core.ci import CI_KINDS, add_ci, add_dashboard, default_requirement
from editorial.core.desk import commit_message
from editorial.core.files import ChangeSet
from editorial.core.merging import add_attributes
from editorial.core.newsroom_root import CONFIG_FILE
from editorial.core.scaffold import founder_entry, scaffold
from editorial.errors import EditorialError, NotANewsroomError, RefusedError, UsageError

if TYPE_CHECKING:
    from editorial.vcs.git import GitRepo


@click.command("init")
@click.argument("path", required=False, default=".",
                type=click.Path(file_okay=False, path_type=Path))
@click.option("--publication", metavar="NAME",
              help="The publication's name, used in disclaimers (needed for a new newsroom).")
@click.option("--ci", type=click.Choice(CI_KINDS),
              help="Also write a CI workflow running 'editorial check' on pull (merge) "
                   "requests, for GitHub Actions or GitLab CI; in an existing newsroom, "
                   "write only that.")
@click.option("--ci-sarif", "sarif", is_flag=True,
              help="With --ci github, also upload the check's problems to GitHub code "
                   "scanning (SARIF).")
@click.option("--base-branch", metavar="BRANCH",
              help="The branch pull requests target, for --ci (default: the current branch).")
@click.option("--ci-install", "requirement", metavar="SPEC",
              help="What the CI workflow installs editorial from, as pip understands it, "
                   "e.g. 'editorial @ git+https://git.example.org/desk/editorial@COMMIT' "
                   "(default: editorial's repository at this version's release tag).")
@click.option("--dashboard", is_flag=True,
              help="With --ci github: also write a workflow that builds the desk's dashboard "
                   "('editorial report') and publishes it with GitHub Pages.")
@click.option("--merge-driver", "merge_driver", is_flag=True,
              help="In an existing newsroom (or a fresh clone of one): install the merge "
                   "driver that keeps both branches' history entries (a new newsroom gets "
                   "it anyway).")
@no_commit_option
@pass_app
def command(app: App, path: Path, publication: str | None, ci: str | None, sarif: bool,
            base_branch: str | None, requirement: str | None, dashboard: bool,
            merge_driver: bool, no_commit: bool) -> None:
    """Create a newsroom repository at PATH (git init if needed).

    You are added as the first person, with every role, from your git name and email.
    In an existing newsroom, 'editorial init --ci github' (or gitlab) adds only the CI
    workflow, and
    'editorial init --merge-driver' only the merge driver (run it once in every clone).
    """
    from editorial.vcs.git import GitRepo
    from editorial.vcs.mergefile import install_driver

    root = path.resolve()
    if sarif and ci != "github":
        raise UsageError("--ci-sarif goes with --ci github",
                         hint="GitLab shows the check's problems as a Code Quality report")
    if dashboard and ci != "github":
        raise UsageError("--dashboard is published with GitHub Pages: use it with --ci github")
    if (root / CONFIG_FILE).exists() and (ci or merge_driver):
        if merge_driver:
            _add_merge_driver_only(app, root, no_commit)
        if ci:
            _add_ci_only(app, root, ci, sarif, base_branch, requirement, no_commit, dashboard)
        return
    if not publication:
        if (root / CONFIG_FILE).exists():
            raise RefusedError(f"{root / CONFIG_FILE} already exists: this is a newsroom "
                               "already", hint="to add CI to it: editorial init --ci github")
        raise UsageError("--publication NAME is needed to create a newsroom")
    root.mkdir(parents=True, exist_ok=True)
    identity = GitRepo(root)  # git can say who the user is outside a repository too
    email = identity.user_email()
    people = founder_entry(identity.user_name(), email) if email else {}
    changes = scaffold(root, publication, people)  # refuses before anything is created
    add_attributes(changes, root)
    if ci:
        add_ci(changes, root, ci, base_branch or "main",
               requirement or default_requirement(), sarif)
    if dashboard:
        add_dashboard(changes, root, base_branch or "main", requirement or default_requirement())
    git = _repository_at(root)
    with changes.applied():
        commit = None
        if not no_commit:
            paths = [root / relative for relative in changes.paths()]
            founder = next(iter(people), "nobody")
            commit = git.commit(paths, commit_message("init: newsroom", [], "init", founder))
    install_driver(git)
    app.say(f"created a newsroom for {publication} in {root}"
            + (f" (commit {commit[:8]})" if commit else ""))
    for person_id in people:
        app.say(f"you are {person_id} ({email}) with every role; add people in editorial.yaml")
    if not people:
        app.say("git has no user.email: add people to editorial.yaml before acting")
    if ci:
        _say_ci(app, ci, base_branch or "main")
    if dashboard:
        _say_dashboard(app, base_branch or "main")


def _add_ci_only(app: App, root: Path, ci: str, sarif: bool, base_branch: str | None,
                 requirement: str | None, no_commit: bool, dashboard: bool) -> None:
    from editorial.vcs.git import GitRepo

    git = GitRepo.discover(root)
    branch = base_branch or git.current_branch() or "main"
    changes = ChangeSet(root)
    written = add_ci(changes, root, ci, branch, requirement or default_requirement(), sarif)
    if dashboard:
        written.append(add_dashboard(changes, root, branch,
                                     requirement or default_requirement()))
    changes = changes.effective()
    relative = ", ".join(str(path.relative_to(root)) for path in written)
    if not changes:
        app.say(f"{relative}: already there and up to date, nothing to change")
        return
    with changes.applied():
        commit = None
        if not no_commit:
            commit = git.commit(written, commit_message(f"init: CI workflow ({ci})", [],
                                                        "init", _actor_id(app)))
    app.say(f"wrote {relative}" + (f" (commit {commit[:8]})" if commit else ""))
    _say_ci(app, ci, branch)
    if dashboard:
        _say_dashboard(app, branch)


def _add_merge_driver_only(app: App, root: Path, no_commit: bool) -> None:
    """The .gitattributes line, committed, and the driver in this clone's git config."""
    from editorial.vcs.git import GitRepo
    from editorial.vcs.mergefile import install_driver

    git = GitRepo.discover(root)
    changes = ChangeSet(root)
    written = add_attributes(changes, root)
    relative = written.relative_to(root)
    if changes:
        with changes.applied():
            commit = None
            if not no_commit:
                commit = git.commit([written], commit_message(
                    "init: merge driver for article.md", [], "init", _actor_id(app)))
        app.say(f"wrote {relative}" + (f" (commit {commit[:8]})" if commit else ""))
    configured = install_driver(git)
    if not changes and not configured:
        app.say("the merge driver is already installed: nothing to change")
    elif configured:
        app.say("set merge.editorial.driver in this clone's git config: git now merges "
                "article.md with 'editorial merge-driver'")


def _actor_id(app: App) -> str:
    try:
        return app.actor.id
    except EditorialError:
        return "nobody"


def _say_ci(app: App, ci: str, branch: str) -> None:
    requests = "merge requests" if ci == "gitlab" else "pull requests"
    app.say(f"{requests} to {branch} now run 'editorial check' against {branch}; set "
            "EDITORIAL_REQUIREMENT in the workflow to where your desk installs editorial "
            "from")


def _say_dashboard(app: App, branch: str) -> None:
    app.say(f"the dashboard is built on every push to {branch} and each morning; turn on "
            "GitHub Pages with the source 'GitHub Actions' (Settings > Pages) to publish it")


def _repository_at(root: Path) -> GitRepo:
    """The repository whose top is `root`, made if needed.

    A folder inside another repository's work tree gets a repository of its own: a newsroom
    made there must not commit into the enclosing project.
    """
    from editorial.vcs.git import GitRepo

    try:
        found = GitRepo.discover(root)
    except NotANewsroomError:
        return GitRepo.init(root)
    return found if found.top.resolve() == root else GitRepo.init(root)
