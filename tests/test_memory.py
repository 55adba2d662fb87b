"""The translation memory and `editorial tm`, on real newsroom repositories."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from editorial.core import listing_cache
from editorial.core.memory.settings import memory_settings
from editorial.core.memory.store import MemoryIndex, index_path
from editorial.core.newsroom import Newsroom as CoreNewsroom
from testing.memory import (
    NEWER,
    OLDER,
    OLDER_ENGLISH,
    OLDER_SOURCE,
    UNSEEN,
    in_translation,
    publish,
)
from testing.newsroom import Newsroom, built_once


def tm(newsroom: Newsroom, article_id: str = NEWER) -> list[Any]:
    document: dict[str, Any] = json.loads(newsroom.ok("tm", article_id, "--json").stdout)
    assert document["article"] == article_id
    paragraphs: list[Any] = document["paragraphs"]
    return paragraphs


def index(newsroom: Newsroom) -> MemoryIndex:
    core = CoreNewsroom(newsroom.root)
    return MemoryIndex.open(core, memory_settings(core.config))


def published_and_in_translation(newsroom: Newsroom) -> None:
    publish(newsroom, OLDER, OLDER_SOURCE, OLDER_ENGLISH)
    in_translation(newsroom)


@pytest.fixture
def desk(tmp_path: Path) -> Newsroom:
    return built_once(tmp_path, published_and_in_translation)


def test_a_repeated_paragraph_is_an_exact_match_naming_the_older_article(desk: Newsroom) -> None:
    first, second, third = tm(desk)
    exact = first["matches"][0]
    assert (exact["score"], exact["exact"], exact["article"], exact["editor"]) == (
        100, True, OLDER, "hana")
    assert exact["english"] == "The finance ministry had made no official comment by this " \
                               "evening."
    assert exact["date"] == desk.meta(OLDER)["published_at"]
    fuzzy = second["matches"][0]
    assert 75 <= fuzzy["score"] < 100 and not fuzzy["exact"]
    assert fuzzy["english"].startswith("A council spokesman said")
    assert third["source"] == UNSEEN and third["matches"] == []


def test_the_threshold_is_the_desks(desk: Newsroom) -> None:
    desk.configure(memory={"threshold": 99})
    assert [len(paragraph["matches"]) for paragraph in tm(desk)] == [1, 0, 0]


def test_a_wrong_setting_is_refused_with_its_line(desk: Newsroom) -> None:
    desk.configure(memory={"threshold": 150})
    line = desk.refuses("tm", NEWER, exit_code=2)
    assert "editorial.yaml:" in line and "memory.threshold" in line


def test_the_disclaimer_is_not_a_segment_and_the_article_does_not_match_itself(
        desk: Newsroom) -> None:
    memory = index(desk)
    rows = memory.connection.execute(
        "SELECT english FROM segments WHERE article = ?", (OLDER,)).fetchall()
    assert len(rows) == 3 and memory.segment_count() == 3
    assert not any("Responsibility" in english for english, in rows)
    assert all(paragraph["matches"] == [] for paragraph in tm(desk, OLDER))


def test_glossary_terms_are_shown_with_their_renderings(desk: Newsroom) -> None:
    (desk.root / "glossary.yaml").write_text(
        "terms:\n  - source: وزارة المالية\n    target: finance ministry\n"
        "    forbidden: [treasury]\n", encoding="utf-8")
    first = tm(desk)[0]
    assert [(term["found"], term["target"], term["forbidden"]) for term in first["terms"]] == [
        ("وزارة المالية", "finance ministry", ["treasury"])]
    text = desk.ok("tm", NEWER).stdout
    assert "finance ministry" in text and "100% exact" in text and OLDER in text


def test_approved_articles_count_only_when_the_desk_says_so(newsroom: Newsroom) -> None:
    newsroom.new_article(article_id=OLDER, source=OLDER_SOURCE)
    newsroom.ok("assign", OLDER, "--translator", "tariq")
    newsroom.write_translation(OLDER, OLDER_ENGLISH)
    newsroom.ok("submit", OLDER, as_person="tariq")
    newsroom.advance_to(OLDER, "disclaimer")
    in_translation(newsroom)
    assert tm(newsroom)[0]["matches"] == []
    newsroom.configure(memory={"include": ["published", "approved"]})
    assert tm(newsroom)[0]["matches"][0]["article"] == OLDER


def test_one_new_publication_reads_only_that_article(desk: Newsroom,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    # Every file here was written within the last seconds; with no racy window, each one
    # written before the last pass began counts as settled, as it would a minute later.
    monkeypatch.setattr(listing_cache, "RACY_WINDOW_NS", 0)
    index(desk).close()
    again = index(desk)
    assert (again.report.segmented, again.report.confirmed) == ([], 0)
    before = set(again.connection.execute("SELECT id, article FROM segments").fetchall())
    again.close()
    publish(desk, "council-more", OLDER_SOURCE.replace("الثلاثاء", "الأربعاء"),
            OLDER_ENGLISH.replace("Tuesday", "Wednesday"))
    after = index(desk)
    assert after.report.segmented == ["council-more"]
    assert after.report.confirmed == 0
    rows = set(after.connection.execute("SELECT id, article FROM segments").fetchall())
    assert before <= rows
    assert {article for _, article in rows - before} == {"council-more"}


def test_unchanged_files_within_the_racy_window_are_confirmed_not_segmented(
        desk: Newsroom) -> None:
    index(desk).close()
    again = index(desk)
    assert again.report.segmented == [] and again.report.confirmed >= 2


def test_a_git_checkout_is_noticed(desk: Newsroom) -> None:
    before = desk.git("rev-parse", "HEAD").strip()
    publish(desk, "council-more", OLDER_SOURCE, OLDER_ENGLISH)
    assert {match["article"] for match in tm(desk)[0]["matches"]} <= {OLDER, "council-more"}
    assert index(desk).report.segmented == []
    desk.git("checkout", "-q", before)
    memory = index(desk)
    assert memory.report.removed == ["council-more"]
    desk.git("checkout", "-q", "main")
    assert index(desk).report.segmented == ["council-more"]


def test_a_damaged_index_is_rebuilt_silently(desk: Newsroom) -> None:
    expected = tm(desk)
    path = index_path(desk.root)
    assert path is not None and path.is_file()
    path.write_bytes(b"not a database at all" * 100)
    result = desk.ok("tm", NEWER, "--json")
    assert result.stderr == ""
    assert json.loads(result.stdout)["paragraphs"] == expected
    assert path.read_bytes().startswith(b"SQLite format 3")


def test_the_index_is_never_committed(desk: Newsroom) -> None:
    tm(desk)
    assert desk.git("status", "--porcelain") == ""
    assert "memory.sqlite" not in desk.git("ls-files")


@pytest.mark.slow
def test_the_demo_newsroom_has_an_exact_and_a_fuzzy_match(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from editorial.cli.main import cli

    target = tmp_path / "demo"
    assert CliRunner().invoke(cli, ["demo", str(target)]).exit_code == 0
    demo = Newsroom(target)
    scores = [[match["score"] for match in paragraph["matches"]]
              for paragraph in tm(demo, "aleppo-water-cut-again")]
    assert scores[0] == [] and scores[2] == [100]
    assert 75 <= scores[1][0] < 100


def gram_counts(newsroom: Newsroom) -> tuple[dict[int, int], dict[int, int]]:
    """The word pairs' stored counts, and the counts of their postings."""
    memory = index(newsroom)
    try:
        stored = dict(memory.connection.execute("SELECT gram, segments FROM gram_counts"))
        counted = dict(memory.connection.execute(
            "SELECT gram, count(*) FROM grams GROUP BY gram"))
    finally:
        memory.close()
    return stored, counted


def test_word_pair_counts_follow_publications_and_checkouts(desk: Newsroom) -> None:
    before = desk.git("rev-parse", "HEAD").strip()
    first, _ = gram_counts(desk)
    assert first and all(count == 1 for count in first.values())
    # Pairs shared with the older article, and pairs of its own that must go again.
    publish(desk, "council-more", OLDER_SOURCE.replace("الثلاثاء", "الأربعاء"),
            OLDER_ENGLISH.replace("Tuesday", "Wednesday"))
    stored, counted = gram_counts(desk)
    assert stored == counted and set(stored.values()) == {1, 2} and set(stored) > set(first)
    desk.git("checkout", "-q", before)
    assert gram_counts(desk) == (first, first)


# A paragraph of two sentences on each side: its sentences are segments too.
PORT_SOURCE = ("أعلنت إدارة الميناء إغلاق الرصيف الشمالي ثلاثة أيام. "
               "وستُحوَّل السفن القادمة إلى الرصيف الجنوبي خلال الصيانة.\n")
PORT_ENGLISH = ("The port authority announced that the north quay would close for three "
                "days. Incoming ships will be diverted to the south quay during the "
                "maintenance.\n")


def test_a_sentence_match_shows_the_sentence_cut_from_its_paragraph(newsroom: Newsroom) -> None:
    publish(newsroom, "port-closure", PORT_SOURCE, PORT_ENGLISH)
    in_translation(newsroom, source="وستحول السفن القادمة الى الرصيف الجنوبي خلال الصيانة.\n")
    (paragraph,) = tm(newsroom)
    (match,) = paragraph["matches"]
    assert (match["kind"], match["paragraph"], match["sentence"], match["exact"]) == (
        "sentence", 1, 2, True)
    assert match["source"] == "وستُحوَّل السفن القادمة إلى الرصيف الجنوبي خلال الصيانة."
    assert match["english"] == ("Incoming ships will be diverted to the south quay during "
                                "the maintenance.")
    memory = index(newsroom)
    assert memory.segment_count() == 3
    memory.close()


def test_an_index_of_another_version_gives_its_space_back(desk: Newsroom) -> None:
    index(desk).close()
    path = index_path(desk.root)
    assert path is not None
    old = sqlite3.connect(path)
    with old:
        old.execute("UPDATE meta SET value = 'older' WHERE key = 'version'")
        old.execute("CREATE TABLE bulk (data BLOB)")
        old.execute("INSERT INTO bulk VALUES (zeroblob(4000000))")
    old.close()
    assert path.stat().st_size > 4_000_000
    memory = index(desk)
    assert memory.report.segmented and memory.segment_count() == 3
    memory.close()
    assert path.stat().st_size < 1_000_000
