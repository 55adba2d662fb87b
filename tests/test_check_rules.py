"""Each rule of `editorial check` in a real repository: failing for its own reason on a
branch, passing once the branch is fixed."""

from __future__ import annotations

from pathlib import Path

import pytest

from editorial.core import disclaimer
from editorial.core.frontmatter import Document
from testing.newsroom import Newsroom, article_at, demo_newsroom, git


def test_a_branch_made_by_the_commands_passes(tmp_path: Path) -> None:
    newsroom, first = article_at(tmp_path, "editing")
    newsroom.branch("desk-work")
    second = newsroom.new_article(article_id="second-story")
    newsroom.advance_to(second, "published")
    newsroom.ok("approve", first, as_person="hana")
    newsroom.ok("assign", first, "--editor", "sami")
    result = newsroom.check("--base", "main")
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert "no problems in 2 articles changed since main" in result.stderr
    assert newsroom.check().exit_code == 0


def test_front_matter_syntax_error_with_its_line(newsroom: Newsroom) -> None:
    article_id = newsroom.new_article()
    newsroom.edit_text(article_id, lambda text: text.replace("stage: source",
                                                             "stage: source: again", 1))
    code, problems = newsroom.check_json()
    assert code == 1
    assert [(p["rule"], p["path"]) for p in problems] == [
        ("front-matter", "articles/water-station/article.md")]
    lines = newsroom.article_path(article_id).read_text().splitlines()
    assert problems[0]["line"] == lines.index("stage: source: again") + 1
    assert "invalid YAML" in str(problems[0]["message"])
    newsroom.git("checkout", "--", ".")
    assert newsroom.check_json() == (0, [])


def test_schema_unknown_person_and_stage(tmp_path: Path) -> None:
    newsroom, article_id = article_at(tmp_path, "translation")

    def unknown_translator(document: Document) -> None:
        document.meta["translator"] = "nobody"

    newsroom.edit(article_id, unknown_translator)
    assert newsroom.rules_failing() == {"schema"}
    _, problems = newsroom.check_json()
    assert "translator 'nobody' is not a person in editorial.yaml" in str(problems[0]["message"])
    newsroom.git("checkout", "--", ".")
    assert newsroom.rules_failing() == set()


def test_id_must_equal_its_folder(newsroom: Newsroom) -> None:
    article_id = newsroom.new_article()
    newsroom.edit(article_id, lambda document: document.meta.update(id="another-id"))
    assert newsroom.rules_failing() == {"id"}
    newsroom.git("checkout", "--", ".")
    assert newsroom.rules_failing() == set()


def test_history_is_append_only(tmp_path: Path) -> None:
    newsroom, article_id = article_at(tmp_path, "editing")
    newsroom.branch("rewrite")

    def backdate(document: Document) -> None:
        document.meta["history"][1]["at"] = "2001-01-01T00:00:00Z"

    newsroom.edit(article_id, backdate)
    newsroom.commit_all("tidy the history", as_person="dana")
    assert newsroom.rules_failing("--base", "main") == {"history"}
    newsroom.git("revert", "--no-edit", "HEAD")
    assert newsroom.rules_failing("--base", "main") == set()


def test_stage_must_be_where_the_history_ends(newsroom: Newsroom) -> None:
    article_id = newsroom.new_article()
    newsroom.edit(article_id, lambda document: document.meta.update(stage="translation"))
    assert newsroom.rules_failing() == {"history"}
    newsroom.git("checkout", "--", ".")
    assert newsroom.rules_failing() == set()


def test_transition_taken_without_the_role(tmp_path: Path) -> None:
    newsroom, article_id = article_at(tmp_path, "editing")
    newsroom.branch("self-approval")
    newsroom.append_step(article_id, "approve", "disclaimer", by="tariq")
    newsroom.commit_all("approve my own translation", as_person="tariq")
    assert newsroom.rules_failing("--base", "main") == {"transition"}
    _, problems = newsroom.check_json("--base", "main")
    messages = " ".join(str(p["message"]) for p in problems)
    assert "needs the role editor" in messages and "second pair of eyes" in messages
    # The same step taken the desk's way, by an editor who did not translate it, passes.
    newsroom.git("reset", "-q", "--hard", "main")
    newsroom.ok("approve", article_id, as_person="hana")
    assert newsroom.rules_failing("--base", "main") == set()


def test_transition_that_the_workflow_does_not_have(tmp_path: Path) -> None:
    newsroom, article_id = article_at(tmp_path, "translation")
    newsroom.branch("shortcut")
    newsroom.append_step(article_id, "publish", "published", by="dana")
    newsroom.commit_all("publish straight away", as_person="dana")
    _, problems = newsroom.check_json("--base", "main")
    # A published article without its disclaimer is a problem of its own, also reported.
    assert {p["rule"] for p in problems} == {"transition", "disclaimer"}
    transition = next(p for p in problems if p["rule"] == "transition")
    assert "publish from 'translation' to 'published' is not a transition" in str(
        transition["message"])
    newsroom.git("reset", "-q", "--hard", "main")
    assert newsroom.rules_failing("--base", "main") == set()


def test_forged_approval_fails_authorship(tmp_path: Path) -> None:
    newsroom, article_id = article_at(tmp_path, "editing")
    newsroom.branch("forged")
    newsroom.append_step(article_id, "approve", "disclaimer", by="hana")
    newsroom.commit_all("approved", as_person="tariq")
    assert newsroom.rules_failing("--base", "main") == {"authorship"}
    _, problems = newsroom.check_json("--base", "main")
    assert "committed by tariq@example.org" in str(problems[0]["message"])
    assert newsroom.rules_failing("--base", "main", "--no-authorship") == set()
    # Hana committing her own approval is what the desk expects.
    newsroom.git("reset", "-q", "--hard", "main")
    newsroom.append_step(article_id, "approve", "disclaimer", by="hana")
    newsroom.commit_all("approved", as_person="hana")
    assert newsroom.rules_failing("--base", "main") == set()


def test_uncommitted_step_cannot_be_attributed(tmp_path: Path) -> None:
    newsroom, article_id = article_at(tmp_path, "editing")
    newsroom.branch("pending")
    newsroom.ok("approve", article_id, "--no-commit", as_person="hana")
    _, problems = newsroom.check_json("--base", "main")
    assert [p["rule"] for p in problems] == ["authorship"]
    assert "is in no commit since the base" in str(problems[0]["message"])


def test_frozen_translation_edited_after_hand_off(tmp_path: Path) -> None:
    newsroom, article_id = article_at(tmp_path, "editing")
    newsroom.branch("touch-up")
    newsroom.edit_text(article_id, lambda text: text.replace("Sunday", "Monday"),
                       name="translation.md")
    newsroom.commit_all("fix a day", as_person="tariq")
    assert newsroom.rules_failing("--base", "main") == {"frozen-translation"}
    # The hash recorded at hand-off tells it without a base too.
    assert newsroom.rules_failing() == {"frozen-translation"}
    newsroom.git("revert", "--no-edit", "HEAD")
    assert newsroom.rules_failing("--base", "main") == set()


def test_translation_may_change_once_returned(tmp_path: Path) -> None:
    newsroom, article_id = article_at(tmp_path, "editing")
    newsroom.branch("second-draft")
    newsroom.ok("return", article_id, "--note", "check the figures", as_person="hana")
    newsroom.edit_text(article_id, lambda text: text.replace("Sunday", "Monday"),
                       name="translation.md")
    newsroom.commit_all("second draft", as_person="tariq")
    newsroom.ok("submit", article_id, as_person="tariq")
    assert newsroom.rules_failing("--base", "main") == set()


def test_silent_edit_of_a_published_article(tmp_path: Path) -> None:
    newsroom, article_id = article_at(tmp_path, "published")
    newsroom.branch("quiet-fix")
    newsroom.edit_text(article_id, lambda text: text.replace("12000 families",
                                                             "12,000 households"))
    newsroom.commit_all("wording", as_person="hana")
    assert newsroom.rules_failing("--base", "main") == {"silent-edit"}
    _, problems = newsroom.check_json("--base", "main")
    body_line = newsroom.article_path(article_id).read_text().splitlines().index(
        next(line for line in newsroom.article_path(article_id).read_text().splitlines()
             if "12,000 households" in line)) + 1
    assert problems[0]["line"] == body_line

    def record_correction(document: Document) -> None:
        document.meta["corrections"] = [{"at": "2030-01-01T00:00:00Z", "by": "hana",
                                         "type": "correction",
                                         "note": "The station serves households."}]

    newsroom.edit(article_id, record_correction)
    newsroom.append_step(article_id, "correct", "published", by="hana",
                         note="The station serves households.")
    newsroom.commit_all("correct the figure", as_person="hana")
    assert newsroom.rules_failing("--base", "main") == set()


def test_disclaimer_missing_then_restored(tmp_path: Path) -> None:
    newsroom, article_id = article_at(tmp_path, "ready")
    newsroom.edit(article_id, lambda document: setattr(
        document, "body", disclaimer.without(document.body)))
    assert newsroom.rules_failing() == {"disclaimer"}
    newsroom.ok("disclaim", article_id, "--no-commit", as_person="hana")
    assert newsroom.rules_failing() == set()


def test_disclaimer_duplicated(tmp_path: Path) -> None:
    newsroom, article_id = article_at(tmp_path, "ready")
    newsroom.edit(article_id, lambda document: setattr(
        document, "body", document.body + "\n" + document.body))
    code, problems = newsroom.check_json()
    # The doubled text also states each number twice, which extra-numbers warns of.
    errors = [p for p in problems if p["severity"] == "error"]
    assert code == 1 and [p["rule"] for p in errors] == ["disclaimer"]
    assert {p["rule"] for p in problems if p["severity"] == "warning"} <= {"extra-numbers"}
    assert "appears 2 times" in str(errors[0]["message"])


def test_disclaimer_out_of_date_while_it_can_be_refreshed(tmp_path: Path) -> None:
    newsroom, article_id = article_at(tmp_path, "ready")
    config = newsroom.path("editorial.yaml")
    config.write_text(config.read_text().replace("This article was translated",
                                                 "This report was translated"))
    assert newsroom.rules_failing() == {"disclaimer"}
    newsroom.ok("disclaim", article_id, as_person="hana")
    assert newsroom.rules_failing() == set()


def test_conflict_markers(tmp_path: Path) -> None:
    newsroom, article_id = article_at(tmp_path, "editing")
    newsroom.edit_text(article_id, lambda text: text.replace(
        "The mayor said", "<<<<<<< HEAD\nThe mayor said\n=======\nThe mayor stated\n"
        ">>>>>>> other\nThe mayor said", 1))
    code, problems = newsroom.check_json()
    assert code == 1 and [p["rule"] for p in problems] == ["conflict-markers"]
    text = newsroom.article_path(article_id).read_text().splitlines()
    assert problems[0]["line"] == text.index("<<<<<<< HEAD") + 1
    newsroom.git("checkout", "--", ".")
    assert newsroom.rules_failing() == set()


def test_a_setext_heading_is_not_a_conflict(tmp_path: Path) -> None:
    newsroom, article_id = article_at(tmp_path, "editing")
    newsroom.edit_text(article_id, lambda text: text + "\nA heading\n=======\n")
    assert newsroom.rules_failing() == set()


def test_deleting_an_article_fails_history(newsroom: Newsroom) -> None:
    article_id = newsroom.new_article()
    newsroom.branch("cleanup")
    newsroom.git("rm", "-q", "-r", f"articles/{article_id}")
    newsroom.commit_all("remove an article")
    assert newsroom.rules_failing("--base", "main") == {"history"}


@pytest.mark.slow  # the demo newsroom
def test_the_demo_newsroom_passes_whole_and_since_its_first_commit(tmp_path: Path) -> None:
    """Eleven articles in every stage, each step taken and committed by its own person."""
    demo = demo_newsroom(tmp_path)
    first = git(demo.root, "rev-list", "--max-parents=0", "HEAD").strip()
    whole = demo.check()
    assert whole.exit_code == 0, whole.stdout
    since = demo.check("--base", first)
    assert since.exit_code == 0, since.stdout
    assert "no problems in 11 articles changed since" in since.stderr


def test_paths_and_id_prefixes_choose_the_articles(newsroom: Newsroom) -> None:
    newsroom.new_article()
    newsroom.new_article(article_id="broken-one")
    newsroom.edit("broken-one", lambda document: document.meta.update(id="nope"))
    good = newsroom.article_path("water-station")
    assert newsroom.check(str(good)).exit_code == 0
    assert newsroom.check("water").exit_code == 0
    assert newsroom.check(str(good.parent), "broken").exit_code == 1
    assert newsroom.check(str(newsroom.path("editorial.yaml"))).exit_code == 1
    missing = newsroom.check(str(newsroom.path("articles", "no-such")))
    assert missing.exit_code == 2 and "no such article folder" in missing.stderr


def test_authorship_through_a_pull_request_merge_commit(tmp_path: Path) -> None:
    """CI checks out the merge of the pull request into its base, made by someone else."""
    newsroom, article_id = article_at(tmp_path, "editing")
    newsroom.branch("feature")
    newsroom.ok("approve", article_id, as_person="hana")
    newsroom.git("checkout", "-q", "--detach", "main")
    merger = {"GIT_AUTHOR_NAME": "Merge Bot", "GIT_AUTHOR_EMAIL": "bot@example.net",
              "GIT_COMMITTER_NAME": "Merge Bot", "GIT_COMMITTER_EMAIL": "bot@example.net"}
    git(newsroom.root, "merge", "-q", "--no-ff", "-m", "Merge pull request", "feature",
        env=merger)
    assert newsroom.rules_failing("--base", "main") == set()
    # The same merge of a forged approval still names the person who made the forgery.
    newsroom.git("checkout", "-q", "-B", "forged", "main")
    newsroom.append_step(article_id, "approve", "disclaimer", by="hana")
    newsroom.commit_all("approved", as_person="tariq")
    newsroom.git("checkout", "-q", "--detach", "main")
    git(newsroom.root, "merge", "-q", "--no-ff", "-m", "Merge pull request", "forged",
        env=merger)
    _, problems = newsroom.check_json("--base", "main")
    assert [p["rule"] for p in problems] == ["authorship"]
    assert "committed by tariq@example.org" in str(problems[0]["message"])
