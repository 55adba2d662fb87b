"""A publish that dies between writing its files and committing them is found and finished;
a refused commit leaves nothing behind; check accepts what the commands made."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from testing.newsroom import Newsroom, person_env

TARGETS = [{"type": "hugo", "path": "site/content/articles"},
           {"type": "feed", "path": "site/feed.xml"}]
WORKTREE = Path(__file__).resolve().parents[1]

# git runs the reference-transaction hook for every ref update, including the update-ref
# with which editorial's commit lands. These hooks make that one step fail, or kill the
# editorial process (git's parent) right there, as a power cut or a killed CI job would.
REFUSE_HOOK = "#!/bin/sh\n[ \"$1\" = prepared ] && exit 1\nexit 0\n"
CRASH_HOOK = (
    "#!/bin/sh\n"
    "[ \"$1\" = prepared ] || exit 0\n"
    "kill -KILL \"$(awk '{print $4}' /proc/$PPID/stat)\"\n"
    "exit 1\n"
)


def install_hook(newsroom: Newsroom, text: str) -> Path:
    hook = newsroom.root / ".git" / "hooks" / "reference-transaction"
    hook.parent.mkdir(exist_ok=True)
    hook.write_text(text)
    hook.chmod(0o755)
    return hook


def ready(newsroom: Newsroom) -> str:
    newsroom.configure(publish={"targets": TARGETS})
    article_id = newsroom.new_article()
    newsroom.advance_to(article_id, "ready")
    return article_id


def crash_while_publishing(newsroom: Newsroom, article_id: str) -> None:
    """Run `editorial publish` as its own process and kill it as its commit lands."""
    hook = install_hook(newsroom, CRASH_HOOK)
    completed = subprocess.run(
        [sys.executable, "-m", "editorial", "--repo", str(newsroom.root), "publish",
         article_id], env={**os.environ, **person_env("dana"), "PYTHONPATH": str(WORKTREE)},
        capture_output=True, text=True, check=False)
    hook.unlink()
    assert completed.returncode == -9, (completed.returncode, completed.stderr)


def test_a_refused_commit_puts_every_file_back(newsroom: Newsroom) -> None:
    article_id = ready(newsroom)
    install_hook(newsroom, REFUSE_HOOK)
    message = newsroom.refuses("publish", article_id)
    assert "git update-ref failed" in message
    assert not newsroom.path("site").exists()
    assert newsroom.meta(article_id)["stage"] == "ready"


def test_publish_finishes_a_publish_killed_before_its_commit(newsroom: Newsroom) -> None:
    article_id = ready(newsroom)
    head = newsroom.git("rev-parse", "HEAD")
    crash_while_publishing(newsroom, article_id)
    # The files were written, the commit never made.
    assert newsroom.git("rev-parse", "HEAD") == head
    assert newsroom.meta(article_id)["stage"] == "published"
    bundle = f"site/content/articles/{article_id}/index.md"
    assert newsroom.path(bundle).is_file()
    assert f"?? {bundle}" in newsroom.git("status", "--porcelain", "--untracked-files=all")

    result = newsroom.ok("publish", article_id)
    assert f"{bundle} was written but never committed" in result.stderr
    assert newsroom.git("status", "--porcelain") == ""
    committed = set(newsroom.git("show", "--name-only", "--format=", "HEAD").split())
    assert {bundle, "site/feed.xml", f"articles/{article_id}/article.md"} <= committed
    assert newsroom.rules_failing() == set()


def test_check_reports_outputs_left_by_a_killed_publish(newsroom: Newsroom) -> None:
    article_id = ready(newsroom)
    crash_while_publishing(newsroom, article_id)
    # Someone puts the article back as it was committed: its outputs stay behind.
    newsroom.git("checkout", "--", f"articles/{article_id}/article.md")
    assert newsroom.meta(article_id)["stage"] == "ready"
    code, problems = newsroom.check_json()
    assert code == 1
    bundle = f"site/content/articles/{article_id}/index.md"
    [problem] = [p for p in problems if p["rule"] == "outputs"]
    assert problem["path"] == bundle
    assert "no publication recorded" in str(problem["message"])

    # Publishing it for real takes the stray files into its commit.
    newsroom.ok("publish", article_id)
    assert newsroom.git("status", "--porcelain") == ""
    assert newsroom.rules_failing() == set()


def test_check_reports_an_altered_or_missing_output(newsroom: Newsroom) -> None:
    article_id = ready(newsroom)
    newsroom.ok("publish", article_id)
    bundle = newsroom.path(f"site/content/articles/{article_id}/index.md")
    bundle.write_text(bundle.read_text().replace("water", "wine"))
    assert newsroom.rules_failing() == {"outputs"}
    bundle.unlink()
    _, problems = newsroom.check_json()
    assert any("is missing" in str(p["message"]) for p in problems)
    newsroom.ok("publish", article_id)
    assert newsroom.rules_failing() == set()


def test_check_passes_after_publish_correct_and_unpublish(newsroom: Newsroom) -> None:
    newsroom.configure(publish={"targets": [*TARGETS, {"type": "jekyll", "path": "_posts"},
                                            {"type": "html", "path": "pages"}]})
    base = newsroom.git("rev-parse", "HEAD").strip()
    newsroom.git("checkout", "-q", "-b", "desk-day")
    for article_id in ("kept", "corrected", "withdrawn", "scheduled"):
        newsroom.new_article(article_id=article_id)
        newsroom.advance_to(article_id, "ready")
    newsroom.ok("publish", "kept", "corrected", "withdrawn")
    newsroom.edit_body("corrected", "12000 families", "12,000 families")
    newsroom.ok("correct", "corrected", "--type", "correction", "--note", "Typo in a number.",
                as_person="hana")
    newsroom.ok("correct", "kept", "--type", "clarification", "--note", "Eastern district.",
                as_person="hana")
    newsroom.ok("unpublish", "withdrawn", "--reason", "The outlet retracted it.")
    newsroom.ok("publish", "scheduled", "--at", "2999-01-01T09:00Z")
    assert newsroom.git("status", "--porcelain") == ""

    result = newsroom.check()
    assert result.exit_code == 0, result.output
    code, problems = newsroom.check_json("--base", base)
    assert (code, problems) == (0, [])
