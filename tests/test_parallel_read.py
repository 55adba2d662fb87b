"""A cold listing parses front matter in worker processes: it must show, cache and report
exactly what a pass in one process does."""

from __future__ import annotations

import marshal
from pathlib import Path

import pytest

from editorial.core import bulkread
from editorial.core.article import load_meta
from editorial.core.listing_cache import place_of
from editorial.core.quality import fingerprint
from testing.newsroom import Newsroom, built_once


def five_articles(newsroom: Newsroom) -> None:
    for article_id in ("water-station", "bridge-works", "old-news", "night-market",
                       "school-roof"):
        newsroom.new_article(article_id=article_id)
    newsroom.advance_to("bridge-works", "editing")
    newsroom.advance_to("old-news", "published")
    # One the cache cannot hold (an unquoted date is read as a date), one that is broken.
    newsroom.edit_text("night-market", lambda text: text.replace(
        "stage: source", "stage: source\nembargo: 2016-08-07"))
    newsroom.edit_text("school-roof", lambda text: text.replace(
        "id: school-roof", "id: elsewhere"))


@pytest.fixture
def desk(tmp_path: Path) -> Newsroom:
    return built_once(tmp_path, five_articles)


@pytest.fixture
def on_all_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    """Worker processes for any number of articles, even on a one-core machine."""
    monkeypatch.setenv("EDITORIAL_PARALLEL_FROM", "2")
    monkeypatch.setenv("EDITORIAL_WORKERS", "2")


def test_workers_return_what_one_process_reads(desk: Newsroom, on_all_cores: None) -> None:
    articles = desk.root / "articles"
    names = sorted(path.parent.name for path in articles.glob("*/article.md"))
    parsed = bulkread.read_front_matters(articles, names)
    # The broken article is left to the caller, which reports it, and the one the cache
    # cannot hold, which the caller reads itself.
    assert sorted(parsed) == [name for name in names
                              if name not in ("school-roof", "night-market")]
    for name, (place, blob) in parsed.items():
        meta = load_meta(articles / name)
        assert marshal.loads(blob) == meta
        assert place == place_of(meta)


def test_workers_fingerprint_sources_as_one_process_does(desk: Newsroom,
                                                         on_all_cores: None) -> None:
    articles = desk.root / "articles"
    (articles / "water-station" / "source.md").unlink()
    names = sorted(path.name for path in articles.iterdir() if path.is_dir())
    hashes = bulkread.source_hashes(articles, names)
    assert sorted(hashes) == [name for name in names if name != "water-station"]
    for name, text_hash in hashes.items():
        assert text_hash == fingerprint.file_text_hash(articles / name / "source.md")


def test_too_few_articles_are_not_worth_workers(desk: Newsroom,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    articles = desk.root / "articles"
    monkeypatch.setenv("EDITORIAL_WORKERS", "2")
    assert bulkread.read_front_matters(articles, ["water-station"]) == {}
    monkeypatch.setenv("EDITORIAL_PARALLEL_FROM", "3")
    assert bulkread.read_front_matters(articles, ["water-station", "bridge-works"]) == {}
    assert len(bulkread.read_front_matters(
        articles, ["water-station", "bridge-works", "old-news"])) == 3


def test_one_worker_means_no_worker_processes(desk: Newsroom,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EDITORIAL_PARALLEL_FROM", "1")
    monkeypatch.setenv("EDITORIAL_WORKERS", "1")
    assert bulkread.read_front_matters(desk.root / "articles", ["water-station",
                                                                "bridge-works"]) == {}
    # By default, one worker per core the process may use.
    monkeypatch.delenv("EDITORIAL_WORKERS")
    assert bulkread.worker_count() == bulkread.usable_cores()


@pytest.mark.parametrize("value", ["many", "0", "1.5"])
def test_a_worker_count_that_is_not_a_count_is_a_clear_error(
        desk: Newsroom, value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EDITORIAL_WORKERS", value)
    result = desk.run("status", "--all")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"editorial: error: EDITORIAL_WORKERS is '{value}': it takes a whole number, 1 or more "
        f"(set EDITORIAL_WORKERS to a number, or unset it for the default "
        f"({bulkread.usable_cores()} here))"]


def test_a_cold_status_on_all_cores_is_the_status_of_one(
        desk: Newsroom, on_all_cores: None, monkeypatch: pytest.MonkeyPatch) -> None:
    parallel = desk.run("status", "--all", "--json")
    assert desk.front_matter_cache.is_file()
    cached = desk.run("status", "--all", "--json")
    monkeypatch.setenv("EDITORIAL_WORKERS", "1")
    desk.front_matter_cache.unlink()
    serial = desk.run("status", "--all", "--json")
    assert parallel.exit_code == serial.exit_code == cached.exit_code == 0
    assert parallel.stdout == serial.stdout == cached.stdout
    assert "school-roof" not in parallel.stdout
    assert '"night-market"' in parallel.stdout
    # The broken article is reported the same way, with its file and line.
    assert parallel.stderr == serial.stderr == cached.stderr
    assert "articles/school-roof/article.md:2" in parallel.stderr


def test_without_a_process_pool_the_listing_is_read_in_one_process(
        desk: Newsroom, on_all_cores: None, monkeypatch: pytest.MonkeyPatch) -> None:
    serial = desk.run("status", "--all", "--json")
    desk.front_matter_cache.unlink()

    def no_semaphores(*args: object, **kwargs: object) -> None:
        raise OSError("this container has no working sem_open")

    # What a container without /dev/shm does to a process pool.
    monkeypatch.setattr("concurrent.futures.ProcessPoolExecutor", no_semaphores)
    assert bulkread.read_front_matters(desk.root / "articles", ["water-station",
                                                                "bridge-works"]) == {}
    without_pool = desk.run("status", "--all", "--json")
    assert (without_pool.exit_code, without_pool.stdout, without_pool.stderr) == (
        serial.exit_code, serial.stdout, serial.stderr)
