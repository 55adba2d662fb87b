"""The application context every command receives: where the newsroom is and who is acting."""

from __future__ import annotations

import sys
from contextlib import AbstractContextManager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import click

from editorial.errors import RefusedError

if TYPE_CHECKING:
    from rich.console import Console

    from editorial.core.config import Person
    from editorial.core.desk import Desk, Outcome
    from editorial.core.newsroom import Newsroom
    from editorial.core.ports import Progress
    from editorial.vcs.git import GitRepo


class App:
    def __init__(self, *, repo: Path | None, as_person: str | None,
                 detached: bool = False, quiet: bool = False) -> None:
        self.repo_option = repo
        self.as_person = as_person
        self.detached = detached
        self.quiet = quiet
        self._holds_lock = False

    @property
    def start(self) -> Path:
        return self.repo_option or Path.cwd()

    @cached_property
    def root(self) -> Path:
        """The newsroom's folder, found without loading the newsroom model."""
        from editorial.core.newsroom_root import find_root

        return find_root(self.start)

    @cached_property
    def newsroom(self) -> Newsroom:
        # Imported here, as the models are: a command pays for them only if it uses them.
        from editorial.core.newsroom import Newsroom

        newsroom = Newsroom(self.root)
        self._finish_interrupted_step()
        return newsroom

    @cached_property
    def git(self) -> GitRepo:
        from editorial.vcs.git import GitRepo

        return GitRepo.discover(self.root, allow_detached=self.detached)

    @cached_property
    def actor(self) -> Person:
        if self.as_person:
            return self.newsroom.person(self.as_person)
        return self.newsroom.person_by_email(self.git.user_email())

    def desk(self, *, commit: bool = True) -> Desk:
        """The desk, with the newsroom lock held until the command ends: one writer at a
        time, and the article is read under the lock."""
        from editorial.core.desk import Desk

        self._hold_lock()
        vcs = self.git if commit else None
        if commit:
            self._warn_if_committing_for_another()
        return Desk(self.newsroom, self.actor, vcs=vcs)

    def _warn_if_committing_for_another(self) -> None:
        """--as names who acts, but git's identity still makes the commit, and `check` in CI
        holds a step to its commit's author: said now rather than when the pull request
        fails. The step is taken all the same (a desk may fix the author before pushing)."""
        if not self.as_person:
            return
        email = self.git.user_email()
        if email is not None and email.strip().lower() == self.actor.email.lower():
            return
        self.warn(f"editorial: warning: acting as {self.actor.id} <{self.actor.email}>, but "
                 f"the commit is made by {email or '(no git user.email)'}: check in CI will "
                 f"refuse it unless {self.actor.id} makes the commit")

    def _hold_lock(self) -> None:
        if self._holds_lock:
            return
        from editorial.vcs.committing import recover
        from editorial.vcs.lock import newsroom_lock
        from editorial.vcs.state import state_dir

        click.get_current_context().with_resource(newsroom_lock(state_dir(self.git.git_dir)))
        self._holds_lock = True
        self._tell_recovered(recover(self.git))

    def _finish_interrupted_step(self) -> None:
        """A step a crash left half done is finished or undone by the next command, whatever
        it is; asking costs one stat where the git directory is the usual `.git`."""
        from editorial.vcs.state import pending_step, state_dir

        dot_git = self.root / ".git"
        git_dir = dot_git if dot_git.is_dir() else self.git.git_dir
        if self._holds_lock or not pending_step(git_dir):
            return
        from editorial.vcs.committing import recover
        from editorial.vcs.lock import newsroom_lock

        try:
            with newsroom_lock(state_dir(git_dir), wait=0):
                self._tell_recovered(recover(self.git))
        except RefusedError:
            return  # the step is still in flight in another command

    def _tell_recovered(self, message: str | None) -> None:
        if message:
            self.warn(f"editorial: {message}")

    @cached_property
    def console(self) -> Console:
        from editorial.render.console import make_console

        return make_console()

    def progress(self, label: str, *,
                 as_json: bool = False) -> AbstractContextManager[Progress]:
        """A callback for long work to report how far it is, drawn on stderr only when
        editorial.render.progress.wanted says so."""
        from editorial.cli.check import running_in_ci
        from editorial.render.progress import progress_bar, wanted

        return progress_bar(label, enabled=wanted(terminal=sys.stderr.isatty(),
                                                  ci=running_in_ci(), quiet=self.quiet,
                                                  as_json=as_json))

    def say(self, message: str) -> None:
        """What was done, for the person at the terminal (`--quiet` hides it): stderr, so
        stdout stays data."""
        if not self.quiet:
            self.warn(message)

    def warn(self, message: str) -> None:
        """A warning, or a refusal among several actions: shown even with `--quiet`. Escaped
        as an error is (see editorial.cli.main.say_error): it may name the newsroom's files."""
        from editorial.render.escape import safe_line

        click.echo(safe_line(message), err=True)

    def write_output(self, path: Path, data: bytes) -> None:
        """Write a command's FILE output: to stdout when FILE is `-`, never to a file of that
        name; otherwise atomically, and say where."""
        from editorial.cli.options import STDOUT

        if str(path) == STDOUT:
            click.echo(data, nl=False)  # bytes go to the binary stream as they are
            return
        from editorial.core.files import atomic_write  # for start-up time

        atomic_write(path, data)
        self.say(f"wrote {path}")

    def report(self, outcome: Outcome, verb: str) -> None:
        ids = ", ".join(outcome.article_ids)
        move = (f"{outcome.from_stage or 'new'} -> {outcome.to_stage}"
                if outcome.from_stage != outcome.to_stage else f"stays {outcome.to_stage}")
        commit = f", commit {outcome.commit[:8]}" if outcome.commit else ""
        if not outcome.changes:
            self.say(f"{ids}: nothing to change")
            return
        self.say(f"{verb} {ids} ({move}{commit})")
        for message in outcome.messages:
            self.say(message)


pass_app = click.make_pass_decorator(App)
