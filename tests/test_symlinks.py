"""Symbolic links in a newsroom are never followed: what they point to lies outside it, on the
machine of whoever runs editorial (a CI runner, a publisher's laptop)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from editorial.core.workflow import builtin_dir
from testing.newsroom import FIRST_ARTICLE, Newsroom, built_once, files_of

HUGO: dict[str, object] = {"type": "hugo", "path": "site/content/articles"}
HTML: dict[str, object] = {"type": "html", "path": "site/static/articles"}
FEED: dict[str, object] = {"type": "feed", "path": "site/static/feed.xml"}
SECRET = "OUTSIDE-SECRET"
REFUSAL = ("is a symbolic link: editorial reads and writes only regular files inside the "
           "newsroom")


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the newsroom, standing for the rest of the machine."""
    folder = tmp_path / "outside"
    folder.mkdir()
    return folder


def ready_article(newsroom: Newsroom, article_id: str = FIRST_ARTICLE,
                  targets: list[dict[str, object]] | None = None) -> str:
    newsroom.configure(publish={"targets": targets or [HUGO, HTML, FEED]})
    newsroom.new_article(article_id=article_id)
    newsroom.advance_to(article_id, "ready")
    return article_id


def ready_desk(base: Path) -> tuple[Newsroom, str]:
    """A newsroom at base/newsroom with `ready_article`'s article ready to publish to the
    three targets (built once per test process, then copied); the article's id."""
    return built_once(base, ready_article), FIRST_ARTICLE


def link(newsroom: Newsroom, relative: str, target: Path) -> None:
    """Replace `relative` in the newsroom with a link to `target`, committed as a merged pull
    request would have it."""
    path = newsroom.path(relative)
    if path.is_file():
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, path)
    newsroom.commit_all(f"link {relative}")


def assert_refused(newsroom: Newsroom, named: str, *args: str) -> None:
    """The command refuses with the one line naming the link; `refuses` proves that no file,
    index entry or commit changed."""
    line = newsroom.refuses(*args)
    assert f"{named} {REFUSAL}" in line, line
    assert SECRET not in line


def outside_untouched(outside: Path, before: dict[str, bytes]) -> None:
    assert files_of(outside) == before


def nothing_outside_published(newsroom: Newsroom) -> None:
    """No file of the newsroom (the links aside) nor any commit holds what is outside."""
    for relative, data in files_of(newsroom.root).items():
        parts = Path(relative).parts
        if not any(newsroom.path(*parts[:depth]).is_symlink()
                   for depth in range(1, len(parts) + 1)):
            assert SECRET.encode() not in data, relative
    assert SECRET not in newsroom.git("log", "-p", "--all")


def symlink_findings(newsroom: Newsroom, *args: str) -> set[str]:
    code, problems = newsroom.check_json(*args)
    found = {str(problem["path"]) for problem in problems if problem["rule"] == "symlink"}
    assert code == (1 if found else code)
    for problem in problems:
        assert SECRET not in str(problem["message"])
    return found


def test_a_linked_article_md_is_refused_and_reported(tmp_path: Path, outside: Path) -> None:
    newsroom, article_id = ready_desk(tmp_path)
    real = newsroom.article_path(article_id).read_text(encoding="utf-8")
    (outside / "article.md").write_text(
        real.replace("New water station opens in the east", SECRET), encoding="utf-8")
    before = files_of(outside)
    link(newsroom, f"articles/{article_id}/article.md", outside / "article.md")

    assert_refused(newsroom, f"articles/{article_id}/article.md", "publish", article_id)
    shown = newsroom.run("show", article_id)
    assert shown.exit_code == 1 and SECRET not in shown.output
    assert f"articles/{article_id}/article.md {REFUSAL}" in shown.stderr
    status = newsroom.run("status", "--all")
    assert status.exit_code == 0 and SECRET not in status.output
    assert f"articles/{article_id}/article.md {REFUSAL}" in status.stderr
    assert symlink_findings(newsroom) == {f"articles/{article_id}/article.md"}
    outside_untouched(outside, before)
    nothing_outside_published(newsroom)


def test_a_linked_source_is_never_read_into_the_published_page(
        tmp_path: Path, outside: Path) -> None:
    newsroom, article_id = ready_desk(tmp_path)
    (outside / "source.md").write_text(f"---\ntitle: {SECRET}\n---\nنص\n", encoding="utf-8")
    before = files_of(outside)
    link(newsroom, f"articles/{article_id}/source.md", outside / "source.md")
    commits = newsroom.commit_count()

    assert_refused(newsroom, f"articles/{article_id}/source.md", "publish", article_id)
    assert newsroom.commit_count() == commits
    assert not newsroom.path("site").exists()
    assert symlink_findings(newsroom) == {f"articles/{article_id}/source.md"}
    outside_untouched(outside, before)
    nothing_outside_published(newsroom)


def test_a_linked_article_folder_is_refused_left_out_and_reported(
        tmp_path: Path, outside: Path) -> None:
    newsroom, article_id = ready_desk(tmp_path)
    # A whole article bundle outside, under another id, linked into articles/.
    bundle = outside / "elsewhere"
    bundle.mkdir()
    for path in newsroom.path("articles", article_id).iterdir():
        text = path.read_text(encoding="utf-8").replace(f"id: {article_id}", "id: elsewhere")
        (bundle / path.name).write_text(text.replace("New water station", SECRET),
                                        encoding="utf-8")
    before = files_of(outside)
    link(newsroom, "articles/elsewhere", bundle)

    assert_refused(newsroom, "articles/elsewhere", "publish", "elsewhere")
    status = newsroom.run("status", "--all")
    assert status.exit_code == 0 and SECRET not in status.output
    assert f"articles/elsewhere {REFUSAL}" in status.stderr
    # Publishing another article refreshes the feed from every article: not from this one.
    newsroom.ok("publish", article_id)
    assert symlink_findings(newsroom) == {"articles/elsewhere"}
    outside_untouched(outside, before)
    nothing_outside_published(newsroom)


def test_a_linked_template_is_refused_and_reported(newsroom: Newsroom, outside: Path) -> None:
    article_id = ready_article(newsroom, targets=[HTML])
    (outside / "article.html").write_text(f"<p>{SECRET}</p>{{{{ title }}}}\n", encoding="utf-8")
    before = files_of(outside)
    link(newsroom, "templates/article.html", outside / "article.html")

    assert_refused(newsroom, "templates/article.html", "publish", article_id)
    assert symlink_findings(newsroom) == {"templates/article.html"}
    outside_untouched(outside, before)
    nothing_outside_published(newsroom)


def test_a_linked_site_folder_is_never_written_to(tmp_path: Path, outside: Path) -> None:
    newsroom, article_id = ready_desk(tmp_path)
    site = outside / "site"
    site.mkdir()
    (site / "kept.txt").write_text(SECRET, encoding="utf-8")
    before = files_of(outside)
    link(newsroom, "site", site)

    assert_refused(newsroom, "site", "publish", article_id)
    assert sorted(path.name for path in site.rglob("*")) == ["kept.txt"]
    assert symlink_findings(newsroom) == {"site"}
    outside_untouched(outside, before)


def test_a_linked_output_folder_is_never_written_to(newsroom: Newsroom, outside: Path) -> None:
    """A link deeper in a target: the article's own folder there."""
    article_id = ready_article(newsroom, targets=[HUGO])
    before = files_of(outside)
    link(newsroom, f"site/content/articles/{article_id}", outside)

    assert_refused(newsroom, f"site/content/articles/{article_id}", "publish", article_id)
    assert symlink_findings(newsroom) == {f"site/content/articles/{article_id}"}
    outside_untouched(outside, before)


def test_a_linked_glossary_is_refused_and_reported(tmp_path: Path, outside: Path) -> None:
    newsroom, _ = ready_desk(tmp_path)
    (outside / "glossary.yaml").write_text(
        f"terms:\n  - {{source: محطة, target: {SECRET}}}\n", encoding="utf-8")
    before = files_of(outside)
    link(newsroom, "glossary.yaml", outside / "glossary.yaml")

    assert_refused(newsroom, "glossary.yaml", "glossary")
    assert symlink_findings(newsroom) == {"glossary.yaml"}
    outside_untouched(outside, before)


def test_a_linked_workflow_is_refused_and_reported(tmp_path: Path, outside: Path) -> None:
    newsroom, article_id = ready_desk(tmp_path)
    builtin = (builtin_dir() / "translation.yaml").read_text(encoding="utf-8")
    (outside / "translation.yaml").write_text(f"# {SECRET}\n{builtin}", encoding="utf-8")
    before = files_of(outside)
    link(newsroom, "workflows/translation.yaml", outside / "translation.yaml")

    assert_refused(newsroom, "workflows/translation.yaml", "publish", article_id)
    status = newsroom.run("status")
    assert status.exit_code == 1
    assert f"workflows/translation.yaml {REFUSAL}" in status.stderr
    assert symlink_findings(newsroom) == {"workflows/translation.yaml"}
    outside_untouched(outside, before)


def test_editorial_yaml_as_a_link_is_refused(newsroom: Newsroom, outside: Path) -> None:
    (outside / "editorial.yaml").write_bytes(newsroom.path("editorial.yaml").read_bytes())
    link(newsroom, "editorial.yaml", outside / "editorial.yaml")

    assert_refused(newsroom, "editorial.yaml", "status")
    result = newsroom.check()
    assert result.exit_code == 1
    assert f"editorial.yaml {REFUSAL}" in result.stderr


def test_check_base_fails_a_change_that_adds_a_link(tmp_path: Path, outside: Path) -> None:
    newsroom, article_id = ready_desk(tmp_path)
    (outside / "article.html").write_text("<p>{{ title }}</p>\n", encoding="utf-8")
    (outside / "translation.md").write_text("Outside.\n", encoding="utf-8")
    newsroom.branch("links")
    # No article changes: the template alone fails the change.
    link(newsroom, "templates/article.html", outside / "article.html")
    assert symlink_findings(newsroom, "--base", "main") == {"templates/article.html"}
    link(newsroom, f"articles/{article_id}/translation.md", outside / "translation.md")
    assert symlink_findings(newsroom, "--base", "main") == {
        "templates/article.html", f"articles/{article_id}/translation.md"}
    # Turned off by the change itself, the rule still speaks: the base decides the rules.
    newsroom.configure(rules={"symlink": "off"})
    assert symlink_findings(newsroom, "--base", "main") == {
        "templates/article.html", f"articles/{article_id}/translation.md"}
    assert symlink_findings(newsroom) == set()


def test_a_newsroom_without_links_has_no_symlink_findings(tmp_path: Path) -> None:
    newsroom, article_id = ready_desk(tmp_path)
    newsroom.ok("publish", article_id)
    assert symlink_findings(newsroom) == set()
    assert newsroom.check().exit_code == 0
