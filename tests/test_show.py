"""`editorial show`: one article in full, as a table for people and as JSON for programs."""

from __future__ import annotations

import json
import re
from pathlib import Path

from rich.cells import cell_len

from testing.newsroom import TRANSLATION_EN, Newsroom, article_at


def test_show_prints_the_article_and_its_history(tmp_path: Path) -> None:
    newsroom, article_id = article_at(tmp_path, "editing")
    newsroom.ok("return", article_id, "--note", "the second paragraph is missing",
                as_person="hana")
    result = newsroom.ok("show", "water-st")
    out = result.stdout
    assert "New water station opens in the east" in out
    assert "[water-station]" in out
    assert "translation (a translator is working)" in out
    assert "submit, spike" in out  # what can happen next
    assert "tariq" in out
    assert "Example Daily" in out and "https://example.org/water" in out
    for action in ("new", "assign", "submit", "return"):
        assert f" {action} " in out
    # Notes and stages wrap inside their columns: their words come in order, over lines.
    assert re.search(r"return\s+editing ->.*the second.*\n.*translation.*paragraph is", out)
    # Timestamps are never cut in two, and every line fits 80 columns.
    history = newsroom.meta(article_id)["history"]
    assert isinstance(history, list) and len(history) == 4
    assert all(re.search(rf"^\s*{entry['at']}\s+{entry['by']}\s+{entry['action']}\s", out,
                         re.MULTILINE) for entry in history)
    assert max(cell_len(line) for line in out.splitlines()) <= 80
    assert "\x1b" not in out
    assert result.stderr == ""


def test_show_json_is_one_document_with_everything(tmp_path: Path) -> None:
    newsroom, article_id = article_at(tmp_path, "disclaimer")
    result = newsroom.ok("show", article_id, "--json")
    document = json.loads(result.stdout)
    assert list(document) == ["article"]
    article = document["article"]
    assert article["id"] == "water-station"
    assert article["stage"] == "disclaimer"
    assert article["path"] == "articles/water-station/article.md"
    assert article["translator"] == "tariq" and article["editor"] == "hana"
    assert article["body"] == TRANSLATION_EN
    assert article["source"]["outlet"] == "Example Daily"
    assert [entry["action"] for entry in article["history"]] == [
        "new", "assign", "submit", "approve"]
    assert all(entry["at"].endswith("Z") for entry in article["history"])
    assert result.stderr == ""


def test_show_json_keeps_arabic_as_text(newsroom: Newsroom) -> None:
    newsroom.new_article()
    path = newsroom.article_path("water-station")
    path.write_text(path.read_text(encoding="utf-8").replace(
        "title: New water station opens in the east", "title: محطة مياه جديدة"),
        encoding="utf-8")
    result = newsroom.ok("show", "water-station", "--json")
    assert "محطة مياه جديدة" in result.stdout
    assert json.loads(result.stdout)["article"]["title"] == "محطة مياه جديدة"


def test_show_prints_the_opening_the_editing_and_the_corrections(tmp_path: Path) -> None:
    newsroom, article_id = article_at(tmp_path, "editing")
    newsroom.edit_body(article_id, "the opening of", "the launch of")
    newsroom.advance_to(article_id, "published")
    out = newsroom.ok("show", article_id).stdout
    assert "corrections" not in out
    lines = out.splitlines()
    # The figures the approval recorded, as `diff` words them.
    start = next(index for index, line in enumerate(lines) if line.startswith("edits"))
    edits = " ".join(" ".join(lines[start:lines.index("text")]).split())
    assert edits.startswith("edits translation -> edited: 1 word edit (0 inserted, 0 deleted, "
                            "1 substituted); 35 words before, 35 after; edit rate 2.9%")
    # The body's first lines, indented under `text`, and how many more there are.
    opening = lines[lines.index("text") + 1:]
    assert opening[0].startswith("  The city council announced on Sunday morning the launch")
    assert "  … 1 more line" in [line.rstrip() for line in opening]

    newsroom.edit_body(article_id, "about 12000 families", "about 1200 families")
    newsroom.ok("correct", article_id, "--type", "correction", "--note",
                "the number of families was wrong", as_person="hana")
    out = newsroom.ok("show", article_id).stdout
    assert re.search(r"^corrections\s*$", out, re.MULTILINE)
    assert re.search(r"^\s+\S+Z\s+hana\s+correction\s+the number of families was wrong",
                     out, re.MULTILINE)
    assert "about 1200 families" in out
    assert max(cell_len(line) for line in out.splitlines()) <= 80
