"""Atomic file writes, change sets that either land whole or leave the disk untouched, and
reads that stay inside the newsroom.

A symbolic link in a newsroom repository can point anywhere on the machine that runs
editorial (a CI runner, a publisher's laptop): followed, it would put files from outside
into published pages or commits, or write over them. So nothing the newsroom holds is read
or written through one.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from editorial.errors import RefusedError

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
# Hex digits of the random part of a temporary file's name.
RANDOM_PART = 12


class LinkedPathError(RefusedError):
    """A file editorial would read or write is, or lies under, a symbolic link."""


def link_refusal(root: Path, link: Path) -> LinkedPathError:
    kind = "folder" if link.is_dir() else "file"
    return LinkedPathError(f"{link.relative_to(root).as_posix()} is a symbolic link: editorial "
                           "reads and writes only regular files inside the newsroom",
                           hint=f"replace the link with the {kind}")


def first_link(root: Path, path: Path) -> Path | None:
    """`path`, or the first folder between `root` and it, that is a symbolic link; None when
    none is. `root` itself may be reached through links: only what lies inside it counts."""
    current = root
    for part in path.relative_to(root).parts:
        current = current / part
        if os.path.islink(current):
            return current
    return None


def refuse_links(root: Path, paths: Iterable[Path]) -> None:
    """Refuse (LinkedPathError) when any of `paths` is or lies under a link inside `root`."""
    for path in paths:
        link = first_link(root, path)
        if link is not None:
            raise link_refusal(root, link)


def read_inside(root: Path, path: Path) -> bytes:
    """The bytes of the regular file `path` inside `root`, refusing a symbolic link at it or
    at any folder on the way (FileNotFoundError when there is no file)."""
    # The file itself is opened without following a link: no extra call for it.
    refuse_links(root, [path.parent if _NOFOLLOW else path])
    try:
        descriptor = os.open(path, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
                             | getattr(os, "O_BINARY", 0))
    except OSError:
        if os.path.islink(path):
            raise link_refusal(root, path) from None
        raise
    with os.fdopen(descriptor, "rb") as handle:
        return handle.read()


def read_if_inside(root: Path, path: Path) -> bytes | None:
    """`read_inside`, None when there is no such file."""
    try:
        return read_inside(root, path)
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return None


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file in the same folder and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o777 if path.exists() else None
    fd, tmp_name = create_unique(path.parent, *_temporary_name(path))
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp_name, mode)
        else:
            os.chmod(tmp_name, 0o666 & ~_umask())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise


def _temporary_name(path: Path) -> tuple[str, str]:
    """How the temporary file an atomic write of `path` goes through is named: a prefix
    and a suffix, with a random part between them."""
    return f".{path.name}.", ".tmp"


def unfinished_writes(path: Path) -> list[Path]:
    """The temporary files that atomic writes of `path`, killed before their rename, left
    beside it."""
    prefix, suffix = _temporary_name(path)
    try:
        names = os.listdir(path.parent)
    except (FileNotFoundError, NotADirectoryError):
        return []
    return sorted(path.parent / name for name in names
                  if name.startswith(prefix) and name.endswith(suffix)
                  and len(name) == len(prefix) + RANDOM_PART + len(suffix))


def create_unique(folder: Path, prefix: str, suffix: str) -> tuple[int, str]:
    """A new file in `folder` under a name no other file has, open for writing only by its
    owner: what `tempfile.mkstemp` makes, without the import that costs a one-article step
    more than the rest of its writing."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) \
        | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    while True:
        name = os.path.join(folder, f"{prefix}{os.urandom(RANDOM_PART // 2).hex()}{suffix}")
        try:
            return os.open(name, flags, 0o600), name
        except FileExistsError:
            continue  # a name drawn twice in 2**48: draw another


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


@dataclass
class ChangeSet:
    """The files one action writes or removes, applied together.

    `apply` writes each file atomically; if anything fails part way (a full disk, a refused
    commit through `rollback`), every file is put back as it was before.
    """

    root: Path
    writes: dict[Path, bytes] = field(default_factory=dict)
    removals: set[Path] = field(default_factory=set)
    # Files the step commits as they are on disk, unwritten (a source read at a hand-off).
    kept: set[Path] = field(default_factory=set)
    _originals: dict[Path, bytes | None] = field(default_factory=dict, repr=False)

    def write(self, path: Path, data: bytes) -> None:
        self.removals.discard(path)
        self.writes[path] = data

    def remove(self, path: Path) -> None:
        self.writes.pop(path, None)
        self.removals.add(path)

    def keep(self, path: Path) -> None:
        """Commit `path` with the step as it is on disk, so that what the step recorded of it
        is what the commit holds."""
        self.kept.add(path)

    def paths(self) -> list[Path]:
        """Every path the step commits, relative to the root, in a stable order."""
        return sorted({p.relative_to(self.root)
                       for p in (*self.writes, *self.removals, *self.kept)})

    def refuse_links(self) -> None:
        """Refuse a change that would write or remove through a symbolic link, or replace
        one: what lies at the other end is outside the newsroom."""
        refuse_links(self.root, [*self.writes, *self.removals])

    def effective(self) -> ChangeSet:
        """The same change without the writes that would leave a file as it already is."""
        self.refuse_links()
        kept = ChangeSet(self.root)
        for path, data in self.writes.items():
            if not path.exists() or path.read_bytes() != data:
                kept.write(path, data)
        for path in self.removals:
            if path.exists():
                kept.remove(path)
        return kept

    def pending(self) -> tuple[dict[Path, bytes], frozenset[Path]]:
        """What the change would do, to compare before and after a step added to it."""
        return dict(self.writes), frozenset(self.removals)

    def __bool__(self) -> bool:
        return bool(self.writes or self.removals)

    def snapshot(self) -> dict[Path, bytes | None]:
        """The bytes of every file the change writes or removes as they are now (None: no
        such file): what putting them back restores."""
        self.refuse_links()
        return {path: path.read_bytes() if path.exists() else None
                for path in sorted(self.writes) + sorted(self.removals)}

    def apply(self, originals: dict[Path, bytes | None] | None = None) -> None:
        """Write the change; `originals`, a `snapshot` taken just before, saves reading the
        files again."""
        self.refuse_links()
        self._originals = {}
        try:
            self._originals = self.snapshot() if originals is None else dict(originals)
            for path, data in self.writes.items():
                atomic_write(path, data)
            for path in self.removals:
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
                remove_empty_parents(path.parent, self.root)
        except BaseException:
            self.rollback()
            raise

    def rollback(self) -> None:
        for path, original in self._originals.items():
            if original is None:
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
                remove_empty_parents(path.parent, self.root)
            else:
                atomic_write(path, original)
        self._originals = {}

    @contextlib.contextmanager
    def applied(self, originals: dict[Path, bytes | None] | None = None) -> Iterator[None]:
        """Apply now; roll back if the block (typically the commit) raises."""
        self.apply(originals)
        try:
            yield
        except BaseException:
            self.rollback()
            raise


def remove_empty_parents(folder: Path, root: Path) -> None:
    """Remove `folder` and its parents below `root` while they are empty or missing."""
    while folder != root and root in folder.parents:
        try:
            folder.rmdir()
        except FileNotFoundError:
            pass  # a step killed inside its `mkdir -p` made only the first folders of a path
        except OSError:
            return
        folder = folder.parent
