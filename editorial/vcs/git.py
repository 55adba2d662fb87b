"""The newsroom repository as git sees it.

A command commits exactly its article's paths, and the user's own staged and unstaged work
stays as it was. The commit is built from HEAD's trees, not from any index: the blobs of the
committed files are written by `git hash-object`, the trees on their paths are read with
`git cat-file`, rewritten here and written back, then `commit-tree` and `update-ref` make
the commit. Its cost follows the number of entries in the folders on those paths, not the
size of the repository (reading a whole tree into a private index took a newsroom of 10,000
articles most of a second). GitPython is loaded only for the operations that read history,
where its object model is worth its import time.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from editorial.core.ports import Changes, CommitInfo
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
        # Blob ids (None: no such file) of (commit id, path) learned from history already
        # read, so that reading those files needs no lookup in the commits' trees.
        self._blob_ids: dict[tuple[str, str], str | None] = {}

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
        relative = [Path(os.path.relpath(path, self.top)).as_posix() for path in paths]
        env: dict[str, str] = {}
        if when is not None:
            stamp = when.strftime("%Y-%m-%dT%H:%M:%S%z")
            env.update(GIT_AUTHOR_DATE=stamp, GIT_COMMITTER_DATE=stamp)
        present = [path for path in relative if os.path.lexists(self.top / path)]
        for path in present:
            if not stat.S_ISREG(os.lstat(self.top / path).st_mode):
                raise VcsError(f"{path} is not a regular file; editorial commits only files")
        blobs = dict(zip(present, self._write_blobs(present), strict=True))
        with _ObjectReader(self.top, self._env()) as objects:
            parent = objects.commit("HEAD")
            algorithm = (objects.algorithm if parent else
                         self.run(["rev-parse", "--show-object-format"]).strip())
            root = objects.tree(parent[1] if parent else None)
            for path in relative:
                mode = _file_mode(self.top / path) if path in blobs else None
                root.set(path.split("/"), mode, bytes.fromhex(blobs[path]) if mode else None,
                         objects)
        trees = root.serialize(algorithm)
        tree = trees[-1][0] if trees else _empty_tree(algorithm)
        if parent and tree == parent[1]:
            return None
        self._write_trees(trees)
        commit = self.run(["commit-tree", tree, *(["-p", parent[0]] if parent else [])],
                          env=env, input_text=message).strip()
        self.run(["update-ref", "-m", f"editorial: {message.splitlines()[0]}", "HEAD", commit,
                  parent[0] if parent else "0" * 40])
        # The user's index learns the committed paths and nothing else.
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
        with tempfile.TemporaryDirectory(prefix="editorial-trees-") as scratch:
            files = []
            for number, (_, content) in enumerate(trees):
                file = Path(scratch) / str(number)
                file.write_bytes(content)
                files.append(str(file))
            written = self.run(["hash-object", "-w", "-t", "tree", "--stdin-paths",
                                "--no-filters"], input_text="\n".join(files) + "\n").split()
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

    def changes_since(self, base: str, prefixes: Sequence[str], *, work_tree: bool = True,
                      commits: bool = True) -> Changes:
        """Committed since the base, staged, unstaged, or new under `prefixes`; without
        `work_tree`, only committed. With `commits`, the commits since the base too.

        Asked in parts, each as cheap as git can answer it. The commits come from one
        `git log --raw`, which records every touched file's blob id before and after each
        commit for `read_files`. When they form a single line from the base, what they
        changed in all is read off that log: a file changed if its state before the first
        commit that touched it differs from its state after the last one, and the state
        before is the base's. Otherwise (merges, or no log wanted) it is a diff of the two
        trees, which costs what changed. Every read of a large folder's tree costs, more so
        from a pack where it is stored as a chain of deltas: a newsroom of 50,000 articles
        has an `articles/` tree of 3 MB, and one diff fewer saved a tenth of a second.

        Staged work (against HEAD's cached trees) and unstaged edits (one stat per tracked
        file, which is what noticing them takes short of a file system monitor) come from
        one `git status`, which reads the index once for both; new files are looked for only
        in folders HEAD does not have, so a new file beside tracked ones in an existing
        folder is seen once it is added (`git add`).
        """
        history = self._log_since(base, prefixes) if commits else None
        if history is not None and history.linear:
            found = history.net_changes()
            for path in history.first_states:
                self._blob_ids[(base, path)] = history.first_states[path][1]
        else:
            limit = ["--", *prefixes] if prefixes else []
            found = set(self.run(["diff", "--name-only", "--no-renames", "-z", base, "HEAD",
                                  *limit]).split("\0"))
        if work_tree:
            # "XY path" records; -uno: untracked files are looked for below, more cheaply.
            limit = ["--", *prefixes] if prefixes else []
            uncommitted = self.run(["--no-optional-locks", "status", "--porcelain", "-z",
                                    "-uno", "--no-renames", *limit])
            found.update(record[3:] for record in uncommitted.split("\0") if len(record) > 3)
            found.update(self._new_in(prefixes))
        found.discard("")
        return Changes(sorted(found), history.commits if history is not None else [])

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

    def _log_since(self, base: str, prefixes: Sequence[str]) -> _RangeLog:
        """The commits in base..HEAD with the files under `prefixes` each touched, and those
        files' blob ids before and after each (`--raw`), kept for `read_files`. Not limited
        to `prefixes` in git: a path limit makes git match every entry of each revision's
        `articles/` tree against it, which costs more than the diff itself."""
        marker = "\x01commit "
        out = self.run(["-c", "core.quotePath=false", "log", "--reverse", "--no-renames",
                        "--full-history", "--diff-merges=combined", "--raw", "--no-abbrev",
                        f"--format={marker}%H %ae%n%P", f"{base}..HEAD"],
                       env=_LARGE_TREES_ENV)
        history = _RangeLog(base)
        for chunk in out.split(marker)[1:]:
            lines = chunk.splitlines()
            sha, _, email = lines[0].partition(" ")
            parents = tuple(lines[1].split()) if len(lines) > 1 else ()
            touched: list[str] = []
            for line in lines[2:]:
                info, tab, path = line.partition("\t")
                if not tab or (prefixes and not path.startswith(tuple(prefixes))):
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


def _file_mode(path: Path) -> bytes:
    return b"100755" if os.stat(path).st_mode & stat.S_IXUSR else b"100644"


_TREE_MODE = b"40000"
_ENTRY_PATTERNS: dict[int, re.Pattern[bytes]] = {}


def _empty_tree(algorithm: str) -> str:
    return hashlib.new(algorithm, b"tree 0\0").hexdigest()


@dataclass
class _Tree:
    """A tree object read from git, with the changes to make to it.

    `entries` maps a name to (mode, raw object id) as stored; `children` holds the subtrees
    that are being changed, loaded on demand.
    """

    entries: dict[bytes, tuple[bytes, bytes]]
    children: dict[bytes, _Tree] = field(default_factory=dict)
    # Entries keep git's order as read; only a new name needs them sorted again.
    reordered: bool = False

    @classmethod
    def parse(cls, content: bytes, id_length: int) -> _Tree:
        # Entries follow one another with nothing between: "MODE NAME\0ID". A regular
        # expression walks the articles folder's tens of thousands of them at C speed.
        pattern = _ENTRY_PATTERNS.get(id_length)
        if pattern is None:
            pattern = _ENTRY_PATTERNS[id_length] = re.compile(
                rb"([0-7]+) ([^\0]+)\0(.{%d})" % id_length, re.DOTALL)
        entries = {match[2]: (match[1], match[3]) for match in pattern.finditer(content)}
        if sum(len(mode) + len(name) + 2 + id_length
               for name, (mode, _) in entries.items()) != len(content):
            raise VcsError("git returned a tree this version of editorial cannot read")
        return cls(entries)

    def set(self, parts: Sequence[str], mode: bytes | None, object_id: bytes | None,
            objects: _ObjectReader) -> None:
        """Put a blob at the path `parts` below this tree, or remove it (mode None)."""
        name = parts[0].encode("utf-8")
        if len(parts) == 1:
            self.children.pop(name, None)
            if mode is None or object_id is None:
                self.entries.pop(name, None)
            else:
                self._put(name, mode, object_id)
            return
        child = self.children.get(name)
        if child is None:
            mode_and_id = self.entries.get(name)
            existing = mode_and_id[1].hex() if mode_and_id and mode_and_id[0] == _TREE_MODE \
                else None
            if existing is None and mode is None:
                return  # removing a file below a folder that is not there: nothing to do
            child = self.children[name] = objects.tree(existing)
        child.set(parts[1:], mode, object_id, objects)

    def _put(self, name: bytes, mode: bytes, object_id: bytes) -> None:
        old = self.entries.get(name)
        # A new name, or a file that became a folder or back, moves in git's order.
        if old is None or (old[0] == _TREE_MODE) != (mode == _TREE_MODE):
            self.reordered = True
        self.entries[name] = (mode, object_id)

    def serialize(self, algorithm: str) -> list[tuple[str, bytes]]:
        """The rewritten trees below and including this one, children first, as (id, content);
        empty when this tree ends up empty (git stores no empty folders)."""
        written: list[tuple[str, bytes]] = []
        for name, child in self.children.items():
            below = child.serialize(algorithm)
            written.extend(below)
            if below:
                self._put(name, _TREE_MODE, bytes.fromhex(below[-1][0]))
            else:
                self.entries.pop(name, None)
        self.children = {}
        if not self.entries:
            return written
        ordered = list(self.entries.items())
        if self.reordered:
            # git orders entries by name, a folder's name compared as if it ended with '/'.
            ordered.sort(key=lambda item: item[0] + b"/" if item[1][0] == _TREE_MODE else item[0])
        content = b"".join(mode + b" " + name + b"\0" + object_id
                           for name, (mode, object_id) in ordered)
        tree_id = hashlib.new(algorithm, b"tree %d\0" % len(content) + content).hexdigest()
        written.append((tree_id, content))
        return written


class _ObjectReader:
    """One `git cat-file --batch` process, asked for one object at a time."""

    def __init__(self, top: Path, env: Mapping[str, str]) -> None:
        self.top = top
        self.env = env
        self.algorithm = "sha1"

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
            return _Tree({})
        found = self.read(tree_id)
        if found is None or found[1] != b"tree":
            raise VcsError(f"git has no tree {tree_id}", hint="run 'git fsck'")
        return _Tree.parse(found[2], len(bytes.fromhex(found[0])))


# Each commit's diff rebuilds its folder trees, megabytes each in a large newsroom, from
# chains of deltas. glibc hands every such buffer its own fresh pages by default; keeping
# freed memory in the heap for the next one took the system time of `git log` on 20 commits
# of a 50,000-article newsroom from 0.15 s to 0.05 s. A variable the user set is kept.
_LARGE_TREES_ENV = ({} if "GLIBC_TUNABLES" in os.environ else {
    "GLIBC_TUNABLES": "glibc.malloc.mmap_threshold=67108864:"
                      "glibc.malloc.trim_threshold=268435456"})


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
