"""One article through every stage of the default workflow, in a real repository."""

from __future__ import annotations

from pathlib import Path

from editorial.core import frontmatter
from testing.newsroom import PEOPLE, Newsroom, article_at


def test_an_article_goes_from_source_to_published(newsroom: Newsroom) -> None:
    # The user's own work in progress, which no command may touch.
    newsroom.path("notes.txt").write_text("staged note\n")
    newsroom.git("add", "notes.txt")
    config = newsroom.path("editorial.yaml")
    config.write_text(config.read_text() + "# an unstaged remark\n")
    user_status = newsroom.git("status", "--porcelain")

    article_id = newsroom.new_article()
    assert article_id == "water-station"
    workflow = newsroom.workflow()
    meta = newsroom.meta(article_id)
    assert meta["stage"] == workflow.initial
    assert meta["source"] == {"language": "ar", "author": "Example Author",
                              "outlet": "Example Daily", "url": "https://example.org/water"}
    # Along the workflow's own stages (tests/test_workflow_loading.py holds them to the
    # spec's), each step by the person whose job it is.
    live = workflow.live_stage
    assert live is not None
    way = workflow.way(workflow.initial, live)
    expected = [(workflow.initial, "dana")]
    for transition in way:
        expected.append((transition.target, newsroom.take(article_id, transition)))
        if "freeze-translation" in transition.effects:
            body = newsroom.article_path(article_id).read_text().split("---\n", 2)[2]
            assert body.startswith("The city council announced")
            assert newsroom.meta(article_id, "translation.md")["frozen"] is True

    meta = newsroom.meta(article_id)
    assert meta["stage"] == live
    assert meta["translator"] == "tariq"
    assert meta["editor"] == "hana"
    assert meta["published_at"]
    history = meta["history"]
    assert isinstance(history, list)
    assert [(entry["to"], entry["by"]) for entry in history] == expected
    assert [entry["action"] for entry in history] == ["new", *(t.action for t in way)]
    stages = newsroom.stages_to(live)
    assert [entry["from"] for entry in history[1:]] == stages[:-1]
    text = newsroom.article_path(article_id).read_text()
    assert text.count("This article was translated and edited by The Example Observer.") == 1

    # One commit per action, each with only this article's paths, authored by the actor.
    log = newsroom.git("log", "--format=%s|%ae", f"-{len(expected)}").splitlines()
    assert log == [f"{action}: water-station ({before} -> {after})|{PEOPLE[person]['email']}"
                   for action, before, (after, person)
                   in zip(["new", *(t.action for t in way)], ["none", *stages[:-1]], expected,
                          strict=True)][::-1]
    for offset in range(len(expected)):
        files = newsroom.git("show", "--name-only", "--format=", f"HEAD~{offset}").split()
        assert files and all(f.startswith(f"articles/{article_id}/") for f in files)
    trailers = newsroom.git("log", "-1", "--format=%(trailers)")
    assert "Editorial-Article: water-station" in trailers
    assert f"Editorial-Action: {way[-1].action}" in trailers
    assert f"Editorial-By: {expected[-1][1]}" in trailers

    assert newsroom.git("status", "--porcelain") == user_status
    assert newsroom.git("diff", "--cached", "--name-only").split() == ["notes.txt"]


def test_disclaim_twice_changes_nothing(tmp_path: Path) -> None:
    newsroom, article_id = article_at(tmp_path, "ready")
    before = newsroom.snapshot()
    result = newsroom.ok("disclaim", article_id, as_person="hana")
    assert "nothing to change" in result.stderr
    assert newsroom.snapshot() == before


def test_changed_template_replaces_the_disclaimer(tmp_path: Path) -> None:
    newsroom, article_id = article_at(tmp_path, "ready")
    config = newsroom.path("editorial.yaml")
    config.write_text(config.read_text().replace(
        "This article was translated", "This report from {outlet} was translated"))
    newsroom.git("commit", "-qam", "new disclaimer wording")
    newsroom.ok("disclaim", article_id, as_person="hana")
    text = newsroom.article_path(article_id).read_text()
    assert "This report from Example Daily was translated" in text
    assert text.count("<!-- editorial:disclaimer -->") == 1
    assert "This article was translated" not in text


def test_an_article_saved_with_crlf_and_a_byte_order_mark_keeps_its_body(tmp_path: Path) -> None:
    newsroom, article_id = article_at(tmp_path, "editing")
    path = newsroom.article_path(article_id)
    # As a Windows editor saves it: CRLF everywhere and a byte order mark.
    windows = b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n")
    path.write_bytes(windows)
    newsroom.commit_all("edited on Windows", as_person="hana")
    newsroom.ok("approve", article_id, as_person="hana")
    data = path.read_bytes()
    assert data.startswith(b"---\r\nid: water-station\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert data.split(b"---\r\n", 2)[2] == windows.split(b"---\r\n", 2)[2]
    assert frontmatter.parse(data, path=path).meta["stage"] == "disclaimer"
