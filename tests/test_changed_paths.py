"""`check --base` finds every kind of change the way `git diff BASE` plus untracked files
would, without reading the whole tree."""

from __future__ import annotations

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

    changed = GitRepo(newsroom.root).changed_paths(base, ["articles/"])

    by_git = set(newsroom.git("diff", "--name-only", base, "--", "articles/").split())
    by_git |= set(newsroom.git("ls-files", "--others", "--exclude-standard", "--",
                               "articles/").split())
    assert set(changed) == by_git
    assert {path.split("/")[1] for path in changed} == {
        "committed", "staged", "unstaged", "deleted", "brand-new"}
    # Committed only: what the commits since the base changed, as `git diff BASE HEAD` says.
    committed = GitRepo(newsroom.root).changed_paths(base, ["articles/"], work_tree=False)
    assert committed == newsroom.git("diff", "--name-only", base, "HEAD", "--",
                                     "articles/").split()
    assert {path.split("/")[1] for path in committed} == {"committed"}
