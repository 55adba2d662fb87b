"""Commits built from HEAD's trees hold exactly what git's own index would make of the same
paths, and nothing of the user's other work."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from pathlib import Path

import pytest

from editorial.vcs.git import GitRepo
from testing.newsroom import Newsroom, git


def tree_by_git(root: Path, parent: str | None, paths: Sequence[str], scratch: Path) -> str:
    """What git makes of `parent` plus `paths` as they are on disk, through a private index."""
    env = {**os.environ, "GIT_INDEX_FILE": str(scratch / "reference-index")}
    if parent:
        subprocess.run(["git", "read-tree", parent], cwd=root, env=env, check=True)
    subprocess.run(["git", "update-index", "--add", "--remove", "-z", "--stdin"], cwd=root,
                   env=env, input="\0".join(paths) + "\0", text=True, check=True)
    return subprocess.run(["git", "write-tree"], cwd=root, env=env, check=True,
                          capture_output=True, text=True).stdout.strip()


def test_commit_holds_the_paths_and_nothing_else(newsroom: Newsroom, tmp_path: Path) -> None:
    newsroom.new_article(article_id="water-station")
    root = newsroom.root
    # The user's own work: staged, in the article's folder and elsewhere, and unstaged.
    newsroom.path("notes.txt").write_text("staged note\n")
    source = newsroom.article_path("water-station", "source.md")
    source.write_text(source.read_text() + "a staged remark\n")
    newsroom.git("add", "notes.txt", str(source))
    config = newsroom.path("editorial.yaml")
    config.write_text(config.read_text() + "# unstaged\n")
    staged_before = newsroom.git("diff", "--cached", "--name-only")
    # The change editorial commits: an edit, new nested folders, a removal, a script.
    article = newsroom.article_path("water-station")
    article.write_text(article.read_text() + "edited\n")
    deep = newsroom.path("articles", "zz-new", "notes", "deep.md")
    deep.parent.mkdir(parents=True)
    deep.write_text("deep\n")
    newsroom.article_path("water-station", "translation.md").unlink()
    script = newsroom.path("tools", "run.sh")
    script.parent.mkdir()
    script.write_text("#!/bin/sh\n")
    script.chmod(0o755)
    paths = ["articles/water-station/article.md", "articles/zz-new/notes/deep.md",
             "articles/water-station/translation.md", "tools/run.sh", "articles/gone/x.md"]
    parent = newsroom.git("rev-parse", "HEAD").strip()
    expected = tree_by_git(root, parent, paths, tmp_path)

    commit = GitRepo(root).commit([root / path for path in paths], "change\n")

    assert commit == newsroom.git("rev-parse", "HEAD").strip()
    assert newsroom.git("rev-parse", "HEAD^{tree}").strip() == expected
    assert newsroom.git("rev-parse", "HEAD~1").strip() == parent
    assert newsroom.git("ls-tree", "HEAD", "tools/run.sh").startswith("100755 blob")
    assert newsroom.git("diff", "--cached", "--name-only") == staged_before
    assert newsroom.git("status", "--porcelain").splitlines() == [
        "M  articles/water-station/source.md", " M editorial.yaml", "A  notes.txt"]
    newsroom.git("fsck", "--strict", "--no-dangling")
    # The same paths again: nothing to commit.
    assert GitRepo(root).commit([root / path for path in paths], "again\n") is None
    assert newsroom.git("rev-parse", "HEAD").strip() == commit


def test_removing_a_folders_last_file_removes_the_folder(newsroom: Newsroom,
                                                         tmp_path: Path) -> None:
    newsroom.new_article(article_id="water-station")
    folder = newsroom.path("articles", "water-station")
    paths = [f"articles/water-station/{name}" for name in
             ("article.md", "source.md", "translation.md")]
    for path in paths:
        newsroom.path(path).unlink()
    folder.rmdir()
    parent = newsroom.git("rev-parse", "HEAD").strip()
    expected = tree_by_git(newsroom.root, parent, paths, tmp_path)
    GitRepo(newsroom.root).commit([newsroom.root / path for path in paths], "spike it\n")
    assert newsroom.git("rev-parse", "HEAD^{tree}").strip() == expected
    assert "water-station" not in newsroom.git("ls-tree", "-r", "--name-only", "HEAD")


def test_first_commit_of_a_new_repository(tmp_path: Path) -> None:
    root = tmp_path / "fresh"
    root.mkdir()
    git(root, "init", "-q")
    (root / "editorial.yaml").write_text("publication: P\n")
    (root / "articles").mkdir()
    (root / "articles" / ".gitkeep").write_text("")
    paths = ["editorial.yaml", "articles/.gitkeep"]
    expected = tree_by_git(root, None, paths, tmp_path)
    commit = GitRepo(root).commit([root / path for path in paths], "init\n")
    assert commit is not None
    assert git(root, "rev-parse", "HEAD^{tree}").strip() == expected
    assert git(root, "rev-list", "--count", "HEAD").strip() == "1"


def test_changed_entries_are_found_among_names_that_contain_them(newsroom: Newsroom,
                                                                   tmp_path: Path) -> None:
    # "y x" and "40000 x" hold " x" followed by the NUL that ends a name, as the entry "x"
    # does: only the entry itself may be changed.
    folder = newsroom.path("articles", "tricky")
    folder.mkdir()
    names = ["x", "y x", "40000 x", "x.md", "x-1", "xx", "x (1).md", "x+[a-z]*"]
    for name in names:
        (folder / name).write_text(f"{name}\n")
    (folder / "x0").mkdir()
    (folder / "x0" / "inner.md").write_text("inner\n")
    newsroom.git("add", "articles/tricky")
    newsroom.git("commit", "-q", "-m", "tricky names")
    root = newsroom.root

    def commit_and_compare(paths: list[str]) -> None:
        parent = newsroom.git("rev-parse", "HEAD").strip()
        expected = tree_by_git(root, parent, paths, tmp_path)
        GitRepo(root).commit([root / path for path in paths], "change\n")
        assert newsroom.git("rev-parse", "HEAD^{tree}").strip() == expected
        newsroom.git("fsck", "--strict", "--no-dangling")

    # Changes to names already there, spliced in place.
    (folder / "x").write_text("x, edited\n")
    (folder / "x (1).md").write_text("edited\n")
    (folder / "x+[a-z]*").unlink()
    (folder / "x0" / "inner.md").write_text("inner, edited\n")
    (folder / "40000 x").unlink()
    commit_and_compare(["articles/tricky/x", "articles/tricky/x0/inner.md",
                        "articles/tricky/40000 x", "articles/tricky/x (1).md",
                        "articles/tricky/x+[a-z]*"])
    assert newsroom.git("show", "HEAD:articles/tricky/y x") == "y x\n"
    # New names, before and after a folder of a similar name: put in git's order.
    (folder / "x-0").write_text("new\n")
    (folder / "x0.md").write_text("new\n")
    (folder / "xx").unlink()
    commit_and_compare(["articles/tricky/x-0", "articles/tricky/x0.md", "articles/tricky/xx"])


def test_folders_read_at_once_are_told_apart_from_names_that_look_like_them(
        newsroom: Newsroom, tmp_path: Path) -> None:
    # One `ls-tree` lists every folder on the paths: a folder must get its own entries and
    # no others, next to a folder its name begins (`x` and `x.d`, `x-y`), a file whose name
    # ends in a folder's path or name after a tab, a file named as the folder is in
    # another, and a name with a carriage return, which must not come back as a newline.
    tricky = newsroom.path("articles", "tricky")
    for relative in ("x/a.md", "x/x/a.md", "x.d/a.md", "x-y/x/a.md", "a\tarticles/b.md",
                     "b\tx", "x/b\tx/c.md", "z.md", "x/carriage\rreturn.md"):
        file = tricky / relative
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(f"{relative}\n")
    newsroom.git("add", "articles/tricky")
    newsroom.git("commit", "-q", "-m", "look-alike names")
    paths = ["articles/tricky/x/a.md", "articles/tricky/x/x/a.md", "articles/tricky/x/b\tx/c.md",
             "articles/tricky/x-y/x/new.md", "articles/tricky/z.md/inside.md",
             "articles/tricky/x.d/a.md"]
    for relative in ("x/a.md", "x/x/a.md", "x/b\tx/c.md"):
        (tricky / relative).write_text("edited\n")
    (tricky / "x-y" / "x" / "new.md").write_text("new\n")
    (tricky / "x.d" / "a.md").unlink()
    root = newsroom.root
    parent = newsroom.git("rev-parse", "HEAD").strip()
    # z.md stays a file: the path below it is a file that is not there.
    expected = tree_by_git(root, parent, paths[:4] + paths[5:], tmp_path)

    GitRepo(root).commit([root / path for path in paths], "change\n")

    assert newsroom.git("rev-parse", "HEAD^{tree}").strip() == expected
    assert newsroom.git("diff", "--name-only", "-z", "HEAD~1", "HEAD").split("\0")[:-1] == [
        "articles/tricky/x-y/x/new.md", "articles/tricky/x.d/a.md", "articles/tricky/x/a.md",
        "articles/tricky/x/b\tx/c.md", "articles/tricky/x/x/a.md"]
    newsroom.git("fsck", "--strict", "--no-dangling")


def test_the_identity_is_the_one_git_authors_with(newsroom: Newsroom,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    def by_git() -> tuple[str, str]:
        line = newsroom.git("var", "GIT_AUTHOR_IDENT")
        name, _, rest = line.partition(" <")
        return name, rest.split(">", 1)[0]

    # Set in the environment, as git trims it.
    monkeypatch.setenv("GIT_AUTHOR_NAME", ' "Dana <the> Desk", ')
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", " <dana@example.org>.\n")
    repo = GitRepo(newsroom.root)
    assert (repo.user_name(), repo.user_email()) == by_git() == ("Dana the Desk",
                                                                 "dana@example.org")
    # From the config where the environment does not say.
    monkeypatch.delenv("GIT_AUTHOR_NAME")
    monkeypatch.delenv("GIT_AUTHOR_EMAIL")
    newsroom.git("config", "user.name", "Hana Desk")
    newsroom.git("config", "user.email", "hana@example.org")
    assert (repo.user_name(), repo.user_email()) == by_git() == ("Hana Desk",
                                                                 "hana@example.org")


def test_what_changes_the_index_during_a_commit_stays_staged(newsroom: Newsroom) -> None:
    # The paths are staged on a copy of the index while the commit is built; a `git add`
    # that lands meanwhile (here, as the commit's ref moves) must not be undone by it.
    newsroom.new_article(article_id="water-station")
    newsroom.path("notes.txt").write_text("staged meanwhile\n")
    hook = newsroom.path(".git", "hooks", "reference-transaction")
    hook.parent.mkdir(exist_ok=True)
    hook.write_text('#!/bin/sh\n[ "$1" = committed ] && git add notes.txt\nexit 0\n')
    hook.chmod(0o755)
    article = newsroom.article_path("water-station")
    article.write_text(article.read_text() + "edited\n")

    commit = GitRepo(newsroom.root).commit([article], "edit\n")

    hook.unlink()
    assert commit == newsroom.git("rev-parse", "HEAD").strip()
    assert newsroom.git("status", "--porcelain").splitlines() == ["A  notes.txt"]
    assert [path.name for path in newsroom.path(".git").iterdir()
            if path.name.startswith("editorial-index-")] == []


def test_the_index_learns_the_paths_and_keeps_the_rest(newsroom: Newsroom) -> None:
    newsroom.new_article(article_id="water-station")
    newsroom.path("notes.txt").write_text("staged before\n")
    newsroom.git("add", "notes.txt")
    article = newsroom.article_path("water-station")
    article.write_text(article.read_text() + "edited\n")
    index = newsroom.path(".git", "index")
    mode = index.stat().st_mode

    GitRepo(newsroom.root).commit([article], "edit\n")

    assert newsroom.git("status", "--porcelain").splitlines() == ["A  notes.txt"]
    assert newsroom.git("ls-files", "-s", "articles/water-station/article.md").split()[1] \
        == newsroom.git("rev-parse", "HEAD:articles/water-station/article.md").strip()
    assert index.stat().st_mode == mode
    assert not [path for path in newsroom.path(".git").iterdir()
                if path.name.startswith("editorial-")]
