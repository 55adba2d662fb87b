"""The front matter cache never changes what status shows: every way a file can change under
it is caught, and a missing or broken cache is rebuilt without a word."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from editorial.core import metacache
from editorial.core.metacache import MAGIC, FrontMatterCache, stat_key
from testing.newsroom import Newsroom, git

# Long enough to cover the kernel's time stamp tick, short enough to wait out in a test.
SHORT_WINDOW_NS = 200_000_000


@pytest.fixture
def short_window(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Files count as settled 0.2 s after a change instead of 2 s, so tests can wait for the
    cache to be trusted and so prove that it is the stat key that catches each change."""
    monkeypatch.setattr(metacache, "RACY_WINDOW_NS", SHORT_WINDOW_NS)
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


@pytest.fixture
def desk(newsroom: Newsroom) -> Newsroom:
    newsroom.new_article(article_id="water-station")
    newsroom.new_article(article_id="bridge-works")
    newsroom.advance_to("bridge-works", "editing")
    newsroom.new_article(article_id="old-news")
    newsroom.advance_to("old-news", "published")
    return newsroom


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
    assert desk.front_matter_cache.read_bytes().startswith(MAGIC)
    assert desk.git("status", "--porcelain") == ""
    # Proof that settled entries come from the cache: one planted there is served as is.
    path = desk.article_path("water-station")
    cache = FrontMatterCache.open(desk.root)
    cache.put("water-station", stat_key(path.stat()), {"id": "water-station",
                                                        "title": "from the cache"})
    cache.save()
    settle()
    assert titles(desk.status_json())["water-station"] == "from the cache"
    assert titles(desk.status_without_cache()) == titles(listing)


def test_an_entry_changed_close_to_its_last_look_is_not_trusted(desk: Newsroom) -> None:
    # An edit in the same clock tick as the look that cached it (same size, same time
    # stamps, same inode) leaves the stat key as it was: that is what the racy window is
    # for. Plant such an entry: the key of the file as it is now, front matter from before.
    listing = desk.status_json()
    path = desk.article_path("water-station")
    # The edit happens now, whatever time the set-up took on a loaded machine: the look that
    # caches it must fall within the racy window of the file's time stamps.
    path.write_bytes(path.read_bytes())
    cache = FrontMatterCache.open(desk.root)
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
        assert cache.read_bytes().startswith(MAGIC)
        assert cache.read_bytes() != data or damage == "folder"


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
    cache = FrontMatterCache.open(desk.root)
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
    cache = source.parent.parent.parent / ".git" / "editorial" / metacache.SOURCE_HASH_FILE
    assert cache.is_file()
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
    cache = FrontMatterCache.open(desk.root, metacache.SOURCE_HASH_FILE)
    before = {name for name in ("bridge-works", "old-news")
              if cache.lookup(name, stat_key(desk.article_path(name, "source.md").stat()))}
    assert before == {"bridge-works", "old-news"}
    desk.ok("status", "--stage", "editing")  # looks at bridge-works only
    settle()
    cache = FrontMatterCache.open(desk.root, metacache.SOURCE_HASH_FILE)
    assert cache.lookup("old-news", stat_key(desk.article_path("old-news",
                                                               "source.md").stat()))


def test_a_newsroom_where_nothing_changed_is_verified_at_once(
        desk: Newsroom, short_window: None) -> None:
    warm(desk)
    articles = sorted(desk.root.glob("articles/*/article.md"))
    scanned = [(path.parent.name, stat_key(path.stat())) for path in articles]
    entries = FrontMatterCache.open(desk.root).lookup_all(scanned)
    assert all(entry is not None for entry in entries)
    one_by_one = FrontMatterCache.open(desk.root)
    assert entries == [one_by_one.lookup(name, key) for name, key in scanned]
    # One file whose stat changed, or changed just now: that one is not served.
    for changed in ((1, 0), (0, 1)):
        name, key = scanned[1]
        size, mtime, ctime, inode, device = key
        if changed == (1, 0):
            altered = (size + 1, mtime, ctime, inode, device)
        else:
            altered = (size, time.time_ns(), ctime, inode, device)
        entries = FrontMatterCache.open(desk.root).lookup_all(
            [*scanned[:1], (name, altered), *scanned[2:]])
        assert entries[1] is None
        assert entries[0] is not None and entries[2] is not None
