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
string and a CRC of the index. The index maps each article to its stat key, its stage and
workflow, and where its marshalled front matter lies in the region of blobs that follows,
with that blob's own CRC. A pass reads the index (plain strings and numbers, cheap for 50,000
articles) and unpacks, through a memory map, the front matter only of the articles it needs:
a listing decides from the stage and workflow which articles it shows, and in an archive
most are published and hidden, so most of the file is never read.
"""

from __future__ import annotations

import array
import contextlib
import gc
import marshal
import mmap
import os
import struct
import sys
import time
import zlib
from collections.abc import Iterator, Sequence
from operator import itemgetter
from pathlib import Path
from typing import Any

from editorial.core.files import create_unique

CACHE_DIR = "editorial"
CACHE_FILE = "front-matter-v1.cache"
# The same kind of cache, holding each source text's fingerprint (see Newsroom.source_hashes);
# v2 since fingerprints read Eastern Arabic digits as Western ones.
SOURCE_HASH_FILE = "source-text-v3.cache"
MAGIC = b"editorial-fm-4\n"
# Longer than any file system's time stamp granularity (FAT has 2 s).
RACY_WINDOW_NS = 2_000_000_000

# size, mtime_ns, ctime_ns, inode, device: any edit, replace, checkout or rebase changes one.
StatKey = tuple[int, int, int, int, int]
# How a stat key is kept in the index: little-endian, whatever machine wrote it.
_KEY = struct.Struct("<qqqQQ")
# The front matter's `stage` and `workflow` where they are strings: what a listing filters by.
Place = tuple[str | None, str | None]
# What `lookup` serves: the entry's place, and its position in the index.
Entry = tuple[str | None, str | None, int]
# An entry parsed during this pass: its packed stat key, its place and its marshalled front
# matter.
FreshEntry = tuple[bytes, Place, bytes]
# Bytes of the index's length, after the magic and the index's CRC.
INDEX_LENGTH_SIZE = 8
HEADER_SIZE = len(MAGIC) + 4 + INDEX_LENGTH_SIZE


def stat_key(status: os.stat_result) -> StatKey:
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino,
            status.st_dev)


def place_of(meta: dict[str, Any]) -> Place:
    stage, workflow = meta.get("stage"), meta.get("workflow")
    # Interned, so that marshal writes each distinct name once and reads it back as one.
    return (sys.intern(stage) if isinstance(stage, str) else None,
            sys.intern(workflow) if isinstance(workflow, str) else None)


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

    `lookup` serves an entry only when it is verified, and `unpack` its front matter; `get`
    does both; `put` records a fresh parse; `save` writes the entries seen during this pass
    (articles that are gone are dropped) when anything changed, atomically. Opened on
    another file, the same machinery keeps other data derived from one file per article.

    The index is kept in columns (names, packed stat keys, places, blob offsets and CRCs),
    which load in a few milliseconds for 50,000 articles where a tuple per entry took a
    tenth of a second.
    """

    def __init__(self, path: Path | None, scope: str) -> None:
        self.path = path
        self.scope = scope
        self.started_ns = time.time_ns()
        self._names: list[str] = []
        self._positions: dict[str, int] = {}
        self._keys = b""
        self._places: list[Place] = []
        self._place_ids = array.array("H")
        self._offsets = array.array("Q", [0])
        self._crcs = array.array("I")
        # The file, mapped: only the pages of the blobs a pass unpacks are ever read.
        self._old_blobs: mmap.mmap | None = None
        self._blobs_start = 0
        # Entries older than this are settled: changed well before they were last verified.
        self._settled_before_ns = -RACY_WINDOW_NS
        self._seen: dict[str, int] = {}
        self._fresh: dict[str, FreshEntry] = {}
        self._changed = False

    @classmethod
    def open(cls, root: Path, file_name: str = CACHE_FILE) -> FrontMatterCache:
        git_dir = find_git_dir(root)
        cache = cls(git_dir / CACHE_DIR / file_name if git_dir else None, str(root))
        cache._load()
        return cache

    def _load(self) -> None:
        if self.path is None:
            return
        try:
            with open(self.path, "rb") as handle:
                mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):  # missing, unreadable, or empty (which cannot be mapped)
            self._changed = True
            return
        try:
            head = mapped[:HEADER_SIZE]
            index_end = HEADER_SIZE + int.from_bytes(head[-INDEX_LENGTH_SIZE:], "big")
            index = mapped[HEADER_SIZE:index_end]
            if (head[:len(MAGIC)] != MAGIC or len(index) != index_end - HEADER_SIZE
                    or zlib.crc32(index).to_bytes(4, "big") != head[len(MAGIC):len(MAGIC) + 4]):
                raise ValueError("not a front matter cache of this version")
            scope, as_of_ns, names, keys, places, place_ids, offsets, crcs = marshal.loads(index)
            count = len(names)
            columns = (_array("H", place_ids), _array("Q", offsets), _array("I", crcs))
            if (scope != self.scope or not isinstance(as_of_ns, int)
                    or len(keys) != count * _KEY.size
                    or [len(column) for column in columns] != [count, count + 1, count]
                    or max(columns[0], default=-1) >= len(places)):
                raise ValueError("another newsroom's cache, or a damaged one")
        except Exception:
            # Corrupt, truncated, another format or another newsroom: start again.
            mapped.close()
            self._changed = True
            return
        self._names = names
        self._positions = dict(zip(names, range(count), strict=True))
        self._keys, self._places = keys, places
        self._place_ids, self._offsets, self._crcs = columns
        self._old_blobs = mapped
        self._blobs_start = index_end
        self._settled_before_ns = as_of_ns - RACY_WINDOW_NS

    def _old_blob(self, position: int) -> bytes | None:
        """An entry's marshalled front matter as the file holds it, if its CRC says it is
        intact."""
        if self._old_blobs is None:
            return None
        start = self._blobs_start + self._offsets[position]
        blob = self._old_blobs[start:self._blobs_start + self._offsets[position + 1]]
        return blob if zlib.crc32(blob) == self._crcs[position] else None

    def _old_key(self, position: int) -> bytes:
        return self._keys[position * _KEY.size:(position + 1) * _KEY.size]

    def lookup_all(self, scanned: Sequence[tuple[str, StatKey]]) -> list[Entry | None]:
        """`lookup` of every (name, key), in order. When the articles and their stat keys
        are those of the index, in its order, and all settled (a listing where nothing
        changed since the last), that is a few comparisons of whole lists, not a lookup per
        article."""
        count = len(scanned)
        if count == len(self._names) and count:
            keys = list(map(itemgetter(1), scanned))
            if (list(map(itemgetter(0), scanned)) == self._names
                    and max(map(max, map(itemgetter(1, 2), keys))) < self._settled_before_ns
                    and keys == list(_KEY.iter_unpack(self._keys))):
                self._seen = self._positions.copy()
                places = self._places
                return [(*places[place_id], position)
                        for position, place_id in enumerate(self._place_ids)]
        return [self.lookup(name, key) for name, key in scanned]

    def lookup(self, name: str, key: StatKey) -> Entry | None:
        """The entry of `name` if its file is provably as it was when it was parsed."""
        position = self._positions.get(name)
        if (position is None or key[1] >= self._settled_before_ns
                or key[2] >= self._settled_before_ns or _packed(key) != self._old_key(position)):
            return None
        self._seen[name] = position
        stage, workflow = self._places[self._place_ids[position]]
        return stage, workflow, position

    def unpack(self, entry: Entry) -> dict[str, Any] | None:
        """The front matter of an entry `lookup` served, or None if its blob is damaged."""
        blob = self._old_blob(entry[2])
        try:
            meta = marshal.loads(blob) if blob is not None else None
        except Exception:
            return None
        return meta if isinstance(meta, dict) else None

    def get(self, name: str, key: StatKey) -> dict[str, Any] | None:
        entry = self.lookup(name, key)
        return self.unpack(entry) if entry is not None else None

    def put(self, name: str, key: StatKey, meta: dict[str, Any]) -> None:
        blob = marshalled(meta)
        if blob is not None:
            self.put_blob(name, key, place_of(meta), blob)

    def put_blob(self, name: str, key: StatKey, place: Place, blob: bytes) -> None:
        """`put` of front matter already marshalled, with its place."""
        packed = _packed(key)
        if packed is None:
            return  # a stat the index cannot hold: read every time
        position = self._positions.get(name)
        unchanged = (position is not None and self._old_key(position) == packed
                     and self._places[self._place_ids[position]] == place
                     and self._old_blob(position) == blob)
        if not unchanged or not self._racy(key, self.started_ns):
            # New, changed, or verified just now well after its last change: worth writing.
            self._changed = True
        self._seen.pop(name, None)
        self._fresh[name] = (packed, place, blob)

    @staticmethod
    def _racy(key: StatKey, as_of_ns: int) -> bool:
        """Changed too close to (or after) the moment it was looked at to be trusted by time
        stamps alone."""
        return key[1] >= as_of_ns - RACY_WINDOW_NS or key[2] >= as_of_ns - RACY_WINDOW_NS

    def save(self, *, complete: bool = True) -> None:
        """Write the entries of this pass, atomically, when anything changed. A `complete`
        pass looked at every article, and the entries of those it did not see (deleted
        articles) are dropped; a partial one keeps them as they were (they are verified when
        next looked up)."""
        try:
            data = self._contents(complete)
        finally:
            # Unmapped before the file is replaced, which some systems refuse while mapped.
            if self._old_blobs is not None:
                self._old_blobs.close()
                self._old_blobs = None
        if self.path is None or data is None:
            return
        # A cache that cannot be written (a read-only repository) only costs speed.
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(exist_ok=True)
            fd, temporary = create_unique(self.path.parent, ".front-matter-", ".tmp")
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                os.replace(temporary, self.path)
            except BaseException:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(temporary)
                raise

    def _contents(self, complete: bool) -> bytes | None:
        """The file to write, or None when it would hold what it holds already."""
        if self.path is None:
            return None
        if complete:
            # `_seen` holds old entries only, and `put` takes a name out of it: the pass saw
            # exactly the old articles when the counts agree and every fresh one is old.
            same_articles = (len(self._seen) + len(self._fresh) == len(self._positions)
                             and all(name in self._positions for name in self._fresh))
            if not self._changed and same_articles:
                return None
        else:
            if not self._changed:
                return None
            kept = self._seen.keys() | self._fresh.keys()
            self._seen.update((name, position) for name, position in self._positions.items()
                              if name not in kept)
        names: list[str] = []
        keys: list[bytes] = []
        place_ids = array.array("H")
        places: dict[Place, int] = {}
        offsets = array.array("Q", [0])
        crcs = array.array("I")
        blobs: list[bytes] = []

        def add(name: str, key: bytes, place: Place, blob: bytes, crc: int) -> None:
            if place not in places and len(places) == 2**16:
                return  # more stages than a place id can number: that one is read every time
            names.append(name)
            keys.append(key)
            place_ids.append(places.setdefault(place, len(places)))
            blobs.append(blob)
            offsets.append(offsets[-1] + len(blob))
            crcs.append(crc)

        # By name, the order of a listing's scan, so that `lookup_all` can take them whole.
        for name in sorted(self._seen.keys() | self._fresh.keys()):
            if name in self._fresh:
                packed, place, blob = self._fresh[name]
                add(name, packed, place, blob, zlib.crc32(blob))
                continue
            position = self._seen[name]
            old_blob = self._old_blob(position)
            if old_blob is not None:  # a damaged one is parsed again next time
                add(name, self._old_key(position), self._places[self._place_ids[position]],
                    old_blob, self._crcs[position])
        header = marshal.dumps((self.scope, self.started_ns, names, b"".join(keys),
                                list(places), _bytes(place_ids), _bytes(offsets),
                                _bytes(crcs)))
        return b"".join([MAGIC, zlib.crc32(header).to_bytes(4, "big"),
                         len(header).to_bytes(INDEX_LENGTH_SIZE, "big"), header, *blobs])


def marshalled(meta: dict[str, Any]) -> bytes | None:
    """Front matter as the cache keeps it; None for a value marshal cannot hold (a date YAML
    read from an unquoted 2016-08-07), whose article is then parsed every time instead."""
    try:
        return marshal.dumps(meta)
    except ValueError:
        return None


def _packed(key: StatKey) -> bytes | None:
    try:
        return _KEY.pack(*key)
    except struct.error:  # outside 64 bits: not a stat any file system gives today
        return None


def _array(typecode: str, data: bytes) -> array.array[int]:
    """A column read back: stored little-endian, whatever machine wrote it."""
    column = array.array(typecode)
    column.frombytes(data)
    if sys.byteorder == "big":
        column.byteswap()
    return column


def _bytes(column: array.array[int]) -> bytes:
    if sys.byteorder == "big":
        column = array.array(column.typecode, column)
        column.byteswap()
    return column.tobytes()


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection while building many small containers that hold no cycles:
    the collector would otherwise walk them again and again, doubling the time of a pass.
    What was built meanwhile is then left out of later collections (`gc.freeze`), or the
    first one after the pause would walk it all once more: 60 ms at 50,000 articles."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.enable()
