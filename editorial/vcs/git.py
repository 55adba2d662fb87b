"""The newsroom repository as git sees it.

Commits are made with git plumbing on a private index (read-tree, update-index, write-tree,
commit-tree, update-ref), so that a command commits exactly its article's paths and the
user's own staged and unstaged work stays as it was. GitPython is loaded only for the
operations that read history, where its object model is worth its import time.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from editorial.errors import NotANewsroomError, VcsError

if TYPE_CHECKING:
    import git


@dataclass(frozen=True)
class Identity:
    name: str
    email: str


class GitRepo:
    """A git work tree, found from any folder inside it."""

    def __init__(self, top: Path, *, identity: Identity | None = None) -> None:
        self.top = top
        self.identity = identity

    @classmethod
    def discover(cls, start: Path, *, identity: Identity | None = None) -> GitRepo:
        try:
            out = _git(["rev-parse", "--show-toplevel"], cwd=start).strip()
        except VcsError:
            raise NotANewsroomError(
                f"{start} is not inside a git repository",
                hint="a newsroom is a git repository: run 'git init' or 'editorial init'",
            ) from None
        return cls(Path(out), identity=identity)

    @classmethod
    def init(cls, path: Path, *, initial_branch: str = "main") -> GitRepo:
        import git

        git.Repo.init(path, initial_branch=initial_branch)
        return cls(path.resolve())

    def run(self, args: Sequence[str], *, env: Mapping[str, str] | None = None,
            input_text: str | None = None) -> str:
        return _git(args, cwd=self.top, env=self._env(env), input_text=input_text)

    def _env(self, extra: Mapping[str, str] | None = None) -> dict[str, str]:
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
        return Path(self.run(["rev-parse", "--absolute-git-dir"]).strip())

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

    def commit(self, paths: Sequence[Path], message: str, *,
               when: datetime | None = None) -> str | None:
        relative = [str(Path(os.path.relpath(path, self.top))) for path in paths]
        parent = self.head()
        env: dict[str, str] = {}
        if when is not None:
            stamp = when.strftime("%Y-%m-%dT%H:%M:%S%z")
            env.update(GIT_AUTHOR_DATE=stamp, GIT_COMMITTER_DATE=stamp)
        with tempfile.TemporaryDirectory(prefix="editorial-index-") as scratch:
            index_env = {**env, "GIT_INDEX_FILE": str(Path(scratch) / "index")}
            if parent:
                self.run(["read-tree", parent], env=index_env)
            self.run(["update-index", "--add", "--remove", "-z", "--stdin"], env=index_env,
                     input_text="\0".join(relative) + "\0")
            tree = self.run(["write-tree"], env=index_env).strip()
        if parent and tree == self.run(["rev-parse", f"{parent}^{{tree}}"]).strip():
            return None
        commit = self.run(["commit-tree", tree, *(["-p", parent] if parent else [])],
                          env=env, input_text=message).strip()
        self.run(["update-ref", "-m", f"editorial: {message.splitlines()[0]}", "HEAD", commit,
                  parent or "0" * 40])
        # The user's index learns the committed paths and nothing else.
        try:
            self.run(["update-index", "--add", "--remove", "-z", "--stdin"],
                     input_text="\0".join(relative) + "\0")
        except VcsError:
            # The index is locked or unwritable: the caller puts the files back, so HEAD
            # goes back too, or the repository would hold a commit the work tree undoes.
            restore = ["update-ref", "-m", "editorial: undo", "HEAD", parent, commit] \
                if parent else ["update-ref", "-d", "HEAD", commit]
            self.run(restore)
            raise
        return commit

    def gitpython(self) -> git.Repo:
        import git

        return git.Repo(self.top)


def _git(args: Sequence[str], *, cwd: Path, env: Mapping[str, str] | None = None,
         input_text: str | None = None) -> str:
    try:
        completed = subprocess.run(
            ["git", *args], cwd=cwd, env=dict(env) if env is not None else None,
            input=input_text, capture_output=True, text=True, encoding="utf-8", check=False,
        )
    except FileNotFoundError:
        raise VcsError("git is not installed", hint="install git and try again") from None
    if completed.returncode != 0:
        detail = (completed.stderr or completed.stdout).strip().splitlines()
        # git says what went wrong on its 'fatal:' or 'error:' line; what follows is advice.
        reasons = [line.split(":", 1)[1].strip() for line in detail
                   if line.startswith(("fatal:", "error:"))]
        reason = reasons[0] if reasons else detail[-1] if detail else \
            f"exit {completed.returncode}"
        if "Please tell me who you are" in completed.stderr or "empty ident" in completed.stderr:
            raise VcsError("git does not know who you are",
                           hint="set git config user.name and user.email")
        raise VcsError(f"git {args[0]} failed: {reason}")
    return completed.stdout
