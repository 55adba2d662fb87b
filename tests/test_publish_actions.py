"""publish, correct, unpublish and scheduling as the desk runs them, in real repositories."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from testing.newsroom import FIRST_ARTICLE, Newsroom, built_once, records

TARGETS = [
    {"type": "hugo", "path": "site/content/articles"},
    {"type": "feed", "path": "site/static/feed.xml"},
]


def ready_article(newsroom: Newsroom, article_id: str = FIRST_ARTICLE) -> str:
    if "targets:" not in newsroom.path("editorial.yaml").read_text():
        newsroom.configure(publish={"targets": TARGETS})
    newsroom.new_article(article_id=article_id)
    newsroom.advance_to(article_id, "ready")
    return article_id


def ready_desk(base: Path) -> tuple[Newsroom, str]:
    """A newsroom at base/newsroom publishing to TARGETS with `ready_article`'s article
    ready (built once per test process, then copied); the article's id."""
    return built_once(base, ready_article), FIRST_ARTICLE


def bundle(newsroom: Newsroom, article_id: str) -> str:
    return f"site/content/articles/{article_id}/index.md"


def test_dry_run_lists_what_would_be_written_and_writes_nothing(tmp_path: Path) -> None:
    newsroom, article_id = ready_desk(tmp_path)
    before = newsroom.snapshot()
    result = newsroom.ok("publish", article_id, "--dry-run")
    assert newsroom.snapshot() == before
    assert result.stdout == ""
    assert f"write  articles/{article_id}/article.md" in result.stderr
    assert f"write  {bundle(newsroom, article_id)}" in result.stderr
    assert "write  site/static/feed.xml" in result.stderr


def test_a_refusal_lists_every_unmet_gate_at_once(tmp_path: Path) -> None:
    newsroom, article_id = ready_desk(tmp_path)
    path = newsroom.article_path(article_id)
    text = path.read_text()
    text = text.replace("  url: https://example.org/water\n", "")
    text = text[:text.index("<!-- editorial:disclaimer -->")]
    path.write_text(text)
    newsroom.git("commit", "-qam", "lose the url and the disclaimer")
    message = newsroom.refuses("publish", article_id)
    assert "the disclaimer is missing" in message
    assert "front matter lacks source.url" in message


@pytest.mark.slow  # takes three articles through the desk
def test_several_ids_are_all_or_nothing(newsroom: Newsroom) -> None:
    first = ready_article(newsroom, "first-story")
    second = ready_article(newsroom, "second-story")
    newsroom.new_article(article_id="not-ready")
    message = newsroom.refuses("publish", first, "not-ready", second)
    assert "not-ready" in message and "stage 'source'" in message

    commits = newsroom.commit_count()
    newsroom.ok("publish", first, second)
    assert newsroom.commit_count() == commits + 1
    committed = set(newsroom.git("show", "--name-only", "--format=", "HEAD").split())
    assert {bundle(newsroom, first), bundle(newsroom, second), "site/static/feed.xml",
            f"articles/{first}/article.md", f"articles/{second}/article.md"} <= committed
    feed = newsroom.path("site/static/feed.xml").read_text()
    assert feed.count("<entry>") == 2

    # One already live and unchanged among them: it gets no new step, the other is published.
    third = ready_article(newsroom, "third-story")
    history = newsroom.meta(first)["history"]
    result = newsroom.ok("publish", first, third)
    assert f"{first}: nothing to change" in result.stderr
    assert newsroom.meta(first)["history"] == history
    assert newsroom.meta(third)["stage"] == "published"
    assert newsroom.git("log", "-1", "--format=%s") == f"publish: {third} (ready -> published)\n"


def test_publishing_again_changes_nothing_and_repairs_a_lost_output(tmp_path: Path) -> None:
    newsroom, article_id = ready_desk(tmp_path)
    newsroom.ok("publish", article_id)
    before = newsroom.snapshot()
    result = newsroom.ok("publish", article_id)
    assert "nothing to change" in result.stderr
    assert newsroom.snapshot() == before

    # Someone deletes the page by mistake: publishing again puts it back, and says so.
    output = newsroom.path(bundle(newsroom, article_id))
    published_bytes = output.read_bytes()
    output.unlink()
    result = newsroom.ok("publish", article_id)
    assert "was missing: written again" in result.stderr
    assert output.read_bytes() == published_bytes
    assert newsroom.git("status", "--porcelain") == ""
    history = records(newsroom.meta(article_id), "history")
    assert [entry["action"] for entry in history][-2:] == ["publish", "publish"]


def test_an_edited_body_is_published_only_through_a_correction(tmp_path: Path) -> None:
    newsroom, article_id = ready_desk(tmp_path)
    newsroom.ok("publish", article_id)
    # A correction must change the text.
    message = newsroom.refuses("correct", article_id, "--type", "correction", "--note", "x")
    assert "body is unchanged since it was published" in message

    newsroom.edit_body(article_id, "about 12000 families", "about 1200 families")
    message = newsroom.refuses("publish", article_id)
    assert "body changed since it was published" in message and "editorial correct" in message

    commits = newsroom.commit_count()
    newsroom.ok("correct", article_id, "--type", "correction", "--note",
                "The station serves 1,200 families, not 12,000.", as_person="hana")
    assert newsroom.commit_count() == commits + 1
    meta = newsroom.meta(article_id)
    [correction] = records(meta, "corrections")
    assert correction["by"] == "hana" and correction["type"] == "correction"
    assert correction["note"] == "The station serves 1,200 families, not 12,000."
    assert correction["at"] == meta["updated_at"]
    page = newsroom.path(bundle(newsroom, article_id)).read_text()
    assert "about 1200 families" in page
    assert "## Corrections" in page
    assert "The station serves 1,200 families, not 12,000." in page
    committed = set(newsroom.git("show", "--name-only", "--format=", "HEAD").split())
    assert {f"articles/{article_id}/article.md", bundle(newsroom, article_id)} <= committed
    assert newsroom.git("status", "--porcelain") == ""

    # A clarification may leave the text as it was.
    newsroom.ok("correct", article_id, "--type", "clarification", "--note",
                "The outage affected the eastern district only.")
    assert len(records(newsroom.meta(article_id), "corrections")) == 2


def test_unpublish_removes_the_outputs_and_keeps_the_record(tmp_path: Path) -> None:
    newsroom, article_id = ready_desk(tmp_path)
    newsroom.ok("publish", article_id)
    body = newsroom.article_path(article_id).read_text().split("---\n", 2)[2]
    newsroom.ok("unpublish", article_id, "--reason", "Legal complaint from the outlet.")
    assert not newsroom.path(bundle(newsroom, article_id)).exists()
    meta = newsroom.meta(article_id)
    assert meta["stage"] == "withdrawn"
    assert meta["published_at"]
    assert records(meta, "history")[-1]["note"] == "Legal complaint from the outlet."
    assert newsroom.article_path(article_id).read_text().split("---\n", 2)[2] == body
    manifest = json.loads(newsroom.path("site/data/withdrawn.json").read_text())
    assert manifest["withdrawn"][0]["id"] == article_id
    assert manifest["withdrawn"][0]["reason"] == "Legal complaint from the outlet."
    assert "<entry>" not in newsroom.path("site/static/feed.xml").read_text()
    assert newsroom.git("status", "--porcelain") == ""
    newsroom.refuses("publish", article_id)


@pytest.mark.slow  # waits for the scheduled time
def test_publish_at_schedules_and_publish_due_publishes_when_the_time_comes(
        tmp_path: Path) -> None:
    newsroom, article_id = ready_desk(tmp_path)
    other = ready_article(newsroom, "later-story")
    broken = ready_article(newsroom, "broken-story")
    assert newsroom.refuses("publish", article_id, "--at", "2001-01-01T00:00Z",
                            exit_code=2).endswith("publish it now with 'editorial publish "
                                                  "water-station')")
    soon = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=4)
    newsroom.ok("publish", article_id, "--at", soon.isoformat())
    newsroom.ok("publish", other, "--at", "2999-01-01 09:00+03:00")
    newsroom.ok("publish", broken, "--at", soon.isoformat())
    # Edited after scheduling, it no longer passes a gate when its time comes.
    newsroom.edit_body(broken, "<!-- editorial:disclaimer -->", "")
    newsroom.git("commit", "-qam", "lose the disclaimer markers")
    meta = newsroom.meta(article_id)
    assert meta["stage"] == "ready"
    assert meta["scheduled_at"] == soon.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert newsroom.meta(other)["scheduled_at"] == "2999-01-01T06:00:00Z"
    listed = json.loads(newsroom.ok("status", "--json").stdout)["articles"]
    assert {a["id"]: a.get("scheduled_at") for a in listed} == {
        article_id: soon.strftime("%Y-%m-%dT%H:%M:%SZ"), other: "2999-01-01T06:00:00Z",
        broken: soon.strftime("%Y-%m-%dT%H:%M:%SZ")}
    table = newsroom.ok("status").stdout
    assert f"ready at {soon.astimezone():%d %b %H:%M}" in table

    before = newsroom.snapshot()
    assert "nothing is due" in newsroom.ok("publish", "--due").stderr
    assert newsroom.snapshot() == before

    time.sleep(max(0.0, (soon - datetime.now(UTC)).total_seconds()) + 0.2)
    result = newsroom.run("publish", "--due")
    assert result.exit_code == 1
    assert "cannot publish broken-story: the disclaimer is missing" in result.stderr
    assert newsroom.meta(broken)["stage"] == "ready"
    meta = newsroom.meta(article_id)
    assert meta["stage"] == "published"
    assert "scheduled_at" not in meta
    assert newsroom.path(bundle(newsroom, article_id)).is_file()
    assert newsroom.meta(other)["stage"] == "ready"
    assert [e["action"] for e in records(meta, "history")][-2:] == ["schedule", "publish"]


def test_scheduling_checks_the_gates_now(newsroom: Newsroom) -> None:
    newsroom.configure(publish={"targets": TARGETS})
    article_id = newsroom.new_article()
    newsroom.advance_to(article_id, "disclaimer")
    message = newsroom.refuses("publish", article_id, "--at", "2999-01-01T00:00Z")
    assert "cannot schedule water-station" in message


@pytest.fixture
def in_damascus(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The reader's clock at UTC+3 all year (Syria has kept +03 since 2022). tzset makes
    this process read TZ again, as a command started under it would."""
    monkeypatch.setenv("TZ", "Asia/Damascus")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("in_damascus")
def test_scheduled_times_are_read_and_shown_in_the_local_zone(tmp_path: Path) -> None:
    newsroom, article_id = ready_desk(tmp_path)
    result = newsroom.ok("publish", article_id, "--at", "2999-01-01 09:00")
    # Read as 09:00 in Damascus, stored in UTC, and the confirmation says which it took.
    assert newsroom.meta(article_id)["scheduled_at"] == "2999-01-01T06:00:00Z"
    assert ("publishes at 2999-01-01 09:00 +03 (2999-01-01T06:00:00Z) with 'publish --due'"
            in result.stderr.splitlines())
    assert "ready at 01 Jan 09:00 +03" in newsroom.ok("status").stdout
    shown = newsroom.ok("show", article_id).stdout
    assert "2999-01-01 09:00 +03 (2999-01-01T06:00:00Z)" in shown
    # The stored time is the contract: JSON is not localized.
    listed = json.loads(newsroom.ok("status", "--json").stdout)["articles"]
    assert listed[0]["scheduled_at"] == "2999-01-01T06:00:00Z"
