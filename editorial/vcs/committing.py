"""Landing one step: its files written and committed, exactly its paths, or nothing at all.

The order of the work is what keeps a desk's work safe when a command is killed part way:

1. Refuse, before anything is touched, what would lose work or commit on top of git's own
   unfinished business: a merge, rebase, cherry-pick, revert or bisect in progress, a
   detached HEAD (unless asked for), a path with a `.git` part, a file whose staged version
   differs both from HEAD and from the file on disk.
2. Write a journal (`.git/editorial/step.json`): HEAD, and each path's bytes before.
3. Write the files.
4. Let git build the commit: the files' blobs (`hash-object`), the trees on their paths
   (`mktree`, from the folders one `ls-tree` read in 1, see editorial.vcs.trees) and the
   commit (`commit-tree`, signed where `commit.gpgSign` says so); then prove with
   `diff-tree` that it differs from HEAD in the step's paths and nowhere else.
5. Stage the step's paths in the user's index. This comes before HEAD moves, so that the
   index never lags behind HEAD: a plain `git commit` after a crash here commits the step's
   files again instead of reverting them.
6. Move HEAD with a compare-and-swap (`update-ref HEAD NEW OLD`).
7. Remove the journal.

Any refusal or failure in 3-6 puts the files and the index entries back and leaves HEAD where
it was. A crash leaves the journal behind, and the next editorial command finishes or undoes
the step (`recover`). No git object is ever read or written by Python: git builds them all.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import stat
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from editorial.core.files import ChangeSet, atomic_write, remove_empty_parents, unfinished_writes
from editorial.errors import RefusedError, VcsError
from editorial.vcs import trees
from editorial.vcs.state import journal_file

if TYPE_CHECKING:
    from editorial.vcs.git import GitRepo

NO_OBJECT = "0" * 40
# What git leaves in its folder while an operation waits for the user to finish it.
IN_PROGRESS = (
    ("MERGE_HEAD", "a merge", "finish it with 'git commit' or abort it with 'git merge --abort'"),
    ("rebase-merge", "a rebase", "finish it with 'git rebase --continue' or 'git rebase --abort'"),
    ("rebase-apply", "a rebase or 'git am'",
     "finish it with 'git rebase --continue' or abort it with 'git rebase --abort'"),
    ("CHERRY_PICK_HEAD", "a cherry-pick",
     "finish it with 'git cherry-pick --continue' or 'git cherry-pick --abort'"),
    ("REVERT_HEAD", "a revert", "finish it with 'git revert --continue' or 'git revert --abort'"),
    ("BISECT_LOG", "a bisect", "end it with 'git bisect reset'"),
)


def land_step(repo: GitRepo, changes: ChangeSet, message: str, *,
              when: datetime | None = None) -> str | None:
    """Write `changes` and commit exactly their paths with `message`; the new commit, or
    None where the step leaves every path as HEAD has it (the files are written all the
    same). Every refusal leaves the disk, the index and HEAD as they were."""
    relative = [_relative(repo, changes.root / path) for path in changes.paths()]
    parent, parent_tree, detached = _head(repo)
    index_before = _index_entries(repo, relative)
    # HEAD's folders on the paths, read once: what the preflight compares with and what
    # the new tree is built from (should HEAD move meanwhile, `update-ref` refuses).
    folders = trees.read_folders(repo.run, parent_tree, relative)
    refuse_unsafe_state(repo, detached, relative, index_before,
                        trees.states_in(folders, relative))
    originals = changes.snapshot()
    journal = Journal(repo.git_dir, message.splitlines()[0], parent, relative,
                      {_relative(repo, path): data for path, data in originals.items()},
                      {_relative(repo, path): _sha(data) for path, data
                       in changes.writes.items()})
    journal.write()
    staged = False
    try:
        with changes.applied(originals):
            tree = _tree_with(repo, folders, relative)
            if tree == parent_tree:
                journal.remove()
                return None
            commit = _commit_tree(repo, tree, parent, message, when)
            journal.commit = commit
            journal.write()
            verify_only_paths_change(repo, parent, commit, relative)
            staged = True
            _stage(repo, relative)
            _move_head(repo, commit, parent, message)
    except BaseException:
        if staged:
            _restore_index(repo, relative, index_before)
        journal.remove()
        raise
    journal.remove()
    return commit


def _relative(repo: GitRepo, path: Path) -> str:
    """`path` (absolute) as git names it: relative to the top of the work tree."""
    return Path(os.path.relpath(path, repo.top)).as_posix()


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def refuse_unsafe_state(repo: GitRepo, detached: bool, paths: Sequence[str],
                        index: dict[str, str],
                        committed: Mapping[str, trees.FileState]) -> None:
    """Refuse, naming what to do, where committing now would lose or mix up work; `index`
    is the user's index entries of `paths` (`_index_entries`), `committed` their states at
    HEAD."""
    for name, what, advice in IN_PROGRESS:
        if os.path.lexists(repo.git_dir / name):
            raise RefusedError(f"{what} is in progress in this repository, and a step "
                               "committed now would be mixed into it or lost", hint=advice)
    if detached and not repo.allow_detached:
        raise RefusedError("HEAD is detached: the step's commit would be on no branch",
                           hint="switch to a branch ('git switch main'), or pass "
                                "'editorial --detached ...' to commit there anyway")
    for path in paths:
        _refuse_unsafe_path(repo.top, path)
    conflicted = [path for path, line in index.items() if _entry(line)[2] != "0"]
    if conflicted:
        raise RefusedError(f"{conflicted[0]} has an unresolved merge conflict",
                           hint=f"resolve it and 'git add {conflicted[0]}' first")
    staged = {path: _entry(index[path])[:2] if path in index else None for path in paths}
    # Only a path staged otherwise than HEAD has it can lose work: only those are hashed.
    differ = [path for path in paths if staged[path] != committed[path]]
    on_disk = trees.disk_states(repo.run, str(repo.top), differ) if differ else {}
    for path in differ:
        if staged[path] != on_disk[path]:
            raise RefusedError(
                f"{path} has staged changes and different changes on disk: committing one "
                "would lose the other",
                hint=f"commit or unstage them first ('git restore --staged {path}' keeps "
                     "the file on disk as it is)")


def _refuse_unsafe_path(top: Path, path: str) -> None:
    parts = path.split("/")
    if any(part.lower() == ".git" or part in ("", ".", "..") for part in parts) \
            or "\n" in path:
        raise RefusedError(f"refusing to commit {path!r}: git keeps its own data in folders "
                           "named .git, and a step's paths are plain names",
                           hint="choose another output folder")
    full = top / path
    if any(os.path.islink(top.joinpath(*parts[:depth])) for depth in range(1, len(parts) + 1)):
        raise RefusedError(f"{path} is or lies under a symbolic link: editorial writes and "
                           "commits only files inside the repository",
                           hint="replace the link with the real file or folder")
    if os.path.lexists(full) and not stat.S_ISREG(os.lstat(full).st_mode):
        raise RefusedError(f"{path} is not a regular file; editorial commits only files")


def verify_only_paths_change(repo: GitRepo, parent: str | None, commit: str,
                             paths: Sequence[str]) -> None:
    """Refuse a commit whose tree differs from its parent's anywhere but `paths`."""
    if parent is None:
        listed = repo.run(["ls-tree", "-r", "-z", "--name-only", "--full-tree", commit])
    else:
        listed = repo.run(["diff-tree", "-r", "-z", "--no-renames", "--name-only",
                           "--no-commit-id", parent, commit])
    changed = {path for path in listed.split("\0") if path}
    stray = sorted(changed - set(paths))
    if stray:
        shown = ", ".join(stray[:5]) + (f" and {len(stray) - 5} more" if len(stray) > 5 else "")
        raise VcsError(f"the commit built for this step would also change {shown}; "
                       "nothing was committed", hint="please report this, with 'git --version'")


def _tree_with(repo: GitRepo, folders: trees.Folders, paths: Sequence[str]) -> str:
    """HEAD's tree, whose `folders` on the paths were read, with `paths` as they are on
    disk (see editorial.vcs.trees)."""
    return trees.tree_with(repo.run, repo.conversation, str(repo.top), folders, paths)


def _commit_tree(repo: GitRepo, tree: str, parent: str | None, message: str,
                 when: datetime | None) -> str:
    env: dict[str, str] = {}
    if when is not None:
        stamp = when.strftime("%Y-%m-%dT%H:%M:%S%z")
        env.update(GIT_AUTHOR_DATE=stamp, GIT_COMMITTER_DATE=stamp)
    # `git commit` signs by commit.gpgSign; `commit-tree` signs only when told, with the key
    # and format git's configuration names (user.signingKey, gpg.format).
    sign = ["-S"] if repo.config("commit.gpgsign", boolean=True) == "true" else []
    return repo.run(["commit-tree", *sign, tree, *(["-p", parent] if parent else [])],
                    env=env, input_text=message).strip()


def _stage(repo: GitRepo, paths: Sequence[str]) -> None:
    """The user's index learns the committed paths and nothing else."""
    repo.run(["update-index", "--add", "--remove", "-z", "--stdin"],
             input_text="\0".join(paths) + "\0")


def _head(repo: GitRepo) -> tuple[str | None, str | None, bool]:
    """HEAD's commit and tree, and whether it is detached, in one question; (None, None,
    False) before the first commit."""
    try:
        commit, tree, ref = repo.run(["rev-parse", "HEAD", "HEAD^{tree}",
                                      "--symbolic-full-name", "HEAD"]).split()
    except (VcsError, ValueError):
        return None, None, False
    # On a branch, HEAD's full name is the branch's ref; detached, it is HEAD itself.
    return commit, tree, ref == "HEAD"


def _move_head(repo: GitRepo, commit: str, parent: str | None, message: str) -> None:
    try:
        repo.run(["update-ref", "-m", f"editorial: {message.splitlines()[0]}", "HEAD", commit,
                  parent or NO_OBJECT])
    except VcsError as error:
        # The usual cause: another git command moved HEAD while the step was being built.
        raise VcsError(f"{error.message}; nothing was committed",
                       hint="run the command again once nothing else is changing the "
                            "repository") from None


def _index_entries(repo: GitRepo, paths: Sequence[str]) -> dict[str, str]:
    """The user's index entries of `paths` ("mode id stage\\tpath" lines), by path; of a
    path in conflict, one of its stages."""
    if not paths:
        return {}
    listed = repo.run(["--literal-pathspecs", "ls-files", "-s", "-z", "--", *paths])
    return {line.split("\t", 1)[1]: line for line in listed.split("\0") if "\t" in line}


def _entry(line: str) -> tuple[str, str, str]:
    """(mode, object id, stage) of an index entry line."""
    mode, object_id, stage = line.split("\t", 1)[0].split()
    return mode, object_id, stage


def _restore_index(repo: GitRepo, paths: Sequence[str], entries: dict[str, str]) -> None:
    """Put the index entries of `paths` back as `_index_entries` found them: an entry
    line puts a path back, mode 0 removes one the index did not have."""
    lines = [entries.get(path, f"0 {NO_OBJECT}\t{path}") for path in paths]
    repo.run(["update-index", "-z", "--index-info"], input_text="\0".join(lines) + "\0")


@dataclass
class Journal:
    """What a step in flight would need to be finished or undone after a crash."""

    git_dir: Path
    subject: str
    head: str | None
    paths: list[str]
    before: dict[str, bytes | None]
    # The sha256 of what the step writes at each path it writes (a removal is absent).
    after: dict[str, str]
    commit: str | None = None

    @property
    def file(self) -> Path:
        return journal_file(self.git_dir)

    def write(self) -> None:
        record: dict[str, Any] = {
            "version": 1, "subject": self.subject, "head": self.head, "commit": self.commit,
            "paths": self.paths,
            "before": {path: None if data is None else base64.b64encode(data).decode("ascii")
                       for path, data in self.before.items()},
            "after": self.after,
        }
        self.file.parent.mkdir(exist_ok=True)
        atomic_write(self.file, json.dumps(record).encode("utf-8"))

    def remove(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.file.unlink()

    @classmethod
    def read(cls, git_dir: Path) -> Journal | None:
        file = journal_file(git_dir)
        try:
            record = json.loads(file.read_bytes())
            return cls(git_dir, str(record["subject"]), record["head"], list(record["paths"]),
                       {path: None if data is None else base64.b64decode(data)
                        for path, data in record["before"].items()},
                       dict(record["after"]), record["commit"])
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            # Half-written journals do not exist (atomic writes); an unreadable one is
            # reported by the caller as a step it cannot repair.
            return cls(git_dir, "an unreadable step record", None, [], {}, {})


def recover(repo: GitRepo) -> str | None:
    """Finish or undo a step a crash left in flight; what was done, for the user, or None
    where nothing was pending. Call with the newsroom lock held."""
    journal = Journal.read(repo.git_dir)
    if journal is None:
        return None
    _remove_unfinished_writes(repo, journal)
    head = repo.head()
    if journal.commit is not None and head == journal.commit:
        journal.remove()
        return (f"the step '{journal.subject}' was interrupted after its commit had "
                "landed; it is complete")
    if head != journal.head or not journal.paths:
        journal.remove()
        return (f"the step '{journal.subject}' was interrupted, and HEAD has moved since: "
                "nothing was undone; look at 'git status' and 'git log'")
    kept = _undo_files(repo, journal)
    if journal.commit is not None:
        _unstage_step(repo, journal)
    journal.remove()
    note = (f"; left as you changed them since: {', '.join(kept)}" if kept else "")
    return (f"the step '{journal.subject}' was interrupted before its commit and has been "
            f"undone; run it again{note}")


def _remove_unfinished_writes(repo: GitRepo, journal: Journal) -> None:
    """A step killed while writing a file leaves the temporary file beside it: it holds
    nothing anyone needs, and git would offer it to be committed."""
    for path in journal.paths:
        for leftover in unfinished_writes(repo.top / path):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


def _undo_files(repo: GitRepo, journal: Journal) -> list[str]:
    """Put back the files a step had written, unless they changed again since; the paths
    left alone."""
    kept: list[str] = []
    for path, before in journal.before.items():
        full = repo.top / path
        now = full.read_bytes() if full.is_file() and not full.is_symlink() else None
        if now != before:
            written = journal.after.get(path)
            if (None if now is None else _sha(now)) != written:
                kept.append(path)
                continue
            if before is None:
                full.unlink()
            else:
                atomic_write(full, before)
        if before is None:
            # A folder the step made and left empty (an article's) would refuse the step
            # when it is run again.
            remove_empty_parents(full.parent, repo.top)
    return kept


def _unstage_step(repo: GitRepo, journal: Journal) -> None:
    """The index entries the step staged go back to HEAD's, where the index still holds
    exactly what the step staged."""
    staged_by_step = trees.tree_states(repo.run, journal.commit or "", journal.paths)
    current = _index_entries(repo, journal.paths)
    mine = [path for path in journal.paths
            if path in current and _entry(current[path])[:2] == staged_by_step[path]]
    if not mine:
        return
    at_head = trees.tree_states(repo.run, journal.head, mine) if journal.head else {}
    _restore_index(repo, mine, {path: f"{state[0]} {state[1]} 0\t{path}"
                                for path, state in at_head.items() if state is not None})
