"""Ids made from titles: readable ASCII, accents taken off, cut after a content word."""

from __future__ import annotations

from pathlib import Path

import pytest

from editorial.core.article import ID_PATTERN, slugify
from testing.newsroom import SOURCE_AR, Newsroom


# Written as escapes where ruff would take a character for another: U+1E24 is H with a dot
# below, U+0101 a with a macron, U+2019 a curly apostrophe, U+02BE the hamza's half ring.
@pytest.mark.parametrize(("title", "expected"), [
    ("\u1e24am\u0101\u2019s Caf\u00e9", "hamas-cafe"),
    ("The council's plan", "the-councils-plan"),
    ("Crème brûlée, Straße & Łódź: Œuvres", "creme-brulee-strasse-lodz-oeuvres"),
    ("Qur\u02be\u0101n schools reopen in Ḥimṣ", "quran-schools-reopen-in-hims"),
    ("Ministry reopens the coast road", "ministry-reopens-the-coast-road"),
    ("ﬁnal 2025 results", "final-2025-results"),
    ("محطة مياه جديدة", ""),
])
def test_a_title_becomes_its_latin_words(title: str, expected: str) -> None:
    assert slugify(title) == expected


@pytest.mark.parametrize(("title", "max_length", "expected"), [
    # Cut after a content word: never `...-plan-for`, which the word-by-word cut gave.
    ("Council approves plan for the market", 26, "council-approves-plan"),
    # The stop words give way first when that keeps one more content word.
    ("Council approves plan for the new market", 32, "council-approves-plan-new-market"),
    ("The council's plan for the rebuilding of the old market in Aleppo's eastern quarter",
     60, "councils-plan-rebuilding-old-market-aleppos-eastern-quarter"),
    # A title of stop words alone is cut after any word.
    ("of the " * 20, 10, "of-the-of"),
    # One word longer than an id: what fits of it, not an empty id.
    ("the " + "a" * 70, 60, "a" * 60),
])
def test_a_long_title_is_cut_after_a_content_word(title: str, max_length: int,
                                                   expected: str) -> None:
    slug = slugify(title, max_length=max_length)
    assert slug == expected
    assert len(slug) <= max_length and ID_PATTERN.match(slug)


def test_new_makes_the_id_from_an_accented_title(newsroom: Newsroom, tmp_path: Path) -> None:
    source = tmp_path / "source.txt"
    source.write_text(SOURCE_AR, encoding="utf-8")
    result = newsroom.ok("new", str(source), "--lang", "ar", "--title",
                         "\u1e24am\u0101\u2019s Caf\u00e9 reopens")
    assert result.stdout.strip() == "hamas-cafe-reopens"
