"""What publishing writes on each target, checked with the real tools a site would use."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import pytest
import yaml

from testing.hugo import build_hugo_site
from testing.newsroom import SOURCE_TITLE_AR, Newsroom, article_at, records

HUGO_TARGET: dict[str, object] = {"type": "hugo", "path": "site/content/articles"}
ALL_TARGETS: list[dict[str, object]] = [
    HUGO_TARGET,
    {"type": "jekyll", "path": "jekyll/_posts"},
    {"type": "html", "path": "site/static/articles"},
    {"type": "feed", "path": "site/static/feed.xml", "limit": 2},
]
DISCLAIMER = ("This article was translated and edited by The Example Observer. "
              "Responsibility for the information and views set out in this article lies "
              "entirely with the author.")
ORIGINAL_TITLE = SOURCE_TITLE_AR
# A headline that ends in a full stop, whose stop belongs at the left end of the Arabic.
STOPPED_TITLE = SOURCE_TITLE_AR + "."
CORRECTION = "An earlier version gave the number of families as 1,200."


def isolate(text: str) -> str:
    """A name or title as the attribution sets it apart: first strong isolate ... pop."""
    return f"\u2068{text}\u2069"


# A theme reduced to what a page needs: the title, the content, and the source's parameters.


def published(newsroom: Newsroom, targets: list[dict[str, object]],
              article_id: str = "water-station", extra: Sequence[str] = ()) -> str:
    newsroom.configure(publish={"article_url": "https://example.org/articles/{id}/",
                                "targets": targets})
    newsroom.new_article(article_id=article_id, extra=extra)
    newsroom.advance_to(article_id, "published")
    return article_id




# Skipped on a developer machine without Hugo; in CI (.ci/run installs it) it must run.
@pytest.mark.skipif(shutil.which("hugo") is None and not os.environ.get("CI"),
                    reason="needs Debian's hugo (apt-get install hugo)")
def test_hugo_builds_the_article_then_its_correction_then_drops_it(
        newsroom: Newsroom, tmp_path: Path) -> None:
    article_id = published(newsroom, [HUGO_TARGET])
    bundle = newsroom.path("site/content/articles", article_id, "index.md")
    assert bundle.is_file()

    page = build_hugo_site(newsroom, tmp_path) / "articles" / article_id / "index.html"
    html = page.read_text()
    assert "<h1>New water station opens in the east</h1>" in html
    assert "opening of a new water pumping station in the eastern district" in html
    assert DISCLAIMER in html
    # Names and the original title are bidi isolates, so Arabic keeps its own direction.
    assert (f"Translated from the Arabic original “{isolate(ORIGINAL_TITLE)}” by "
            f"{isolate('Example Author')}") in html
    assert f'<a href="https://example.org/water">{isolate("Example Daily")}</a>' in html
    assert (f"Translated by {isolate('Tariq Translator')}; edited by "
            f"{isolate('Hana Editor')}") in html
    assert '<p class="source">Example Daily</p>' in html
    assert "Corrections" not in html

    newsroom.edit_body(article_id, "about 12000 families", "about 12,000 families")
    newsroom.ok("correct", article_id, "--type", "correction", "--note", CORRECTION,
                as_person="hana")
    html = (build_hugo_site(newsroom, tmp_path) / "articles" / article_id
            / "index.html").read_text()
    assert "about 12,000 families" in html
    assert "<h2 id=\"corrections\">Corrections</h2>" in html
    assert CORRECTION in html

    newsroom.ok("unpublish", article_id, "--reason", "The outlet withdrew the original.")
    assert not bundle.exists()
    public = build_hugo_site(newsroom, tmp_path)
    assert not (public / "articles" / article_id).exists()
    meta = newsroom.meta(article_id)
    assert meta["stage"] == "withdrawn"
    assert records(meta, "history")[-1]["note"] == "The outlet withdrew the original."
    assert "outputs" not in meta
    assert newsroom.article_path(article_id).read_text().count(DISCLAIMER) == 1
    # Nothing is left behind in the work tree: every file went into the commits.
    assert newsroom.git("status", "--porcelain", "--", "articles", "site/content") == ""


# Run in the page once it is laid out (on one line, so that no wrap moves a letter): where
# Chromium put the original title's letters and its full stop, written into the document's
# title for --dump-dom to show.
MEASURE = """<style>body { white-space: nowrap; }</style>
<script>
(() => {
  const title = %s;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const box = (node, index) => {
    const range = document.createRange();
    range.setStart(node, index);
    range.setEnd(node, index + 1);
    return range.getClientRects()[0];
  };
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf(title);
    if (at < 0) continue;
    const letters = [...title.slice(0, -1)].map((_, i) => box(node, at + i))
      .filter((rect) => rect && rect.width > 0);
    const stop = box(node, at + title.length - 1);
    document.title = JSON.stringify({
      first: box(node, at).left, stop: stop.left, stopRight: stop.right,
      runLeft: Math.min(...letters.map((rect) => rect.left)),
      runRight: Math.max(...letters.map((rect) => rect.right))});
    return;
  }
  document.title = "title not found";
})();
</script>"""


def laid_out(page: Path, title: str, tmp_path: Path) -> dict[str, float]:
    """Where a headless Chromium lays out `title` in `page`, a local file: nothing loads from
    the network."""
    probe = page.with_name("probe.html")
    probe.write_text(page.read_text(encoding="utf-8").replace(
        "</body>", MEASURE % json.dumps(title) + "</body>"), encoding="utf-8")
    result = subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", f"--user-data-dir={tmp_path / 'chromium'}",
         "--virtual-time-budget=2000", "--dump-dom", probe.as_uri()],
        check=True, capture_output=True, text=True, timeout=120)
    found = result.stdout.split("<title>", 1)[1].split("</title>", 1)[0]
    measured: dict[str, float] = json.loads(found.replace("&quot;", '"'))
    return measured


# Skipped on a machine without them; in CI (.ci/run installs both) it must run.
@pytest.mark.skipif((shutil.which("hugo") is None or shutil.which("chromium") is None)
                    and not os.environ.get("CI"),
                    reason="needs Debian's hugo and chromium (apt-get install hugo chromium)")
@pytest.mark.slow  # Hugo builds the site, Chromium lays it out
def test_the_arabic_original_title_keeps_its_full_stop_at_its_left_end(
        newsroom: Newsroom, tmp_path: Path) -> None:
    article_id = published(newsroom, [HUGO_TARGET], extra=("--source-title", STOPPED_TITLE))
    page = build_hugo_site(newsroom, tmp_path) / "articles" / article_id / "index.html"

    isolated = laid_out(page, STOPPED_TITLE, tmp_path)
    # Right to left: the first letter at the right, the stop past the last at the left.
    assert isolated["first"] > isolated["stop"]
    assert isolated["stopRight"] <= isolated["runLeft"] + 0.5, isolated

    # The same page without the isolation: the English sentence takes the stop to the right,
    # which is what the measure above tells apart.
    bare = page.with_name("bare.html")
    bare.write_text(page.read_text(encoding="utf-8").replace("\u2068", "").replace(
        "\u2069", ""), encoding="utf-8")
    unisolated = laid_out(bare, STOPPED_TITLE, tmp_path)
    assert unisolated["stop"] >= unisolated["runRight"] - 0.5, unisolated


@pytest.mark.slow  # starts Chromium
@pytest.mark.skipif(shutil.which("chromium") is None and not os.environ.get("CI"),
                    reason="needs Debian's chromium (apt-get install chromium)")
def test_the_html_page_keeps_the_original_titles_full_stop_at_its_left_end(
        newsroom: Newsroom, tmp_path: Path) -> None:
    article_id = published(newsroom, [{"type": "html", "path": "pages"}],
                           extra=("--source-title", STOPPED_TITLE))
    measured = laid_out(newsroom.path("pages", article_id, "index.html"), STOPPED_TITLE,
                        tmp_path)
    assert measured["first"] > measured["stop"]
    assert measured["stopRight"] <= measured["runLeft"] + 0.5, measured


def test_hugo_front_matter_carries_credits_attribution_and_translation_key(
        newsroom: Newsroom) -> None:
    article_id = published(newsroom, [HUGO_TARGET])
    text = newsroom.path("site/content/articles", article_id, "index.md").read_text()
    meta = newsroom.meta(article_id)
    hugo_meta = yaml.safe_load(text.split("---\n", 2)[1])
    assert hugo_meta["title"] == "New water station opens in the east"
    assert hugo_meta["date"] == meta["published_at"]
    assert hugo_meta["translationKey"] == article_id
    assert hugo_meta["translator"] == "Tariq Translator"
    assert hugo_meta["editor"] == "Hana Editor"
    assert hugo_meta["source"] == {"outlet": "Example Daily", "author": "Example Author",
                                   "url": "https://example.org/water", "language": "ar",
                                   "title": ORIGINAL_TITLE}
    assert hugo_meta["summary"].startswith("The city council announced")
    assert hugo_meta["disclaimer"] == DISCLAIMER
    # The output recorded in front matter is the file on disk, hash and all.
    assert meta["outputs"] == [{"path": f"site/content/articles/{article_id}/index.md",
                                "sha256": hashlib.sha256(text.encode()).hexdigest()}]


def test_every_target_gets_its_file_and_one_commit_holds_them_all(newsroom: Newsroom) -> None:
    article_id = published(newsroom, ALL_TARGETS)
    day = str(newsroom.meta(article_id)["published_at"])[:10]
    committed = set(newsroom.git("show", "--name-only", "--format=", "HEAD").split())
    assert committed == {
        f"articles/{article_id}/article.md",
        f"site/content/articles/{article_id}/index.md",
        f"jekyll/_posts/{day}-{article_id}.md",
        f"site/static/articles/{article_id}/index.html",
        "site/static/feed.xml",
        "site/data/withdrawn.json",
    }
    jekyll = newsroom.path("jekyll/_posts", f"{day}-{article_id}.md").read_text()
    assert "layout: post" in jekyll
    for text in (jekyll, newsroom.path("site/static/articles", article_id,
                                       "index.html").read_text()):
        assert "opening of a new water pumping station" in text
        assert "Example Daily" in text and "Example Author" in text
        assert "https://example.org/water" in text and "Tariq Translator" in text
        assert "This article was translated and edited by The Example Observer" in text


class _StrictTags(HTMLParser):
    """Fails on a closing tag that does not close the innermost open element."""

    VOID = frozenset({"meta", "link", "br", "hr", "img", "input"})

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, (tag, self.open)
        self.open.pop()


def test_html_page_is_well_formed_escaped_and_marks_the_arabic_title(
        newsroom: Newsroom) -> None:
    newsroom.configure(publish={"targets": [{"type": "html", "path": "site/static/a"}]})
    source = newsroom.root.parent / "source.md"
    source.write_text("---\ntitle: افتتاح محطة مياه جديدة\nauthor: <b>Rima</b> & co\n---\n"
                      "أعلنت البلدية عن افتتاح محطة جديدة.\n", encoding="utf-8")
    newsroom.ok("new", str(source), "--lang", "ar", "--id", "water", "--outlet", "Al-Manara",
                "--url", "javascript:alert(1)")
    newsroom.advance_to("water", "ready")
    # The editor gives the translation its English title, and the body some raw HTML.
    newsroom.edit_body("water", "title: افتتاح محطة مياه جديدة",
                       "title: Water <script>alert(1)</script>")
    newsroom.edit_body("water", "The city council", "The <em>city</em> council")
    newsroom.git("commit", "-qam", "edit")
    # javascript: is no source address: the metadata gate does not care, the page must.
    newsroom.ok("publish", "water")
    html = newsroom.path("site/static/a/water/index.html").read_text()
    ET.fromstring(html.split("\n", 1)[1] if html.startswith("<!DOCTYPE") else html)
    checker = _StrictTags()
    checker.feed(html)
    checker.close()
    assert checker.open == []
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "javascript:" not in html
    assert "&lt;em&gt;city&lt;/em&gt;" in html  # raw HTML in the body is shown, not run
    assert '<span lang="ar" dir="rtl">افتتاح محطة مياه جديدة</span>' in html
    assert '<html lang="en" dir="ltr">' in html
    assert "&lt;b&gt;Rima&lt;/b&gt; &amp; co" in html


def test_a_newsroom_template_replaces_the_default(newsroom: Newsroom) -> None:
    newsroom.path("templates").mkdir()
    newsroom.path("templates/article.html").write_text(
        "<p>{{ entry.title }} / {{ entry.source.outlet }}</p>{{ body_html }}"
        "<small>{{ entry.disclaimer }}</small>\n")
    newsroom.git("add", "templates")
    newsroom.git("commit", "-qm", "our page")
    published(newsroom, [{"type": "html", "path": "out"}])
    html = newsroom.path("out/water-station/index.html").read_text()
    assert html.startswith("<p>New water station opens in the east / Example Daily</p>")
    assert f"<small>{DISCLAIMER}</small>" in html


@pytest.mark.slow  # publishes three articles to every target
def test_the_atom_feed_parses_and_lists_the_latest_articles(newsroom: Newsroom) -> None:
    published(newsroom, ALL_TARGETS, "first-story")
    for article_id in ("second-story", "third-story"):
        newsroom.new_article(article_id=article_id)
        newsroom.advance_to(article_id, "published")
    raw = newsroom.path("site/static/feed.xml").read_bytes()
    feed = feedparser.parse(raw)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == "The Example Observer"
    assert [entry.link for entry in feed.entries] == [
        "https://example.org/articles/third-story/",
        "https://example.org/articles/second-story/",
    ]  # limit: 2, newest first
    entry = feed.entries[0]
    assert entry.title == "New water station opens in the east"
    assert entry.author == "Example Author"
    content = entry.content[0].value
    assert "opening of a new water pumping station" in content
    assert "This article was translated and edited by The Example Observer" in content
    assert f'<a href="https://example.org/water">{isolate("Example Daily")}</a>' in content

    newsroom.ok("unpublish", "third-story", "--reason", "Duplicate of second-story.")
    feed = feedparser.parse(newsroom.path("site/static/feed.xml").read_bytes())
    assert [entry.link for entry in feed.entries] == [
        "https://example.org/articles/second-story/",
        "https://example.org/articles/first-story/",
    ]
    manifest = json.loads(newsroom.path("site/data/withdrawn.json").read_text())
    [gone] = manifest["withdrawn"]
    assert gone["id"] == "third-story"
    assert gone["reason"] == "Duplicate of second-story."
    assert gone["url"] == "https://example.org/articles/third-story/"
    assert "site/content/articles/third-story/index.md" in gone["paths"]


@pytest.mark.parametrize(("section", "line", "words"), [
    ("publish:\n  targets:\n    - type: wordpress\n      path: x\n", 3,
     "type must be one of"),
    ("publish:\n  targets:\n    - type: hugo\n", 3, "needs a 'path'"),
    ("publish:\n  targets:\n    - type: hugo\n      path: ../outside\n", 4,
     "inside the newsroom"),
    ("publish:\n  targets:\n    - {type: feed, path: feed.xml, limit: 0}\n", 3, "limit"),
    ("publish:\n  targets:\n    - {type: hugo, path: a}\n    - type: jekyll\n"
     "      path: a\n", 5, "already used"),
    ("publish:\n  article_url: https://example.org/{id}\n  mirror: yes\n", 3,
     "publish.mirror is not a setting"),
])
def test_bad_publish_settings_are_named_with_file_and_line(
        tmp_path: Path, section: str, line: int, words: str) -> None:
    newsroom, article_id = article_at(tmp_path, "ready")
    config = newsroom.path("editorial.yaml")
    config.write_text(section + config.read_text())
    newsroom.git("commit", "-qam", "a broken publish section")
    message = newsroom.refuses("publish", article_id, exit_code=2)
    assert f"editorial.yaml:{line}: " in message, message
    assert words in message
