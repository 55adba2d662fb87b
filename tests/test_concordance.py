"""`editorial concordance`: a phrase across the archive, with the other side beside it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from editorial.core import frontmatter
from testing.memory import OLDER, OLDER_ENGLISH, OLDER_SOURCE, publish
from testing.newsroom import Newsroom, built_once

# The phrase with the conjunction و joined to its first word, in the second sentence of a
# paragraph whose English has as many sentences.
FRONT_SOURCE = ("تقدمت القوات الحكومية في ريف حماة الشمالي. وسيطرت فصائل المعارضة وهيئة "
                "تحرير الشام على عدة قرى في ريف إدلب.\n\n"
                "ونزح مئات المدنيين نحو الحدود التركية خلال الأيام الماضية.\n")
FRONT_ENGLISH = ("Government forces advanced in the northern Hama countryside. Opposition "
                 "factions and Hayat Tahrir al-Sham took control of several villages in the "
                 "Idlib countryside.\n\n"
                 "Hundreds of civilians have fled towards the Turkish border in recent "
                 "days.\n")
FRONT = "idlib-front"


def concordance(newsroom: Newsroom, text: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(newsroom.ok("concordance", text, "--json").stdout)
    return document


def two_published(newsroom: Newsroom) -> None:
    publish(newsroom, OLDER, OLDER_SOURCE, OLDER_ENGLISH)
    publish(newsroom, FRONT, FRONT_SOURCE, FRONT_ENGLISH)

    def older(document: frontmatter.Document) -> None:
        document.meta["published_at"] = "2024-01-01T08:00:00Z"

    newsroom.edit(OLDER, older)


@pytest.fixture
def archive(tmp_path: Path) -> Newsroom:
    return built_once(tmp_path, two_published)


def test_a_source_phrase_is_found_with_a_joined_conjunction(archive: Newsroom) -> None:
    found = concordance(archive, "هيئة تحرير الشام")
    assert found["side"] == "source"
    [occurrence] = found["occurrences"]
    assert occurrence["article"] == FRONT
    assert "وهيئة تحرير الشام" in occurrence["source"]
    # The sentence that holds it, not its whole paragraph.
    assert (occurrence["kind"], occurrence["paragraph"], occurrence["sentence"]) == (
        "sentence", 1, 2)
    assert occurrence["english"].startswith("Opposition factions and Hayat Tahrir al-Sham")
    text = archive.ok("concordance", "هيئة تحرير الشام").stdout
    assert FRONT in text and "Hayat Tahrir al-Sham" in text


def test_diacritics_and_hamza_forms_do_not_matter(archive: Newsroom) -> None:
    assert [item["article"] for item in concordance(archive, "هَيْئة تحرير الشّام")[
        "occurrences"]] == [FRONT]
    # أي in the archive, written with a bare alef and a shadda here.
    assert [item["article"] for item in concordance(archive, "اَيّ تعليق")[
        "occurrences"]] == [OLDER]
    assert concordance(archive, "تحرير حماة")["occurrences"] == []


def test_an_english_phrase_is_found_as_whole_words_ignoring_case(archive: Newsroom) -> None:
    found = concordance(archive, "COUNTRYSIDE")
    assert found["side"] == "english"
    # Newest first: the Idlib article (both sentences of its first paragraph) was published
    # after the budget one.
    assert [(item["article"], item["sentence"]) for item in found["occurrences"]] == [
        (FRONT, 1), (FRONT, 2), (OLDER, None)]
    assert [item["article"] for item in concordance(archive, "in the countryside")[
        "occurrences"]] == [OLDER]
    assert concordance(archive, "countrysid")["occurrences"] == []


def test_the_glossary_terms_of_the_phrase_are_shown(archive: Newsroom) -> None:
    (archive.root / "glossary.yaml").write_text(
        "terms:\n  - source: هيئة تحرير الشام\n    target: Hayat Tahrir al-Sham\n"
        "    variants: [HTS]\n", encoding="utf-8")
    found = concordance(archive, "وهيئة تحرير الشام")
    assert [(term["source"], term["target"]) for term in found["terms"]] == [
        ("هيئة تحرير الشام", "Hayat Tahrir al-Sham")]
    assert "HTS" in archive.ok("concordance", "هيئة تحرير الشام").stdout


def test_nothing_to_look_for_is_a_usage_error(archive: Newsroom) -> None:
    assert "nothing to look for" in archive.refuses("concordance", " ... ", exit_code=2)
