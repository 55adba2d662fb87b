"""A publish that dies between writing its files and committing them is undone by the next
command; a refused commit leaves nothing behind; check accepts what the commands made."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

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
    head = newsroom.git("rev-parse", "HEAD")
    message = newsroom.refuses("publish", article_id)
    assert "git update-ref failed" in message and "nothing was committed" in message
    assert newsroom.git("rev-parse", "HEAD") == head
    assert newsroom.git("status", "--porcelain", "--untracked-files=all") == ""
    assert not newsroom.path("site").exists()
    assert newsroom.meta(article_id)["stage"] == "ready"


@pytest.mark.slow  # kills a publish in a process of its own
def test_the_next_command_undoes_a_publish_killed_before_its_commit(
        newsroom: Newsroom) -> None:
    article_id = ready(newsroom)
    head = newsroom.git("rev-parse", "HEAD")
    crash_while_publishing(newsroom, article_id)
    # The files were written and staged, the commit never landed.
    assert newsroom.git("rev-parse", "HEAD") == head
    assert newsroom.meta(article_id)["stage"] == "published"
    bundle = f"site/content/articles/{article_id}/index.md"
    assert newsroom.path(bundle).is_file()

    result = newsroom.ok("status")
    assert "was interrupted before its commit and has been undone" in result.stderr
    assert newsroom.git("status", "--porcelain", "--untracked-files=all") == ""
    assert not newsroom.path(bundle).exists()
    assert newsroom.meta(article_id)["stage"] == "ready"

    newsroom.ok("publish", article_id)
    assert newsroom.git("status", "--porcelain") == ""
    committed = set(newsroom.git("show", "--name-only", "--format=", "HEAD").split())
    assert {bundle, "site/feed.xml", f"articles/{article_id}/article.md"} <= committed
    assert newsroom.rules_failing() == set()


def test_check_reports_outputs_no_publication_explains(newsroom: Newsroom) -> None:
    article_id = ready(newsroom)
    # Outputs of the article written by hand, not by a publish.
    bundle = f"site/content/articles/{article_id}/index.md"
    newsroom.path(bundle).parent.mkdir(parents=True)
    newsroom.path(bundle).write_text("---\ntitle: by hand\n---\n")
    assert newsroom.meta(article_id)["stage"] == "ready"
    code, problems = newsroom.check_json()
    assert code == 1
    [problem] = [p for p in problems if p["rule"] == "outputs"]
    assert problem["path"] == bundle
    assert "no publication recorded" in str(problem["message"])

    # Publishing it for real takes the stray files into its commit.
    newsroom.ok("publish", article_id)
    assert newsroom.git("status", "--porcelain") == ""
    assert newsroom.rules_failing() == set()
