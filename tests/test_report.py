"""`editorial report --html DIR`: the desk's static dashboard, on the demo newsroom and on
small real ones, read as HTML and as Chromium lays it out."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from editorial.cli.main import cli
from editorial.core.newsroom import Newsroom as CoreNewsroom
from testing.browser import needs_chromium, visit
from testing.newsroom import PEOPLE, Newsroom, demo_newsroom, isolate_git

ARABIC_TITLE = "عودة الكهرباء إلى القرى الجبلية بعد أسبوع من الانقطاع"
HOSTILE = "</style><script>alert(1)</script><b>"
CHANGED_SOURCE = (
    "أعلنت بلدية المدينة صباح الأحد عن افتتاح محطة جديدة لضخ المياه في الحي الشرقي.\n\n"
    "وقال رئيس البلدية إن المحطة ستخدم نحو 15000 أسرة بعد انقطاع دام أربعة أشهر.\n"
)


def report(root: Path, target: Path) -> str:
    result = CliRunner().invoke(cli, ["--repo", str(root), "report", "--html", str(target)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return (target / "index.html").read_text(encoding="utf-8")


def columns(page: str) -> dict[str, int]:
    return {stage: int(count) for stage, count
            in re.findall(r'data-stage="([^"]*)" data-count="(\d+)"', page)}


def status_counts(root: Path) -> Counter[str]:
    result = CliRunner().invoke(cli, ["--repo", str(root), "status", "--all", "--json"])
    return Counter(article["stage"] for article in json.loads(result.stdout)["articles"])


class Elements(HTMLParser):
    """Every element of a page with its attributes, and the text inside each data-id card."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags_of(page: str) -> list[str]:
    parser = Elements()
    parser.feed(page)
    return [tag for tag, _ in parser.tags]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The demo newsroom, built once: it takes a few dozen commits."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        isolate_git(tmp_path_factory.mktemp("home"), monkeypatch)
        yield demo_newsroom(tmp_path_factory.mktemp("demo")).root


@pytest.mark.slow  # the demo newsroom
def test_the_board_has_every_stage_of_the_workflow_in_order_with_status_counts(
        demo: Path, tmp_path: Path) -> None:
    page = report(demo, tmp_path / "site")
    stages = list(CoreNewsroom(demo).workflows.get("translation").stages)
    assert list(columns(page)) == stages
    counts = status_counts(demo)
    assert columns(page) == {stage: counts[stage] for stage in stages}
    # Each card is there once, in its stage's column.
    for stage, count in counts.items():
        column = page.split(f'data-stage="{stage}"', 1)[1].split('class="column"', 1)[0]
        assert column.count('class="card"') == count, stage
    assert "<script" not in page  # a page of data: it runs nothing
    assert (tmp_path / "site" / ".editorial-report").is_file()


@pytest.mark.slow  # the demo newsroom
def test_withdrawn_articles_and_the_stats_charts_are_on_the_page(demo: Path,
                                                                  tmp_path: Path) -> None:
    page = report(demo, tmp_path / "site")
    withdrawn = page.split('id="withdrawn"', 1)[1].split("</section>", 1)[0]
    articles = json.loads(CliRunner().invoke(
        cli, ["--repo", str(demo), "status", "--all", "--json"]).stdout)["articles"]
    gone = [article["id"] for article in articles if article["stage"] == "withdrawn"]
    assert gone and all(f"<code>{article_id}</code>" in withdrawn for article_id in gone)
    assert withdrawn.count("<tr>") == len(gone)
    stats = json.loads(CliRunner().invoke(cli, ["--repo", str(demo), "stats", "--json"]).stdout)
    figures = page.split('id="figures"', 1)[1].split("</section>", 1)[0]
    charts = figures.split('class="panel chart"')[1:]
    assert len(charts) == 4
    # One bar per week with publications or not, per stage left, per person with open items.
    assert charts[0].count("<rect") == len(stats["published_per_week"])
    assert charts[1].count("<rect") == len(stats["median_hours_in_stage"])
    assert charts[2].count("<rect") == sum(1 for p in stats["people"] if p["open_items"])


@pytest.mark.slow  # the demo newsroom
def test_a_long_column_shows_the_latest_cards_and_counts_the_rest(
        demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("editorial.core.report.COLUMN_CARDS", 1)
    page = report(demo, tmp_path / "site")
    published = page.split('data-stage="published"', 1)[1].split('class="column"', 1)[0]
    assert published.count('class="card"') == 1
    assert "and 1 more; the latest 1 are shown" in published
    assert columns(page)["published"] == 2  # the count is still the whole column's


@pytest.mark.slow  # the demo newsroom
def test_each_person_sees_the_step_that_is_theirs(demo: Path, tmp_path: Path) -> None:
    page = report(demo, tmp_path / "site")
    queues = {person: block for person, block in
              re.findall(r'data-person="([^"]*)">(.*?)</div>', page, flags=re.S)}
    articles = json.loads(CliRunner().invoke(
        cli, ["--repo", str(demo), "status", "--json"]).stdout)["articles"]
    for article in articles:
        if article["stage"] == "translation":
            assert article["id"] in queues[article["translator"]]
            assert "submit" in queues[article["translator"]]
        if article["stage"] == "ready":
            assert article["id"] in queues["role:publisher"]


def marked_card(page: str, article_id: str) -> str:
    return page.split(f'class="card" data-id="{article_id}"', 1)[1].split("</li>", 1)[0]


def test_returned_outdated_and_scheduled_articles_are_marked(newsroom: Newsroom,
                                                             tmp_path: Path) -> None:
    for article_id in ("sent-back", "behind", "timed"):
        newsroom.new_article(article_id=article_id)
    newsroom.advance_to("sent-back", "editing")
    newsroom.ok("return", "sent-back", "--note", "the figures need checking", as_person="hana")
    newsroom.advance_to("behind", "editing")
    newsroom.write_body("behind", "source.md", CHANGED_SOURCE)
    newsroom.advance_to("timed", "ready")
    newsroom.ok("publish", "timed", "--at", "2999-01-01T09:00Z")

    page = report(newsroom.root, tmp_path / "site")
    assert 'mark-returned">returned' in marked_card(page, "sent-back")
    assert 'mark-outdated">outdated' in marked_card(page, "behind")
    assert "scheduled 01 Jan 09:00 UTC" in marked_card(page, "timed")
    assert "returned" not in marked_card(page, "behind")
    # The outdated translation is listed with the source paragraph that changed, as it now
    # reads; the unchanged first paragraph is not.
    outdated = page.split('id="outdated"', 1)[1].split("</section>", 1)[0]
    assert "source paragraph 2 changed:" in outdated
    assert "15000 أسرة" in outdated
    assert "source paragraph 1" not in outdated
    # The scheduled publication is on the calendar.
    calendar = page.split('id="calendar"', 1)[1].split("</section>", 1)[0]
    assert "Tuesday 01 January 2999" in calendar and "timed" in calendar


def test_hostile_titles_and_names_are_shown_as_text(tmp_path: Path, newsroom: Newsroom) -> None:
    newsroom.configure(people={**PEOPLE, "tariq": {**PEOPLE["tariq"],
                                                   "name": f"Tariq {HOSTILE}\x1b[31m"}})
    newsroom.new_article(article_id="hostile")
    newsroom.ok("set", "hostile", f"title=Water {HOSTILE} & more")
    newsroom.advance_to("hostile", "editing")
    page = report(newsroom.root, tmp_path / "site")
    assert HOSTILE not in page and "\x1b" not in page
    assert "Water &lt;/style&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt; &amp; more" in page
    assert "Tariq &lt;/style&gt;" in page and "\\x1b[31m" in page
    # Only the page's own elements: none came from the newsroom's text.
    assert "script" not in tags_of(page) and tags_of(page).count("style") == 1


def test_a_folder_editorial_did_not_write_is_refused(newsroom: Newsroom, tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "index.html").write_text("mine\n")
    line = newsroom.refuses("report", "--html", str(folder))
    assert "holds files editorial did not write" in line
    assert [p.name for p in folder.iterdir()] == ["index.html"]
    assert (folder / "index.html").read_text() == "mine\n"

    plain_file = tmp_path / "notes.txt"
    plain_file.write_text("notes\n")
    assert "is a file" in newsroom.refuses("report", "--html", str(plain_file), exit_code=2)
    assert plain_file.read_text() == "notes\n"


def test_a_dashboard_is_written_again_over_itself(newsroom: Newsroom, tmp_path: Path) -> None:
    site = tmp_path / "new" / "site"  # parents created too
    first = report(newsroom.root, site)
    assert columns(first)["source"] == 0
    newsroom.new_article(article_id="second-run")
    assert columns(report(newsroom.root, site))["source"] == 1
    assert sorted(p.name for p in site.iterdir()) == [".editorial-report", "index.html"]


@pytest.mark.slow  # the demo newsroom, in Chromium
@needs_chromium
def test_the_demo_dashboard_in_chromium(demo: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    report(demo, site)
    counts = status_counts(demo)
    with visit(site / "index.html", width=1600) as seen:
        laid_out = seen.evaluate("""() => [...document.querySelectorAll('.column')].map(c => {
            const box = c.getBoundingClientRect();
            return [c.dataset.stage, c.querySelector('.count').textContent,
                    box.width, box.height, getComputedStyle(c).visibility,
                    c.querySelectorAll('.card').length, box.left, box.top];
        })""")
        seen.screenshot(tmp_path / "demo-dashboard.png")
    assert isinstance(laid_out, list)
    stages = list(CoreNewsroom(demo).workflows.get("translation").stages)
    assert [row[0] for row in laid_out] == stages
    for stage, count, width, height, visibility, cards, _, _ in laid_out:
        assert int(count) == counts[stage] == cards, stage
        assert width > 100 and height > 40 and visibility == "visible", stage
    # Side by side, left to right in the workflow's order, as on a board.
    lefts = [row[6] for row in laid_out]
    assert lefts == sorted(lefts) and len({row[7] for row in laid_out}) == 1
    assert seen.network_requests == []
    assert seen.console_errors == []


@pytest.mark.slow  # starts Chromium
@needs_chromium
def test_an_arabic_title_reads_right_to_left_in_chromium(newsroom: Newsroom,
                                                         tmp_path: Path) -> None:
    newsroom.new_article(article_id="mountain-power")
    newsroom.ok("set", "mountain-power", f"title={ARABIC_TITLE}")
    site = tmp_path / "site"
    report(newsroom.root, site)
    with visit(site / "index.html") as seen:
        directions = seen.evaluate("""() => {
            const card = document.querySelector('.card[data-id="mountain-power"]');
            return [getComputedStyle(card.querySelector('.title')).direction,
                    getComputedStyle(card.querySelector('.original')).direction,
                    getComputedStyle(card.querySelector('.meta')).direction];
        }""")
    assert directions == ["rtl", "rtl", "ltr"]
    assert seen.network_requests == []
    assert seen.console_errors == []
