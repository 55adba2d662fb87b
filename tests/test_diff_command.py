"""`editorial diff` and the metrics `approve` records, in a real newsroom repository."""

# The Arabic paragraph's letters are intended, not confusables.
# ruff: noqa: RUF001

from __future__ import annotations

import json
from pathlib import Path

from testing.newsroom import TRANSLATION_EN, Newsroom, article_at

EDITED = (
    "The city council announced on Sunday the opening of a new pumping station "
    "in the eastern district.\n\n"
    "The mayor said the station would serve some 12,000 families after a three-month "
    "outage.\n"
)


def _editing(base: Path) -> tuple[Newsroom, str]:
    """A newsroom at base/newsroom whose article an editor has edited (uncommitted)."""
    newsroom, article_id = article_at(base, "editing")
    newsroom.write_body(article_id, "article.md", EDITED)
    return newsroom, article_id


def test_diff_shows_the_editors_changes_without_colour(tmp_path: Path) -> None:
    newsroom, article_id = _editing(tmp_path)
    # Not a terminal and NO_COLOR unset: brackets all the same.
    result = newsroom.run("diff", article_id[:5], env={"NO_COLOR": ""})
    assert result.exit_code == 0, result.output
    assert "\x1b[" not in result.stdout
    assert "morning the opening" not in result.stdout
    assert "on Sunday [-morning-] the opening of a new [-water-] pumping station" in result.stdout
    assert "serve [-about 12000-]{+some 12,000+} families after [-an-]{+a three-month+} " \
           "outage [-of 3 months-]." in result.stdout
    assert result.stdout.rstrip().splitlines()[-1].startswith("translation -> current: ")


def test_diff_json_stats_are_recorded_at_approval_and_ignore_the_disclaimer(
        tmp_path: Path) -> None:
    newsroom, article_id = _editing(tmp_path)
    before = json.loads(newsroom.ok("diff", article_id, "--json").stdout)
    assert before["from"] == "translation" and before["to"] == "current"
    stats = before["stats"]
    assert stats["words_before"] == len(TRANSLATION_EN.split())
    assert stats["words_after"] == len(EDITED.split())
    assert stats["edit_rate"] == round(
        (stats["inserted"] + stats["deleted"] + stats["substituted"]) / stats["words_after"], 4)
    assert [p["end"] for p in before["paragraphs"]] == ["equal", None]
    ops = {chunk["op"] for p in before["paragraphs"] for chunk in p["chunks"]}
    assert ops == {"equal", "delete", "insert"}

    newsroom.ok("approve", article_id, as_person="hana")
    assert newsroom.meta(article_id)["edit_metrics"] == stats
    assert "edit_metrics" in newsroom.git("show", "HEAD", "--", f"articles/{article_id}/"
                                                             "article.md")
    newsroom.ok("disclaim", article_id, as_person="hana")
    assert "translated and edited by" in newsroom.body(article_id)
    after = json.loads(newsroom.ok("diff", article_id, "--json").stdout)
    assert after["stats"] == stats


def test_diff_between_revisions_of_the_article(tmp_path: Path) -> None:
    newsroom, article_id = _editing(tmp_path)
    newsroom.ok("approve", article_id, as_person="hana")  # commits the edited text
    newsroom.write_body(article_id, "article.md",
                        EDITED.replace("some 12,000", "nearly 12,000"))
    result = newsroom.ok("diff", article_id, "--from", "HEAD", "--json")
    document = json.loads(result.stdout)
    assert document["from"] == "HEAD"
    assert document["stats"]["substituted"] == 1
    assert document["stats"]["inserted"] == document["stats"]["deleted"] == 0

    # HEAD~1 is the submit commit: article.md held the translation then.
    older = json.loads(newsroom.ok("diff", article_id, "--from", "HEAD~1", "--to", "HEAD",
                                   "--json").stdout)
    by_translation = json.loads(newsroom.ok("diff", article_id, "--to", "HEAD",
                                            "--json").stdout)
    assert older["stats"] == by_translation["stats"]
    assert older["stats"]["substituted"] > 0


def test_a_bad_revision_is_one_line_and_exit_1(tmp_path: Path) -> None:
    newsroom, article_id = _editing(tmp_path)
    before = newsroom.snapshot()
    for revision in ("no-such-branch", "--output=x", "HEAD~50"):
        result = newsroom.run("diff", article_id, "--from", revision)
        assert result.exit_code == 1, (revision, result.output)
        assert result.stdout == ""
        assert len(result.stderr.strip().splitlines()) == 1
        assert result.stderr.startswith("editorial: refused: no revision")
    created_later = newsroom.git("rev-list", "--max-parents=0", "HEAD").strip()
    result = newsroom.run("diff", article_id, "--to", created_later)
    assert result.exit_code == 1
    assert "article.md does not exist at revision" in result.stderr
    assert newsroom.snapshot() == before


def test_html_page_is_written_for_the_translator(tmp_path: Path) -> None:
    newsroom, article_id = _editing(tmp_path)
    newsroom.write_body(article_id, "article.md",
                        EDITED + "\nقال رئيس البلدية: «الماء حق للجميع».\n")
    page_path = tmp_path / "changes.html"
    result = newsroom.ok("diff", article_id, "--html", str(page_path))
    assert result.stdout == ""
    assert "wrote" in result.stderr
    page = page_path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<del>morning</del>" in page
    assert '<p dir="rtl"><ins>قال رئيس البلدية' in page
    assert "<title>Changes: New water station opens in the east</title>" in page
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
