"""`check --base` finds every kind of change the way `git diff BASE` plus untracked files
would, without reading the whole tree."""

from __future__ import annotations

import subprocess

import pytest

from editorial.core.frontmatter import Document
from editorial.vcs.git import GitRepo
from testing.newsroom import Newsroom


def test_changed_paths_finds_committed_staged_unstaged_and_new(newsroom: Newsroom) -> None:
    for article_id in ("committed", "staged", "unstaged", "untouched", "deleted"):
        newsroom.new_article(article_id=article_id)
    base = newsroom.git("rev-parse", "HEAD").strip()
    newsroom.git("checkout", "-q", "-b", "change")
    newsroom.ok("assign", "committed", "--translator", "tariq")
    staged = newsroom.article_path("staged")
    staged.write_text(staged.read_text() + "staged\n")
    newsroom.git("add", str(staged))
    unstaged = newsroom.article_path("unstaged", "source.md")
    unstaged.write_text(unstaged.read_text() + "unstaged\n")
    newsroom.article_path("deleted", "translation.md").unlink()
    fresh = newsroom.path("articles", "brand-new")
    fresh.mkdir()
    (fresh / "article.md").write_text("---\nid: brand-new\n---\n")
    newsroom.path(".gitignore").write_text("articles/scratch/\n")
    newsroom.path("articles", "scratch").mkdir()
    newsroom.path("articles", "scratch", "notes.md").write_text("ignored\n")

    changed = GitRepo(newsroom.root).history.changes(base, ["articles/"]).paths

    by_git = set(newsroom.git("diff", "--name-only", base, "--", "articles/").split())
    by_git |= set(newsroom.git("ls-files", "--others", "--exclude-standard", "--",
                               "articles/").split())
    assert set(changed) == by_git
    assert {path.split("/")[1] for path in changed} == {
        "committed", "staged", "unstaged", "deleted", "brand-new"}
    # Committed only: what the commits since the base changed, as `git diff BASE HEAD` says.
    committed = GitRepo(newsroom.root).history.changes(base, ["articles/"],
                                                       work_tree=False).paths
    assert committed == newsroom.git("diff", "--name-only", base, "HEAD", "--",
                                     "articles/").split()
    assert {path.split("/")[1] for path in committed} == {"committed"}


def _base_files(newsroom: Newsroom, base: str, paths: list[str]) -> dict[tuple[str, str],
                                                                         bytes | None]:
    """Each path as `git show BASE:PATH` gives it, None where the base has no such file."""
    listed = set(newsroom.git("ls-tree", "-r", "--name-only", base, "--", "articles/").split())
    return {(base, path): (git_bytes(newsroom, "show", f"{base}:{path}") if path in listed
                           else None) for path in paths}


def git_bytes(newsroom: Newsroom, *args: str) -> bytes:
    return subprocess.run(["git", *args], cwd=newsroom.root, capture_output=True,
                          check=True).stdout


def test_a_line_of_commits_is_read_off_one_log(newsroom: Newsroom) -> None:
    """Edited, edited and put back, added, deleted, made executable: what changed in all,
    and the base's files, are what `git diff` and `git show` say."""
    for article_id in ("edited", "restored", "deleted", "executable"):
        newsroom.new_article(article_id=article_id)
    base = newsroom.git("rev-parse", "HEAD").strip()
    newsroom.branch("line")
    newsroom.edit_text("edited", lambda text: text + "more\n", name="source.md")
    newsroom.commit_all("edit")
    original = newsroom.article_path("restored", "source.md").read_bytes()
    newsroom.edit_text("restored", lambda text: text + "for a while\n", name="source.md")
    newsroom.commit_all("edit for a while")
    newsroom.article_path("restored", "source.md").write_bytes(original)
    newsroom.commit_all("put it back")
    newsroom.article_path("deleted", "translation.md").unlink()
    newsroom.commit_all("delete")
    newsroom.article_path("executable", "source.md").chmod(0o755)
    newsroom.commit_all("mode")
    newsroom.new_article(article_id="added")

    history = GitRepo(newsroom.root).history
    changes = history.changes(base, ["articles/"], work_tree=False)

    assert changes.paths == newsroom.git("diff", "--name-only", "--no-renames", base, "HEAD",
                                         "--", "articles/").split()
    assert "articles/restored/source.md" not in changes.paths
    # No prefix: the whole repository.
    assert history.changes(base, [], work_tree=False).paths == newsroom.git(
        "diff", "--name-only", "--no-renames", base, "HEAD").split()
    assert [commit.sha for commit in changes.commits] == newsroom.git(
        "rev-list", "--reverse", f"{base}..HEAD").split()
    assert [commit.paths for commit in changes.commits] == [
        ("articles/edited/source.md",), ("articles/restored/source.md",),
        ("articles/restored/source.md",), ("articles/deleted/translation.md",),
        ("articles/executable/source.md",),
        ("articles/added/article.md", "articles/added/source.md",
         "articles/added/translation.md")]
    touched = sorted({path for commit in changes.commits for path in commit.paths})
    assert history.read_files([(base, path) for path in touched]) == \
        _base_files(newsroom, base, touched)


def test_a_merge_since_the_base_is_compared_as_trees(newsroom: Newsroom) -> None:
    """A merge in base..HEAD: the first commit to touch a file may not start from the
    base's state of it, so what changed and the base's files come from the trees."""
    base = newsroom.branch_with_a_merge()
    newsroom.edit_text("theirs", lambda text: text + "after the merge\n", name="source.md")
    newsroom.commit_all("after the merge")

    history = GitRepo(newsroom.root).history
    changes = history.changes(base, ["articles/"], work_tree=False)

    assert changes.paths == ["articles/ours/source.md", "articles/theirs/source.md"]
    assert changes.paths == newsroom.git("diff", "--name-only", "--no-renames", base, "HEAD",
                                         "--", "articles/").split()
    assert history.read_files([(base, path) for path in changes.paths]) == \
        _base_files(newsroom, base, changes.paths)


@pytest.mark.slow  # a dozen steps, then two full checks
def test_committed_only_finds_what_a_full_check_finds(newsroom: Newsroom) -> None:
    """In CI the base's state of a file no commit changed is taken from the checkout: the
    findings are those of a check that reads every base file from git."""
    # Every article here has the same text, and the published one is reworded below: the
    # others would then render its sentences otherwise, which is not what this test is about.
    newsroom.configure(rules={"inconsistent-translation": "off"})
    ids = {name: newsroom.new_article(article_id=name)
           for name in ("backdated", "retouched", "quiet", "forged", "approved")}
    for article_id in ("backdated", "retouched", "forged", "approved"):
        newsroom.advance_to(article_id, "editing")
    newsroom.advance_to(ids["quiet"], "published")
    newsroom.branch("mixed")

    def backdate(document: Document) -> None:
        document.meta["history"][1]["at"] = "2001-01-01T00:00:00Z"

    newsroom.edit(ids["backdated"], backdate)
    newsroom.commit_all("tidy the history")
    newsroom.edit_text(ids["retouched"], lambda text: text.replace("Sunday", "Monday"),
                       name="translation.md")
    newsroom.commit_all("fix a day", as_person="tariq")
    newsroom.edit_text(ids["quiet"], lambda text: text.replace("12000 families",
                                                               "12,000 households"))
    newsroom.commit_all("wording", as_person="hana")
    newsroom.append_step(ids["forged"], "approve", "disclaimer", by="hana")
    newsroom.commit_all("approved", as_person="tariq")
    newsroom.ok("approve", ids["approved"], as_person="hana")

    full = newsroom.check_json("--base", "main", "--with-uncommitted")
    committed = newsroom.check_json("--base", "main", "--committed-only")

    assert committed == full
    assert {str(problem["rule"]) for problem in full[1]} == {
        "history", "frozen-translation", "silent-edit", "authorship"}


@pytest.mark.parametrize("folder", ["two\nlines", "tab\tand \"quotes\"", "تقرير-mañana"],
                         ids=["newline", "tab-and-quotes", "non-ascii"])
def test_a_folder_git_would_quote_is_checked_by_check_base(newsroom: Newsroom,
                                                           folder: str) -> None:
    """A new article folder whose name git quotes in its line-by-line output, committed on
    a branch, is looked at like any other: its name is no valid id, so the check fails."""
    newsroom.new_article(article_id="model")
    newsroom.branch("odd-name")
    copy = newsroom.path("articles", folder)
    copy.mkdir()
    for original in newsroom.path("articles", "model").iterdir():
        (copy / original.name).write_bytes(original.read_bytes())
    newsroom.commit_all("an article in an odd folder")

    for mode in ("--committed-only", "--with-uncommitted"):
        code, problems = newsroom.check_json("--base", "main", mode)

        assert code == 1, (mode, problems)
        assert {(str(problem["rule"]), str(problem["path"])) for problem in problems
                if problem["severity"] == "error"} >= {
            ("id", f"articles/{folder}/"), ("id", f"articles/{folder}/article.md")}, mode


def test_paths_are_read_exactly_as_they_are_named(newsroom: Newsroom) -> None:
    """Folder names with a newline, a tab, quotes or Arabic letters, committed in a line of
    commits, or new and not yet added: every path, commit and earlier file as git has them."""
    odd = "two\nlines"
    committed = f"articles/{odd}/article.md"
    newsroom.new_article(article_id="model")
    base = newsroom.git("rev-parse", "HEAD").strip()
    newsroom.branch("odd-names")
    newsroom.path("articles", odd).mkdir()
    newsroom.path(committed).write_text("first\n")
    first = newsroom.commit_all("add")
    newsroom.path(committed).write_text("second\n")
    second = newsroom.commit_all("edit")
    new = newsroom.path("articles", "tab\tand \"quotes\" تقرير")
    new.mkdir()
    (new / "article.md").write_text("new\n")

    history = GitRepo(newsroom.root).history
    changes = history.changes(base, ["articles/"])

    assert changes.paths == sorted([committed, f"articles/{new.name}/article.md"])
    assert [(commit.sha, commit.paths) for commit in changes.commits] == [
        (first, (committed,)), (second, (committed,))]
    assert history.read_files([(base, committed), (first, committed), (second, committed)]) \
        == {(base, committed): None, (first, committed): b"first\n",
            (second, committed): b"second\n"}
