"""What `editorial check --base` proves of the dates and credits a change records (issue 14,
item 3), and that it follows a change of hundreds of steps entry by entry (item 10)."""

from __future__ import annotations

import re
from pathlib import Path

from editorial.core.frontmatter import Document
from testing.newsroom import Newsroom, article_at, git, person_env


def failing(newsroom: Newsroom) -> dict[str, list[str]]:
    """The messages of each rule failing `check --base main`."""
    return newsroom.errors_by_rule("--base", "main")


def test_a_new_step_backdated_or_postdated(tmp_path: Path) -> None:
    newsroom, article_id = article_at(tmp_path, "editing")
    newsroom.branch("pr")
    for at, said in (("1999-01-01T00:00:00Z", "before the base's last entry"),
                     ("2099-01-01T00:00:00Z", "after the commit that records it")):
        newsroom.git("reset", "-q", "--hard", "main")
        newsroom.append_step(article_id, "approve", "disclaimer", by="hana", at=at)
        newsroom.commit_all("approved", as_person="hana")
        assert set(failing(newsroom)) == {"history-time"}
        assert said in failing(newsroom)["history-time"][0]
    newsroom.git("reset", "-q", "--hard", "main")
    newsroom.append_step(article_id, "approve", "disclaimer", by="hana")
    newsroom.commit_all("approved", as_person="hana")
    assert failing(newsroom) == {}


def test_updated_at_in_the_future(newsroom: Newsroom) -> None:
    article_id = newsroom.new_article()
    newsroom.branch("pr")
    newsroom.edit(article_id, lambda document: document.meta.update(
        updated_at="2099-01-01T00:00:00Z"))
    newsroom.commit_all("touch", as_person="dana")
    assert failing(newsroom)["history-time"] == [
        "updated_at 2099-01-01T00:00:00Z is in the future: it is the time of the article's "
        "last change"]
    assert "history-time" in newsroom.rules_failing()


def published(newsroom: Newsroom) -> str:
    article_id = newsroom.new_article()
    newsroom.advance_to(article_id, "published")
    newsroom.branch("pr")
    return article_id


def test_published_title_and_credits_change_only_with_a_correction(newsroom: Newsroom) -> None:
    article_id = published(newsroom)
    for key, value in (("title", "A better title"), ("translator", "sami"),
                       ("editor", "dana")):
        newsroom.git("reset", "-q", "--hard", "main")

        def change(document: Document, key: str = key, value: str = value) -> None:
            document.meta[key] = value

        newsroom.edit(article_id, change)
        commit = newsroom.commit_all(f"change the {key}", as_person="dana")
        found = failing(newsroom)
        assert set(found) == {"credits"}, found
        assert found["credits"][0].startswith(
            f"{key} changed from ") and f"in commit {commit[:8]}, after publication, with no " \
            "correction" in found["credits"][0]
    # The desk's way: a correction that says why, in the same commit.
    newsroom.git("reset", "-q", "--hard", "main")
    newsroom.edit(article_id, lambda document: document.meta.update(title="A better title"))
    newsroom.ok("correct", article_id, "--type", "clarification", "--note",
                "the title said too little", as_person="hana")
    assert failing(newsroom) == {}


def test_a_translator_who_assigns_themselves_by_hand(newsroom: Newsroom) -> None:
    article_id = newsroom.new_article()
    newsroom.ok("assign", article_id, "--translator", "sami")
    newsroom.branch("pr")
    newsroom.edit(article_id, lambda document: document.meta.update(translator="tariq"))
    newsroom.write_translation(article_id)
    newsroom.ok("submit", article_id, as_person="tariq")
    found = failing(newsroom)
    assert set(found) == {"credits"}
    assert found["credits"][0].startswith("translator changed from 'sami' to 'tariq' in commit")
    assert "with no assign step" in found["credits"][0]
    # Assigned by an editor, the same submission passes.
    newsroom.git("reset", "-q", "--hard", "main")
    newsroom.ok("assign", article_id, "--translator", "tariq")
    newsroom.write_translation(article_id)
    newsroom.ok("submit", article_id, as_person="tariq")
    assert failing(newsroom) == {}


def test_hundreds_of_new_steps_each_judged_at_its_line(newsroom: Newsroom) -> None:
    """300 steps rebased by a colleague: each is a warning on its own line, and the two that
    a translator took without the role are errors on theirs."""
    article_id = newsroom.new_article()
    newsroom.branch("pr")
    wrong = {100, 250}

    def many(document: Document) -> None:
        at = document.meta["history"][-1]["at"]
        document.meta["history"] += [
            {"at": at, "by": "tariq" if number in wrong else "dana", "action": "assign",
             "from": "source", "to": "source", "note": f"editor: hana ({number})"}
            for number in range(300)]

    newsroom.edit(article_id, many)
    git(newsroom.root, "add", "-A")
    git(newsroom.root, "commit", "-qm", "many steps",
        env={**person_env("hana"), "GIT_AUTHOR_EMAIL": "dana@example.org"})
    code, problems = newsroom.check_json("--base", "main")
    assert code == 1
    lines = newsroom.article_path(article_id).read_text(encoding="utf-8").splitlines()
    starts = [number + 1 for number, line in enumerate(lines) if line.startswith("  - at:")]
    assert len(starts) == 301
    errors = [p for p in problems if p["severity"] == "error"]
    assert sorted((p["rule"], p["line"]) for p in errors) == sorted(
        [(rule, starts[1 + number]) for number in wrong
         for rule in ("transition", "authorship")])
    warnings = [p for p in problems if p["severity"] == "warning"]
    assert [p["line"] for p in warnings] == [starts[1 + number] for number in range(300)
                                             if number not in wrong]
    for problem in warnings:
        index = int(re.search(r"history\[(\d+)\]", str(problem["message"]))[1])  # type: ignore[index]
        assert problem["line"] == starts[index]
        assert "committed by hana <hana@example.org>" in str(problem["message"])
