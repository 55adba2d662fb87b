"""One article through every stage of the default workflow, in a real repository."""

from __future__ import annotations

from editorial.core import frontmatter
from testing.newsroom import Newsroom


def test_an_article_goes_from_source_to_published(newsroom: Newsroom) -> None:
    # The user's own work in progress, which no command may touch.
    newsroom.path("notes.txt").write_text("staged note\n")
    newsroom.git("add", "notes.txt")
    config = newsroom.path("editorial.yaml")
    config.write_text(config.read_text() + "# an unstaged remark\n")
    user_status = newsroom.git("status", "--porcelain")

    article_id = newsroom.new_article()
    assert article_id == "water-station"
    meta = newsroom.meta(article_id)
    assert meta["stage"] == "source"
    assert meta["source"] == {"language": "ar", "author": "Example Author",
                              "outlet": "Example Daily", "url": "https://example.org/water"}
    expected = [("source", "dana")]

    newsroom.ok("assign", article_id, "--translator", "tariq")
    expected.append(("translation", "dana"))
    newsroom.write_translation(article_id)
    newsroom.ok("submit", article_id, as_person="tariq")
    expected.append(("editing", "tariq"))
    body = newsroom.article_path(article_id).read_text().split("---\n", 2)[2]
    assert body.startswith("The city council announced")
    assert newsroom.meta(article_id, "translation.md")["frozen"] is True

    newsroom.ok("approve", article_id, as_person="hana")
    expected.append(("disclaimer", "hana"))
    newsroom.ok("disclaim", article_id, as_person="hana")
    expected.append(("ready", "hana"))
    newsroom.ok("publish", article_id, as_person="dana")
    expected.append(("published", "dana"))

    meta = newsroom.meta(article_id)
    assert meta["stage"] == "published"
    assert meta["translator"] == "tariq"
    assert meta["editor"] == "hana"
    assert meta["published_at"]
    history = meta["history"]
    assert isinstance(history, list)
    assert [(entry["to"], entry["by"]) for entry in history] == expected
    assert [entry["action"] for entry in history] == [
        "new", "assign", "submit", "approve", "disclaim", "publish"]
    assert all(entry["from"] == before for entry, before in
               zip(history[1:], ["source", "translation", "editing", "disclaimer", "ready"],
                   strict=True))
    text = newsroom.article_path(article_id).read_text()
    assert text.count("This article was translated and edited by The Example Observer.") == 1

    # One commit per action, each with only this article's paths, authored by the actor.
    log = newsroom.git("log", "--format=%s|%ae", "-6").splitlines()
    assert log == [
        "publish: water-station (ready -> published)|dana@example.org",
        "disclaim: water-station (disclaimer -> ready)|hana@example.org",
        "approve: water-station (editing -> disclaimer)|hana@example.org",
        "submit: water-station (translation -> editing)|tariq@example.org",
        "assign: water-station (source -> translation)|dana@example.org",
        "new: water-station (none -> source)|dana@example.org",
    ]
    for offset in range(6):
        files = newsroom.git("show", "--name-only", "--format=", f"HEAD~{offset}").split()
        assert files and all(f.startswith(f"articles/{article_id}/") for f in files)
    trailers = newsroom.git("log", "-1", "--format=%(trailers)")
    assert "Editorial-Article: water-station" in trailers
    assert "Editorial-Action: publish" in trailers
    assert "Editorial-By: dana" in trailers

    assert newsroom.git("status", "--porcelain") == user_status
    assert newsroom.git("diff", "--cached", "--name-only").split() == ["notes.txt"]


def test_disclaim_twice_changes_nothing(newsroom: Newsroom) -> None:
    article_id = newsroom.new_article()
    newsroom.advance_to(article_id, "ready")
    before = newsroom.snapshot()
    result = newsroom.ok("disclaim", article_id, as_person="hana")
    assert "nothing to change" in result.stderr
    assert newsroom.snapshot() == before


def test_changed_template_replaces_the_disclaimer(newsroom: Newsroom) -> None:
    article_id = newsroom.new_article()
    newsroom.advance_to(article_id, "ready")
    config = newsroom.path("editorial.yaml")
    config.write_text(config.read_text().replace(
        "This article was translated", "This report from {outlet} was translated"))
    newsroom.git("commit", "-qam", "new disclaimer wording")
    newsroom.ok("disclaim", article_id, as_person="hana")
    text = newsroom.article_path(article_id).read_text()
    assert "This report from Example Daily was translated" in text
    assert text.count("<!-- editorial:disclaimer -->") == 1
    assert "This article was translated" not in text


def test_an_article_saved_with_crlf_and_a_byte_order_mark_keeps_its_body(
        newsroom: Newsroom) -> None:
    article_id = newsroom.new_article()
    newsroom.advance_to(article_id, "editing")
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
