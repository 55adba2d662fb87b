"""The translation memory's index: a SQLite file in the git directory, kept up to date.

It lives at `.git/editorial/memory.sqlite`, beside the listing cache, so it is never
committed and belongs to one work tree. Like that cache it is only ever a copy of what the
articles say: each article's row keeps the stat keys of its article.md and source.md, a
digest of both, and when it was last verified. An article whose stat keys are unchanged and
settled (changed more than `listing_cache.RACY_WINDOW_NS` before it was last verified) is not
read at all; one whose keys changed is read, and only when its digest changed too (an edit, a
new publication, a `git checkout` of another state) are its segments worked out again. A
file that cannot be read as this version's index, or that belongs to another newsroom or to
other settings, is thrown away and built again, silently.

A sentence is stored as its paragraph's row, its number in it and the hash of its normalized
text: its texts are cut from the paragraph's when it is read (`segments.sentences`, as when it
was stored): most segments are sentences, and their own texts made the index half as large again.

Besides the segments, the index keeps each paragraph segment's word pairs (`segments.grams`),
so that candidates for a fuzzy match are found by the rarest pairs they share rather than by
scoring every segment of the archive. Sentences are matched exactly only (and found by
`concordance`): their pairs would double the index for matches a whole paragraph rarely has.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import stat
import string
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from editorial.core import frontmatter, listing_cache
from editorial.core.article import ARTICLE_FILE, SOURCE_FILE, format_time, parse_time
from editorial.core.files import read_if_inside
from editorial.core.memory import segments as segmenting
from editorial.core.memory.settings import MemorySettings
from editorial.errors import InvalidDataError

if TYPE_CHECKING:
    from editorial.core.newsroom import Newsroom

FILE = "memory.sqlite"
VERSION = "3"
# The words of the `include` setting (see settings.INCLUDABLE), not stage names.
PUBLISHED = "published"
APPROVE_ACTION = "approve"

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles (id TEXT PRIMARY KEY, stat TEXT NOT NULL, digest TEXT NOT NULL,
                       checked_ns INTEGER NOT NULL);
CREATE TABLE segments (id INTEGER PRIMARY KEY, article TEXT NOT NULL, date TEXT,
                       editor TEXT, paragraph INTEGER NOT NULL, source TEXT NOT NULL,
                       english TEXT NOT NULL, normalized TEXT NOT NULL,
                       exact INTEGER NOT NULL);
CREATE INDEX segments_article ON segments (article);
CREATE INDEX segments_exact ON segments (exact);
CREATE TABLE sentences (id INTEGER PRIMARY KEY, segment INTEGER NOT NULL,
                        sentence INTEGER NOT NULL, exact INTEGER NOT NULL);
CREATE INDEX sentences_segment ON sentences (segment);
CREATE INDEX sentences_exact ON sentences (exact);
CREATE TABLE grams (gram INTEGER NOT NULL, segment INTEGER NOT NULL,
                    PRIMARY KEY (gram, segment)) WITHOUT ROWID;
CREATE TABLE gram_counts (gram INTEGER PRIMARY KEY, segments INTEGER NOT NULL);
"""


@dataclass(frozen=True)
class StoredSegment:
    id: int
    article: str
    date: str | None
    editor: str | None
    kind: str
    paragraph: int
    sentence: int
    source: str
    english: str
    normalized: str


# SQLite takes at most 999 parameters in one statement in older builds.
_PARAMETERS = 900
_COLUMNS = "id, article, date, editor, paragraph, 0, source, english, normalized"
# A paragraph's row with the sentences it holds (none for a paragraph of a single sentence).
_WITH_SENTENCES = ("SELECT p.id, p.article, p.date, p.editor, p.paragraph, p.source, p.english, "
                   "p.normalized, s.id, s.sentence FROM segments AS p "
                   "LEFT JOIN sentences AS s ON s.segment = p.id")
_SENTENCE_COLUMNS = ("s.id, p.article, p.date, p.editor, p.paragraph, s.sentence, p.source, "
                     "p.english, p.normalized")


class Candidate(NamedTuple):
    """A paragraph segment as fuzzy scoring sees it."""

    id: int
    article: str
    normalized: str


@dataclass
class UpdateReport:
    """What bringing the index up to date did: the articles whose segments were worked out
    again (new, changed, or no longer in the memory), and how many were read only to find
    them unchanged."""

    segmented: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    confirmed: int = 0


def index_path(root: Path) -> Path | None:
    git_dir = listing_cache.find_git_dir(root)
    return git_dir / listing_cache.CACHE_DIR / FILE if git_dir is not None else None


class MemoryIndex:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        # The next segment id, and the word pairs of the segments added and removed, during
        # `update`.
        self._next_id = 1
        self._new_grams: list[tuple[int, int]] = []
        self._gone_grams: Counter[int] = Counter()

    @classmethod
    def open(cls, newsroom: Newsroom, settings: MemorySettings) -> MemoryIndex:
        """The index of the newsroom, brought up to date (see `report`)."""
        root = newsroom.root
        path = index_path(root)
        scope = _scope(newsroom, settings)
        index: MemoryIndex | None = None
        if path is not None:
            # A damaged file is removed and built again; one that cannot be written (a
            # read-only repository) gives way to an index in memory: it only costs speed.
            for _ in range(2):
                try:
                    path.parent.mkdir(exist_ok=True)
                    index = cls._connect(str(path), scope)
                    index.report = index.update(newsroom, settings)
                    return index
                except (sqlite3.Error, OSError):
                    if index is not None:
                        index.close()
                        index = None
                    for leftover in (path, path.with_name(FILE + "-journal")):
                        with contextlib.suppress(OSError):
                            leftover.unlink()
        index = cls._connect(":memory:", scope)
        index.report = index.update(newsroom, settings)
        return index

    report: UpdateReport

    @classmethod
    def _connect(cls, where: str, scope: str) -> MemoryIndex:
        # Autocommit mode: `update` opens its own transaction, one for the whole pass.
        connection = sqlite3.connect(where, timeout=30, isolation_level=None)
        index = cls(connection)
        try:
            found = dict(connection.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.OperationalError:
            found = {}
        if found.get("version") != VERSION or found.get("scope") != scope:
            # Another version, another newsroom or other settings: start again.
            tables = [row[0] for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")]
            drops = "".join(f'DROP TABLE "{name}";' for name in tables)
            connection.executescript(f"BEGIN IMMEDIATE;{drops}{_SCHEMA}COMMIT;")
            connection.executemany("INSERT INTO meta VALUES (?, ?)",
                                   [("version", VERSION), ("scope", scope)])
            if tables:
                # Dropped tables leave their pages in the file: an older version's index of
                # a large archive would keep its hundreds of megabytes for good.
                connection.execute("VACUUM")
        return index

    def close(self) -> None:
        self.connection.close()

    # -- keeping it up to date ----------------------------------------------------------

    def update(self, newsroom: Newsroom, settings: MemorySettings) -> UpdateReport:
        report = UpdateReport()
        root = newsroom.root
        articles_dir = root / "articles"
        started_ns = time.time_ns()
        # Read when called, not imported: the window is one setting for every cache.
        window = listing_cache.RACY_WINDOW_NS
        connection = self.connection
        connection.execute("BEGIN IMMEDIATE")
        try:
            known = {row[0]: row[1:] for row in
                     connection.execute("SELECT id, stat, digest, checked_ns FROM articles")}
            # One sequence for paragraphs and sentences: a segment's id names it alone.
            self._next_id = int(connection.execute(
                "SELECT max(coalesce((SELECT max(id) FROM segments), 0), "
                "coalesce((SELECT max(id) FROM sentences), 0)) + 1").fetchone()[0])
            # Written in one go, in key order, at the end: inserting pairs one segment at a
            # time lands all over the table's B-tree, several times slower on a cold build.
            self._new_grams = []
            self._gone_grams = Counter()
            for name, stat_text, newest_ns in _scan(articles_dir):
                row = known.pop(name, None)
                if row is not None and row[0] == stat_text and newest_ns < row[2] - window:
                    continue  # provably as it was when last read
                files = _read(root, articles_dir / name)
                if files is None:
                    if row is not None:
                        known[name] = row  # unreadable now: dropped below, like a gone one
                    continue
                digest = hashlib.sha256(b"\0".join(files)).hexdigest()
                if row is not None and row[1] == digest:
                    report.confirmed += 1
                else:
                    self._forget(name)
                    self._learn(newsroom, name, files, settings)
                    report.segmented.append(name)
                connection.execute("INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?)",
                                   (name, stat_text, digest, started_ns))
            for name in known:
                self._forget(name)
                connection.execute("DELETE FROM articles WHERE id = ?", (name,))
                report.removed.append(name)
            self._new_grams.sort()
            connection.executemany("INSERT INTO grams VALUES (?, ?)", self._new_grams)
            self._count_grams()
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        return report

    def _forget(self, article_id: str) -> None:
        rows = self.connection.execute(
            "SELECT id, normalized FROM segments WHERE article = ?", (article_id,)).fetchall()
        gone = [(gram, segment_id) for segment_id, text in rows
                for gram in segmenting.grams(text)]
        self.connection.executemany("DELETE FROM grams WHERE gram = ? AND segment = ?", gone)
        self._gone_grams.update(gram for gram, _ in gone)
        self.connection.executemany("DELETE FROM sentences WHERE segment = ?",
                                    [(segment_id,) for segment_id, _ in rows])
        self.connection.execute("DELETE FROM segments WHERE article = ?", (article_id,))

    def _learn(self, newsroom: Newsroom, article_id: str, files: tuple[bytes, bytes],
               settings: MemorySettings) -> None:
        article_data, source_data = files
        try:
            article = frontmatter.parse(article_data, path=ARTICLE_FILE)
            source = frontmatter.parse(source_data, path=SOURCE_FILE)
        except InvalidDataError:
            return  # `editorial check` reports it; the memory does without it
        if article.meta.get("id") != article_id:
            return
        date = _included_as_of(newsroom, article.meta, settings.include)
        if date is None:
            return
        editor = article.meta.get("editor")
        editor = editor if isinstance(editor, str) else None
        rows, sentence_rows = [], []
        paragraph_id = 0  # the row of the paragraph the sentences that follow belong to
        for segment in segmenting.segments(source.body, article.body):
            if not segment.normalized:
                continue
            segment_id = self._next_id
            self._next_id += 1
            if segment.kind == segmenting.SENTENCE:
                sentence_rows.append((segment_id, paragraph_id, segment.sentence,
                                      segment.exact_key))
                continue
            paragraph_id = segment_id
            rows.append((segment_id, article_id, date or None, editor, segment.paragraph,
                         segment.source, segment.english, segment.normalized,
                         segment.exact_key))
            self._new_grams.extend((gram, segment_id)
                                   for gram in segmenting.grams(segment.normalized))
        self.connection.executemany(
            "INSERT INTO segments VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        self.connection.executemany("INSERT INTO sentences VALUES (?, ?, ?, ?)",
                                    sentence_rows)

    def _count_grams(self) -> None:
        """Bring each word pair's count of segments up to date with the pairs added and
        removed by this pass: `candidates` reads one row per pair instead of counting."""
        change = Counter(gram for gram, _ in self._new_grams)
        change.subtract(self._gone_grams)
        self.connection.executemany(
            "INSERT INTO gram_counts VALUES (?, ?) ON CONFLICT (gram) DO UPDATE "
            "SET segments = segments + excluded.segments",
            sorted((gram, delta) for gram, delta in change.items() if delta))
        self.connection.executemany(
            "DELETE FROM gram_counts WHERE gram = ? AND segments <= 0",
            [(gram,) for gram, delta in change.items() if delta < 0])

    # -- asking it -------------------------------------------------------------------------

    def segment_count(self) -> int:
        return int(self.connection.execute(
            "SELECT (SELECT count(*) FROM segments) + (SELECT count(*) FROM sentences)"
        ).fetchone()[0])

    def exact(self, text: str) -> list[StoredSegment]:
        wanted = segmenting.normalized(text)
        key = (segmenting.exact_key_of(wanted),)
        rows = [*self.connection.execute(f"SELECT {_COLUMNS} FROM segments WHERE exact = ?",
                                         key),
                *self.connection.execute(
                    f"SELECT {_SENTENCE_COLUMNS} FROM sentences AS s JOIN segments AS p "
                    "ON p.id = s.segment WHERE s.exact = ?", key)]
        return [segment for segment in _segments(rows) if segment.normalized == wanted]

    def candidates(self, normalized_text: str, *, rarest: int = 8,
                   limit: int = 200) -> list[Candidate]:
        """Segments sharing at least one of the text's `rarest` word pairs, those sharing
        most first: the prefilter before fuzzy scoring. Only what scoring needs is read;
        `by_ids` reads the few that score well."""
        wanted = sorted(segmenting.grams(normalized_text))
        # Counted when the index is updated: counting the postings of every pair of every
        # paragraph asked about took most of a warm `tm` in a large archive.
        counts: list[tuple[int, int]] = []
        for start in range(0, len(wanted), _PARAMETERS):
            chunk = wanted[start:start + _PARAMETERS]
            counts.extend(self.connection.execute(
                "SELECT segments, gram FROM gram_counts WHERE gram IN "
                f"({','.join('?' * len(chunk))})", chunk))
        rare = [gram for _, gram in sorted(counts)[:rarest]]
        if not rare:
            return []
        marks = ",".join("?" * len(rare))
        return [Candidate(*row) for row in self.connection.execute(
            "SELECT id, article, normalized FROM segments JOIN "
            f"(SELECT segment, count(*) AS shared FROM grams WHERE gram IN ({marks}) "
            "GROUP BY segment ORDER BY shared DESC, segment LIMIT ?) ON id = segment "
            "ORDER BY shared DESC, segment", [*rare, limit])]

    def by_ids(self, ids: Sequence[int]) -> list[StoredSegment]:
        found: list[StoredSegment] = []
        for start in range(0, len(ids), _PARAMETERS):
            chunk = list(ids[start:start + _PARAMETERS])
            found.extend(_segments(self.connection.execute(
                f"SELECT {_COLUMNS} FROM segments WHERE id IN ({','.join('?' * len(chunk))})",
                chunk)))
        return found

    def containing_source(self, normalized_phrase: str) -> list[StoredSegment]:
        """Segments whose normalized source holds the phrase, newest first."""
        return _newest_first(
            segment for segment in self._with_sentences(
                "WHERE instr(p.normalized, ?) > 0", normalized_phrase)
            if normalized_phrase in segment.normalized)

    def containing_english(self, phrase: str) -> list[StoredSegment]:
        """Segments whose English may hold the phrase (LIKE ignores ASCII case only: the
        caller confirms each), newest first."""
        escaped = phrase.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        wanted = phrase.translate(_ASCII_LOWER)
        return _newest_first(
            segment for segment in self._with_sentences(
                "WHERE p.english LIKE ? ESCAPE '\\'", f"%{escaped}%")
            if wanted in segment.english.translate(_ASCII_LOWER))

    def _with_sentences(self, where: str, value: str) -> Iterator[StoredSegment]:
        """The paragraphs the condition picks, each followed by its sentences: a sentence
        holds the phrase only if its paragraph does."""
        seen: set[int] = set()
        for (segment_id, article, date, editor, paragraph, source, english, normalized,
             sentence_id, sentence) in self.connection.execute(f"{_WITH_SENTENCES} {where}",
                                                               (value,)):
            if segment_id not in seen:
                seen.add(segment_id)
                yield StoredSegment(segment_id, article, date, editor, segmenting.PARAGRAPH,
                                    paragraph, 0, source, english, normalized)
            if sentence_id is not None:
                yield _sentence(sentence_id, article, date, editor, paragraph, sentence,
                                source, english)


# What LIKE compares: ASCII letters in either case alike, every other character as it is.
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def _newest_first(found: Iterable[StoredSegment]) -> list[StoredSegment]:
    ordered = sorted(found, key=lambda segment: (segment.article, segment.paragraph,
                                                 segment.sentence))
    ordered.sort(key=lambda segment: segment.date or "", reverse=True)
    return ordered


def _segments(rows: Iterable[Any]) -> Iterator[StoredSegment]:
    for (segment_id, article, date, editor, paragraph, sentence, source, english,
         normalized) in rows:
        if sentence:
            yield _sentence(segment_id, article, date, editor, paragraph, sentence, source,
                            english)
        else:
            yield StoredSegment(segment_id, article, date, editor, segmenting.PARAGRAPH,
                                paragraph, 0, source, english, normalized)


def _sentence(segment_id: int, article: str, date: str | None, editor: str | None,
              paragraph: int, sentence: int, source: str, english: str) -> StoredSegment:
    """A sentence segment, its texts cut from its paragraph's as they were when stored."""
    one_source = segmenting.sentences(source)[sentence - 1]
    one_english = segmenting.sentences(english)[sentence - 1]
    return StoredSegment(segment_id, article, date, editor, segmenting.SENTENCE, paragraph,
                         sentence, one_source, one_english, segmenting.normalized(one_source))


def _scope(newsroom: Newsroom, settings: MemorySettings) -> str:
    """What the whole index was built under: which articles it holds depends on the desk's
    `include` setting and on which stages its workflows call live and terminal, so a change
    to either (a workflow file renaming its live stage) builds it anew."""
    meanings = sorted((name, phases.live, sorted(phases.terminal))
                      for name, phases in newsroom.stage_meanings().items())
    return f"{newsroom.root.resolve()}\n{','.join(sorted(settings.include))}\n{meanings!r}"


def _scan(articles_dir: Path) -> Iterator[tuple[str, str, int]]:
    """Each article folder's name, the stat keys of its article.md and source.md as text,
    and the latest time either changed. Links are never followed: such an article is left
    out, as `editorial check` reports it."""
    try:
        entries = sorted(entry.name for entry in os.scandir(articles_dir)
                         if not entry.is_symlink())
    except (FileNotFoundError, NotADirectoryError):
        return
    # Paths joined and stat keys written as text directly: building two `Path`s and two key
    # tuples per article took most of a warm `tm`'s check of 10,000 articles.
    prefix = os.path.join(articles_dir, "")
    for name in entries:
        try:
            article = os.lstat(f"{prefix}{name}/{ARTICLE_FILE}")
            source = os.lstat(f"{prefix}{name}/{SOURCE_FILE}")
        except OSError:
            continue
        if stat.S_ISREG(article.st_mode) and stat.S_ISREG(source.st_mode):
            yield (name, f"{_stat_text(article)}/{_stat_text(source)}",
                   max(article.st_mtime_ns, article.st_ctime_ns, source.st_mtime_ns,
                       source.st_ctime_ns))


def _stat_text(status: os.stat_result) -> str:
    """`listing_cache.stat_key`, as text."""
    return (f"{status.st_size}:{status.st_mtime_ns}:{status.st_ctime_ns}:{status.st_ino}:"
            f"{status.st_dev}")


def _read(root: Path, folder: Path) -> tuple[bytes, bytes] | None:
    article = read_if_inside(root, folder / ARTICLE_FILE)
    source = read_if_inside(root, folder / SOURCE_FILE)
    return (article, source) if article is not None and source is not None else None


def _included_as_of(newsroom: Newsroom, meta: dict[str, Any],
                    include: Sequence[str]) -> str | None:
    """When the article entered the memory under the desk's `include` setting (its
    publication, or its approval), as stored; "" when it is in but undated; None when it
    is not in. Live and terminal are what the article's own workflow says they are."""
    live = newsroom.is_live(meta)
    if PUBLISHED in include and live:
        return _stored_time(meta.get("published_at"))
    # An approval no longer vouches for an article once it is live or its life has ended.
    if "approved" in include and not live and not newsroom.is_terminal(meta):
        history = meta.get("history")
        for entry in reversed(history if isinstance(history, list) else []):
            if isinstance(entry, dict) and entry.get("action") == APPROVE_ACTION:
                return _stored_time(entry.get("at"))
    return None


def _stored_time(value: object) -> str:
    moment = parse_time(value)
    return format_time(moment) if moment is not None else ""
