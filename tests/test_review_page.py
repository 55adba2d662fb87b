"""`editorial review ID --html FILE`: the bilingual review page, built from a real newsroom
repository and opened in headless Chromium."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import cast

import pytest

from editorial.core.newsroom import Newsroom as CoreNewsroom
from editorial.core.quality.glossary import Term
from editorial.core.review.bilingual import MemoryMatch, english_marks, review_page, source_marks
from editorial.render.review_html import review_html
from testing.browser import needs_chromium, visit
from testing.memory import publish
from testing.newsroom import Newsroom

SOURCE = (
    "أعلن المجلس المحلي في مدينة حلب يوم الثلاثاء عن إعادة فتح السوق القديم أمام الزوار.\n\n"
    "وقال مدير السوق إن أكثر من 250 محلا عادت إلى العمل بعد أعمال ترميم استمرت عامين.\n\n"
    "وأضاف أن الحرفيين يأملون في عودة السياح خلال فصل الصيف المقبل.\n\n"
    "وتوقع المجلس أن يستقبل السوق نحو 4000 زائر في الأسبوع الأول.\n"
)
TRANSLATION = (
    "The local council in Aleppo announced on Tuesday the reopening of the old market to "
    "visitors.\n\n"
    "The market's director said more than 250 shops were back at work after two years of "
    "restoration.\n\n"
    "He added that craftsmen hope tourists will return during the coming summer.\n\n"
    "The council expects the market to receive about 4000 visitors in its first week.\n"
)
# The editor rewrote the first paragraph's opening and mistyped the second one's number.
EDITED = (
    "The local council in Aleppo announced on Tuesday that the old market had reopened to "
    "visitors.\n\n"
    "The market's director said more than 205 shops were back at work after two years of "
    "restoration.\n\n"
    "He added that craftsmen hope tourists will return during the coming summer.\n\n"
    "The council expects the market to receive about 4000 visitors in its first week.\n"
)
GLOSSARY = """terms:
  - source: حلب
    target: Aleppo
    forbidden: [Halab]
"""


def _in_editing(newsroom: Newsroom, edited: str = EDITED) -> str:
    newsroom.path("glossary.yaml").write_text(GLOSSARY, encoding="utf-8")
    newsroom.commit_all("the desk's glossary")
    article_id = newsroom.new_article(article_id="old-market", source=SOURCE)
    newsroom.ok("assign", article_id, "--translator", "tariq")
    newsroom.write_translation(article_id, TRANSLATION)
    newsroom.ok("submit", article_id, as_person="tariq")
    newsroom.write_body(article_id, "article.md", edited)
    return article_id


class _Rows(HTMLParser):
    """The page's rows: for each, the text of each cell by its class."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict[str, str]] = []
        self.cell: str | None = None
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "section" and "row" in classes:
            self.rows.append({})
        elif self.rows and "cell" in classes and self.cell is None:
            self.cell, self.depth = classes[-1], 0
            self.rows[-1][self.cell] = ""
        if self.cell is not None:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if self.cell is not None:
            self.depth -= 1
            if self.depth == 0:
                self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.rows[-1][self.cell] += data


def _page(newsroom: Newsroom, article_id: str, tmp_path: Path) -> tuple[Path, str]:
    page = tmp_path / "review.html"
    result = newsroom.ok("review", article_id, "--html", str(page))
    assert result.stdout == ""
    return page, page.read_text(encoding="utf-8")


def _row_html(html: str, number: int) -> str:
    start = html.index(f'<section class="row" aria-labelledby="p{number}">')
    return html[start:html.index("</section>", start)]


def test_one_row_per_source_paragraph_with_the_changes_terms_and_findings(
        newsroom: Newsroom, tmp_path: Path) -> None:
    article_id = _in_editing(newsroom)
    _, html = _page(newsroom, article_id, tmp_path)
    parser = _Rows()
    parser.feed(html)
    rows = parser.rows
    assert len(rows) == 4
    for row, source, translated in zip(rows, SOURCE.split("\n\n"), TRANSLATION.split("\n\n"),
                                       strict=True):
        assert row["source"].strip() == source.strip()
        assert row["translation"].strip() == translated.strip()
    assert rows[0]["edited"].startswith("The local council in Aleppo announced on Tuesday ")
    first = _row_html(html, 1)
    assert "<ins>that</ins> the <del>reopening of the</del> old market <ins>had reopened</ins>" \
        in first
    # The term in the Arabic, and its rendering in both English columns.
    assert re.search(r'<mark title="حلب → Aleppo">حلب</mark>', first)
    assert first.count('<mark title="حلب → Aleppo">Aleppo</mark>') == 2
    # The wrong number shows at its paragraph, the second, and nowhere else.
    second = _row_html(html, 2)
    assert "<del>250</del><ins>205</ins>" in second
    assert re.search(r'<ul class="findings"><li class="error">.*<code>numbers</code> '
                     r"the number 250 of source paragraph 2", second)
    assert html.count("<code>numbers</code>") == 1
    assert 'class="loose"' not in html
    assert 'lang="ar" dir="rtl"' in first
    # The original headline, isolated inside the English line.
    assert '<bdi lang="ar" dir="rtl">افتتاح محطة مياه في الحي الشرقي</bdi>' in html


def test_a_dropped_paragraph_is_flagged_at_its_own_row(newsroom: Newsroom,
                                                        tmp_path: Path) -> None:
    paragraphs = TRANSLATION.split("\n\n")
    article_id = _in_editing(newsroom, "\n\n".join(paragraphs[:1] + paragraphs[2:]))
    _, html = _page(newsroom, article_id, tmp_path)
    second, third = _row_html(html, 2), _row_html(html, 3)
    assert "<code>omission</code> source paragraph 2" in second
    # Its number is missing too: shown with it, not with the paragraph after, where the
    # finding's line points (where the English should have been).
    assert "<code>numbers</code> the number 250 of source paragraph 2" in second
    assert "<del>The market&#x27;s director said" in second
    assert "<code>" not in third and "<del>" not in third


def test_html_dash_writes_the_page_to_stdout_and_no_file(newsroom: Newsroom) -> None:
    article_id = _in_editing(newsroom)
    before = {path.name for path in Path.cwd().iterdir()}
    result = newsroom.ok("review", article_id, "--html", "-")
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert result.stdout.rstrip().endswith("</html>")
    assert result.stderr == ""
    assert not Path("-").exists() and not newsroom.path("-").exists()
    assert {path.name for path in Path.cwd().iterdir()} == before


def test_before_hand_off_the_page_is_refused_in_one_line(newsroom: Newsroom,
                                                         tmp_path: Path) -> None:
    article_id = newsroom.new_article(article_id="old-market", source=SOURCE)
    # No translation.md yet, then an unfinished one.
    line = newsroom.refuses("review", article_id, "--html", str(tmp_path / "page.html"))
    assert "stage source" in line and "handed to editing" in line
    newsroom.ok("assign", article_id, "--translator", "tariq")
    newsroom.write_translation(article_id, TRANSLATION)
    line = newsroom.refuses("review", article_id, "--html", "-")
    assert "stage translation" in line and "handed to editing" in line
    assert not (tmp_path / "page.html").exists()


def test_findings_about_no_paragraph_are_in_a_box_at_the_top(newsroom: Newsroom,
                                                             tmp_path: Path) -> None:
    article_id = _in_editing(newsroom, TRANSLATION)
    newsroom.append_step(article_id, "teleport", "editing", by="dana")
    _, html = _page(newsroom, article_id, tmp_path)
    header = html[html.index("<header>"):html.index("</header>")]
    assert '<section class="loose">' in header
    assert "<code>transition</code>" in header and "teleport" in header
    assert "teleport" not in html[html.index("<main"):]


HOSTILE = "</style><script>document.title = 'owned'</script><b>bold</b>"


def _hostile(newsroom: Newsroom) -> str:
    article_id = _in_editing(newsroom, EDITED.replace("old market had", f"{HOSTILE} had"))
    newsroom.ok("set", article_id, f"title=Market {HOSTILE}")
    return article_id


def test_hostile_text_is_escaped(newsroom: Newsroom, tmp_path: Path) -> None:
    article_id = _hostile(newsroom)
    _, html = _page(newsroom, article_id, tmp_path)
    assert "<script" not in html and "</style><" not in html and "<b>" not in html
    assert "&lt;/style&gt;&lt;script&gt;document.title = &#x27;owned&#x27;" in html
    assert html.count("<style>") == 1 and html.count("</style>") == 1


def test_terms_are_marked_where_the_glossary_rule_finds_them() -> None:
    term = Term("حلب", "Aleppo", forbidden=("Halab",))
    # With a proclitic and diacritics: the whole word is marked, its last vowel included.
    text = "وصل الوفدُ أمس، وبحَلَبَ عقد لقاءً"
    marks = source_marks(text, [term])
    assert [text[mark.start:mark.end] for mark in marks] == ["وبحَلَبَ"]
    english = "Halab, or Aleppo's old city"
    assert [(english[m.start:m.end], m.kind) for m in english_marks(english, [term])] == [
        ("Halab", "wrong"), ("Aleppo's", "term")]


def _matches() -> dict[int, list[MemoryMatch]]:
    return {1: [MemoryMatch(1.0, "أعلن المجلس المحلي في مدينة حلب", "The local council in "
                            "Aleppo announced", "souk-2025", "2025-11-02")]}


def test_memory_matches_fill_a_side_column_when_given(newsroom: Newsroom) -> None:
    article_id = _in_editing(newsroom)
    core = CoreNewsroom(newsroom.root)
    without = review_html(review_page(core, core.load(article_id)))
    assert 'class="rows"' in without and "souk-2025" not in without
    with_matches = review_html(review_page(core, core.load(article_id), _matches()))
    assert 'class="rows with-memory"' in with_matches
    first = _row_html(with_matches, 1)
    assert '<span class="score">100%</span> <span>souk-2025, 2025-11-02</span>' in first
    assert "no memory match" in _row_html(with_matches, 2)


# -- in Chromium ------------------------------------------------------------------------------

BOXES = """() => {
  const box = (element) => element.getBoundingClientRect();
  const rows = [...document.querySelectorAll('section.row')].map((row) => {
    const cells = ['source', 'translation', 'edited'].map(
      (name) => row.querySelector('.cell.' + name));
    return cells.map((cell) => {
      const b = box(cell);
      return {left: b.left, right: b.right, top: b.top, bottom: b.bottom,
              scroll: cell.scrollWidth, client: cell.clientWidth};
    });
  });
  return {rows, page: document.documentElement.scrollWidth,
          view: document.documentElement.clientWidth};
}"""

RIGHT_EDGES = """() => {
  const cell = document.querySelector('section.row .cell.source');
  const style = getComputedStyle(cell);
  const inner = cell.getBoundingClientRect().right - parseFloat(style.paddingRight);
  // The right end of each line: the rightmost of the boxes on it.
  const ends = new Map();
  const texts = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  while (texts.nextNode()) {
    const range = document.createRange();
    range.selectNodeContents(texts.currentNode);
    for (const rect of range.getClientRects()) {
      const line = Math.round(rect.top);
      ends.set(line, Math.max(ends.get(line) ?? -Infinity, rect.right));
    }
  }
  const lines = [...ends.values()];
  return {direction: style.direction, align: style.textAlign, inner, lines,
          lang: cell.getAttribute('lang')};
}"""

CHANGES = """() => [...document.querySelectorAll('del, ins')].map((element) => {
  const rect = element.getBoundingClientRect();
  return {tag: element.tagName, width: rect.width, height: rect.height,
          line: getComputedStyle(element).textDecorationLine,
          visible: getComputedStyle(element).visibility};
})"""


def _side_by_side_or_stacked(layout: object) -> None:
    """Each row's source, translation and edited cells beside one another or one under the
    other, none with text cut off, and the page no wider than the window."""
    assert isinstance(layout, dict)
    rows = cast(list[list[dict[str, float]]], layout["rows"])
    assert len(rows) == 4
    for cells in rows:
        source, translation, edited = cells
        for cell in cells:
            assert cell["scroll"] <= cell["client"] + 1, cell  # nothing cut off
        beside = source["right"] <= translation["left"] <= translation["right"] \
            <= edited["left"]
        stacked = source["bottom"] <= translation["top"] <= translation["bottom"] \
            <= edited["top"]
        assert beside or stacked, cells
    assert layout["page"] <= layout["view"], layout


@pytest.mark.slow  # starts Chromium
@needs_chromium
def test_the_page_in_chromium(newsroom: Newsroom, tmp_path: Path) -> None:
    article_id = _hostile(newsroom)
    page, _ = _page(newsroom, article_id, tmp_path)
    with visit(page) as seen:
        arabic = seen.evaluate(RIGHT_EDGES)
        changes = seen.evaluate(CHANGES)
        layout = seen.evaluate(BOXES)
        title = seen.evaluate("() => [document.title, document.querySelector('h1').textContent,"
                              " document.querySelectorAll('script, b').length]")
        seen.screenshot(tmp_path / "review.png")
    assert isinstance(arabic, dict)
    assert arabic["direction"] == "rtl" and arabic["lang"] == "ar"
    assert arabic["align"] in ("start", "right")
    assert arabic["lines"] and all(abs(right - arabic["inner"]) < 2
                                   for right in arabic["lines"]), arabic
    assert isinstance(changes, list)
    assert {change["tag"] for change in changes} == {"DEL", "INS"}
    for change in changes:
        assert change["width"] > 0 and change["height"] > 0, change
        assert change["line"] == ("line-through" if change["tag"] == "DEL" else "underline")
    _side_by_side_or_stacked(layout)
    assert title == [f"Review: Market {HOSTILE}", f"Market {HOSTILE}", 0]
    assert seen.network_requests == []
    assert seen.console_errors == []
    # On a phone's width the columns stack, still without text cut off.
    with visit(page, width=420, height=800) as narrow:
        stacked = narrow.evaluate(BOXES)
    _side_by_side_or_stacked(stacked)
    assert isinstance(stacked, dict)
    first = cast(list[list[dict[str, float]]], stacked["rows"])[0]
    assert first[0]["bottom"] <= first[1]["top"]


@needs_chromium
@pytest.mark.slow  # prints the page in Chromium
def test_the_printed_page_keeps_each_row_whole(newsroom: Newsroom, tmp_path: Path) -> None:
    article_id = _in_editing(newsroom)
    page, _ = _page(newsroom, article_id, tmp_path)
    # A4 landscape at 96 dpi, less the page's margins.
    with visit(page, width=1032, height=704, media="print") as seen:
        layout = seen.evaluate(BOXES)
        breaks = seen.evaluate("() => getComputedStyle(document.querySelector('section.row'))"
                               ".breakInside")
    _side_by_side_or_stacked(layout)
    assert breaks == "avoid"
    assert seen.network_requests == []


def test_the_page_shows_the_archives_match_for_a_repeated_paragraph(newsroom: Newsroom,
                                                                    tmp_path: Path) -> None:
    first_paragraph = SOURCE.split("\n\n")[0]
    traders = "وقال تجار إن الإقبال كان ضعيفاً."
    publish(newsroom, "market-closed", f"{first_paragraph}\n\n{traders}\n",
            "The local council in Aleppo announced on Tuesday that the old market had "
            "reopened to visitors.\n\nTraders said turnout was weak.\n")
    article_id = _in_editing(newsroom)
    _, html = _page(newsroom, article_id, tmp_path)
    assert 'class="rows with-memory"' in html
    assert '<span class="score">100%</span> <span>market-closed, ' in _row_html(html, 1)
    assert "no memory match" in _row_html(html, 2)
    without = newsroom.ok("review", article_id, "--no-memory", "--html", "-").stdout
    assert "market-closed" not in without
