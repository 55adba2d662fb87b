"""Glossary forms: a forbidden form inside a hyphenated compound, curly and straight
apostrophes, the article inside a multi-word source term, a required rendering inside a
hyphenated compound, and official names a term allows. Each fails on its sample and passes on
the fixed text, in the matcher and through `editorial check` on a real newsroom."""

# The samples are Arabic text on purpose.
# ruff: noqa: RUF001

from __future__ import annotations

import json
from pathlib import Path

import pytest

from editorial.core.quality.glossary import SourceText, Term, english_pattern, load
from editorial.errors import ConfigError
from testing.newsroom import Newsroom

GLOSSARY = """\
terms:
  - source: هيئة تحرير الشام
    target: Hay'at Tahrir al-Sham
    forbidden: [HTS]
  - source: قسد
    target: SDF
    forbidden: [QSD]
  - source: القامشلي
    target: Qamishli
    forbidden: [Kamishly]
  - source: ليرة سورية
    target: Syrian pound
    forbidden: [Syrian lira]
  - source: دمشق
    target: Damascus
    forbidden: [Dimashq]
    allowed: [Rif Dimashq]
"""
SOURCE = (
    "قالت هيئة تحرير الشام إن الطريق بين القامشلي وعامودا بقي مغلقاً، فيما أعلنت قسد "
    "إعادة فتحه.\n\n"
    "وارتفع سعر الخبز إلى ٤٠٠٠ ليرة سورية في ريف دمشق، بحسب تجار في المنطقة.\n"
)
# The desk's English, with every form the glossary must accept.
RIGHT = (
    "Hay’at Tahrir al-Sham said the Qamishli-Amuda road stayed closed, while the "
    "SDF-controlled council announced it had reopened.\n\n"
    "The price of bread rose to 4,000 Syrian pounds in Rif Dimashq, according to traders "
    "in the area.\n"
)


# -- the matcher --------------------------------------------------------------------------------

@pytest.mark.parametrize(("rendering", "english"), [
    ("HTS", "an HTS-run checkpoint"),
    ("SDF", "SDF-controlled villages"),
    ("Qamishli", "the Qamishli-Amuda road"),
    ("Hay'at Tahrir al-Sham", "Hay’at Tahrir al-Sham said"),
    ("Hay’at Tahrir al-Sham", "Hay'at Tahrir al-Sham's fighters"),
])
def test_renderings_are_found_in_compounds_and_with_either_apostrophe(
        rendering: str, english: str) -> None:
    assert english_pattern(rendering).search(english)


@pytest.mark.parametrize(("rendering", "english"), [
    ("HTS", "the HTSX unit"),
    ("SDF", "SDFC-run"),
    ("Hay'at Tahrir al-Sham", "Hayat Tahrir al-Sham"),
])
def test_renderings_stay_whole_words(rendering: str, english: str) -> None:
    assert not english_pattern(rendering).search(english)


def test_a_multi_word_term_is_found_with_the_article_inside() -> None:
    pound = Term("ليرة سورية", "Syrian pound")
    for text in ("بلغ ٥٠٠ ليرة سورية", "سعر الليرة السورية", "بالليرة السورية"):
        assert SourceText.of(text).contains(pound) == "ليرة سورية", text
    # The article inside, but another noun: not the term.
    assert SourceText.of("الليرة التركية").contains(pound) is None
    assert SourceText.of("ليرة السوريين").contains(pound) is None


def test_allowed_names_are_checked_at_load_with_their_line(tmp_path: Path) -> None:
    path = tmp_path / "glossary.yaml"
    path.write_text("terms:\n  - source: حلب\n    target: Aleppo\n  - source: دمشق\n"
                    "    target: Damascus\n    allowed: {name: Rif Dimashq}\n",
                    encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load(path)
    assert (raised.value.line, raised.value.message) == (
        6, "terms[1].allowed must be a list of text")
    path.write_text("terms:\n  - source: دمشق\n    target: Damascus\n"
                    "    allowed: [ريف دمشق]\n", encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load(path)
    assert raised.value.line == 4 and "terms[0].allowed: 'ريف دمشق' is not English" \
        in raised.value.message
    path.write_text("terms:\n  - source: دمشق\n    target: Damascus\n"
                    "    allowed: Rif Dimashq\n", encoding="utf-8")
    assert load(path).terms[0].allowed == ("Rif Dimashq",)


def test_lookup_takes_either_apostrophe_and_allowed_names(newsroom: Newsroom,
                                                          article: str) -> None:
    for query in ("Hay’at Tahrir al-Sham", "hay'at tahrir  al-sham", "Rif Dimashq"):
        result = newsroom.ok("glossary", query, "--json")
        assert len(json.loads(result.stdout)["terms"]) == 1, query
    assert json.loads(newsroom.ok("glossary", "Rif Dimashq", "--json").stdout)["terms"][0][
        "allowed"] == ["Rif Dimashq"]


# -- through editorial check -------------------------------------------------------------------

@pytest.fixture
def article(newsroom: Newsroom) -> str:
    newsroom.path("glossary.yaml").write_text(GLOSSARY, encoding="utf-8")
    newsroom.git("add", "glossary.yaml")
    newsroom.git("commit", "-qm", "the desk's glossary")
    article_id = newsroom.new_article(source=SOURCE)
    newsroom.ok("assign", article_id, "--translator", "tariq")
    return article_id


def glossary_messages(newsroom: Newsroom) -> list[str]:
    _, problems = newsroom.check_json()
    return [str(p["message"]) for p in problems if p["rule"] == "glossary"]


def test_every_accepted_form_passes_check(newsroom: Newsroom, article: str) -> None:
    newsroom.write_translation(article, RIGHT)
    assert glossary_messages(newsroom) == []
    code, _ = newsroom.check_json()
    assert code == 0


@pytest.mark.parametrize(("old", "new", "expected"), [
    # A forbidden form inside a hyphenated compound.
    ("the SDF-controlled council", "the QSD-run council",
     ["'QSD' is not the desk's rendering of «قسد»: write 'SDF'",
      "source paragraph 1 (source.md line 8) has «قسد», which the glossary renders as 'SDF', "
      "not found in the English text"]),
    ("Hay’at Tahrir al-Sham said", "The HTS-run authority said",
     ["source paragraph 1 (source.md line 8) has «هيئة تحرير الشام», which the glossary "
      "renders as \"Hay'at Tahrir al-Sham\", not found in the English text",
      "'HTS' is not the desk's rendering of «هيئة تحرير الشام»: write \"Hay'at Tahrir "
      "al-Sham\""]),
    # The definite form of a multi-word term in the source.
    ("Syrian pounds", "Syrian lira",
     ["source paragraph 2 (source.md line 10) has «ليرة سورية», which the glossary renders "
      "as 'Syrian pound', not found in the English text",
      "'Syrian lira' is not the desk's rendering of «ليرة سورية»: write 'Syrian pound'"]),
    # A forbidden form outside the allowed official name.
    ("in Rif Dimashq", "in Dimashq",
     ["source paragraph 2 (source.md line 10) has «دمشق», which the glossary renders as "
      "'Damascus', not found in the English text",
      "'Dimashq' is not the desk's rendering of «دمشق»: write 'Damascus'"]),
    ("the Qamishli-Amuda road", "the Kamishly-Amuda road",
     ["source paragraph 1 (source.md line 8) has «القامشلي», which the glossary renders as "
      "'Qamishli', not found in the English text",
      "'Kamishly' is not the desk's rendering of «القامشلي»: write 'Qamishli'"]),
])
def test_each_wrong_form_fails_check(newsroom: Newsroom, article: str, old: str, new: str,
                                     expected: list[str]) -> None:
    assert old in RIGHT
    newsroom.write_translation(article, RIGHT.replace(old, new))
    assert sorted(glossary_messages(newsroom)) == sorted(expected)
    code, _ = newsroom.check_json()
    assert code == 1
    newsroom.write_translation(article, RIGHT)
    assert glossary_messages(newsroom) == []
