"""The application context every command receives: where the newsroom is and who is acting."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from rich.console import Console

    from editorial.core.config import Person
    from editorial.core.desk import Desk, Outcome
    from editorial.core.newsroom import Newsroom
    from editorial.vcs.git import GitRepo


class App:
    def __init__(self, *, repo: Path | None, as_person: str | None) -> None:
        self.repo_option = repo
        self.as_person = as_person

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

        return Newsroom(self.root)

    @cached_property
    def git(self) -> GitRepo:
        from editorial.vcs.git import GitRepo

        return GitRepo.discover(self.newsroom.root)

    @cached_property
    def actor(self) -> Person:
        if self.as_person:
            return self.newsroom.person(self.as_person)
        return self.newsroom.person_by_email(self.git.user_email())

    def desk(self, *, commit: bool = True) -> Desk:
        # Find the repository before acting, so that "not a git repository" is said up front.
        from editorial.core.desk import Desk

        vcs = self.git if commit else None
        return Desk(self.newsroom, self.actor, vcs=vcs)

    @cached_property
    def console(self) -> Console:
        from editorial.render.console import make_console

        return make_console()

    def say(self, message: str) -> None:
        """A message for the person at the terminal: stderr, so stdout stays data."""
        click.echo(message, err=True)

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
