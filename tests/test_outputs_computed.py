"""The files publishing writes or deletes for an article are worked out from the targets and
its id; the front matter's `outputs`, which anyone can edit, never widens them."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from editorial.core import frontmatter
from testing.newsroom import Newsroom, built_once, records

HUGO: dict[str, object] = {"type": "hugo", "path": "site/content/articles"}
GLOSSARY = "terms:\n  - {source: محطة, target: station}\n"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def desk_with_two_articles(newsroom: Newsroom) -> None:
    """`other` published, `water-station` ready, a glossary: files someone would want gone."""
    newsroom.configure(publish={"targets": [HUGO]})
    newsroom.path("glossary.yaml").write_text(GLOSSARY, encoding="utf-8")
    newsroom.commit_all("the glossary")
    for article_id, stage in (("other", "published"), ("water-station", "ready")):
        newsroom.new_article(article_id=article_id)
        newsroom.advance_to(article_id, stage)


FOREIGN = ("site/content/articles/other/index.md", "glossary.yaml", ".git/config")


def tamper(newsroom: Newsroom, article_id: str,
           foreign: tuple[str, ...] = FOREIGN) -> dict[str, bytes]:
    """Name other files in the article's `outputs`, each with its right sha256, and commit
    that as a hand edit; the files' bytes as they were, to compare with after."""
    kept = {relative: newsroom.path(relative).read_bytes() for relative in foreign}

    def change(document: frontmatter.Document) -> None:
        entries: list[Any] = list(document.meta.get("outputs") or [])
        entries += [{"path": relative, "sha256": sha256(data)} for relative, data in kept.items()]
        document.meta["outputs"] = entries

    newsroom.edit(article_id, change)
    newsroom.commit_all("name other files as outputs")
    return kept


def assert_left_alone(newsroom: Newsroom, kept: dict[str, bytes]) -> None:
    """Every foreign file is as it was, and the step's commit does not touch it."""
    for relative, data in kept.items():
        assert newsroom.path(relative).read_bytes() == data, relative
    touched = newsroom.git("show", "--name-only", "--format=", "HEAD").split()
    assert not set(touched) & set(kept), touched


# One file at a time: each is a different way to lose a file (deleted and the deletion
# committed, or the whole step refused for what lies in .git).
@pytest.mark.parametrize("foreign", FOREIGN)
def test_publish_leaves_a_file_its_outputs_wrongly_name(tmp_path: Path, foreign: str) -> None:
    newsroom = built_once(tmp_path, desk_with_two_articles)
    kept = tamper(newsroom, "water-station", (foreign,))

    result = newsroom.ok("publish", "water-station")
    assert_left_alone(newsroom, kept)
    assert f"{foreign} is in outputs but is not a file publishing makes for " \
           "water-station" in result.output
    # What is recorded now is what publishing computed and wrote.
    assert [entry["path"] for entry in records(newsroom.meta("water-station"), "outputs")] == [
        "site/content/articles/water-station/index.md"]


@pytest.mark.parametrize("foreign", FOREIGN)
def test_unpublish_leaves_a_file_its_outputs_wrongly_name(tmp_path: Path,
                                                          foreign: str) -> None:
    newsroom = built_once(tmp_path, desk_with_two_articles)
    newsroom.ok("publish", "water-station")
    kept = tamper(newsroom, "water-station", (foreign,))

    newsroom.ok("unpublish", "water-station", "--reason", "taken down")
    assert_left_alone(newsroom, kept)
    assert not newsroom.path("site/content/articles/water-station/index.md").exists()
    assert "outputs" not in newsroom.meta("water-station")


def test_check_reports_each_foreign_entry_at_its_line(tmp_path: Path) -> None:
    newsroom = built_once(tmp_path, desk_with_two_articles)
    tamper(newsroom, "water-station")
    lines = newsroom.article_path("water-station").read_text(encoding="utf-8").splitlines()

    code, problems = newsroom.check_json("water-station")
    assert code == 1
    found = [problem for problem in problems if problem["rule"] == "outputs"]
    assert len(found) == len(FOREIGN)
    for problem, relative in zip(found, FOREIGN, strict=True):
        assert problem["path"] == "articles/water-station/article.md"
        assert problem["severity"] == "error"
        assert isinstance(problem["line"], int)
        assert lines[problem["line"] - 1].strip() == f"- path: {relative}"
        message = str(problem["message"])
        assert f"names {relative}, which is not a file any publish target makes for " \
               "water-station" in message
        assert "remove the entry from outputs" in message
        # Never the advice that would delete it.
        assert "publish the article" not in message and "delete the file" not in message
