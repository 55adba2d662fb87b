"""A cache of parsed front matter, so that listing a large newsroom does not parse YAML again.

It lives in the repository's git directory (`.git/editorial/front-matter-v1.cache`), outside
the tracked tree, so it is never committed, never shows in `git status`, and belongs to one
work tree. It is only ever a copy: an entry is served only when its file's size, modification
time, change time, inode and device are all exactly as they were when it was parsed, and when
that modification time is older than the moment the entry was verified by more than
`RACY_WINDOW_NS` — a file edited again within the same clock tick as the last look (same size,
same coarse time stamp) is parsed again rather than trusted, the problem git calls "racy".
Anything wrong with the file (missing, truncated, corrupt, another version, another newsroom)
makes it an empty cache, rebuilt silently on the next complete pass.

The format is `marshal` (it holds plain data only and cannot name code to run) behind a magic
string and a CRC of the payload; each article's front matter is a separate marshalled blob, so
a pass unpacks one article at a time and memory stays flat however large the newsroom.
"""

from __future__ import annotations

import contextlib
import gc
import marshal
import os
import tempfile
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

CACHE_DIR = "editorial"
CACHE_FILE = "front-matter-v1.cache"
MAGIC = b"editorial-fm-1\n"
# Longer than any file system's time stamp granularity (FAT has 2 s).
RACY_WINDOW_NS = 2_000_000_000

# size, mtime_ns, ctime_ns, inode, device: any edit, replace, checkout or rebase changes one.
StatKey = tuple[int, int, int, int, int]
Entry = tuple[StatKey, bytes]


def stat_key(status: os.stat_result) -> StatKey:
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino,
            status.st_dev)


def find_git_dir(start: Path) -> Path | None:
    """The git directory of the work tree holding `start`, found without running git: a `.git`
    folder, or a `.git` file pointing elsewhere (a linked work tree or a submodule)."""
    for folder in (start, *start.parents):
        dot_git = folder / ".git"
        if dot_git.is_dir():
            return dot_git
        if dot_git.is_file():
            try:
                line = dot_git.read_text(encoding="utf-8").strip()
            except (OSError, UnicodeDecodeError):
                return None
            if not line.startswith("gitdir:"):
                return None
            target = folder / line.removeprefix("gitdir:").strip()
            return target if target.is_dir() else None
    return None


class FrontMatterCache:
    """The entries of one newsroom, by article folder name.

    `get` serves an entry only when it is verified; `put` records a fresh parse; `save` writes
    the entries seen during this pass (articles that are gone are dropped) when anything
    changed, atomically.
    """

    def __init__(self, path: Path | None, scope: str) -> None:
        self.path = path
        self.scope = scope
        self.started_ns = time.time_ns()
        self._old: dict[str, Entry] = {}
        self._old_as_of_ns = 0
        self._seen: dict[str, Entry] = {}
        self._changed = False

    @classmethod
    def open(cls, root: Path) -> FrontMatterCache:
        git_dir = find_git_dir(root)
        cache = cls(git_dir / CACHE_DIR / CACHE_FILE if git_dir else None, str(root))
        cache._load()
        return cache

    def _load(self) -> None:
        if self.path is None:
            return
        try:
            data = self.path.read_bytes()
        except OSError:
            self._changed = True
            return
        try:
            # A view, not a copy: the cache of a large newsroom is tens of megabytes.
            payload = memoryview(data)[len(MAGIC) + 4:]
            if (data[:len(MAGIC)] != MAGIC
                    or zlib.crc32(payload).to_bytes(4, "big") != data[len(MAGIC):len(MAGIC) + 4]):
                raise ValueError("not a front matter cache of this version")
            with paused_gc():
                scope, as_of_ns, entries = marshal.loads(payload)
            if scope != self.scope or not isinstance(as_of_ns, int) or not isinstance(entries,
                                                                                      dict):
                raise ValueError("another newsroom's cache")
        except Exception:
            # Corrupt, truncated, another format or another newsroom: start again.
            self._changed = True
            return
        self._old = entries
        self._old_as_of_ns = as_of_ns

    def get(self, name: str, key: StatKey) -> dict[str, Any] | None:
        entry = self._old.get(name)
        if entry is None or entry[0] != key or self._racy(key, self._old_as_of_ns):
            return None
        try:
            meta = marshal.loads(entry[1])
        except Exception:
            return None
        if not isinstance(meta, dict):
            return None
        self._seen[name] = entry
        return meta

    def put(self, name: str, key: StatKey, meta: dict[str, Any]) -> None:
        try:
            blob = marshal.dumps(meta)
        except ValueError:
            # A value marshal cannot hold (a date YAML read from an unquoted 2016-08-07):
            # that article is parsed every time instead.
            return
        entry = (key, blob)
        if self._old.get(name) != entry or not self._racy(key, self.started_ns):
            # New, changed, or verified just now well after its last change: worth writing.
            self._changed = True
        self._seen[name] = entry

    @staticmethod
    def _racy(key: StatKey, as_of_ns: int) -> bool:
        """Changed too close to (or after) the moment it was looked at to be trusted by time
        stamps alone."""
        return key[1] >= as_of_ns - RACY_WINDOW_NS or key[2] >= as_of_ns - RACY_WINDOW_NS

    def save(self) -> None:
        if self.path is None or not (self._changed or self._seen.keys() != self._old.keys()):
            return
        payload = marshal.dumps((self.scope, self.started_ns, self._seen))
        data = MAGIC + zlib.crc32(payload).to_bytes(4, "big") + payload
        # A cache that cannot be written (a read-only repository) only costs speed.
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".front-matter-",
                                             suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                os.replace(temporary, self.path)
            except BaseException:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(temporary)
                raise


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection while building many small containers that hold no cycles:
    the collector would otherwise walk them again and again, doubling the time of a pass."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
