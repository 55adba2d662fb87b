"""The newsroom repository as git sees it: where it is, who is acting, and what the desk asks
of it. Committing a step is `editorial.vcs.committing`, reading history for `check --base` and
`diff` is `editorial.vcs.history`, running git is `editorial.vcs.run`.

GitPython is used where its API is the clearest and its import time is paid only by the
command that needs it: creating a repository.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from editorial.core.files import ChangeSet
from editorial.errors import NotANewsroomError, VcsError
from editorial.vcs.run import git_conversation, run_git

if TYPE_CHECKING:
    from editorial.vcs.history import GitHistory


@dataclass(frozen=True)
class Identity:
    name: str
    email: str


class GitRepo:
    """A git work tree, found from any folder inside it."""

    def __init__(self, top: Path, *, identity: Identity | None = None,
                 git_dir: Path | None = None, allow_detached: bool = False) -> None:
        self.top = top
        self.identity = identity
        self._git_dir = git_dir
        # A step on a detached HEAD lands on no branch; only asked for, it is taken.
        self.allow_detached = allow_detached

    @classmethod
    def discover(cls, start: Path, *, identity: Identity | None = None,
                 allow_detached: bool = False) -> GitRepo:
        try:
            top, git_dir = run_git(["rev-parse", "--show-toplevel", "--absolute-git-dir"],
                                   cwd=start).splitlines()
        except (VcsError, ValueError):
            raise NotANewsroomError(
                f"{start} is not inside a git repository",
                hint="a newsroom is a git repository: run 'git init' or 'editorial init'",
            ) from None
        return cls(Path(top), identity=identity, git_dir=Path(git_dir),
                   allow_detached=allow_detached)

    @classmethod
    def init(cls, path: Path, *, initial_branch: str = "main") -> GitRepo:
        import git

        git.Repo.init(path, initial_branch=initial_branch)
        return cls(path.resolve())

    def run(self, args: Sequence[str], *, env: Mapping[str, str] | None = None,
            input_text: str | None = None) -> str:
        return run_git(args, cwd=self.top, env=self.env(env), input_text=input_text)

    @contextmanager
    def conversation(self, args: Sequence[str]) -> Iterator[Callable[[str], str]]:
        """One git process asked question after question (see run.git_conversation)."""
        with git_conversation(args, cwd=self.top, env=self.env()) as ask:
            yield ask

    def env(self, extra: Mapping[str, str] | None = None) -> dict[str, str]:
        """The environment git runs in: this repository's identity, if it has one, first."""
        env = dict(os.environ)
        if self.identity is not None:
            env.update(GIT_AUTHOR_NAME=self.identity.name, GIT_AUTHOR_EMAIL=self.identity.email,
                       GIT_COMMITTER_NAME=self.identity.name,
                       GIT_COMMITTER_EMAIL=self.identity.email)
        if extra:
            env.update(extra)
        return env

    @property
    def git_dir(self) -> Path:
        if self._git_dir is None:
            self._git_dir = Path(self.run(["rev-parse", "--absolute-git-dir"]).strip())
        return self._git_dir

    @cached_property
    def history(self) -> GitHistory:
        # Imported here for start-up time: a step reads no history, and the history reader
        # brings tempfile (with shutil, random, bz2 and lzma) along.
        from editorial.vcs.history import GitHistory

        return GitHistory(self)

    def user_email(self) -> str | None:
        """The email git will author the next commit with (config, or GIT_AUTHOR_EMAIL)."""
        ident = self._author_ident()
        return ident.email if ident else None

    def user_name(self) -> str | None:
        ident = self._author_ident()
        return ident.name if ident else None

    def _author_ident(self) -> Identity | None:
        if self.identity is not None:
            return self.identity
        # Both set in the environment, they are what git authors with whatever its config
        # says, so git need not be started to say so.
        name, email = (_without_crud(os.environ.get(f"GIT_AUTHOR_{key}", ""))
                       for key in ("NAME", "EMAIL"))
        if name and email:
            return Identity(name, email)
        try:
            line = self.run(["var", "GIT_AUTHOR_IDENT"]).strip()
        except VcsError:
            return None
        name, _, rest = line.partition(" <")
        email = rest.split(">", 1)[0]
        return Identity(name, email) if email else None

    def head(self) -> str | None:
        try:
            return self.run(["rev-parse", "--verify", "-q", "HEAD"]).strip() or None
        except VcsError:
            return None

    def current_branch(self) -> str | None:
        try:
            return self.run(["symbolic-ref", "--short", "-q", "HEAD"]).strip() or None
        except VcsError:
            return None

    def config(self, key: str, *, boolean: bool = False) -> str | None:
        """A git configuration value, None where it is not set."""
        try:
            return self.run(["config", *(["--type=bool"] if boolean else []), "--get",
                             key]).strip() or None
        except VcsError:
            return None

    def land(self, changes: ChangeSet, message: str, *, when: datetime | None = None) -> str | None:
        """Write `changes` and commit exactly their paths (see editorial.vcs.committing)."""
        from editorial.vcs.committing import land_step

        return land_step(self, changes, message, when=when)

    def commit(self, paths: Sequence[Path], message: str, *,
               when: datetime | None = None) -> str | None:
        """Commit `paths` (absolute) as they are on disk, and nothing else, as a step is."""
        changes = ChangeSet(self.top)
        for path in paths:
            changes.keep(path)
        return self.land(changes, message, when=when)

    def uncommitted(self, paths: Sequence[Path]) -> set[Path]:
        if not paths:
            return set()
        by_relative = {Path(os.path.relpath(path, self.top)).as_posix(): path for path in paths}
        out = self.run(["--literal-pathspecs", "status", "--porcelain=v1", "-z", "--no-renames",
                        "--untracked-files=all", "--", *by_relative])
        changed: set[Path] = set()
        for record in out.split("\0"):
            relative = record[3:]
            if relative in by_relative:
                changed.add(by_relative[relative])
        return changed

    def index_file(self) -> Path:
        """The index git uses here: GIT_INDEX_FILE (relative to the work tree), or the git
        directory's."""
        chosen = os.environ.get("GIT_INDEX_FILE")
        return self.top / chosen if chosen else self.git_dir / "index"

    def push_destination(self, remote: str | None, branch: str | None) -> tuple[str, str]:
        """Where a push goes: the given remote and branch, else the current branch's upstream."""
        current = self.current_branch()
        if remote is None and current is not None:
            remote = self.config(f"branch.{current}.remote")
            merge = self.config(f"branch.{current}.merge")
            if branch is None and merge and merge.startswith("refs/heads/"):
                branch = merge.removeprefix("refs/heads/")
        branch = branch or current
        if remote is None or branch is None:
            raise VcsError("there is no remote to push to",
                           hint="set publish: {remote: origin, branch: main} in editorial.yaml, "
                                "or 'git push -u origin main' once")
        return remote, branch

    def push(self, remote: str, branch: str) -> None:
        """Push HEAD to `branch` of `remote`; a refusal says what to do, and nothing local
        is touched either way."""
        completed = subprocess.run(
            ["git", "push", "--porcelain", remote, f"HEAD:refs/heads/{branch}"], cwd=self.top,
            env=self.env({"GIT_TERMINAL_PROMPT": "0"}), capture_output=True, text=True,
            encoding="utf-8", check=False)
        if completed.returncode == 0:
            return
        output = completed.stdout + completed.stderr
        keep = "your commits are safe in this repository"
        if any(sign in output for sign in ("[rejected]", "non-fast-forward", "fetch first")):
            raise VcsError(
                f"push to {remote} {branch} was rejected: the remote has commits this "
                "repository does not have yet",
                hint=f"{keep}; run 'git pull --rebase {remote} {branch}', then "
                     "'editorial publish --push' again (or 'git push')")
        lines = [line for line in completed.stderr.strip().splitlines() if line.strip()]
        reason = lines[-1] if lines else f"exit {completed.returncode}"
        raise VcsError(f"push to {remote} {branch} failed: {reason}",
                       hint=f"{keep}; fix that, then run 'editorial publish --push' again")


def _without_crud(text: str) -> str:
    """`text` as git puts it in an identity: without the spaces and punctuation it trims
    from either end, and without the characters that delimit the parts of an identity."""
    crud = ".,:;<>\"\\'"
    start, end = 0, len(text)
    while start < end and (text[start] <= " " or text[start] in crud):
        start += 1
    while end > start and (text[end - 1] <= " " or text[end - 1] in crud):
        end -= 1
    return "".join(char for char in text[start:end] if char not in "\n<>")
