"""`publish --rebuild`: a publish target added after articles were published gets their files,
in one commit and with no history entry; and `check` says when one is missing."""

from __future__ import annotations

import pytest

from testing.newsroom import Newsroom, records

HUGO: dict[str, object] = {"type": "hugo", "path": "site/content/articles"}
ADDED: list[dict[str, object]] = [
    {"type": "html", "path": "pages/articles"},
    {"type": "jekyll", "path": "jekyll/_posts"},
    {"type": "feed", "path": "pages/feed.xml"},
]
ARTICLES = ("first-story", "second-story")


def published_then_targets_added(newsroom: Newsroom) -> None:
    newsroom.configure(publish={"targets": [HUGO]})
    for article_id in ARTICLES:
        newsroom.new_article(article_id=article_id)
        newsroom.advance_to(article_id, "published")
    newsroom.configure(publish={"targets": [HUGO, *ADDED]})


def test_check_names_the_outputs_a_new_target_lacks(newsroom: Newsroom) -> None:
    published_then_targets_added(newsroom)
    errors = newsroom.errors_by_rule()
    assert set(errors) == {"outputs"}
    # html and jekyll for each article; the feed is no article's output.
    assert len(errors["outputs"]) == 4, errors
    assert all("no recorded output on this publish target" in message
               and "editorial publish --rebuild" in message for message in errors["outputs"])


@pytest.mark.slow  # publishes every article twice over
def test_rebuild_backfills_a_new_target_in_one_commit_without_history(
        newsroom: Newsroom) -> None:
    published_then_targets_added(newsroom)
    histories = {article_id: records(newsroom.meta(article_id), "history")
                 for article_id in ARTICLES}
    commits = newsroom.commit_count()

    result = newsroom.ok("publish", "--rebuild")

    assert "rebuilt the outputs of first-story, second-story" in result.stderr
    assert newsroom.commit_count() == commits + 1
    for article_id in ARTICLES:
        meta = newsroom.meta(article_id)
        assert records(meta, "history") == histories[article_id]
        paths = {str(output["path"]) for output in records(meta, "outputs")}
        assert f"pages/articles/{article_id}/index.html" in paths
        assert f"site/content/articles/{article_id}/index.md" in paths
        assert any(path.startswith("jekyll/_posts/") for path in paths)
        for path in paths:
            assert newsroom.path(path).is_file()
    assert "<entry>" in newsroom.path("pages/feed.xml").read_text(encoding="utf-8")
    assert newsroom.git("status", "--porcelain") == ""
    assert newsroom.errors_by_rule() == {}

    # Everything is as published now: a second rebuild changes nothing.
    result = newsroom.ok("publish", "--rebuild")
    assert "nothing to change" in result.stderr
    assert newsroom.commit_count() == commits + 1


def test_rebuild_writes_nothing_while_one_article_is_refused(newsroom: Newsroom) -> None:
    published_then_targets_added(newsroom)
    # An edited body is published by `correct`, never slipped out with a rebuild.
    newsroom.edit_body("second-story", "The city council", "The town council")
    newsroom.git("commit", "-qam", "an edit after publication")

    message = newsroom.refuses("publish", "--rebuild")

    assert "second-story" in message
    assert not newsroom.path("pages/articles/first-story/index.html").exists()


def test_rebuild_takes_no_ids(newsroom: Newsroom) -> None:
    message = newsroom.refuses("publish", "--rebuild", "first-story", exit_code=2)
    assert "--rebuild writes every published article" in message
