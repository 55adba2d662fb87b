"""What a reader sees of an article's text on every output: no desk annotation, and Arabic
laid out right to left where it sits inside an English sentence."""

from __future__ import annotations

from pathlib import Path

import yaml

from editorial.core.quality.script import IGNORE_END, IGNORE_START
from testing.newsroom import Newsroom, article_at, records

ARTICLE = "water-station"
QUOTED = f"The banner read {IGNORE_START}«حلب لنا»{IGNORE_END} over the station."
TARGETS: list[dict[str, object]] = [
    {"type": "hugo", "path": "site/content/articles"},
    {"type": "jekyll", "path": "jekyll/_posts"},
    {"type": "html", "path": "pages/articles"},
    {"type": "feed", "path": "pages/feed.xml"},
]


def published_with_markers(newsroom: Newsroom) -> dict[str, str]:
    """Every output of an article whose first paragraph quotes Arabic between the markers."""
    newsroom.configure(publish={"targets": TARGETS})
    newsroom.new_article(article_id=ARTICLE)
    newsroom.advance_to(ARTICLE, "ready")
    newsroom.edit_body(ARTICLE, "The city council", QUOTED + "\n\nThe city council")
    newsroom.git("commit", "-qam", "the editor keeps the banner's words")
    newsroom.ok("publish", ARTICLE)
    paths = [str(item["path"]) for item in records(newsroom.meta(ARTICLE), "outputs")]
    assert len(paths) == 3
    return {path: newsroom.path(path).read_text(encoding="utf-8")
            for path in [*paths, "pages/feed.xml"]}


def test_the_ignore_markers_show_on_no_published_output(newsroom: Newsroom) -> None:
    outputs = published_with_markers(newsroom)
    for path, text in outputs.items():
        assert "editorial:ignore-script" not in text, path
        assert "«حلب لنا»" in text, path
    hugo = outputs[f"site/content/articles/{ARTICLE}/index.md"]
    summary = yaml.safe_load(hugo.split("---\n", 2)[1])["summary"]
    assert summary == "The banner read «حلب لنا» over the station."
    # The article itself keeps them, for `check`.
    assert QUOTED in newsroom.body(ARTICLE)


def test_the_ignore_markers_show_neither_in_the_diff_page_nor_as_edits(tmp_path: Path) -> None:
    newsroom, article_id = article_at(tmp_path, "editing")
    newsroom.edit_body(article_id, "The city council", QUOTED + "\n\nThe city council")
    page_path = tmp_path / "changes.html"
    newsroom.ok("diff", article_id, "--html", str(page_path))
    page = page_path.read_text(encoding="utf-8")
    assert "editorial:ignore-script" not in page and "ignore-script" not in page
    assert "«حلب لنا»" in page
    # Taking the markers away changes nothing in what the diff counts.
    unmarked = QUOTED.replace(IGNORE_START, "").replace(IGNORE_END, "")
    marked = newsroom.run("diff", article_id, "--json").stdout
    newsroom.edit_body(article_id, QUOTED, unmarked)
    assert newsroom.run("diff", article_id, "--json").stdout == marked
