"""`editorial new`: from a file or stdin, .txt or .md, with an id from the title or --id."""

from __future__ import annotations

import re
from pathlib import Path

from testing.newsroom import SOURCE_AR as ARABIC_TEXT
from testing.newsroom import Newsroom


def body_of(path: Path) -> bytes:
    return path.read_bytes().split(b"---\n", 2)[2]


def test_new_reads_stdin(newsroom: Newsroom) -> None:
    result = newsroom.ok("new", "-", "--lang", "ar", "--title", "Road to reopen next week",
                         input_text=ARABIC_TEXT)
    assert result.stdout == "road-to-reopen-next-week\n"
    assert "registered road-to-reopen-next-week" in result.stderr
    assert body_of(newsroom.article_path("road-to-reopen-next-week", "source.md")) \
        == ARABIC_TEXT.encode()
    assert newsroom.meta("road-to-reopen-next-week")["title"] == "Road to reopen next week"


def test_a_markdown_source_fills_title_and_author_from_its_front_matter(
        newsroom: Newsroom, tmp_path: Path) -> None:
    source = tmp_path / "original.md"
    source.write_text("---\ntitle: Ministry reopens the coast road\nauthor: Layla Example\n"
                      "outlet: Example Daily\nurl: https://example.org/road\n"
                      "published: '2024-03-01'\n---\n" + ARABIC_TEXT, encoding="utf-8")
    result = newsroom.ok("new", str(source), "--lang", "ar", "--outlet", "Other Outlet")
    article_id = result.stdout.strip()
    assert article_id == "ministry-reopens-the-coast-road"
    meta = newsroom.meta(article_id)
    assert meta["title"] == "Ministry reopens the coast road"
    # An option wins over the file's front matter; the file fills in the rest.
    assert meta["source"] == {"language": "ar", "author": "Layla Example",
                              "outlet": "Other Outlet", "url": "https://example.org/road",
                              "published": "2024-03-01"}
    source_meta = newsroom.meta(article_id, "source.md")
    assert source_meta["title"] == "Ministry reopens the coast road"
    assert source_meta["author"] == "Layla Example"
    # The body of source.md is the text after the file's front matter, byte for byte.
    assert body_of(newsroom.article_path(article_id, "source.md")) == ARABIC_TEXT.encode()


def test_an_arabic_only_title_gets_a_language_and_date_id(newsroom: Newsroom,
                                                          tmp_path: Path) -> None:
    source = tmp_path / "arabic.txt"
    source.write_text("افتتاح طريق الساحل\n\n" + ARABIC_TEXT, encoding="utf-8")
    first = newsroom.ok("new", str(source), "--lang", "ar").stdout.strip()
    second = newsroom.ok("new", str(source), "--lang", "ar").stdout.strip()
    match = re.fullmatch(r"ar-(\d{8})-1", first)
    assert match, first
    created = newsroom.meta(first)["created_at"]
    assert isinstance(created, str)
    assert match.group(1) == created[:10].replace("-", "")
    assert second == f"ar-{match.group(1)}-2"
    # The title is kept as written, in Arabic.
    assert newsroom.meta(first)["title"] == "افتتاح طريق الساحل"


def test_new_with_a_translator_starts_in_translation(newsroom: Newsroom) -> None:
    article_id = newsroom.new_article(extra=("--translator", "tariq"))
    meta = newsroom.meta(article_id)
    assert (meta["stage"], meta["translator"]) == ("translation", "tariq")
    assert newsroom.commit_count() == 3  # init, people, new


def test_no_commit_writes_the_files_but_makes_no_commit(newsroom: Newsroom,
                                                        tmp_path: Path) -> None:
    source = tmp_path / "source.txt"
    source.write_text(ARABIC_TEXT, encoding="utf-8")
    head = newsroom.git("rev-parse", "HEAD")
    newsroom.ok("new", str(source), "--lang", "ar", "--id", "quiet", "--title", "Quiet",
                "--no-commit")
    assert newsroom.meta("quiet")["stage"] == "source"
    assert newsroom.git("rev-parse", "HEAD") == head
    assert newsroom.git("status", "--porcelain", "--untracked-files=all").splitlines() == [
        "?? articles/quiet/article.md", "?? articles/quiet/source.md",
        "?? articles/quiet/translation.md"]

    newsroom.commit_all("register by hand")
    head = newsroom.git("rev-parse", "HEAD")
    newsroom.ok("assign", "quiet", "--translator", "tariq", "--no-commit")
    assert newsroom.meta("quiet")["stage"] == "translation"
    assert newsroom.git("rev-parse", "HEAD") == head
    assert newsroom.git("status", "--porcelain").splitlines() == [
        " M articles/quiet/article.md"]


def test_a_plain_text_source_opening_with_a_rule_is_all_body(newsroom: Newsroom,
                                                             tmp_path: Path) -> None:
    text = "---\ntitle: not front matter\n---\nنص الخبر.\n"
    source = tmp_path / "ruled.txt"
    source.write_text(text, encoding="utf-8")
    article_id = newsroom.ok("new", str(source), "--lang", "ar", "--id", "ruled",
                             "--title", "A ruled source").stdout.strip()
    stored = newsroom.article_path(article_id, "source.md").read_bytes()
    assert stored.endswith(b"---\n" + text.encode("utf-8"))
    assert newsroom.meta(article_id, "source.md")["title"] == "title: not front matter"


def test_init_inside_another_repository_makes_a_repository_of_its_own(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from editorial.cli.main import cli
    from testing.newsroom import git

    project = tmp_path / "project"
    project.mkdir()
    git(project, "init", "-q")
    (project / "README").write_text("the enclosing project\n")
    git(project, "add", "README")
    git(project, "commit", "-qm", "start")
    result = CliRunner().invoke(cli, ["init", str(project / "desk"), "--publication", "P"])
    assert result.exit_code == 0, result.output
    assert git(project, "rev-list", "--count", "HEAD").strip() == "1"
    assert git(project / "desk", "rev-parse", "--show-toplevel").strip() == str(project / "desk")
    assert git(project / "desk", "log", "--format=%s").strip() == "init: newsroom"
