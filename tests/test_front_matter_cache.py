"""The listing cache never changes what status shows: every way a file can change under it is
caught, and a missing or broken cache is rebuilt without a word."""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from editorial.core import listing_cache
from editorial.core.listing_cache import SOURCE_TEXT, ListingCache, stat_key
from testing.newsroom import Newsroom, built_once, git

# How every SQLite database file begins.
SQLITE_HEADER = b"SQLite format 3\x00"

# Long enough to cover the kernel's time stamp tick, short enough to wait out in a test.
SHORT_WINDOW_NS = 200_000_000


@pytest.fixture
def short_window(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Files count as settled 0.2 s after a change instead of 2 s, so tests can wait for the
    cache to be trusted and so prove that it is the stat key that catches each change."""
    monkeypatch.setattr(listing_cache, "RACY_WINDOW_NS", SHORT_WINDOW_NS)
    yield


def settle() -> None:
    time.sleep(SHORT_WINDOW_NS / 1e9 * 1.5)


def titles(articles: list[dict[str, object]]) -> dict[str, object]:
    by_id: dict[str, object] = {}
    for article in articles:
        article_id = article["id"]
        assert isinstance(article_id, str), article
        by_id[article_id] = article["title"]
    return by_id


def three_articles(newsroom: Newsroom) -> None:
    newsroom.new_article(article_id="water-station")
    newsroom.new_article(article_id="bridge-works")
    newsroom.advance_to("bridge-works", "editing")
    newsroom.new_article(article_id="old-news")
    newsroom.advance_to("old-news", "published")


@pytest.fixture
def desk(tmp_path: Path) -> Newsroom:
    return built_once(tmp_path, three_articles)


def warm(newsroom: Newsroom) -> list[dict[str, object]]:
    """Build the cache, and let the files settle so that it is trusted from now on."""
    listing = newsroom.status_json()
    settle()
    again = newsroom.status_json()
    assert again == listing
    return listing


def same_size_title(newsroom: Newsroom, article_id: str, old: str, new: str) -> bytes:
    assert len(old) == len(new)
    data = newsroom.article_path(article_id).read_bytes()
    assert old.encode() in data
    return data.replace(old.encode(), new.encode(), 1)


def test_cache_lives_in_the_git_directory_and_serves_settled_entries(
        desk: Newsroom, short_window: None) -> None:
    listing = warm(desk)
    assert desk.front_matter_cache.read_bytes().startswith(SQLITE_HEADER)
    assert desk.git("status", "--porcelain") == ""
    # Proof that settled entries come from the cache: one planted there is served as is.
    path = desk.article_path("water-station")
    cache = ListingCache.open(desk.root)
    cache.put("water-station", stat_key(path.stat()), {"id": "water-station",
                                                        "title": "from the cache"})
    cache.save()
    settle()
    assert titles(desk.status_json())["water-station"] == "from the cache"
    assert titles(desk.status_without_cache()) == titles(listing)


def test_an_entry_changed_close_to_its_last_look_is_not_trusted(desk: Newsroom) -> None:
    # An edit in the same clock tick as the look that cached it (same size, same time
    # stamps, same inode) leaves the stat key as it was: that is what the racy window is
    # for. Plant such an entry: the key of the file as it is now, front matter from before,
    # looked at in the very nanosecond the file last changed. However long the machine
    # takes to get here, that look stays within the window of the change.
    listing = desk.status_json()
    path = desk.article_path("water-station")
    status = path.stat()
    cache = ListingCache.open(desk.root,
                              looked_ns=max(status.st_mtime_ns, status.st_ctime_ns))
    cache.put("water-station", stat_key(path.stat()), {"id": "water-station",
                                                        "title": "before the edit"})
    cache.save()
    assert desk.status_json() == listing == desk.status_without_cache()


def test_an_edit_within_the_same_second_keeping_the_size(desk: Newsroom) -> None:
    before = desk.status_json()
    path = desk.article_path("water-station")
    changed = same_size_title(desk, "water-station", "in the east", "in the west")
    with open(path, "r+b") as handle:  # in place: same inode, same size
        handle.write(changed)
    listing = desk.status_json()
    assert titles(listing)["water-station"] == "New water station opens in the west"
    assert listing != before
    assert listing == desk.status_without_cache()


def test_a_file_replaced_by_another_of_the_same_size_and_time(
        desk: Newsroom, short_window: None) -> None:
    warm(desk)
    path = desk.article_path("water-station")
    old = path.stat()
    replacement = path.with_name("article.md.new")
    replacement.write_bytes(same_size_title(desk, "water-station", "in the east", "in the west"))
    os.utime(replacement, ns=(old.st_atime_ns, old.st_mtime_ns))
    os.replace(replacement, path)
    new = path.stat()
    assert (new.st_size, new.st_mtime_ns) == (old.st_size, old.st_mtime_ns)
    assert new.st_ino != old.st_ino
    listing = desk.status_json()
    assert titles(listing)["water-station"] == "New water station opens in the west"
    assert listing == desk.status_without_cache()


def test_a_checkout_of_another_branch(desk: Newsroom, short_window: None) -> None:
    desk.git("checkout", "-q", "-b", "other")
    desk.article_path("water-station").write_bytes(
        same_size_title(desk, "water-station", "in the east", "in the west"))
    desk.git("commit", "-qam", "a title on another branch")
    desk.ok("assign", "water-station", "--translator", "sami")
    desk.git("checkout", "-q", "main")
    on_main = warm(desk)
    desk.git("checkout", "-q", "other")
    on_other = desk.status_json()
    assert on_other == desk.status_without_cache()
    assert titles(on_other)["water-station"] == "New water station opens in the west"
    assert on_other != on_main
    settle()
    desk.git("checkout", "-q", "main")
    assert desk.status_json() == on_main


def test_a_rebase(desk: Newsroom, short_window: None) -> None:
    desk.git("checkout", "-q", "-b", "feature")
    desk.ok("assign", "water-station", "--translator", "tariq")
    desk.git("checkout", "-q", "main")
    desk.article_path("bridge-works").write_bytes(
        same_size_title(desk, "bridge-works", "in the east", "in the west"))
    desk.git("commit", "-qam", "retitle on main")
    desk.git("checkout", "-q", "feature")
    before = warm(desk)
    desk.git("rebase", "-q", "main")
    after = desk.status_json()
    assert after == desk.status_without_cache()
    assert titles(after)["bridge-works"] == "New water station opens in the west"
    assert after != before


@pytest.mark.parametrize("damage", ["garbage", "truncated", "flipped", "empty", "folder"])
def test_a_corrupt_cache_is_rebuilt_silently(desk: Newsroom, short_window: None,
                                             damage: str) -> None:
    listing = warm(desk)
    cache = desk.front_matter_cache
    data = cache.read_bytes()
    if damage == "garbage":
        cache.write_bytes(b"\x80\x04not a cache at all")
    elif damage == "truncated":
        cache.write_bytes(data[: len(data) // 2])
    elif damage == "flipped":
        cache.write_bytes(data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:])
    elif damage == "empty":
        cache.write_bytes(b"")
    else:
        cache.unlink()
        cache.mkdir()
    result = desk.ok("status", "--all", "--json")
    assert result.stderr == ""
    assert titles(desk.status_json()) == titles(listing)
    if damage != "folder":
        assert cache.read_bytes().startswith(SQLITE_HEADER)
        assert cache.read_bytes() != data or damage == "folder"


@pytest.mark.slow  # waits out the cache's busy timeout, twice
def test_a_cache_another_process_holds_locked_is_left_whole(
        desk: Newsroom, short_window: None) -> None:
    listing = warm(desk)
    before = desk.front_matter_cache.stat().st_ino
    holder = sqlite3.connect(desk.front_matter_cache, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        # Neither read nor written while the lock lasts: listed from the files themselves.
        assert desk.status_json() == listing
    finally:
        holder.execute("COMMIT")
        holder.close()
    # Busy is not damaged: the database was neither removed nor made anew.
    assert desk.front_matter_cache.stat().st_ino == before
    cache = ListingCache.open(desk.root)
    assert all(cache.lookup(path.parent.name, stat_key(path.stat())) is not None
               for path in desk.root.glob("articles/*/article.md"))


def test_a_missing_cache_is_built(desk: Newsroom) -> None:
    assert not desk.front_matter_cache.exists()
    listing = desk.status_json()
    assert desk.front_matter_cache.is_file()
    desk.front_matter_cache.unlink()
    assert desk.status_json() == listing


def test_a_deleted_and_an_added_article(desk: Newsroom, short_window: None) -> None:
    warm(desk)
    desk.git("rm", "-rq", "articles/old-news")
    desk.new_article(article_id="new-arrival")
    listing = desk.status_json()
    assert sorted(titles(listing)) == ["bridge-works", "new-arrival", "water-station"]
    assert listing == desk.status_without_cache()


def test_a_linked_work_tree_keeps_its_own_cache(desk: Newsroom, tmp_path: Path,
                                                short_window: None) -> None:
    warm(desk)
    other = tmp_path / "second-desk"
    git(desk.root, "worktree", "add", "-q", str(other), "-b", "second")
    linked = Newsroom(other, desk.runner)
    assert linked.front_matter_cache != desk.front_matter_cache
    assert (other / ".git").is_file()
    assert linked.status_json() == desk.status_json()
    assert linked.front_matter_cache.is_file()


def test_front_matter_the_cache_cannot_hold_is_read_every_time(
        desk: Newsroom, short_window: None) -> None:
    path = desk.article_path("water-station")
    text = path.read_text(encoding="utf-8")
    # An unquoted date is read as a date, which the cache's format does not hold.
    path.write_text(text.replace("stage: source", "stage: source\nembargo: 2016-08-07"),
                    encoding="utf-8")
    listing = warm(desk)
    assert listing == desk.status_without_cache()


def test_problems_are_not_cached(desk: Newsroom, short_window: None) -> None:
    path = desk.article_path("water-station")
    path.write_text(path.read_text(encoding="utf-8").replace("id: water-station",
                                                             "id: elsewhere"),
                    encoding="utf-8")
    warm(desk)
    result = desk.ok("status", "--all", "--json")
    assert "does not match its folder" in result.stderr
    assert "articles/water-station/article.md:2" in result.stderr


def listed_ids(newsroom: Newsroom) -> list[object]:
    """The ids the default `status` lists (articles in progress only)."""
    output = newsroom.ok("status", "--json").stdout
    return [article["id"] for article in json.loads(output)["articles"]]


def test_the_listing_filters_by_the_stage_kept_beside_each_entry(
        desk: Newsroom, short_window: None) -> None:
    warm(desk)
    assert "old-news" not in listed_ids(desk)
    # Proof that the filter reads the stage kept in the cache: a settled entry that says
    # the published article is in editing is listed, with its cached front matter.
    path = desk.article_path("old-news")
    cache = ListingCache.open(desk.root)
    cache.put("old-news", stat_key(path.stat()), {**desk.meta("old-news"), "stage": "editing"})
    cache.save()
    settle()
    assert "old-news" in listed_ids(desk)
    # The real edit to the file is seen by the stage filter too, not only in the listing.
    desk.run("status")  # the planted entry is dropped once the file changes
    data = path.read_bytes()
    path.write_bytes(data.replace(b"stage: published", b"stage: editing\n", 1))
    assert "old-news" in listed_ids(desk)
    path.write_bytes(data)
    settle()
    assert "old-news" not in listed_ids(desk)
    assert listed_ids(desk) == [a["id"] for a in desk.status_without_cache()
                                if a["stage"] not in ("published", "spiked")]


def outdated_marks(newsroom: Newsroom) -> dict[str, object]:
    return {str(article["id"]): article["outdated"] for article in newsroom.status_json()}


def test_a_source_edited_under_a_warm_cache_is_outdated(desk: Newsroom,
                                                        short_window: None) -> None:
    # bridge-works is past hand-off: its source's fingerprint was recorded.
    assert outdated_marks(desk)["bridge-works"] is False
    settle()
    assert outdated_marks(desk)["bridge-works"] is False  # served from the cache now
    source = desk.article_path("bridge-works", "source.md")
    data = source.read_bytes()
    assert ListingCache.open(desk.root, SOURCE_TEXT).get(
        "bridge-works", stat_key(source.stat())) is not None
    # One word swapped for another of the same length, in place, at once: same size, same
    # inode, maybe the same time stamp.
    changed = data.replace("أسرة".encode(), "عائل".encode(), 1)  # a word of the body
    assert changed != data and len(changed) == len(data)
    with open(source, "r+b") as handle:
        handle.write(changed)
    assert outdated_marks(desk)["bridge-works"] is True
    settle()
    assert outdated_marks(desk)["bridge-works"] is True
    assert outdated_marks(desk) == {
        str(article["id"]): article["outdated"] for article in desk.status_without_cache()}
    source.write_bytes(data)
    assert outdated_marks(desk)["bridge-works"] is False


def test_a_listing_of_some_articles_keeps_the_other_fingerprints(
        desk: Newsroom, short_window: None) -> None:
    warm(desk)
    cache = ListingCache.open(desk.root, SOURCE_TEXT)
    before = {name for name in ("bridge-works", "old-news")
              if cache.lookup(name, stat_key(desk.article_path(name, "source.md").stat()))}
    assert before == {"bridge-works", "old-news"}
    desk.ok("status", "--stage", "editing")  # looks at bridge-works only
    settle()
    cache = ListingCache.open(desk.root, SOURCE_TEXT)
    assert cache.lookup("old-news", stat_key(desk.article_path("old-news",
                                                               "source.md").stat()))


def test_each_entry_is_verified_by_its_own_stat_key(desk: Newsroom,
                                                    short_window: None) -> None:
    warm(desk)
    articles = sorted(desk.root.glob("articles/*/article.md"))
    scanned = [(path.parent.name, stat_key(path.stat())) for path in articles]
    cache = ListingCache.open(desk.root)
    assert all(cache.lookup(name, key) is not None for name, key in scanned)
    # A file whose size changed, or that changed just now: that one is not served.
    name, (size, mtime, ctime, inode, device) = scanned[1]
    for altered in ((size + 1, mtime, ctime, inode, device),
                    (size, time.time_ns(), ctime, inode, device),
                    (size, mtime, time.time_ns(), inode, device),
                    (size, mtime, ctime, inode + 1, device)):
        cache = ListingCache.open(desk.root)
        assert cache.lookup(name, altered) is None
        assert cache.lookup(*scanned[0]) is not None and cache.lookup(*scanned[2]) is not None


def test_a_row_that_does_not_match_its_checksum_is_parsed_again(
        desk: Newsroom, short_window: None) -> None:
    # SQLite notices a damaged page, not a changed value: a bit flipped in a stage would
    # otherwise hide an article from the listing.
    listing = warm(desk)
    with sqlite3.connect(desk.front_matter_cache) as connection:
        connection.execute("UPDATE front_matter SET stage = 'published' "
                           "WHERE name = 'water-station'")
    connection.close()
    assert listed_ids(desk) == [a["id"] for a in listing
                                if a["stage"] not in ("published", "spiked")]


def test_front_matter_that_is_not_its_rows_is_parsed_again(desk: Newsroom,
                                                          short_window: None) -> None:
    # A row's front matter is read after its stat key and stage, when the listing shows it:
    # another row's front matter under them would list one article under another's title.
    listing = warm(desk)
    with sqlite3.connect(desk.front_matter_cache) as connection:
        connection.execute("UPDATE front_matter SET data = (SELECT data FROM front_matter "
                           "WHERE name = 'bridge-works') WHERE name = 'water-station'")
    connection.close()
    assert desk.status_json() == listing


def test_another_version_of_the_cache_is_rebuilt(desk: Newsroom, short_window: None) -> None:
    listing = warm(desk)
    with sqlite3.connect(desk.front_matter_cache) as connection:
        connection.execute("PRAGMA user_version = 1")
        connection.execute("UPDATE front_matter SET data = x'00'")
    connection.close()
    assert desk.status_json() == listing
    with sqlite3.connect(desk.front_matter_cache) as connection:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
    connection.close()
    assert version == listing_cache.SCHEMA_VERSION


def test_passes_at_once_never_see_half_of_another(desk: Newsroom) -> None:
    """Writers save batches of rows while readers read: every reader sees each writer's
    batch whole, from one save, or not at all."""
    key = stat_key(desk.article_path("water-station").stat())
    # Rows looked at long after the file changed, so that every one is served.
    later_ns = time.time_ns() + 3600 * 10**9
    batch, saves, writers = 40, 15, 3
    names = [f"writer-{writer}-row-{row}" for writer in range(writers) for row in range(batch)]
    seen: list[list[dict[str, object] | None]] = []
    failures: list[BaseException] = []

    def write(writer: int) -> None:
        try:
            mine = names[writer * batch:(writer + 1) * batch]
            for save in range(saves):
                # A pass over some names: the other writers' rows are not its to drop.
                cache = ListingCache.open(desk.root, SOURCE_TEXT, names=mine,
                                          looked_ns=later_ns)
                for name in mine:
                    cache.put(name, key, {"save": save})
                cache.save()
        except BaseException as error:  # re-raised by the test below
            failures.append(error)

    def read() -> None:
        try:
            for _ in range(saves * 2):
                cache = ListingCache.open(desk.root, SOURCE_TEXT)
                cache.fetch(names)  # as a listing reads the rows it shows: in one query
                seen.append([cache.get(name, key) for name in names])
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=write, args=(writer,)) for writer in range(writers)]
    threads += [threading.Thread(target=read) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert len(seen) == 2 * saves * 2
    for snapshot in seen:
        for writer in range(writers):
            rows = snapshot[writer * batch:(writer + 1) * batch]
            assert rows == [None] * batch or rows == [rows[0]] * batch, rows
    final = ListingCache.open(desk.root, SOURCE_TEXT)
    assert [final.get(name, key) for name in names] == [{"save": saves - 1}] * len(names)


def test_a_pass_over_some_names_reads_and_keeps_only_theirs(desk: Newsroom) -> None:
    """More names than one query asks for, so that every one of its queries is proved."""
    key = stat_key(desk.article_path("water-station").stat())
    later_ns = time.time_ns() + 3600 * 10**9
    names = [f"row-{row:04}" for row in range(listing_cache.NAMES_PER_QUERY * 2 + 100)]
    everything = ListingCache.open(desk.root, SOURCE_TEXT, looked_ns=later_ns)
    for name in names:
        everything.put(name, key, {"name": name})
    everything.save()
    asked = [*names[::2], "row-not-there"]
    some = ListingCache.open(desk.root, SOURCE_TEXT, names=asked, looked_ns=later_ns)
    assert [some.get(name, key) for name in asked] == [
        *({"name": name} for name in names[::2]), None]
    assert all(some.get(name, key) is None for name in names[1::2])
    some.put("row-0000", key, {"name": "again"})
    some.save()
    after = ListingCache.open(desk.root, SOURCE_TEXT)
    assert [after.get(name, key) for name in names[:3]] == [
        {"name": "again"}, {"name": "row-0001"}, {"name": "row-0002"}]
    assert all(after.get(name, key) is not None for name in names)
