"""`editorial status`: the desk's table, its filters, its JSON, and how it reads anywhere."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from rich.cells import cell_len
from rich.console import Console

from editorial.cli.main import cli
from editorial.core.desk import SourceText
from editorial.core.listing import list_articles
from editorial.core.newsroom import Newsroom as CoreNewsroom
from editorial.render.status import print_status
from testing.newsroom import SOURCE_AR, Newsroom, isolate_git, make_newsroom

NOW = datetime.now(UTC).replace(microsecond=0)
LONG_ARABIC = ("الحكومة تعلن عن خطة جديدة لإعادة إعمار الأحياء المتضررة في المدينة القديمة "
               "وتَعِدُ بِتَعْوِيضِ السُّكّانِ خلال الأشهر المقبلة")
LONG_ENGLISH = ("A very long headline about the council's plan to rebuild the damaged old "
                "quarter and compensate every family within the coming months")


def register(newsroom: Newsroom, article_id: str, *, days_ago: float, title: str = "",
             person: str = "dana") -> None:
    desk = newsroom.desk(person, at=NOW - timedelta(days=days_ago))
    desk.new(SourceText(text=SOURCE_AR, language="ar", title=title or article_id.title(),
                        outlet="Example Daily", url=f"https://example.org/{article_id}"),
             article_id=article_id)


def desk_of_every_stage(newsroom: Newsroom) -> None:
    """Articles in every stage, each entering it at a known time."""
    register(newsroom, "src-old", days_ago=3)
    register(newsroom, "src-new", days_ago=1)
    for article_id in ("tr-new", "tr-old", "ed-sami", "ready-one", "gone", "live", "dropped"):
        register(newsroom, article_id, days_ago=20)
    newsroom.desk("dana", at=NOW - timedelta(hours=2)).assign("tr-new", translator="tariq")
    newsroom.desk("dana", at=NOW - timedelta(days=6)).assign("tr-old", translator="tariq")
    newsroom.desk("dana", at=NOW - timedelta(days=9)).assign("ed-sami", translator="sami",
                                                             editor="hana")
    newsroom.write_translation("ed-sami")
    newsroom.desk("sami", at=NOW - timedelta(days=5)).take("ed-sami", "submit")
    for article_id in ("ready-one", "live", "gone"):
        newsroom.advance_to(article_id, "published" if article_id != "ready-one" else "ready")
    newsroom.ok("unpublish", "gone", "--reason", "a complaint")
    newsroom.ok("spike", "dropped", "--note", "old news")


@pytest.fixture(scope="module")
def every_stage(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Newsroom]:
    """One desk for the tests that only read it: building it takes dozens of commits."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        isolate_git(tmp_path_factory.mktemp("home"), monkeypatch)
        newsroom = make_newsroom(tmp_path_factory.mktemp("every-stage"))
        desk_of_every_stage(newsroom)
        before = newsroom.snapshot()
        yield newsroom
        assert newsroom.snapshot() == before, "status changed the desk"


def articles(newsroom: Newsroom, *args: str) -> list[dict[str, Any]]:
    result = newsroom.ok("status", "--json", *args)
    document = json.loads(result.stdout)
    assert list(document) == ["articles"]
    listed = document["articles"]
    assert isinstance(listed, list)
    return listed


def test_status_orders_by_stage_then_longest_in_stage(every_stage: Newsroom) -> None:
    newsroom = every_stage
    ids = [article["id"] for article in articles(newsroom)]
    assert ids == ["src-old", "src-new", "tr-old", "tr-new", "ed-sami", "ready-one", "gone"]


def test_status_all_includes_published_and_spiked(every_stage: Newsroom) -> None:
    newsroom = every_stage
    stages = [(article["id"], article["stage"]) for article in articles(newsroom, "--all")]
    assert ("live", "published") in stages
    assert ("dropped", "spiked") in stages
    assert [stage for _, stage in stages] == [
        "source", "source", "translation", "translation", "editing", "ready", "published",
        "withdrawn", "spiked"]


def test_status_filters_by_stage_and_person(every_stage: Newsroom) -> None:
    newsroom = every_stage
    assert [a["id"] for a in articles(newsroom, "--stage", "translation")] == [
        "tr-old", "tr-new"]
    # A stage that the default table leaves out is shown when asked for by name.
    assert [a["id"] for a in articles(newsroom, "--stage", "published")] == ["live"]
    assert [a["id"] for a in articles(newsroom, "--person", "sami")] == ["ed-sami"]
    # hana edits ed-sami and edited everything that reached `ready` through advance_to.
    assert [a["id"] for a in articles(newsroom, "--person", "hana")] == [
        "ed-sami", "ready-one", "gone"]
    assert [a["id"] for a in articles(newsroom, "--person", "hana", "--all")] == [
        "ed-sami", "ready-one", "live", "gone"]
    assert articles(newsroom, "--person", "nobody") == []


def test_status_json_has_the_contract_keys(every_stage: Newsroom) -> None:
    newsroom = every_stage
    listed = {article["id"]: article for article in articles(newsroom)}
    for article in listed.values():
        assert {"id", "title", "stage", "translator", "editor", "updated_at",
                "path"} <= set(article)
        assert article["path"] == f"articles/{article['id']}/article.md"
    entry = listed["ed-sami"]
    assert (entry["title"], entry["stage"], entry["translator"], entry["editor"]) == (
        "Ed-Sami", "editing", "sami", "hana")
    assert entry["updated_at"] == (NOW - timedelta(days=5)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert listed["src-new"]["translator"] is None


def test_status_table_shows_each_article_and_the_counts(every_stage: Newsroom) -> None:
    newsroom = every_stage
    result = newsroom.ok("status")
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["id", "title", "stage"]
    rows = {line.split()[0]: line for line in lines[2:] if line.strip()}
    assert "3d" in rows["src-old"].split()
    assert "2h" in rows["tr-new"].split()
    assert "sami" in rows["ed-sami"] and "hana" in rows["ed-sami"]
    assert lines[-1] == ("7 articles: 2 source, 2 translation, 1 editing, 1 ready, "
                         "1 withdrawn")
    assert result.stderr == ""


@pytest.mark.parametrize("no_color", ["1", None])
def test_status_without_a_terminal_has_no_escape_codes(every_stage: Newsroom,
                                                        no_color: str | None) -> None:
    newsroom = every_stage
    result = newsroom.runner.invoke(
        cli, ["--repo", str(newsroom.root), "status", "--all"],
        env={"NO_COLOR": no_color, "TERM": "xterm-256color"}, catch_exceptions=False)
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout
    assert "live" in result.stdout


LONG_ID = "an-article-with-a-very-long-identifier-that-goes-on-and-on-and-on"


def desk_of_long_titles(newsroom: Newsroom) -> None:
    register(newsroom, "arabic-long", days_ago=2, title=LONG_ARABIC)
    register(newsroom, "english-long", days_ago=2, title=LONG_ENGLISH)
    register(newsroom, "wide", days_ago=2, title="东京 会议 " * 12)
    register(newsroom, "mixed", days_ago=1, title="Aleppo: «" + LONG_ARABIC[:30] + "» (video)")
    newsroom.desk("dana", at=NOW).assign("arabic-long", translator="tariq", editor="hana")


def table_lines(newsroom: Newsroom, columns: str | None) -> list[str]:
    """`status` piped, as in `status | less`: COLUMNS is the only width it is told."""
    result = newsroom.runner.invoke(cli, ["--repo", str(newsroom.root), "status"],
                                    env={"COLUMNS": columns}, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("id")
    return lines


def test_status_fits_80_columns_with_long_and_arabic_titles(newsroom: Newsroom) -> None:
    desk_of_long_titles(newsroom)
    lines = table_lines(newsroom, None)
    assert len(lines) >= 7
    too_wide = [(cell_len(line), line) for line in lines if cell_len(line) > 80]
    assert too_wide == []
    for article_id in ("arabic-long", "english-long", "wide", "mixed"):
        assert any(line.startswith(article_id + " ") for line in lines), article_id
    # A title cut short says so, rather than wrapping onto a second line.
    arabic_row = next(line for line in lines if line.startswith("arabic-long"))
    assert "…" in arabic_row
    assert "tariq" in arabic_row


@pytest.mark.parametrize("columns", [200, 120, 60, 40])
def test_status_piped_takes_the_width_of_columns(newsroom: Newsroom, columns: int) -> None:
    desk_of_long_titles(newsroom)
    if columns >= 120:
        register(newsroom, LONG_ID, days_ago=1, title="Short")
    lines = table_lines(newsroom, str(columns))
    assert [line for line in lines if line != line.rstrip()] == []
    assert [line for line in lines if cell_len(line) > columns] == []
    rows = lines[2:-1]
    # Every id whole, followed by the gap to the title: a cut id cannot be typed.
    ids = ["arabic-long", "english-long", "wide", "mixed"] + ([LONG_ID] if columns >= 120 else [])
    for article_id in ids:
        assert any(line.startswith(article_id + "  ") for line in rows), article_id
    assert len(rows) == len(ids)
    if columns == 200:
        assert "tariq" in next(line for line in rows if line.startswith("arabic-long"))
        assert lines[0].split() == ["id", "title", "stage", "trans", "editor", "in", "stage",
                                    "updated"]
        assert any("(video)  " in line for line in rows)  # a title whole when it fits
    else:
        # Too narrow for every column: the least needed are given up, not the id.
        assert "updated" not in lines[0]
        assert lines[0].split()[:3] == ["id", "title", "stage"]


@pytest.mark.parametrize("width", [48, 64, 79])
def test_status_fits_a_narrow_terminal(every_stage: Newsroom, width: int) -> None:
    listing = list_articles(CoreNewsroom(every_stage.root), include_all=True)
    output = io.StringIO()
    print_status(Console(file=output, width=width, no_color=True, markup=False), listing, NOW)
    lines = output.getvalue().splitlines()
    table = lines[:2 + len(listing.summaries)]
    assert table[0].split()[0] == "id"
    assert [cell_len(line) for line in table if cell_len(line) > width] == []
    # Each row still starts with (the start of) its article's id.
    assert [line[:2] for line in table[2:]] == [s.id[:2] for s in listing.summaries]


def test_an_unreadable_article_does_not_hide_the_others(newsroom: Newsroom) -> None:
    register(newsroom, "fine-one", days_ago=2)
    register(newsroom, "broken", days_ago=2)
    register(newsroom, "fine-two", days_ago=1)
    path = newsroom.article_path("broken")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(5, "  misplaced: [indented\n")  # file line 6
    path.write_text("".join(lines), encoding="utf-8")
    result = newsroom.ok("status")
    assert "fine-one" in result.stdout and "fine-two" in result.stdout
    assert "broken" not in result.stdout
    warnings = result.stderr.splitlines()
    assert len(warnings) == 1
    assert "articles/broken/article.md:6: invalid YAML" in warnings[0]

    listed = json.loads(newsroom.ok("status", "--json").stdout)["articles"]
    assert [article["id"] for article in listed] == ["fine-one", "fine-two"]


def test_status_with_nothing_to_show(newsroom: Newsroom) -> None:
    result = newsroom.ok("status")
    assert result.stdout == "no articles to show\n"
    assert json.loads(newsroom.ok("status", "--json").stdout) == {"articles": []}


def test_a_returned_article_is_marked_until_it_is_submitted_again(newsroom: Newsroom) -> None:
    for article_id in ("sent-back", "first-draft"):
        register(newsroom, article_id, days_ago=2)
        newsroom.advance_to(article_id, "editing")
    newsroom.ok("return", "sent-back", "--note", "the quotes need their sources",
                as_person="hana")
    newsroom.ok("return", "first-draft", "--note", "again", as_person="hana")
    newsroom.advance_to("first-draft", "editing")

    listed = {article["id"]: article for article in articles(newsroom)}
    assert listed["sent-back"]["returned"] is True
    assert listed["first-draft"]["returned"] is False  # resubmitted: in editing afresh
    rows = {line.split()[0]: line for line in newsroom.ok("status").stdout.splitlines()[2:]}
    assert "translation (returned)" in rows["sent-back"]
    assert "returned" not in rows["first-draft"]

    newsroom.advance_to("sent-back", "editing")
    assert {article["id"]: article["returned"] for article in articles(newsroom)} == {
        "sent-back": False, "first-draft": False}
