"""What a listing derives from each article's files, kept so that the next listing need not
read them again: each article's parsed front matter, and its source text's fingerprint.

It is an SQLite database in the repository's git directory (`.git/editorial/listing-v3.sqlite3`),
outside the tracked tree, so it is never committed, never shows in `git status`, and belongs
to one work tree. It is only ever a copy. A row is served only when

- the file's size, modification time, change time, inode and device (its stat key) are
  exactly those the row was parsed under: an edit, a replacement by a file of the same size
  and time, a `git checkout` or a rebase each change at least one; and
- the file's modification and change times are older, by more than `RACY_WINDOW_NS`, than the
  moment the row's pass began looking at the files: a file edited again within the same
  clock tick as that look keeps its stat key, so it is parsed again rather than trusted (the
  problem git calls "racy").

Each row carries its own stat key and its own moment of looking, so rows written by different
passes, or by processes running at once, never vouch for one another. A pass writes in one
transaction: a reader never sees half of a pass. A file that is no database, is damaged,
belongs to another version (`PRAGMA user_version`) or to another newsroom sharing the git
directory, is emptied and rebuilt silently. One that cannot be written (a read-only
repository, a long lock by another process) only costs speed.

Front matter is kept `marshal`led (plain data only; it cannot name code to run) beside its
`stage` and `workflow`, which is what a listing filters by. A pass over every article reads
each row's head (stat key, moment, place) in one transaction, and then the data of only the
rows it shows, in one more (`fetch`): a row it hides is never read further. Two checksums
stand in for what SQLite does not check, a changed value inside a sound page: one over the
head, one over the data bound to that head, so that data read after its head is served only
if it is that head's. A row that fails either is treated as missing.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sqlite3
import struct
import sys
import time
import zlib
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

CACHE_DIR = "editorial"
CACHE_FILE = "listing-v3.sqlite3"
# The kinds of rows the database holds, one table each.
FRONT_MATTER = "front_matter"
SOURCE_TEXT = "source_text"
KINDS = (FRONT_MATTER, SOURCE_TEXT)
# Raised whenever the tables change shape: a database of another version is rebuilt.
SCHEMA_VERSION = 3
# Longer than any file system's time stamp granularity (FAT has 2 s).
RACY_WINDOW_NS = 2_000_000_000
# How many names one query of a partial pass asks for: well under SQLite's oldest limit
# on a statement's parameters (999).
NAMES_PER_QUERY = 500
# How long a pass waits for another process's write before giving up its own (seconds).
BUSY_TIMEOUT = 2.0
# What SQLite says of a database that is not one, is damaged, or lacks this version's
# tables: such a one is removed and made anew. Anything else (locked for too long,
# read-only, a full disk) leaves it as it is, for a later pass.
DAMAGED = frozenset({"SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_ERROR", "SQLITE_SCHEMA",
                     "SQLITE_MISMATCH"})

# size, mtime_ns, ctime_ns, inode, device: any edit, replace, checkout or rebase changes one.
StatKey = tuple[int, int, int, int, int]
# A stat key as a row keeps it: inode and device can exceed SQLite's signed 64-bit integers.
_KEY = struct.Struct("<qqqQQ")
# The front matter's `stage` and `workflow` where they are strings: what a listing filters by.
Place = tuple[str | None, str | None]
# What `lookup` serves: the row's place, and its name for `unpack`.
Entry = tuple[str | None, str | None, str]
# A row as a pass holds it, without its data: what `lookup` checks.
Head = tuple[bytes, int, str | None, str | None, int]

# What a pass reads of every row; the data comes last in the table, so that reading the
# rest never walks the pages it fills.
_HEAD = "name, stat, looked_ns, stage, workflow, head_checksum"
_COLUMNS = f"{_HEAD}, checksum, data"


def stat_key(status: os.stat_result) -> StatKey:
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino,
            status.st_dev)


def place_of(meta: dict[str, Any]) -> Place:
    stage, workflow = meta.get("stage"), meta.get("workflow")
    # Interned: thousands of rows name the same few stages.
    return (sys.intern(stage) if isinstance(stage, str) else None,
            sys.intern(workflow) if isinstance(workflow, str) else None)


def marshalled(meta: dict[str, Any]) -> bytes | None:
    """Front matter as the cache keeps it; None for a value marshal cannot hold (a date YAML
    read from an unquoted 2016-08-07), whose article is then parsed every time instead."""
    try:
        return marshal.dumps(meta)
    except ValueError:
        return None


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


def _rows_named(connection: sqlite3.Connection, query: str, names: Sequence[str]) -> list[Any]:
    """The rows of `query` whose name is one of `names`, asked for in groups small enough for
    SQLite's limit on a statement's parameters."""
    rows: list[Any] = []
    for start in range(0, len(names), NAMES_PER_QUERY):
        group = names[start:start + NAMES_PER_QUERY]
        rows += connection.execute(f"{query} WHERE name IN ({', '.join('?' * len(group))})",
                                   group).fetchall()
    return rows


def _head_checksum(stat: bytes, looked_ns: int, stage: str | None, workflow: str | None) -> int:
    """What a row's key, moment and place must hash to: SQLite notices a damaged page, not a
    changed value, and a wrong stage would hide an article from a listing. `%r` tells None
    from 'None'."""
    return zlib.crc32(b"%s%d%r\0%r" % (stat, looked_ns, stage, workflow))


def _checksum(head_checksum: int, data: bytes) -> int:
    """What a row's data must hash to: bound to its head, so that data read in a later
    transaction than the head is served only if it is that head's."""
    return zlib.crc32(data, head_checksum)


class ListingCache:
    """The rows of one kind, by article folder name, for one pass over the newsroom.

    `lookup` serves a row only when its file is provably as it was when it was parsed, and
    `unpack` its data; `get` does both; `put` records a fresh parse; `save` writes this
    pass's fresh rows in one transaction (and, after a pass over every article, drops the
    rows of articles that are gone).
    """

    def __init__(self, path: Path | None, kind: str, scope: str, looked_ns: int) -> None:
        assert kind in KINDS, kind
        self.path = path
        self.kind = kind
        self.scope = scope
        # When this pass began looking at the files: taken before any is read.
        self.looked_ns = looked_ns
        self._rows: dict[str, Head] = {}
        # The data of the rows `fetch` read, verified.
        self._data: dict[str, bytes] = {}
        # Until the database is read and found to be this newsroom's, its rows are not.
        self._same_scope = False
        self._served: set[str] = set()
        self._fresh: dict[str, tuple[bytes, Place, bytes]] = {}
        # Whether this pass read every row, and so may drop those it did not see.
        self._complete = True

    @classmethod
    def open(cls, root: Path, kind: str = FRONT_MATTER, *, names: Sequence[str] | None = None,
             looked_ns: int | None = None) -> ListingCache:
        """The cache of `root`'s newsroom, read: every row, or only those of `names` (a pass
        over some articles, which drops no row). `looked_ns` says when the files were looked
        at, for the rows this pass writes (default: now)."""
        git_dir = find_git_dir(root)
        cache = cls(git_dir / CACHE_DIR / CACHE_FILE if git_dir else None, kind, str(root),
                    time.time_ns() if looked_ns is None else looked_ns)
        cache._load(names)
        return cache

    def _load(self, names: Sequence[str] | None) -> None:
        self._complete = names is None
        connection = self._connect()
        if connection is None:
            return
        # A pass over every article reads the rows' heads, and `fetch` the data of those it
        # shows; one over some reads all of theirs.
        query = f"SELECT {_HEAD if names is None else _COLUMNS} FROM {self.kind}"
        try:
            with contextlib.closing(connection):
                connection.execute("BEGIN")  # every read from one snapshot
                scope = connection.execute("SELECT root FROM scope").fetchone()
                rows = (connection.execute(query).fetchall() if names is None
                        else _rows_named(connection, query, names))
        except sqlite3.Error as error:
            if _damaged(error):  # in a way only reading it shows
                self._discard()
            return
        self._same_scope = scope is not None and scope[0] == self.scope
        if not self._same_scope:
            return  # a new database, or another newsroom's rows: emptied when this pass saves
        for name, stat, looked_ns, stage, workflow, head_checksum, *rest in rows:
            if head_checksum == _head_checksum(stat, looked_ns, stage, workflow):
                self._rows[name] = (stat, looked_ns, stage, workflow, head_checksum)
                if rest and rest[0] == _checksum(head_checksum, rest[1]):
                    self._data[name] = rest[1]

    def fetch(self, names: Collection[str]) -> None:
        """Read the data of the rows of `names` in one transaction: what a pass over every
        article does for the rows it unpacks, before it unpacks them."""
        wanted = [name for name in names if name in self._rows and name not in self._data]
        connection = self._connect() if wanted else None
        if connection is None:
            return
        query = f"SELECT name, checksum, data FROM {self.kind}"
        try:
            with contextlib.closing(connection):
                connection.execute("BEGIN")
                # Most of them: one pass over the table.
                rows = (connection.execute(query).fetchall() if len(wanted) * 2 > len(self._rows)
                        else _rows_named(connection, query, wanted))
        except sqlite3.Error:
            return  # the rows are parsed again; a damaged database is rebuilt on `save`
        for name, checksum, data in rows:
            head = self._rows.get(name)
            if head is not None and checksum == _checksum(head[4], data):
                self._data[name] = data

    def _connect(self) -> sqlite3.Connection | None:
        """A connection to the database, made into one of this version when it is not;
        None when there is none to be had."""
        if self.path is None:
            return None
        for attempt in range(2):
            try:
                self.path.parent.mkdir(exist_ok=True)
                # Transactions are begun and committed explicitly.
                connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT,
                                             isolation_level=None)
            except (OSError, sqlite3.Error):
                return None  # a folder where the file should be, a read-only repository
            try:
                if connection.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                    _create(connection)
                return connection
            except sqlite3.Error as error:
                connection.close()
                if not _damaged(error):
                    return None  # no cache this time
                if attempt == 0:
                    self._discard()
        return None

    def _discard(self) -> None:
        """Remove the database and its journals, so that the next connection makes it anew."""
        assert self.path is not None
        for suffix in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(OSError):
                os.unlink(f"{self.path}{suffix}")

    def lookup(self, name: str, key: StatKey) -> Entry | None:
        """The row of `name` if its file is provably as it was when it was parsed."""
        row = self._rows.get(name)
        if row is None:
            return None
        stat, looked_ns, stage, workflow, _ = row
        settled_before = looked_ns - RACY_WINDOW_NS
        if key[1] >= settled_before or key[2] >= settled_before or _packed(key) != stat:
            return None
        self._served.add(name)
        return stage, workflow, name

    def unpack(self, entry: Entry) -> dict[str, Any] | None:
        """The data of a row `lookup` served (read now if `fetch` did not); None if it cannot
        be read, or does not read back as a mapping."""
        name = entry[2]
        if name not in self._data:
            self.fetch([name])
        data = self._data.get(name)
        if data is None:
            return None
        try:
            meta = marshal.loads(data)
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
        """`put` of data already marshalled, with its place."""
        packed = _packed(key)
        if packed is not None:  # else a stat no row can hold: read every time
            self._fresh[name] = (packed, place, blob)

    def save(self) -> None:
        """Write this pass's fresh rows, in one transaction. After a pass over every article,
        the rows it neither served nor refreshed (deleted articles, and those that could not
        be read) are dropped; a pass over some leaves the others as they are."""
        gone = self._rows.keys() - self._served - self._fresh.keys() if self._complete else set()
        if not (self._fresh or gone) and self._same_scope:
            return  # a listing where nothing changed writes nothing
        connection = self._connect()
        if connection is None:
            return
        rows = []
        for name, (stat, place, data) in self._fresh.items():
            head_checksum = _head_checksum(stat, self.looked_ns, *place)
            rows.append((name, stat, self.looked_ns, *place, head_checksum,
                         _checksum(head_checksum, data), data))
        # A cache that cannot be written only costs speed.
        with contextlib.closing(connection), contextlib.suppress(sqlite3.Error):
            connection.execute("BEGIN IMMEDIATE")
            try:
                # Checked again under the write lock: another pass over this newsroom may
                # have made the database its own since this one read it.
                if not self._same_scope and connection.execute(
                        "SELECT root FROM scope").fetchone() != (self.scope,):
                    for kind in KINDS:
                        connection.execute(f"DELETE FROM {kind}")
                    connection.execute("DELETE FROM scope")
                    connection.execute("INSERT INTO scope VALUES (?)", (self.scope,))
                connection.executemany(f"DELETE FROM {self.kind} WHERE name = ?",
                                       ((name,) for name in gone))
                connection.executemany(f"INSERT OR REPLACE INTO {self.kind} ({_COLUMNS}) "
                                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")


def _create(connection: sqlite3.Connection) -> None:
    """Make the database one of this version: its tables, empty. Another process may be
    doing the same: the version is checked again once the write lock is held."""
    # Readers are never held up by a writer (and the mode must be set outside a transaction).
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("BEGIN IMMEDIATE")
    try:
        if connection.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            for kind in (*KINDS, "scope"):
                connection.execute(f"DROP TABLE IF EXISTS {kind}")
            for kind in KINDS:
                connection.execute(
                    f"CREATE TABLE {kind} (name TEXT PRIMARY KEY, stat BLOB NOT NULL, "
                    "looked_ns INTEGER NOT NULL, stage TEXT, workflow TEXT, "
                    "head_checksum INTEGER NOT NULL, checksum INTEGER NOT NULL, "
                    "data BLOB NOT NULL)")
            connection.execute("CREATE TABLE scope (root TEXT NOT NULL)")
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def _damaged(error: sqlite3.Error) -> bool:
    # One SQLite did not name (the sqlite3 module raises some of its own, as over a flipped
    # byte) counts as damage: rebuilding costs one slow pass, keeping what cannot be read
    # would cost every pass.
    return getattr(error, "sqlite_errorname", None) in DAMAGED | {None}


def _packed(key: StatKey) -> bytes | None:
    try:
        return _KEY.pack(*key)
    except struct.error:  # outside 64 bits: not a stat any file system gives today
        return None
