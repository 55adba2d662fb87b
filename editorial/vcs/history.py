"""What `editorial check --base` and `editorial diff` read from the repository's history.

Every read asks git for text, with `-z` wherever paths are listed (so that no folder name is
quoted or split), and files by blob id from `git cat-file --batch`; nothing parses git's
objects.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from editorial.core.ports import Changes, CommitInfo, Signature
from editorial.errors import MissingHistoryError, NotFoundError, UsageError, VcsError

if TYPE_CHECKING:
    from editorial.vcs.git import GitRepo

# Every touched file's mode and blob id before and after each commit, whole ids; merges
# diffed against each parent (a merge is then not one line of work). With -z each commit is
# "<id> <committer date>\n<author email>\n<committer email>\n<parent ids>" and each file
# ":<modes> <ids> <status>" then its path, every part ended by a NUL, paths exactly as they
# are.
LOG_ARGUMENTS = ("log", "-z", "--reverse", "--no-renames", "--full-history",
                 "--diff-merges=combined", "--raw", "--no-abbrev",
                 "--format=%H %ct%n%ae%n%ce%n%P")
# The signature checks of `signatures`: only the keys given, whatever the user's settings.
SIGNATURE_STATES = {"N": "unsigned", "B": "a bad signature",
                    "U": "signed by a key that is no person's in editorial.yaml",
                    "E": "signed by a key that is no person's in editorial.yaml",
                    "X": "an expired signature", "Y": "signed by an expired key",
                    "R": "signed by a revoked key"}


class GitHistory:
    """The repository's history, as `RevisionHistory` and `FileRevisions` describe it."""

    def __init__(self, repo: GitRepo) -> None:
        self.top = repo.top
        self.run = repo.run
        self._env = repo.env
        self.head = repo.head
        self._repo = repo
        # Blob ids (None: no such file) of (commit id, path) learned from history already
        # read, so that reading those files needs no lookup in the commits' trees.
        self._blob_ids: dict[tuple[str, str], str | None] = {}

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

    def changes(self, base: str, prefixes: Sequence[str], *, work_tree: bool = True,
                commits: bool = True) -> Changes:
        """What is committed since the base, staged, unstaged, or new under `prefixes`
        (without `work_tree`, only committed); with `commits`, the commits since the base
        too.

        The commits come from one `git log --raw`, which records every touched file's blob
        id before and after each commit, kept for `read_files`. When they form a single line
        from the base, what they changed in all is read off that log: a file changed if its
        state before the first commit that touched it differs from its state after the last
        one, and the state before is the base's. Otherwise (merges, or no log wanted) it is
        a diff of the two trees, which costs what changed. Every read of a large folder's
        tree costs, more so from a pack where it is stored as a chain of deltas: a newsroom
        of 50,000 articles has an `articles/` tree of 3 MB, and one diff fewer saved a tenth
        of a second.

        Staged work (against HEAD's cached trees) and unstaged edits (one stat per tracked
        file, which is what noticing them takes short of a file system monitor) come from
        one `git status`, which reads the index once for both; new files are looked for only
        in folders HEAD does not have, so a new file beside tracked ones in an existing
        folder is seen once it is added (`git add`).
        """
        # During a merge (before it is committed), the other side's commits are what brought
        # its steps into the work tree: they are the commits since the base too.
        heads = ["HEAD", *(self._merging() if work_tree else [])]
        history = self._log(base, prefixes, heads) if commits else None
        limit = ["--", *prefixes] if prefixes else []
        if history is not None and history.linear:
            found = history.net_changes()
            for path, (_, object_id) in history.first_states.items():
                self._blob_ids[(base, path)] = object_id
        else:
            found = set(self.run(["--literal-pathspecs", "diff", "--name-only", "--no-renames",
                                  "-z", base, "HEAD", *limit]).split("\0"))
        if work_tree:
            # "XY path" records; -uno: untracked files are looked for below, more cheaply.
            uncommitted = self.run(["--no-optional-locks", "--literal-pathspecs", "status",
                                    "--porcelain", "-z", "-uno", "--no-renames", *limit])
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
            listed = self.run(["--literal-pathspecs", "ls-tree", "-z", "--name-only", "HEAD",
                               *([f"{folder}/"] if folder else [])])
            tracked = {path.rsplit("/", 1)[-1] for path in listed.split("\0") if path}
            candidates += [f"{folder}/{name}" if folder else name
                           for name in sorted(set(on_disk) - tracked) if name != ".git"]
        if not candidates:
            return []
        return self.run(["--literal-pathspecs", "ls-files", "--others", "--exclude-standard",
                         "-z", "--", *candidates]).split("\0")

    def read_files(self, wanted: Sequence[tuple[str, str]]) -> dict[tuple[str, str], bytes | None]:
        """Every (revision, path), read by blob id in one `git cat-file --batch` process.

        Looking a path up in a revision reads the trees on its way, and the `articles/` tree
        of a large newsroom is megabytes: each revision's ids are found at most once, from
        the log `changes` read or else from one `git ls-tree` per revision.
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

    def files_under(self, revision: str, folder: str) -> list[str]:
        listed = self.run(["--literal-pathspecs", "ls-tree", "-r", "-z", "--name-only",
                           revision, "--", folder])
        return [path for path in listed.split("\0") if path]

    def signatures(self, commits: Sequence[str], keys: Mapping[str, Sequence[str]]
                   ) -> dict[str, Signature]:
        """Verified by git itself (`%G?`, `%GS`) in one `git log`, with an allowed signers
        file made of `keys` whose principals are the person ids: git names the person whose
        key made a good signature."""
        wanted = list(dict.fromkeys(commits))
        if not wanted:
            return {}
        lines = [f'{person} namespaces="git" {key}' for person, person_keys in keys.items()
                 for key in person_keys]
        with tempfile.TemporaryDirectory(prefix="editorial-signers-") as folder:
            signers = Path(folder) / "allowed_signers"
            signers.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
            listed = self.run(["-c", "gpg.format=ssh", "-c",
                               f"gpg.ssh.allowedSignersFile={signers}",
                               "-c", "gpg.ssh.revocationFile=", "log", "--no-walk=unsorted",
                               "-z", "--format=%H %G? %GS", *wanted, "--"])
        found: dict[str, Signature] = {}
        for record in listed.split("\0"):
            sha, _, rest = record.strip("\n").partition(" ")
            status, _, signer = rest.partition(" ")
            if not sha:
                continue
            if status == "G" and signer in keys:
                found[sha] = Signature(signer)
            else:
                found[sha] = Signature(None, SIGNATURE_STATES.get(status, "not verifiable"))
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

    def _merging(self) -> list[str]:
        """The commits being merged into HEAD (MERGE_HEAD), if a merge is under way."""
        try:
            text = (self._repo.git_dir / "MERGE_HEAD").read_text(encoding="ascii")
        except (FileNotFoundError, UnicodeDecodeError):
            return []
        return text.split()

    def _log(self, base: str, prefixes: Sequence[str], heads: Sequence[str]) -> _RangeLog:
        """The commits since the base on `heads` (HEAD, and what a merge brings), oldest
        first, with the files under `prefixes` each touched, and those files' blob ids before
        and after each, kept for `read_files`. Not limited to `prefixes` in git: a path limit
        makes git match every entry of each revision's `articles/` tree against it, which
        costs more than the diff itself."""
        history = _RangeLog(base)
        under = tuple(prefixes)
        for logged in _logged_commits(self.run([*LOG_ARGUMENTS, *heads, f"^{base}"])):
            touched: list[str] = []
            for record, path in logged.files:
                if under and not path.startswith(under):
                    continue
                touched.append(path)
                # ":mode.. id.. status": a mode and an id per parent, then the commit's.
                count = len(record) - len(record.lstrip(":"))
                fields = record.lstrip(":").split()
                modes, ids = fields[:count + 1], fields[count + 1:2 * count + 2]
                for revision, object_id in zip((*logged.parents, logged.sha), ids,
                                               strict=False):
                    self._blob_ids[(revision, path)] = _blob_id(object_id)
                history.touched(path, (modes[0], _blob_id(ids[0])),
                                (modes[-1], _blob_id(ids[-1])))
            history.follow(CommitInfo(logged.sha, logged.author_email, tuple(touched),
                                      logged.parents, logged.committer_email,
                                      logged.committed_at))
        return history


@dataclass
class _Logged:
    """A commit as `git log` with `LOG_ARGUMENTS` lists it."""

    sha: str
    committed_at: int
    author_email: str
    committer_email: str
    parents: tuple[str, ...]
    files: list[tuple[str, str]] = field(default_factory=list)  # (raw record, path)


def _logged_commits(out: str) -> list[_Logged]:
    commits: list[_Logged] = []
    parts = iter(out.split("\0"))
    for part in parts:
        record = part.lstrip("\n")  # git starts a commit's list of files on a new line
        if record.startswith(":"):
            commits[-1].files.append((record, next(parts)))
        elif record:
            header, author, committer, parents = record.split("\n", 3)
            sha, _, committed_at = header.partition(" ")
            commits.append(_Logged(sha, int(committed_at), author, committer,
                                   tuple(parents.split())))
    return commits


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

