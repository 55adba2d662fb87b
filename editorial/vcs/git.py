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

from editorial.core.ports import CommitInfo
from editorial.errors import (
    MissingHistoryError,
    NotANewsroomError,
    NotFoundError,
    UsageError,
    VcsError,
)

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

    def current_branch(self) -> str | None:
        try:
            return self.run(["symbolic-ref", "--short", "-q", "HEAD"]).strip() or None
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

    def show_file(self, revision: str, path: Path) -> bytes:
        """The bytes of `path` (absolute) as committed at `revision` (a sha, HEAD~2, a tag)."""
        hint = "give a commit, branch or tag, e.g. HEAD~2; 'git log' lists them"
        commit = None
        if not revision.startswith("-"):
            try:
                commit = self.run(["rev-parse", "--verify", "--quiet",
                                   f"{revision}^{{commit}}"]).strip()
            except VcsError:
                commit = None
        if not commit:
            raise NotFoundError(f"no revision {revision!r} in this repository", hint=hint)
        relative = Path(os.path.relpath(path, self.top)).as_posix()
        completed = subprocess.run(["git", "cat-file", "blob", f"{commit}:{relative}"],
                                   cwd=self.top, capture_output=True, check=False)
        if completed.returncode != 0:
            raise NotFoundError(f"{relative} does not exist at revision {revision}",
                                hint="the article may have been created later; "
                                     f"'git log -- {relative}' lists its revisions")
        return completed.stdout
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

    def push_destination(self, remote: str | None, branch: str | None) -> tuple[str, str]:
        """Where a push goes: the given remote and branch, else the current branch's upstream."""
        current = self.current_branch()
        if remote is None and current is not None:
            remote = self._config(f"branch.{current}.remote")
            merge = self._config(f"branch.{current}.merge")
            if branch is None and merge and merge.startswith("refs/heads/"):
                branch = merge.removeprefix("refs/heads/")
        branch = branch or current
        if remote is None or branch is None:
            raise VcsError("there is no remote to push to",
                           hint="set publish: {remote: origin, branch: main} in editorial.yaml, "
                                "or 'git push -u origin main' once")
        return remote, branch

    def _config(self, key: str) -> str | None:
        try:
            return self.run(["config", "--get", key]).strip() or None
        except VcsError:
            return None

    def push(self, remote: str, branch: str) -> None:
        """Push HEAD to `branch` of `remote`; a refusal says what to do, and nothing local
        is touched either way."""
        completed = subprocess.run(
            ["git", "push", "--porcelain", remote, f"HEAD:refs/heads/{branch}"], cwd=self.top,
            env=self._env({"GIT_TERMINAL_PROMPT": "0"}), capture_output=True, text=True,
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

    # -- reading what changed, for `editorial check --base` ------------------------------

    def is_shallow(self) -> bool:
        return self.run(["rev-parse", "--is-shallow-repository"]).strip() == "true"

    def merge_base(self, ref: str) -> str:
        if not ref or ref.startswith("-"):
            raise UsageError(f"{ref!r} is not a git revision", hint="e.g. --base origin/main")
        if self.head() is None:
            raise UsageError("the repository has no commit yet to compare with a base")
        shallow = self.is_shallow()
        hint = _fetch_hint(ref, shallow)
        clone = "this shallow clone" if shallow else "this clone"
        try:
            base = self.run(["rev-parse", "--verify", "-q", f"{ref}^{{commit}}"]).strip()
        except VcsError:
            base = ""
        if not base:
            raise MissingHistoryError(f"the base {ref!r} is not in {clone}: nothing can be "
                                      "compared with it", hint=hint)
        try:
            found = self.run(["merge-base", base, "HEAD"]).strip()
        except VcsError:
            found = ""
        if not found:
            reason = ("the history joining them was not fetched" if shallow
                      else "they share no history")
            raise MissingHistoryError(f"cannot find where HEAD left {ref!r} in {clone}: "
                                      f"{reason}", hint=hint)
        return found

    def changed_paths(self, base: str, prefixes: Sequence[str]) -> list[str]:
        # `git diff BASE` compares the base with the work tree: commits since the base,
        # staged and unstaged changes at once; stat data spares reading unchanged files.
        limit = ["--", *prefixes] if prefixes else []
        changed = self.run(["diff", "--name-only", "--no-renames", "-z", base, *limit])
        untracked = self.run(["ls-files", "--others", "--exclude-standard", "-z", *limit])
        return sorted({path for path in (changed + untracked).split("\0") if path})

    def read_files(self, wanted: Sequence[tuple[str, str]]) -> dict[tuple[str, str], bytes | None]:
        """Every (revision, path) in one `git cat-file --batch` process."""
        found: dict[tuple[str, str], bytes | None] = {}
        unique = list(dict.fromkeys(wanted))
        if not unique:
            return found
        request = "".join(f"{revision}:{path}\n" for revision, path in unique).encode("utf-8")
        completed = subprocess.run(["git", "cat-file", "--batch"], cwd=self.top, input=request,
                                   capture_output=True, env=self._env(), check=False)
        if completed.returncode != 0:
            raise VcsError("git cat-file failed: "
                           + completed.stderr.decode("utf-8", "replace").strip())
        out = completed.stdout
        position = 0
        for key in unique:
            header_end = out.index(b"\n", position)
            header = out[position:header_end].split(b" ")
            position = header_end + 1
            if len(header) == 3 and header[2].isdigit():
                size = int(header[2])
                found[key] = out[position:position + size] if header[1] == b"blob" else None
                position += size + 1
            else:  # "<spec> missing" or "ambiguous": not there at that revision
                found[key] = None
        return found

    def commits_since(self, base: str, paths: Sequence[str]) -> list[CommitInfo]:
        if not paths:
            return []
        marker = "\x01commit "
        out = self.run(["-c", "core.quotePath=false", "log", "--reverse", "--no-renames",
                        "--full-history", "--diff-merges=combined", "--name-only",
                        f"--format={marker}%H %ae%n%P", f"{base}..HEAD", "--", *paths])
        commits: list[CommitInfo] = []
        for chunk in out.split(marker)[1:]:
            lines = chunk.splitlines()
            sha, _, email = lines[0].partition(" ")
            parents = tuple(lines[1].split()) if len(lines) > 1 else ()
            touched = tuple(line for line in lines[2:] if line.strip())
            commits.append(CommitInfo(sha, email, touched, parents))
        return commits

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


def _fetch_hint(ref: str, shallow: bool) -> str:
    remote, _, branch = ref.partition("/")
    if not branch:
        remote, branch = "origin", ref
    fetch = f"git fetch {'--unshallow ' if shallow else ''}{remote} {branch}"
    return (f"fetch the whole history: set 'fetch-depth: 0' on actions/checkout, or run "
            f"'{fetch}' before editorial check")
