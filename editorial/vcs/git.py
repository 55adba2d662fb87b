"""The newsroom repository as git sees it.

A command commits exactly its article's paths, and the user's own staged and unstaged work
stays as it was. The commit is built from HEAD's trees, not from any index: the blobs of the
committed files are written by `git hash-object`, the trees on their paths are read with
`git cat-file`, the changed entries spliced in and the trees written back, then
`commit-tree` and `update-ref` make the commit. Its cost follows the size of the folders on
those paths, not of the repository (reading a whole tree into a private index took a
newsroom of 10,000 articles most of a second). Meanwhile the paths are staged on a copy of
the user's index, which takes its place once the commit has landed. GitPython is loaded
only for the operations that read history, where its object model is worth its import time.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
import subprocess
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from editorial.core.files import create_unique
from editorial.core.forked import usable_cores
from editorial.core.ports import Changes, CommitInfo
from editorial.errors import (
    MissingHistoryError,
    NotANewsroomError,
    NotFoundError,
    UsageError,
    VcsError,
)
from editorial.vcs.readahead import (
    COMMIT_MARKER,
    LARGE_TREES_ENV,
    LOG_ARGUMENTS,
    HistoryReadAhead,
)

if TYPE_CHECKING:
    import git


@dataclass(frozen=True)
class Identity:
    name: str
    email: str


class GitRepo:
    """A git work tree, found from any folder inside it."""

    def __init__(self, top: Path, *, identity: Identity | None = None,
                 git_dir: Path | None = None,
                 history_ahead: HistoryReadAhead | None = None) -> None:
        self.top = top
        self.identity = identity
        self._git_dir = git_dir
        # Started by the command before this object existed, for `start_changes`.
        self._history_ahead = history_ahead
        # Blob ids (None: no such file) of (commit id, path) learned from history already
        # read, so that reading those files needs no lookup in the commits' trees.
        self._blob_ids: dict[tuple[str, str], str | None] = {}

    @classmethod
    def discover(cls, start: Path, *, identity: Identity | None = None,
                 history_ahead: HistoryReadAhead | None = None) -> GitRepo:
        try:
            top, git_dir = _git(["rev-parse", "--show-toplevel", "--absolute-git-dir"],
                                cwd=start).splitlines()
        except (VcsError, ValueError):
            raise NotANewsroomError(
                f"{start} is not inside a git repository",
                hint="a newsroom is a git repository: run 'git init' or 'editorial init'",
            ) from None
        return cls(Path(top), identity=identity, git_dir=Path(git_dir),
                   history_ahead=history_ahead)

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
        if self._git_dir is None:
            self._git_dir = Path(self.run(["rev-parse", "--absolute-git-dir"]).strip())
        return self._git_dir

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

    def commit(self, paths: Sequence[Path], message: str, *,
               when: datetime | None = None) -> str | None:
        relative = [Path(os.path.relpath(path, self.top)).as_posix() for path in paths]
        env: dict[str, str] = {}
        if when is not None:
            stamp = when.strftime("%Y-%m-%dT%H:%M:%S%z")
            env.update(GIT_AUTHOR_DATE=stamp, GIT_COMMITTER_DATE=stamp)
        present = [path for path in relative if os.path.lexists(self.top / path)]
        for path in present:
            if not stat.S_ISREG(os.lstat(self.top / path).st_mode):
                raise VcsError(f"{path} is not a regular file; editorial commits only files")
        # Staging the paths rewrites the whole index (a newsroom of 10,000 articles has
        # 30,000 entries); done on a copy meanwhile, it costs the commit little.
        aside = _StagedIndex.start(self, relative)
        try:
            blobs = dict(zip(present, self._write_blobs(present), strict=True))
            with _ObjectReader(self.top, self._env()) as objects:
                parent = objects.commit("HEAD")
                algorithm = (objects.algorithm if parent else
                             self.run(["rev-parse", "--show-object-format"]).strip())
                root = objects.tree(parent[1] if parent else None)
                for path in relative:
                    mode = _file_mode(self.top / path) if path in blobs else None
                    root.set(path.split("/"), mode,
                             bytes.fromhex(blobs[path]) if mode else None, objects)
            trees = root.serialize(algorithm)
            tree = trees[-1][0] if trees else _empty_tree(algorithm)
            if parent and tree == parent[1]:
                if aside is not None:
                    aside.discard()
                return None
            self._write_trees(trees)
            commit = self.run(["commit-tree", tree, *(["-p", parent[0]] if parent else [])],
                              env=env, input_text=message).strip()
            self.run(["update-ref", "-m", f"editorial: {message.splitlines()[0]}", "HEAD",
                      commit, parent[0] if parent else "0" * 40])
        except BaseException:
            if aside is not None:
                aside.discard()
            raise
        # The user's index learns the committed paths and nothing else: the copy takes its
        # place, or, where it cannot (the index changed meanwhile, or is locked), they are
        # staged in the index itself.
        if aside is not None and aside.put_in_place():
            return commit
        try:
            self.run(["update-index", "--add", "--remove", "-z", "--stdin"],
                     input_text="\0".join(relative) + "\0")
        except VcsError:
            # The index is locked or unwritable: the caller puts the files back, so HEAD
            # goes back too, or the repository would hold a commit the work tree undoes.
            restore = ["update-ref", "-m", "editorial: undo", "HEAD", parent[0], commit] \
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

    def index_file(self) -> Path:
        """The index git uses here: GIT_INDEX_FILE (relative to the work tree), or the git
        directory's."""
        chosen = os.environ.get("GIT_INDEX_FILE")
        return self.top / chosen if chosen else self.git_dir / "index"

    def _write_blobs(self, paths: Sequence[str]) -> list[str]:
        """Store the files as git would on `git add` (filters and line ends applied)."""
        if not paths:
            return []
        return self.run(["hash-object", "-w", "--stdin-paths"],
                        input_text="\n".join(paths) + "\n").split()

    def _write_trees(self, trees: Sequence[tuple[str, bytes]]) -> None:
        """Store the rewritten trees, checking that git names each as computed here."""
        if not trees:
            return
        # Handed to git as files, kept in the git directory while it reads them.
        files: list[str] = []
        try:
            for _, content in trees:
                fd, name = create_unique(self.git_dir, "editorial-tree-", ".tmp")
                files.append(name)
                with os.fdopen(fd, "wb") as handle:
                    handle.write(content)
            written = self.run(["hash-object", "-w", "-t", "tree", "--stdin-paths",
                                "--no-filters"], input_text="\n".join(files) + "\n").split()
        finally:
            for name in files:
                os.unlink(name)
        if written != [tree_id for tree_id, _ in trees]:
            raise VcsError("git named a rewritten tree differently than expected",
                           hint="please report this, with `git --version`")

    # -- reading what changed, for `editorial check --base` ------------------------------

    def is_shallow(self) -> bool:
        return self.run(["rev-parse", "--is-shallow-repository"]).strip() == "true"

    def merge_base(self, ref: str) -> str:
        if not ref or ref.startswith("-"):
            raise UsageError(f"{ref!r} is not a git revision", hint="e.g. --base origin/main")
        # The usual case in one question; when it fails, the questions below say why.
        try:
            found = self.run(["merge-base", f"{ref}^{{commit}}", "HEAD"]).strip()
        except VcsError:
            found = ""
        if found:
            return found
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

    def start_changes(self, base: str, prefixes: Sequence[str], *, work_tree: bool = True,
                      commits: bool = True) -> Callable[[], Changes]:
        """Start finding what is committed since the base, staged, unstaged, or new under
        `prefixes` (without `work_tree`, only committed; with `commits`, the commits since
        the base too); the function returned waits for git and gives the changes. The git
        processes that read the history work meanwhile, beside this one.

        Asked in parts, each as cheap as git can answer it. The commits come from one
        `git log --raw`, which records every touched file's blob id before and after each
        commit for `read_files`. When they form a single line from the base, what they
        changed in all is read off that log: a file changed if its state before the first
        commit that touched it differs from its state after the last one, and the state
        before is the base's. Otherwise (merges, or no log wanted) it is a diff of the two
        trees, which costs what changed. Every read of a large folder's tree costs, more so
        from a pack where it is stored as a chain of deltas: a newsroom of 50,000 articles
        has an `articles/` tree of 3 MB, and one diff fewer saved a tenth of a second.
        A history the command had read ahead (`HistoryReadAhead`, of REF..HEAD) is taken
        instead of a log of its own when its commits are one line of work from the base.

        Staged work (against HEAD's cached trees) and unstaged edits (one stat per tracked
        file, which is what noticing them takes short of a file system monitor) come from
        one `git status`, which reads the index once for both; new files are looked for only
        in folders HEAD does not have, so a new file beside tracked ones in an existing
        folder is seen once it is added (`git add`).
        """
        ahead, self._history_ahead = self._history_ahead, None
        log_since = None
        if commits:
            log_since = (self._log_read_ahead(ahead, base, prefixes) if ahead is not None
                         else self._start_log(base, prefixes))
        elif ahead is not None:
            ahead.cancel()

        def changes() -> Changes:
            history = log_since() if log_since is not None else None
            limit = ["--", *prefixes] if prefixes else []
            if history is not None and history.linear:
                found = history.net_changes()
                for path in history.first_states:
                    self._blob_ids[(base, path)] = history.first_states[path][1]
            else:
                found = set(self.run(["diff", "--name-only", "--no-renames", "-z", base,
                                      "HEAD", *limit]).split("\0"))
            if work_tree:
                # "XY path" records; -uno: untracked files are looked for below, more cheaply.
                uncommitted = self.run(["--no-optional-locks", "status", "--porcelain", "-z",
                                        "-uno", "--no-renames", *limit])
                found.update(record[3:] for record in uncommitted.split("\0")
                             if len(record) > 3)
                found.update(self._new_in(prefixes))
            found.discard("")
            return Changes(sorted(found), history.commits if history is not None else [])

        return changes

    def _new_in(self, prefixes: Sequence[str]) -> list[str]:
        """Untracked, not ignored files in entries of the `prefixes` folders that HEAD lacks."""
        candidates: list[str] = []
        for prefix in prefixes or [""]:
            folder = prefix.rstrip("/")
            try:
                on_disk = os.listdir(self.top / folder) if folder else os.listdir(self.top)
            except (FileNotFoundError, NotADirectoryError):
                continue
            listed = self.run(["ls-tree", "-z", "--name-only", "HEAD", f"{folder}/"] if folder
                              else ["ls-tree", "-z", "--name-only", "HEAD"])
            tracked = {path.rsplit("/", 1)[-1] for path in listed.split("\0") if path}
            candidates += [f"{folder}/{name}" if folder else name
                           for name in sorted(set(on_disk) - tracked) if name != ".git"]
        if not candidates:
            return []
        return self.run(["ls-files", "--others", "--exclude-standard", "-z", "--",
                         *candidates]).split("\0")

    def read_files(self, wanted: Sequence[tuple[str, str]]) -> dict[tuple[str, str], bytes | None]:
        """Every (revision, path), read by blob id in one `git cat-file --batch` process.

        Looking a path up in a revision reads the trees on its way, and the `articles/` tree
        of a large newsroom is megabytes: each revision's ids are found at most once, from
        `commits_since` or else from one `git ls-tree` per revision.
        """
        unique = list(dict.fromkeys(wanted))
        ids = self._listed_blob_ids([key for key in unique if key not in self._blob_ids])
        ids.update((key, self._blob_ids[key]) for key in unique if key in self._blob_ids)
        found: dict[tuple[str, str], bytes | None] = {key: None for key in unique}
        requested = list(dict.fromkeys(object_id for object_id in ids.values() if object_id))
        blobs = self._read_blobs(requested)
        for key, object_id in ids.items():
            if object_id is not None:
                found[key] = blobs.get(object_id)
        return found

    def _listed_blob_ids(self, wanted: Sequence[tuple[str, str]]
                         ) -> dict[tuple[str, str], str | None]:
        """Blob ids of (revision, path), None where there is no such file: not kept, as a
        revision may be a name (HEAD) that moves."""
        ids: dict[tuple[str, str], str | None] = dict.fromkeys(wanted)
        paths_at: dict[str, list[str]] = {}
        for revision, path in wanted:
            paths_at.setdefault(revision, []).append(path)
        for revision, paths in paths_at.items():
            listed = self.run(["--literal-pathspecs", "ls-tree", "-z", revision, "--", *paths])
            for line in listed.split("\0"):
                info, _, path = line.partition("\t")
                fields = info.split()
                if len(fields) == 3 and fields[1] == "blob" and (revision, path) in ids:
                    ids[(revision, path)] = fields[2]
        return ids

    def _read_blobs(self, object_ids: Sequence[str]) -> dict[str, bytes]:
        found: dict[str, bytes] = {}
        if not object_ids:
            return found
        request = "".join(f"{object_id}\n" for object_id in object_ids).encode("ascii")
        completed = subprocess.run(["git", "cat-file", "--batch"], cwd=self.top, input=request,
                                   capture_output=True, env=self._env(), check=False)
        if completed.returncode != 0:
            raise VcsError("git cat-file failed: "
                           + completed.stderr.decode("utf-8", "replace").strip())
        out = completed.stdout
        position = 0
        for object_id in object_ids:
            header_end = out.index(b"\n", position)
            header = out[position:header_end].split(b" ")
            position = header_end + 1
            if len(header) == 3 and header[2].isdigit():
                size = int(header[2])
                if header[1] == b"blob":
                    found[object_id] = out[position:position + size]
                position += size + 1
            # else "<id> missing": not in this clone, read as no file
        return found

    def _start_log(self, base: str, prefixes: Sequence[str]) -> Callable[[], _RangeLog]:
        """Start reading the commits in base..HEAD; the function returned waits for git and
        gives them, with the files under `prefixes` each touched, and those files' blob ids
        before and after each (`--raw`), kept for `read_files`. Not limited to `prefixes`
        in git: a path limit makes git match every entry of each revision's `articles/` tree
        against it, which costs more than the diff itself.

        Each commit's diff rebuilds the large folder trees it touched, in a newsroom of
        50,000 articles about 7 ms a commit, so the commits are shared out among one git
        process per core, each showing those it is given (`--no-walk`), oldest first.
        """
        commits = self.run(["rev-list", "--reverse", f"{base}..HEAD"]).split()
        parts = max(1, min(usable_cores(), len(commits) // LOG_COMMITS_PER_PROCESS))
        size = max(1, -(-len(commits) // parts))
        log = [*LOG_ARGUMENTS, "--no-walk=unsorted", "--stdin"]
        outputs = self._start_together(
            [(log, "".join(f"{commit}\n" for commit in commits[start:start + size]))
             for start in range(0, len(commits), size)], env=LARGE_TREES_ENV)
        return lambda: self._parsed_log(base, prefixes, "".join(outputs()))

    def _log_read_ahead(self, ahead: HistoryReadAhead, base: str, prefixes: Sequence[str]
                        ) -> Callable[[], _RangeLog]:
        """The history read ahead of REF..HEAD, if its commits are one line of work from the
        base, which makes them the commits since the base; else the history read again."""
        def history() -> _RangeLog:
            out = ahead.output()
            if out is not None:
                found = self._parsed_log(base, prefixes, out)
                if found.linear:
                    return found
            return self._start_log(base, prefixes)()

        return history

    def _parsed_log(self, base: str, prefixes: Sequence[str], out: str) -> _RangeLog:
        history = _RangeLog(base)
        under = tuple(prefixes)
        for chunk in out.split(COMMIT_MARKER)[1:]:
            lines = chunk.splitlines()
            sha, _, email = lines[0].partition(" ")
            parents = tuple(lines[1].split()) if len(lines) > 1 else ()
            touched: list[str] = []
            for line in lines[2:]:
                info, tab, path = line.partition("\t")
                if not tab or (under and not path.startswith(under)):
                    continue
                touched.append(path)
                # ":mode.. id.. status": a mode and an id per parent, then the commit's.
                count = len(info) - len(info.lstrip(":"))
                fields = info.lstrip(":").split()
                modes, ids = fields[:count + 1], fields[count + 1:2 * count + 2]
                for revision, object_id in zip((*parents, sha), ids, strict=False):
                    self._blob_ids[(revision, path)] = _blob_id(object_id)
                history.touched(path, (modes[0], _blob_id(ids[0])),
                                (modes[-1], _blob_id(ids[-1])))
            history.follow(CommitInfo(sha, email, tuple(touched), parents))
        return history

    def _start_together(self, runs: Sequence[tuple[Sequence[str], str]], *,
                        env: Mapping[str, str] | None = None) -> Callable[[], list[str]]:
        """Start every git command (arguments, standard input) at once; the function
        returned waits for them and gives the output of each."""
        processes = []
        try:
            for args, input_text in runs:
                process = subprocess.Popen(
                    ["git", *args], cwd=self.top, env=self._env(env), stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                    encoding="utf-8")
                processes.append(process)
                assert process.stdin is not None
                # git reads the whole of its input before it starts, so this never waits
                # on output nobody reads yet.
                process.stdin.write(input_text)
                process.stdin.close()
        except FileNotFoundError:
            raise VcsError("git is not installed", hint="install git and try again") from None

        def outputs() -> list[str]:
            found = []
            for (args, _), process in zip(runs, processes, strict=True):
                assert process.stdout is not None and process.stderr is not None
                out, error = process.stdout.read(), process.stderr.read()
                _raise_for(args, process.wait(), out, error)
                found.append(out)
            return found

        return outputs

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
    _raise_for(args, completed.returncode, completed.stdout, completed.stderr)
    return completed.stdout


def _raise_for(args: Sequence[str], returncode: int, stdout: str, stderr: str) -> None:
    """A VcsError saying why git failed, if it did."""
    if returncode == 0:
        return
    detail = (stderr or stdout).strip().splitlines()
    # git says what went wrong on its 'fatal:' or 'error:' line; what follows is advice.
    reasons = [line.split(":", 1)[1].strip() for line in detail
               if line.startswith(("fatal:", "error:"))]
    reason = reasons[0] if reasons else detail[-1] if detail else f"exit {returncode}"
    if "Please tell me who you are" in stderr or "empty ident" in stderr:
        raise VcsError("git does not know who you are",
                       hint="set git config user.name and user.email")
    # The subcommand, past options such as `-c name=value`.
    command = " ".join(["git", *[arg for arg in args if not arg.startswith("-")
                                 and "=" not in arg][:1]])
    raise VcsError(f"{command} failed: {reason}")


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


def _file_mode(path: Path) -> bytes:
    return b"100755" if os.stat(path).st_mode & stat.S_IXUSR else b"100644"


_TREE_MODE = b"40000"
_ENTRY = rb"([0-7]+) ([^\0]+)\0(.{%d})"
_ENTRY_PATTERNS: dict[int, re.Pattern[bytes]] = {}


def _empty_tree(algorithm: str) -> str:
    return hashlib.new(algorithm, b"tree 0\0").hexdigest()


@dataclass
class _Tree:
    """A tree object read from git, with the changes to make to it.

    The content stays as git stored it. A newsroom's articles folder holds tens of thousands
    of entries and a step changes one or two of them, so an entry is found where it lies and
    a change is spliced in; parsing every entry and joining them again took a newsroom of
    10,000 articles tens of milliseconds. `changes` maps a name to its new (mode, raw object
    id), None to remove it; `children` holds the subtrees that are being changed, loaded on
    demand.
    """

    content: bytes
    id_length: int
    changes: dict[bytes, tuple[bytes, bytes] | None] = field(default_factory=dict)
    children: dict[bytes, _Tree] = field(default_factory=dict)
    _found: dict[bytes, re.Match[bytes] | None] = field(default_factory=dict, repr=False)

    def entry(self, name: bytes) -> tuple[bytes, bytes] | None:
        """(mode, raw object id) of `name` as it stands with the changes so far."""
        if name in self.changes:
            return self.changes[name]
        found = self._find(name)
        return (found[1], found[3]) if found else None

    def _find(self, name: bytes) -> re.Match[bytes] | None:
        """The entry `name` as stored, matched from the tree's start.

        Entries follow one another with nothing between: "MODE NAME\\0ID". The pattern
        steps over whole entries that are not `name` (each can be read only one way: a mode
        ends at the space, a name at the NUL, an id has a fixed length), never stepping back,
        so what it finds is an entry and not bytes inside another's name or id, and it walks
        the entries at C speed.
        """
        if name not in self._found:
            escaped, length = re.escape(name), self.id_length
            pattern = re.compile(
                rb"(?:(?![0-7]+ %s\0)[0-7]+ [^\0]+\0.{%d})*+([0-7]+) (%s)\0(.{%d})"
                % (escaped, length, escaped, length), re.DOTALL)
            self._found[name] = pattern.match(self.content)
        return self._found[name]

    def set(self, parts: Sequence[str], mode: bytes | None, object_id: bytes | None,
            objects: _ObjectReader) -> None:
        """Put a blob at the path `parts` below this tree, or remove it (mode None)."""
        name = parts[0].encode("utf-8")
        if len(parts) == 1:
            self.children.pop(name, None)
            self.changes[name] = (mode, object_id) if mode and object_id else None
            return
        child = self.children.get(name)
        if child is None:
            mode_and_id = self.entry(name)
            existing = mode_and_id[1].hex() if mode_and_id and mode_and_id[0] == _TREE_MODE \
                else None
            if existing is None and mode is None:
                return  # removing a file below a folder that is not there: nothing to do
            child = self.children[name] = objects.tree(existing)
        child.set(parts[1:], mode, object_id, objects)

    def serialize(self, algorithm: str) -> list[tuple[str, bytes]]:
        """The rewritten trees below and including this one, children first, as (id, content);
        empty when this tree ends up empty (git stores no empty folders)."""
        written: list[tuple[str, bytes]] = []
        for name, child in self.children.items():
            below = child.serialize(algorithm)
            written.extend(below)
            self.changes[name] = (_TREE_MODE, bytes.fromhex(below[-1][0])) if below else None
        self.children = {}
        content = self._changed_content()
        if not content:
            return written
        tree_id = hashlib.new(algorithm, b"tree %d\0" % len(content) + content).hexdigest()
        written.append((tree_id, content))
        return written

    def _changed_content(self) -> bytes:
        """The content with the changes: spliced in where every changed name is there and
        keeps its place, else written again from all the entries."""
        splices: list[tuple[int, int, bytes]] = []
        for name, new in self.changes.items():
            found = self._find(name)
            if found is None:
                if new is None:
                    continue  # removing what is not there
                return self._rebuilt()
            # A file that became a folder or back moves in git's order.
            if new is not None and (found[1] == _TREE_MODE) != (new[0] == _TREE_MODE):
                return self._rebuilt()
            splices.append((found.start(1), found.end(),
                            b"" if new is None else new[0] + b" " + name + b"\0" + new[1]))
        pieces: list[bytes] = []
        position = 0
        for start, end, replacement in sorted(splices):
            pieces += [self.content[position:start], replacement]
            position = end
        pieces.append(self.content[position:])
        return b"".join(pieces)

    def _rebuilt(self) -> bytes:
        pattern = _ENTRY_PATTERNS.get(self.id_length)
        if pattern is None:
            pattern = _ENTRY_PATTERNS[self.id_length] = re.compile(
                _ENTRY % self.id_length, re.DOTALL)
        entries = {match[2]: (match[1], match[3]) for match in pattern.finditer(self.content)}
        if sum(len(mode) + len(name) + 2 + self.id_length
               for name, (mode, _) in entries.items()) != len(self.content):
            raise VcsError("git returned a tree this version of editorial cannot read")
        for name, new in self.changes.items():
            if new is None:
                entries.pop(name, None)
            else:
                entries[name] = new
        # git orders entries by name, a folder's name compared as if it ended with '/'.
        ordered = sorted(entries.items(), key=lambda item: item[0] + b"/"
                         if item[1][0] == _TREE_MODE else item[0])
        return b"".join(mode + b" " + name + b"\0" + object_id
                        for name, (mode, object_id) in ordered)


class _StagedIndex:
    """The user's index with the committed paths staged, made on a copy by `git
    update-index` while the commit is built, and put in place once the commit has landed.

    It is put in place as git writes an index, by a rename while holding `index.lock`, and
    only if the index is still the file that was copied: anything that changed the index
    meanwhile (a `git add`, a `git status` refreshing it) wrote a new file, and the copy
    would undo it. Until then the index is untouched, so a commit that fails leaves it as
    it was.
    """

    def __init__(self, index: Path, copy: str, copied: tuple[int, ...],
                 process: subprocess.Popen[bytes]) -> None:
        self.index = index
        self.copy = copy
        self.copied = copied
        self.process = process

    @classmethod
    def start(cls, repo: GitRepo, paths: Sequence[str]) -> _StagedIndex | None:
        """Copy the index and start staging `paths` in the copy; None where that cannot be
        done (no index file yet, one git reaches through a link, no room for a copy): the
        paths are then staged in the index itself."""
        index = repo.index_file()
        if os.path.islink(index):
            return None
        try:
            source = os.open(index, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        except OSError:
            return None
        copy = None
        try:
            status = os.fstat(source)
            fd, copy = create_unique(index.parent, "editorial-index-", ".tmp")
            with os.fdopen(fd, "wb") as handle:
                _copy_file(source, handle.fileno(), status.st_size)
            os.close(source)
            source = -1
            process = subprocess.Popen(
                ["git", "update-index", "--add", "--remove", "-z", "--stdin"], cwd=repo.top,
                env=repo._env({"GIT_INDEX_FILE": copy}), stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except BaseException as error:
            if source >= 0:
                os.close(source)
            if copy is not None:
                os.unlink(copy)
            if isinstance(error, OSError):
                return None
            raise
        assert process.stdin is not None
        try:
            process.stdin.write("\0".join(paths).encode("utf-8") + b"\0")
            process.stdin.close()
        except BrokenPipeError:
            pass  # git stopped early: its exit status says so
        return cls(index, copy, _file_key(status), process)

    def put_in_place(self) -> bool:
        """Replace the index with the copy; False, and the index untouched, where git could
        not stage the paths in the copy, the index is locked or it changed since copied."""
        try:
            if self.process.wait() != 0:
                return False
            lock = f"{self.index}.lock"
            try:
                os.close(os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
            except OSError:
                return False
            try:
                if _file_key(os.stat(self.index)) != self.copied:
                    return False
                os.replace(self.copy, self.index)
                return True
            except OSError:
                return False
            finally:
                os.unlink(lock)
        finally:
            self.discard()

    def discard(self) -> None:
        # git renames its new copy into place as it ends: removed before, it would return.
        self.process.wait()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.copy)


def _copy_file(source: int, target: int, size: int) -> None:
    """Copy `size` bytes between open files, in the kernel where it can (a few milliseconds
    for an index of 30,000 entries, where reading and writing it took three times that)."""
    copied = 0
    try:
        while copied < size:
            sent = os.sendfile(target, source, copied, size - copied)
            if sent == 0:
                break
            copied += sent
    except (AttributeError, OSError):
        if copied:
            raise
    if copied < size:
        os.lseek(source, copied, os.SEEK_SET)
        while chunk := os.read(source, 1 << 20):
            os.write(target, chunk)


def _file_key(status: os.stat_result) -> tuple[int, ...]:
    return (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns,
            status.st_ctime_ns)


class _ObjectReader:
    """One `git cat-file --batch` process, asked for one object at a time."""

    def __init__(self, top: Path, env: Mapping[str, str]) -> None:
        self.top = top
        self.env = env
        self.algorithm = "sha1"

    @property
    def id_length(self) -> int:
        return hashlib.new(self.algorithm).digest_size

    def __enter__(self) -> _ObjectReader:
        try:
            self.process = subprocess.Popen(["git", "cat-file", "--batch"], cwd=self.top,
                                            env=dict(self.env), stdin=subprocess.PIPE,
                                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        except FileNotFoundError:
            raise VcsError("git is not installed", hint="install git and try again") from None
        return self

    def __exit__(self, *_: object) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait()

    def read(self, name: str) -> tuple[str, bytes, bytes] | None:
        """(id, type, content) of the object `name`, or None if there is none."""
        stdin, stdout = self.process.stdin, self.process.stdout
        assert stdin is not None and stdout is not None
        stdin.write(name.encode("utf-8") + b"\n")
        stdin.flush()
        header = stdout.readline().split()
        if len(header) != 3:
            if not header:
                assert self.process.stderr is not None
                detail = self.process.stderr.read().decode(errors="replace").strip()
                raise VcsError(f"git cat-file failed: {detail or 'no answer'}")
            return None
        content = stdout.read(int(header[2]) + 1)[:-1]
        object_id = header[0].decode()
        self.algorithm = "sha256" if len(object_id) == 64 else "sha1"
        return object_id, header[1], content

    def commit(self, name: str) -> tuple[str, str] | None:
        """(commit id, tree id) of `name`, or None when it names no commit (no commit yet)."""
        found = self.read(f"{name}^{{commit}}")
        if found is None:
            return None
        object_id, _, content = found
        return object_id, content.split(b"\n", 1)[0].removeprefix(b"tree ").decode()

    def tree(self, tree_id: str | None) -> _Tree:
        if tree_id is None:
            return _Tree(b"", self.id_length)
        found = self.read(tree_id)
        if found is None or found[1] != b"tree":
            raise VcsError(f"git has no tree {tree_id}", hint="run 'git fsck'")
        return _Tree(found[2], len(bytes.fromhex(found[0])))


# Below this many commits a process, another git process costs more than it saves.
LOG_COMMITS_PER_PROCESS = 4


@dataclass
class _RangeLog:
    """The commits of base..HEAD as `git log --raw` lists them, oldest first."""

    base: str
    commits: list[CommitInfo] = field(default_factory=list)  # those that touched a file
    # Whether the commits are one line of work from the base, each the child of the last.
    linear: bool = True
    # Per file, its (mode, blob id) before the first commit that touched it and after the
    # last one: in a line of work, the former is the file at the base.
    first_states: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    last_states: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    _head: str | None = None

    def touched(self, path: str, before: tuple[str, str | None],
                after: tuple[str, str | None]) -> None:
        self.first_states.setdefault(path, before)
        self.last_states[path] = after

    def follow(self, commit: CommitInfo) -> None:
        if commit.parents != ((self._head or self.base),):
            self.linear = False
        self._head = commit.sha
        if commit.paths:
            self.commits.append(commit)

    def net_changes(self) -> set[str]:
        return {path for path, state in self.first_states.items()
                if state != self.last_states[path]}


def _blob_id(object_id: str) -> str | None:
    """A blob id as the raw log gives it, None for no file (all zeros)."""
    return None if object_id.strip("0") == "" else object_id


def _fetch_hint(ref: str, shallow: bool) -> str:
    remote, _, branch = ref.partition("/")
    if not branch:
        remote, branch = "origin", ref
    fetch = f"git fetch {'--unshallow ' if shallow else ''}{remote} {branch}"
    return (f"fetch the whole history: set 'fetch-depth: 0' on actions/checkout, or run "
            f"'{fetch}' before editorial check")
