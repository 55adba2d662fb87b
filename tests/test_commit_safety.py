"""A step commits exactly its paths or nothing: it refuses what git would refuse and what
would lose work, proves its tree before HEAD moves, signs as `git commit` would, and turns the
system's refusals into one line."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from editorial.vcs import committing
from editorial.vcs.git import GitRepo
from editorial.vcs.trees import Folders
from testing.newsroom import Newsroom, person_env

WORKTREE = Path(__file__).resolve().parents[1]


def test_a_step_refuses_to_commit_in_the_middle_of_a_merge(newsroom: Newsroom) -> None:
    article_id = newsroom.new_article()
    newsroom.branch("side")
    newsroom.path("notes.txt").write_text("side\n")
    newsroom.commit_all("side note")
    newsroom.switch("main")
    newsroom.path("notes.txt").write_text("main\n")
    newsroom.commit_all("main note")
    merge = subprocess.run(["git", "merge", "side"], cwd=newsroom.root, capture_output=True,
                           check=False)
    assert merge.returncode != 0  # a conflict: git waits for the user
    line = newsroom.refuses("assign", article_id, "--translator", "tariq")
    assert "a merge is in progress" in line and "git merge --abort" in line


def test_a_step_refuses_during_a_rebase_and_nothing_is_lost_by_its_abort(
        newsroom: Newsroom) -> None:
    article_id = newsroom.new_article()
    newsroom.path("notes.txt").write_text("base\n")
    newsroom.commit_all("base note")
    newsroom.branch("topic")
    newsroom.path("notes.txt").write_text("topic\n")
    newsroom.commit_all("topic note")
    newsroom.switch("main")
    newsroom.path("notes.txt").write_text("main\n")
    newsroom.commit_all("main note")
    newsroom.switch("topic")
    rebase = subprocess.run(["git", "rebase", "main"], cwd=newsroom.root, capture_output=True,
                            check=False)
    assert rebase.returncode != 0
    line = newsroom.refuses("assign", article_id, "--translator", "tariq")
    assert "a rebase" in line and "git rebase --abort" in line
    newsroom.git("rebase", "--abort")
    assert newsroom.meta(article_id)["stage"] == "source"
    newsroom.ok("assign", article_id, "--translator", "tariq")
    assert newsroom.git("status", "--porcelain") == ""


def test_a_detached_head_is_refused_unless_asked_for(newsroom: Newsroom) -> None:
    article_id = newsroom.new_article()
    newsroom.git("checkout", "-q", "--detach")
    line = newsroom.refuses("assign", article_id, "--translator", "tariq")
    assert "HEAD is detached" in line and "--detached" in line
    head = newsroom.git("rev-parse", "HEAD").strip()
    newsroom.ok("--detached", "assign", article_id, "--translator", "tariq")
    assert newsroom.git("rev-parse", "HEAD~1").strip() == head
    assert newsroom.meta(article_id)["stage"] == "translation"


def test_staged_and_unstaged_versions_of_a_file_are_never_mixed(newsroom: Newsroom) -> None:
    article_id = newsroom.new_article()
    newsroom.ok("assign", article_id, "--translator", "tariq")
    article = newsroom.article_path(article_id)
    article.write_text(article.read_text() + "staged version A\n")
    newsroom.git("add", str(article))
    article.write_text(article.read_text() + "unstaged version B\n")
    line = newsroom.refuses("assign", article_id, "--editor", "hana")
    assert "staged changes and different changes on disk" in line
    assert "git restore --staged" in line


def test_a_staged_edit_equal_to_the_file_goes_in_with_the_step(newsroom: Newsroom) -> None:
    article_id = newsroom.new_article()
    newsroom.ok("assign", article_id, "--translator", "tariq")
    article = newsroom.article_path(article_id)
    article.write_text(article.read_text() + "an editor's note\n")
    newsroom.git("add", str(article))
    newsroom.ok("assign", article_id, "--editor", "hana")
    assert "an editor's note" in newsroom.git("show", f"HEAD:articles/{article_id}/article.md")
    assert newsroom.git("status", "--porcelain") == ""


def test_an_uncommitted_source_edit_is_committed_with_the_hand_off(newsroom: Newsroom) -> None:
    article_id = newsroom.new_article()
    newsroom.ok("assign", article_id, "--translator", "tariq")
    source = newsroom.article_path(article_id, "source.md")
    source.write_text(source.read_text(encoding="utf-8") + "\nفقرة أضافها المترجم.\n",
                      encoding="utf-8")
    newsroom.write_translation(article_id)
    newsroom.ok("submit", article_id, as_person="tariq")
    committed = newsroom.git("show", "--name-only", "--format=", "HEAD").split()
    assert f"articles/{article_id}/source.md" in committed
    assert newsroom.git("status", "--porcelain") == ""
    assert "source-changed" not in newsroom.rules_failing()


def test_a_path_through_a_git_folder_is_refused(newsroom: Newsroom) -> None:
    newsroom.configure(publish={"targets": [{"type": "hugo", "path": "site/.git/content"}]})
    article_id = newsroom.new_article()
    newsroom.advance_to(article_id, "ready")
    line = newsroom.refuses("publish", article_id)
    assert ".git" in line
    assert "hasDotgit" not in subprocess.run(["git", "fsck"], cwd=newsroom.root,
                                             capture_output=True, text=True).stdout


def test_a_tree_with_a_stray_entry_is_refused_and_nothing_changes(
        newsroom: Newsroom, monkeypatch: pytest.MonkeyPatch) -> None:
    article_id = newsroom.new_article()
    stray = newsroom.path("editorial.yaml")
    # The tree builder is handed one path more than the step means to commit: the one the
    # user edited on the side, as a bug in building the tree would.
    stray.write_text(stray.read_text() + "# the user's unfinished edit\n")
    build = committing._tree_with

    def with_a_bad_entry(repo: GitRepo, folders: Folders, paths: list[str]) -> str:
        return build(repo, folders, [*paths, "editorial.yaml"])

    monkeypatch.setattr(committing, "_tree_with", with_a_bad_entry)
    line = newsroom.refuses("assign", article_id, "--translator", "tariq", exit_code=1)
    assert "would also change editorial.yaml" in line
    assert "nothing was committed" in line
    assert not (newsroom.root / ".git" / "editorial" / "step.json").exists()


def test_signed_commits_are_signed_as_git_commit_would_sign_them(
        newsroom: Newsroom, tmp_path: Path) -> None:
    key = tmp_path / "dana_key"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "dana", "-f",
                    str(key)], check=True)
    email = person_env("dana")["GIT_COMMITTER_EMAIL"]
    signers = tmp_path / "allowed_signers"
    signers.write_text(f'{email} namespaces="git" {key.with_suffix(".pub").read_text()}')
    for name, value in (("gpg.format", "ssh"), ("user.signingKey", f"{key}.pub"),
                        ("commit.gpgSign", "true"),
                        ("gpg.ssh.allowedSignersFile", str(signers))):
        newsroom.git("config", name, value)
    article_id = newsroom.new_article()
    newsroom.ok("assign", article_id, "--translator", "tariq")
    for commit in ("HEAD", "HEAD~1"):
        verified = subprocess.run(["git", "verify-commit", commit], cwd=newsroom.root,
                                  capture_output=True, text=True, check=False)
        assert verified.returncode == 0, verified.stderr
        assert f'Good "git" signature for {email}' in verified.stderr
    newsroom.git("config", "commit.gpgSign", "false")
    newsroom.ok("assign", article_id, "--editor", "hana")
    unsigned = subprocess.run(["git", "verify-commit", "HEAD"], cwd=newsroom.root,
                              capture_output=True, check=False)
    assert unsigned.returncode != 0


def _limit_file_size() -> None:
    # Writes past the limit fail with EFBIG instead of killing the process, as a full disk
    # makes them fail with ENOSPC.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


def test_a_write_the_system_refuses_is_one_line_and_changes_nothing(
        newsroom: Newsroom, tmp_path: Path) -> None:
    source = tmp_path / "long.txt"
    source.write_text("فقرة طويلة من نص المصدر.\n\n" * 400, encoding="utf-8")
    before = newsroom.snapshot()
    completed = subprocess.run(
        [sys.executable, "-m", "editorial", "--repo", str(newsroom.root), "new", str(source),
         "--lang", "ar", "--id", "too-long", "--source-title", "نص طويل"],
        env={**os.environ, **person_env("dana"), "PYTHONPATH": str(WORKTREE)},
        capture_output=True, text=True, check=False, preexec_fn=_limit_file_size)
    assert completed.returncode == 1, completed.stderr
    [line] = completed.stderr.splitlines()
    assert line.startswith("editorial: refused:")
    assert "File too large" in line and "nothing was changed" in line
    assert newsroom.snapshot() == before
