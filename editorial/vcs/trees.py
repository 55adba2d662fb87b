"""A commit's tree: HEAD's tree with some paths as they are on disk, built by git.

Only the folders on the changed paths are read (one `git ls-tree` lists them all) and written
again (one `git mktree --batch`, a tree at a time); blobs are written by `git hash-object`,
with the filters `git add` applies. So a step's cost follows the size of the folders it
touches (the `articles/` folder of a large newsroom), not the whole repository, and no git
object is ever parsed in Python: every object goes in and out as git's own text.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field

# (mode, object id) of a file, or None: the path is to be removed.
FileState = tuple[str, str] | None
RunGit = Callable[..., str]
# Asks one question of a running git process (`git mktree --batch`): text in, a line out.
Ask = Callable[[str], str]
# Starts such a process for the length of a `with`.
Converse = Callable[[Sequence[str]], AbstractContextManager[Ask]]
TREE_MODE = "040000"
# A folder's entries as `git ls-tree -z` lists them ("mode type id\tname\0" each, one
# string), by the folder's path ("" for the top).
Folders = Mapping[str, str]


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


def read_folders(run: RunGit, tree: str | None, paths: Sequence[str]) -> Folders:
    """The entries of every folder of `tree` that lies on `paths`, the top's included, read
    by one `git ls-tree`: "." names every entry of each folder listed, and a path git is
    told of makes it go into the folders on the way to it, listing each one's entries just
    after the folder's own (`-t`). A large folder's entries are cut out and renamed as one
    string, never one by one: `articles/` holds one entry per article."""
    if tree is None:
        return {}
    listed = str(run(["--literal-pathspecs", "ls-tree", "-z", "-t", "--full-tree", tree, "--",
                      ".", *paths]))
    records = listed.split("\0")[:-1]
    spans = {"": (0, len(records))}  # where each folder's entries lie in `records`
    on_paths = {"/".join(parts[:depth]) for parts in (path.split("/") for path in paths)
                for depth in range(1, len(parts))}
    for folder in sorted(on_paths, key=lambda name: name.count("/")):
        parent = folder.rpartition("/")[0]
        found = _entry(listed, folder) if parent in spans else None
        if found is None or not listed.startswith(TREE_MODE, found[0]):
            continue  # not in the tree, or not a folder there
        first = listed.count("\0", 0, found[0]) + 1
        # Its entries follow it, all named below it: bisected, as they may be many.
        low, high, below = first, spans[parent][1], f"{folder}/"
        while low < high:
            middle = (low + high) // 2
            if records[middle].partition("\t")[2].startswith(below):
                low = middle + 1
            else:
                high = middle
        spans[folder] = (first, low)
    folders: dict[str, str] = {}
    for folder, (start, end) in spans.items():
        own: list[str] = []
        for inner_start, inner_end in sorted(
                span for inner, span in spans.items()
                if inner and inner.rpartition("/")[0] == folder):
            own += records[start:inner_start]
            start = inner_end
        own += records[start:end]
        listing = ("\0".join(own) + "\0") if own else ""
        folders[folder] = listing.replace(f"\t{folder}/", "\t") if folder else listing
    return folders


def _entry(listing: str, name: str) -> tuple[int, int] | None:
    """Where the record of `name` lies in `listing` (NUL-terminated `ls-tree` records):
    the one whose name, after the first tab, is `name`."""
    needle = f"\t{name}\0"
    at = listing.find(needle)
    while at >= 0:
        start = listing.rfind("\0", 0, at) + 1
        if listing.find("\t", start) == at:
            return start, at + len(needle)
        at = listing.find(needle, at + 1)
    return None


def _state(listing: str, found: tuple[int, int]) -> tuple[str, str]:
    mode, _, object_id = listing[found[0]:found[1]].partition("\t")[0].split(" ")
    return mode, object_id


def states_in(folders: Folders, paths: Sequence[str]) -> Mapping[str, FileState]:
    """(mode, object id) of each path as `folders` list it, None where absent."""
    states: dict[str, FileState] = {}
    for path in paths:
        folder, _, name = path.rpartition("/")
        listing = folders.get(folder, "")
        found = _entry(listing, name)
        states[path] = _state(listing, found) if found else None
    return states


def tree_with(run: RunGit, converse: Converse, top: str, folders: Folders,
              paths: Sequence[str]) -> str:
    """The id of the tree `folders` were read from (`read_folders`; none: the empty tree)
    with each of `paths` (relative to `top`, with '/') as the file on disk, or removed
    where there is none."""
    present = [path for path in paths if os.path.lexists(os.path.join(top, path))]
    blobs = dict(zip(present, _write_blobs(run, present), strict=True))
    changes = _Folder()
    for path in paths:
        state: FileState = None
        if path in blobs:
            state = (_file_mode(os.path.join(top, path)), blobs[path])
        changes.add(path.split("/"), state)
    # Started once the blobs are written: one git process at a time.
    with converse(["mktree", "-z", "--batch"]) as mktree:
        return _rebuilt(mktree, folders, "", changes) or _make_tree(mktree, "")


def _rebuilt(mktree: Ask, folders: Folders, folder: str, changes: _Folder) -> str | None:
    """The folder `folder` with `changes`; None when nothing is left in it (git keeps no
    empty folders). The entries no change names pass through as git listed them: a large
    folder is handed back to git without being parsed."""
    listing = folders.get(folder, "")
    existing: dict[str, tuple[str, str]] = {}
    for name in changes.folders.keys() | changes.files.keys():
        found = _entry(listing, name)
        if found is not None:
            existing[name] = _state(listing, found)
            listing = listing[:found[0]] + listing[found[1]:]
    entries: dict[str, tuple[str, str]] = {}
    for name, below in changes.folders.items():
        before = existing.get(name)
        rebuilt = _rebuilt(mktree, folders, f"{folder}/{name}" if folder else name, below)
        if rebuilt is not None:
            entries[name] = (TREE_MODE, rebuilt)
        elif before is not None and before[0] != TREE_MODE:
            entries[name] = before  # nothing below a file to remove: the file stays
    for name, state in changes.files.items():
        if state is not None:
            entries[name] = state
        elif name in existing and existing[name][0] == TREE_MODE:
            entries[name] = existing[name]  # removing a file where a folder is: no change
    if not listing and not entries:
        return None
    return _make_tree(mktree, listing + "".join(
        f"{mode} {'tree' if mode == TREE_MODE else _kind(mode)} {object_id}\t{name}\0"
        for name, (mode, object_id) in entries.items()))


def _make_tree(mktree: Ask, listing: str) -> str:
    # An empty record ends a tree in `mktree --batch`; git answers with its id.
    return mktree(listing + "\0").strip()


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
