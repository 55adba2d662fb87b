"""publish --push against a real bare remote: a push that lands, and one the remote refuses."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from testing.newsroom import Newsroom, article_at, person_env


def bare_remote(newsroom: Newsroom, tmp_path: Path) -> Path:
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(remote)], check=True)
    newsroom.git("remote", "add", "origin", str(remote))
    newsroom.git("push", "-q", "origin", "main")
    return remote


def remote_head(remote: Path) -> str:
    return subprocess.run(["git", "rev-parse", "main"], cwd=remote, capture_output=True,
                          text=True, check=True).stdout.strip()


def test_push_lands_the_publish_commit_on_the_configured_remote(
        newsroom: Newsroom, tmp_path: Path) -> None:
    remote = bare_remote(newsroom, tmp_path)
    newsroom.configure(publish={"remote": "origin", "branch": "main",
                                "targets": [{"type": "hugo", "path": "site/content/a"}]})
    article_id = newsroom.new_article()
    newsroom.advance_to(article_id, "ready")
    result = newsroom.ok("publish", article_id, "--push")
    assert "pushed to origin main" in result.stderr
    assert remote_head(remote) == newsroom.git("rev-parse", "HEAD").strip()
    files = subprocess.run(["git", "ls-tree", "-r", "--name-only", "main"], cwd=remote,
                           capture_output=True, text=True, check=True).stdout.split()
    assert f"site/content/a/{article_id}/index.md" in files


def test_a_rejected_push_says_what_to_do_and_keeps_the_commit(
        newsroom: Newsroom, tmp_path: Path) -> None:
    remote = bare_remote(newsroom, tmp_path)
    newsroom.git("branch", "-q", "--set-upstream-to", "origin/main")
    article_id = newsroom.new_article()
    newsroom.advance_to(article_id, "ready")
    newsroom.git("push", "-q")

    # A colleague pushes first.
    other = tmp_path / "colleague"
    subprocess.run(["git", "clone", "-q", str(remote), str(other)], check=True)
    (other / "notes.txt").write_text("the colleague's work\n")
    subprocess.run(["git", "add", "notes.txt"], cwd=other, check=True)
    subprocess.run(["git", "commit", "-qm", "notes"], cwd=other, check=True,
                   env={**os.environ, **person_env("hana")})
    subprocess.run(["git", "push", "-q"], cwd=other, check=True)
    theirs = remote_head(remote)

    result = newsroom.run("publish", article_id, "--push")
    assert result.exit_code == 1
    [line] = result.stderr.strip().splitlines()[-1:]
    assert "push to origin main was rejected" in line
    assert "git pull --rebase origin main" in line and "editorial publish --push" in line
    assert "Traceback" not in result.output
    # Nothing local is lost: the article is published in a commit of its own.
    assert remote_head(remote) == theirs
    assert newsroom.meta(article_id)["stage"] == "published"
    assert newsroom.git("log", "-1", "--format=%s").startswith(f"publish: {article_id}")
    assert newsroom.git("status", "--porcelain") == ""

    # Doing what the message says gets it out.
    newsroom.git("pull", "-q", "--rebase", "origin", "main")
    result = newsroom.ok("publish", "--push")
    assert "pushed to origin main" in result.stderr
    assert remote_head(remote) == newsroom.git("rev-parse", "HEAD").strip()
    log = subprocess.run(["git", "log", "--format=%s", "main"], cwd=remote, capture_output=True,
                         text=True, check=True).stdout.splitlines()
    assert log[:2] == [f"publish: {article_id} (ready -> published)", "notes"]


def test_push_without_a_remote_is_refused_with_a_hint(tmp_path: Path) -> None:
    newsroom, article_id = article_at(tmp_path, "ready")
    message = newsroom.refuses("publish", article_id, "--push")
    assert "there is no remote to push to" in message
    assert "publish: {remote: origin, branch: main}" in message
