"""What a command commits, in whose name, and what it leaves alone."""

from __future__ import annotations

from pathlib import Path

from testing.crashing import run_editorial
from testing.newsroom import Newsroom, article_at, git, person_env


def test_acting_as_someone_else_commits_with_the_real_git_identity(tmp_path: Path) -> None:
    newsroom, article_id = article_at(tmp_path, "editing")
    # dana is at the keyboard (her git identity) and acts for hana.
    result = newsroom.ok("--as", "hana", "approve", article_id, as_person="dana")
    # Said on the spot: check in CI holds the step to its commit's author.
    warning, report = result.stderr.splitlines()
    assert warning == ("editorial: warning: acting as hana <hana@example.org>, but the commit "
                       "is made by dana@example.org: check in CI will refuse it unless hana "
                       "makes the commit")
    assert report.startswith(f"approved {article_id} (editing -> disclaimer")
    author = newsroom.git("log", "-1", "--format=%an <%ae>|%cn <%ce>").strip()
    assert author == "Dana Desk <dana@example.org>|Dana Desk <dana@example.org>"
    trailers = newsroom.git("log", "-1", "--format=%(trailers)")
    assert "Editorial-By: hana" in trailers
    history = newsroom.meta(article_id)["history"]
    assert isinstance(history, list)
    assert history[-1]["by"] == "hana"
    assert newsroom.meta(article_id)["editor"] == "hana"


def test_acting_as_oneself_or_without_a_commit_warns_of_nothing(tmp_path: Path) -> None:
    newsroom, article_id = article_at(tmp_path, "editing")
    # Written to disk only: no commit for CI to judge, whoever makes it later.
    result = newsroom.ok("--as", "hana", "return", article_id, "--note", "n", "--no-commit",
                         as_person="dana")
    assert "warning" not in result.stderr
    git(newsroom.root, "commit", "-qam", "the return, by hana", env=person_env("hana"))
    result = newsroom.ok("--as", "tariq", "submit", article_id, as_person="tariq")
    assert "warning" not in result.stderr


def test_the_users_own_work_stays_exactly_as_it_was(newsroom: Newsroom) -> None:
    mine = newsroom.new_article(article_id="mine")
    theirs = newsroom.new_article(article_id="theirs")
    newsroom.advance_to(theirs, "editing")

    # Work in progress of every kind: a staged new file, a file staged in one version and
    # changed again after, an unstaged change, an untracked file, and a staged edit of
    # another article.
    newsroom.path("notes.txt").write_text("staged note\n")
    newsroom.git("add", "notes.txt")
    config = newsroom.path("editorial.yaml")
    config.write_text(config.read_text() + "# staged remark\n")
    newsroom.git("add", "editorial.yaml")
    config.write_text(config.read_text() + "# and an unstaged one\n")
    newsroom.path("scratch.md").write_text("untracked\n")
    other = newsroom.article_path(mine, "source.md")
    other.write_text(other.read_text() + "\nA staged line in another article.\n")
    newsroom.git("add", str(other))
    other.write_text(other.read_text() + "And an unstaged one.\n")

    staged = newsroom.git("diff", "--cached")
    unstaged = newsroom.git("diff")
    status = newsroom.git("status", "--porcelain", "--untracked-files=all")
    files = {path: newsroom.path(path).read_bytes()
             for path in ("notes.txt", "editorial.yaml", "scratch.md",
                          f"articles/{mine}/source.md")}

    head = newsroom.git("rev-parse", "HEAD").strip()
    newsroom.ok("approve", theirs, as_person="hana")
    newsroom.ok("disclaim", theirs, as_person="hana")

    assert newsroom.git("rev-list", "--count", f"{head}..HEAD").strip() == "2"
    for commit in ("HEAD", "HEAD~1"):
        changed = newsroom.git("show", "--name-only", "--format=", commit).split()
        assert changed == [f"articles/{theirs}/article.md"]
    assert newsroom.git("diff", "--cached") == staged
    assert newsroom.git("diff") == unstaged
    assert newsroom.git("status", "--porcelain", "--untracked-files=all") == status
    assert {path: newsroom.path(path).read_bytes() for path in files} == files
    # The committed article is clean: the user's index knows the new version.
    assert f"articles/{theirs}/" not in newsroom.git("status", "--porcelain")


def test_a_commit_names_the_action_and_carries_trailers(tmp_path: Path) -> None:
    newsroom, article_id = article_at(tmp_path, "translation")
    newsroom.write_translation(article_id)
    newsroom.ok("submit", article_id, as_person="tariq")
    message = newsroom.git("log", "-1", "--format=%B")
    assert message.splitlines()[0] == "submit: water-station (translation -> editing)"
    assert "Editorial-Article: water-station" in message
    assert "Editorial-Action: submit" in message
    assert "Editorial-By: tariq" in message
    changed = sorted(newsroom.git("show", "--name-only", "--format=", "HEAD").split())
    assert changed == ["articles/water-station/article.md",
                       "articles/water-station/translation.md"]


def test_a_commit_that_git_refuses_changes_nothing(newsroom: Newsroom) -> None:
    article_id = newsroom.new_article()
    lock = newsroom.path(".git", "index.lock")
    lock.write_text("")  # another git command is running, or crashed
    line = newsroom.refuses("assign", article_id, "--translator", "tariq")
    lock.unlink()
    assert "git update-index failed" in line and "index.lock" in line
    assert newsroom.meta(article_id)["stage"] == "source"
    assert newsroom.git("status", "--porcelain") == ""
    # Once the lock is gone, the same command works.
    newsroom.ok("assign", article_id, "--translator", "tariq")
    assert newsroom.git("log", "-1", "--format=%s").strip() == \
        "assign: water-station (source -> translation)"


def test_a_step_does_not_load_the_history_reader(newsroom: Newsroom) -> None:
    # The history reader brings tempfile, shutil and their compressors: start-up time a
    # step, which reads no history, does not pay. Python names each module it imports.
    article_id = newsroom.new_article()
    finished = run_editorial(newsroom.root, ["assign", article_id, "--translator", "tariq"],
                             env={"PYTHONPROFILEIMPORTTIME": "1"})
    assert finished.returncode == 0, finished.stderr
    imported = {line.rsplit("|", 1)[1].strip() for line in finished.stderr.splitlines()
                if line.startswith("import time:")}
    assert "editorial.vcs.committing" in imported  # the step's own imports are seen
    assert "editorial.vcs.history" not in imported
    assert "tempfile" not in imported
