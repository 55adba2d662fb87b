"""A commit's tree: HEAD's tree with some paths as they are on disk, built by git.

Only the folders on the changed paths are read (`git ls-tree`, one folder at a time) and
written again (`git mktree`); blobs are written by `git hash-object`, with the filters
`git add` applies. So a step's cost follows the size of the folders it touches (the
`articles/` folder of a large newsroom), not the whole repository, and no git object is ever
parsed in Python: every object goes in and out as git's own text.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

# (mode, object id) of a file, or None: the path is to be removed.
FileState = tuple[str, str] | None
RunGit = Callable[..., str]
TREE_MODE = "040000"


@dataclass
class _Folder:
    """The changes below one folder: its own files, and its subfolders' changes."""

    files: dict[str, FileState] = field(default_factory=dict)
    folders: dict[str, _Folder] = field(default_factory=dict)

    def add(self, parts: Sequence[str], state: FileState) -> None:
        if len(parts) == 1:
            self.files[parts[0]] = state
            return
        self.folders.setdefault(parts[0], _Folder()).add(parts[1:], state)


def tree_with(run: RunGit, top: str, base_tree: str | None, paths: Sequence[str]) -> str:
    """The id of `base_tree` (None: empty) with each of `paths` (relative to `top`, with
    '/') as the file on disk, or removed where there is none."""
    present = [path for path in paths if os.path.lexists(os.path.join(top, path))]
    blobs = dict(zip(present, _write_blobs(run, present), strict=True))
    changes = _Folder()
    for path in paths:
        state: FileState = None
        if path in blobs:
            state = (_file_mode(os.path.join(top, path)), blobs[path])
        changes.add(path.split("/"), state)
    return _rebuilt(run, base_tree, changes) or _empty_tree(run)


def _rebuilt(run: RunGit, tree: str | None, changes: _Folder) -> str | None:
    """The tree `tree` with `changes`; None when nothing is left in it (git keeps no empty
    folders). The entries no change names pass through as git listed them: a large folder
    (`articles/`, one entry per article) is handed back to git without being parsed."""
    changed = changes.folders.keys() | changes.files.keys()
    kept: list[str] = []
    existing: dict[str, tuple[str, str]] = {}
    listed = str(run(["ls-tree", "-z", "--full-tree", tree])) if tree else ""
    for record in listed.split("\0"):
        info, _, name = record.partition("\t")
        if name in changed:
            mode, _, object_id = info.split(" ")
            existing[name] = (mode, object_id)
        elif record:
            kept.append(record)
    entries: dict[str, tuple[str, str]] = {}
    for name, below in changes.folders.items():
        before = existing.get(name)
        subtree = before[1] if before and before[0] == TREE_MODE else None
        rebuilt = _rebuilt(run, subtree, below)
        if rebuilt is not None:
            entries[name] = (TREE_MODE, rebuilt)
        elif before is not None and before[0] != TREE_MODE:
            entries[name] = before  # nothing below a file to remove: the file stays
    for name, state in changes.files.items():
        if state is not None:
            entries[name] = state
        elif name in existing and existing[name][0] == TREE_MODE:
            entries[name] = existing[name]  # removing a file where a folder is: no change
    if not kept and not entries:
        return None
    listing = kept + [f"{mode} {'tree' if mode == TREE_MODE else _kind(mode)} {object_id}"
                      f"\t{name}" for name, (mode, object_id) in entries.items()]
    return str(run(["mktree", "-z"], input_text="\0".join(listing) + "\0")).strip()


def _kind(mode: str) -> str:
    return "commit" if mode == "160000" else "blob"


def _write_blobs(run: RunGit, paths: Sequence[str]) -> list[str]:
    """Store the files as `git add` would (filters and line ends applied)."""
    if not paths:
        return []
    return str(run(["hash-object", "-w", "--stdin-paths"],
                   input_text="\n".join(paths) + "\n")).split()


def _file_mode(path: str) -> str:
    return "100755" if os.lstat(path).st_mode & stat.S_IXUSR else "100644"


def _empty_tree(run: RunGit) -> str:
    return str(run(["mktree"], input_text="")).strip()


def disk_states(run: RunGit, top: str, paths: Sequence[str]) -> Mapping[str, FileState]:
    """(mode, blob id) each file on disk would get from `git add`, without storing it; None
    where there is no file."""
    present = [path for path in paths if os.path.lexists(os.path.join(top, path))]
    ids = str(run(["hash-object", "--stdin-paths"], input_text="\n".join(present) + "\n")
              ) if present else ""
    states: dict[str, FileState] = dict.fromkeys(paths)
    for path, object_id in zip(present, ids.split(), strict=True):
        states[path] = (_file_mode(os.path.join(top, path)), object_id)
    return states


def tree_states(run: RunGit, tree: str, paths: Sequence[str]) -> Mapping[str, FileState]:
    """(mode, object id) of each path in `tree` (a commit or tree), None where absent."""
    states: dict[str, FileState] = dict.fromkeys(paths)
    listed = str(run(["--literal-pathspecs", "ls-tree", "-z", "--full-tree", tree, "--",
                      *paths]))
    for record in listed.split("\0"):
        info, tab, path = record.partition("\t")
        if tab and path in states:
            mode, _, object_id = info.split(" ")
            states[path] = (mode, object_id)
    return states
