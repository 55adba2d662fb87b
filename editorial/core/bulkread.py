"""Reading many articles at once, on every core the machine lends us.

A listing with cold caches (a fresh clone, a first run after an upgrade) parses the YAML of
every article, nearly all of it in PyYAML's constructor, and fingerprints every source text
to tell which are outdated: the slowest thing a desk does, in a large archive. The articles
are independent, so worker processes share them out (docs/performance.md has the figures).

Only the parsing moves: the caller has already taken each file's stat key (so a file edited
while it is being read is never cached under its newer key), and it alone yields, caches and
reports. An article a worker cannot read is left out of the result, and the caller reads it
again itself, to report the problem exactly as a single-process pass does.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

from editorial.core.article import SOURCE_FILE, load_meta
from editorial.core.listing_cache import Place, marshalled, place_of
from editorial.core.ports import Progress
from editorial.core.quality import fingerprint
from editorial.errors import ConfigError, EditorialError

# The settings, read from the environment by `worker_count` and `parallel_from` alone.
WORKERS_SETTING = "EDITORIAL_WORKERS"
PARALLEL_FROM_SETTING = "EDITORIAL_PARALLEL_FROM"
# Below this many articles to parse, starting worker processes costs more than it saves.
DEFAULT_PARALLEL_FROM = 400
# Chunks per worker: small enough that a worker slowed by other work on the machine does not
# hold up the end, large enough that handing them out costs nothing.
CHUNKS_PER_WORKER = 8


def read_front_matters(articles_dir: Path, names: Sequence[str], *,
                       progress: Progress | None = None) -> dict[str, tuple[Place, bytes]]:
    """The front matter of each article in `names` that could be read, by name, in the form
    the front matter cache keeps (its place, and the marshalled mapping, which crosses from
    a worker far quicker than the mapping itself and is all the caller holds of articles it
    does not show): in worker processes when there are at least `parallel_from()` of them
    and `worker_count()` is more than one, else none (the caller's own pass is then as
    quick). `progress` hears how many are read, a chunk at a time."""
    return _in_workers(_read_chunk, articles_dir, names, progress)


def source_hashes(articles_dir: Path, names: Sequence[str]) -> dict[str, str]:
    """The fingerprint of each article's source text that could be read, by name, as
    `read_front_matters` shares out the work."""
    return _in_workers(_hash_chunk, articles_dir, names)


def worker_count() -> int:
    """How many processes a cold pass parses in: EDITORIAL_WORKERS, 1 meaning this one alone;
    by default one per core this process may use."""
    return _setting(WORKERS_SETTING, usable_cores(), minimum=1)


def parallel_from() -> int:
    """From how many articles to parse a cold pass shares them out among workers:
    EDITORIAL_PARALLEL_FROM, by default 400."""
    return _setting(PARALLEL_FROM_SETTING, DEFAULT_PARALLEL_FROM, minimum=0)


def _setting(name: str, default: int, *, minimum: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        number = minimum - 1
    if number < minimum:
        raise ConfigError(f"{name} is {value!r}: it takes a whole number, {minimum} or more",
                          hint=f"set {name} to a number, or unset it for the default "
                               f"({default} here)")
    return number


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


Found = TypeVar("Found")


def _in_workers(work: Callable[[tuple[str, list[str]]], dict[str, Found]], articles_dir: Path,
                names: Sequence[str], progress: Progress | None = None) -> dict[str, Found]:
    workers = worker_count()
    if workers < 2 or len(names) < parallel_from():
        return {}
    # deferred: start-up time (most commands never need a process pool, and importing one is
    # not free)
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    size = -(-len(names) // (workers * CHUNKS_PER_WORKER))
    chunks = [(str(articles_dir), list(names[start:start + size]))
              for start in range(0, len(names), size)]
    found: dict[str, Found] = {}
    try:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for done, part in enumerate(pool.map(work, chunks), start=1):
                found.update(part)
                if progress is not None:
                    progress(min(done * size, len(names)), len(names))
    except (OSError, ImportError, BrokenProcessPool):
        # No process pool here (some containers lack the semaphores it needs), or a worker
        # died: the workers only ever saved time, and the caller reads what is missing.
        pass
    return found


def _read_chunk(chunk: tuple[str, list[str]]) -> dict[str, tuple[Place, bytes]]:
    articles_dir, names = Path(chunk[0]), chunk[1]
    found: dict[str, tuple[Place, bytes]] = {}
    for name in names:
        try:
            meta = load_meta(articles_dir / name)
        except (EditorialError, OSError):
            continue  # the caller reads it again, and reports it as it always does
        blob = marshalled(meta)
        if blob is not None:  # else the caller reads it again, and does not cache it
            found[name] = (place_of(meta), blob)
    return found


def _hash_chunk(chunk: tuple[str, list[str]]) -> dict[str, str]:
    articles_dir, names = Path(chunk[0]), chunk[1]
    found: dict[str, str] = {}
    for name in names:
        text_hash = fingerprint.file_text_hash(articles_dir / name / SOURCE_FILE)
        if text_hash is not None:
            found[name] = text_hash
    return found


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection while building many small containers that hold no cycles:
    the collector would otherwise walk them again and again, doubling the time of a pass.
    What was built meanwhile is then left out of later collections (`gc.freeze`), or the
    first one after the pause would walk it all once more (docs/performance.md)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.enable()
