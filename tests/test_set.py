"""`editorial set`: descriptive front matter without hand-editing YAML, validated and recorded
as one step; `new --source-title` and the first-line headline; `status` saying what
publishing will ask for."""

from __future__ import annotations

from pathlib import Path

import pytest

from testing.newsroom import SOURCE_AR, Newsroom, records

HEADLINE = "محطة مياه جديدة في الحي الشرقي"


def test_set_changes_descriptive_keys_in_one_step(newsroom: Newsroom) -> None:
    article_id = newsroom.new_article()
    commits = newsroom.commit_count()
    source_body = newsroom.body(article_id, "source.md")
    newsroom.ok("set", article_id, "title=Water station opens",
                "source.url=https://example.org/water-2", "source.published=2024-05-01",
                "source.author=", "source.title=" + HEADLINE, as_person="hana")
    assert newsroom.commit_count() == commits + 1
    meta = newsroom.meta(article_id)
    assert meta["title"] == "Water station opens"
    source = meta["source"]
    assert isinstance(source, dict)
    assert source["url"] == "https://example.org/water-2"
    assert source["published"] == "2024-05-01"  # a string, not a YAML date
    assert "author" not in source
    assert newsroom.meta(article_id, "source.md")["title"] == HEADLINE
    assert newsroom.body(article_id, "source.md") == source_body
    step = records(meta, "history")[-1]
    assert (step["action"], step["by"], step["from"], step["to"]) == (
        "set", "hana", "source", "source")
    assert step["note"] == "set title, source.url, source.published, source.author, source.title"
    assert "Editorial-By: hana" in newsroom.git("log", "-1", "--format=%B")
    assert newsroom.errors_by_rule() == {}
    # The same values again change nothing, and make no commit.
    newsroom.ok("set", article_id, "title=Water station opens", as_person="hana")
    assert newsroom.commit_count() == commits + 1


@pytest.mark.parametrize(("assignment", "says"), [
    ("stage=published", "set cannot change 'stage'"),
    ("history=[]", "set cannot change 'history'"),
    ("translator=hana", "set cannot change 'translator'"),
    ("source.url=ftp://example.org/x", "is not an http(s) address"),
    ("source.url=example.org/x", "is not an http(s) address"),
    ("source.published=1 May 2024", "is not an ISO 8601 date"),
    ("title=", "an article needs a title"),
    ("title", "is not KEY=VALUE"),
])
def test_set_refuses_what_it_must_not_set(newsroom: Newsroom, assignment: str,
                                          says: str) -> None:
    article_id = newsroom.new_article()
    assert says in newsroom.refuses("set", article_id, assignment, as_person="hana",
                                    exit_code=2)


def test_set_needs_an_editor_or_publisher(newsroom: Newsroom) -> None:
    article_id = newsroom.new_article()
    line = newsroom.refuses("set", article_id, "title=Mine", as_person="tariq")
    assert "tariq cannot set the description" in line


def test_a_set_step_committed_by_someone_else_fails_authorship(newsroom: Newsroom) -> None:
    article_id = newsroom.new_article()
    base = newsroom.git("rev-parse", "HEAD").strip()
    newsroom.branch("feature")
    newsroom.ok("set", article_id, "source.outlet=Other Daily", "--no-commit",
                as_person="hana")
    newsroom.commit_all("hana's change, committed by tariq", as_person="tariq")
    assert set(newsroom.errors_by_rule("--base", base)) == {"authorship"}


def register(newsroom: Newsroom, tmp_path: Path, text: str, *args: str) -> str:
    source = tmp_path / "source.txt"
    source.write_text(text, encoding="utf-8")
    return newsroom.ok("new", str(source), "--lang", "ar", *args).stdout.strip()


def test_a_short_first_line_is_the_original_headline(newsroom: Newsroom,
                                                     tmp_path: Path) -> None:
    article_id = register(newsroom, tmp_path, f"{HEADLINE}\n\n{SOURCE_AR}", "--id", "station")
    assert newsroom.meta(article_id, "source.md")["title"] == HEADLINE
    assert newsroom.meta(article_id)["title"] == HEADLINE


def test_a_first_paragraph_is_no_headline(newsroom: Newsroom, tmp_path: Path) -> None:
    source = tmp_path / "source.txt"
    source.write_text(SOURCE_AR, encoding="utf-8")
    line = newsroom.refuses("new", str(source), "--lang", "ar", exit_code=2)
    assert "does not look like a headline" in line and "--source-title" in line
    article_id = register(newsroom, tmp_path, SOURCE_AR, "--source-title", HEADLINE,
                          "--id", "station")
    assert newsroom.meta(article_id, "source.md")["title"] == HEADLINE
    # With an English title, the article is registered without taking the paragraph as
    # the original headline.
    other = register(newsroom, tmp_path, SOURCE_AR, "--title", "Station opens", "--id", "other")
    assert "title" not in newsroom.meta(other, "source.md")


def wide_status(newsroom: Newsroom) -> str:
    """The status table as a wide terminal shows it (the command's own is 80 wide)."""
    from editorial.core.article import utc_now
    from editorial.core.listing import list_articles
    from editorial.core.newsroom import Newsroom as Desk
    from editorial.render.status import status_table

    return status_table(list_articles(Desk(newsroom.root)), utc_now(), 200).plain


def needs(newsroom: Newsroom, article_id: str) -> object:
    return next(a for a in newsroom.status_json() if a["id"] == article_id)["needs"]


def test_status_says_what_publishing_will_need(newsroom: Newsroom, tmp_path: Path) -> None:
    article_id = register(newsroom, tmp_path, SOURCE_AR, "--title", "Station opens", "--id",
                          "station", "--outlet", "Example Daily")
    assert needs(newsroom, article_id) == ["source.url"]
    assert "needs source.url" in wide_status(newsroom)
    newsroom.ok("set", article_id, "source.url=https://example.org/water", as_person="hana")
    assert needs(newsroom, article_id) == []
    assert "needs" not in wide_status(newsroom)
