"""Effort metrics against counts worked out by hand, and the diff's faithfulness to both texts."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz.distance import Indel

from editorial.core.review.diff import TextDiff, diff_texts
from editorial.core.review.metrics import EditMetrics, measure
from editorial.core.review.tokens import tokenize, words
from testing.texts import AFTER, BEFORE


@pytest.mark.parametrize(
    ("before", "after", "inserted", "deleted", "substituted"),
    [
        # Rebel inserted, Factions -> factions (case counts), today -> on, Sunday inserted.
        ("Factions announced today", "Rebel factions announced on Sunday", 2, 0, 2),
        # would deleted, open -> opened.
        ("The mayor said the station would open.", "The mayor said the station opened.",
         0, 1, 1),
        ("one two three four", "one four", 0, 2, 0),
        ("the talks resumed", "the long talks resumed in Doha", 3, 0, 0),
        # Arabic: الرئيس -> رئيس, الوزراء inserted.
        ("قال الرئيس", "قال رئيس الوزراء", 1, 0, 1),
        # Figures are words: 12,000 -> 12,500 is one substitution, not three.
        ("about 12,000 families", "about 12,500 families", 0, 0, 1),
        ("same words here", "same words here", 0, 0, 0),
    ],
)
def test_word_edits_match_hand_counts(before: str, after: str, inserted: int, deleted: int,
                                      substituted: int) -> None:
    metrics = measure(before, after)
    assert (metrics.inserted, metrics.deleted, metrics.substituted) == (
        inserted, deleted, substituted)
    assert metrics.words_before == len(before.split())
    assert metrics.words_after == len(after.split())


def test_the_issue_example_is_four_edits_at_a_rate_of_four_fifths() -> None:
    metrics = measure("Factions announced today", "Rebel factions announced on Sunday")
    assert metrics.edits == 4
    assert metrics.edit_rate == 0.8
    assert metrics.to_json() == {
        "words_before": 3, "words_after": 5, "inserted": 2, "deleted": 0, "substituted": 2,
        "edit_rate": 0.8, "char_similarity": metrics.char_similarity,
    }


def test_punctuation_is_not_a_word_but_lowers_the_character_similarity() -> None:
    metrics = measure("Hello world", "Hello, world!")
    assert metrics.edits == 0
    assert metrics.edit_rate == 0.0
    # Whitespace aside, 10 characters in common of 10 + 12: 20 / 22.
    assert metrics.char_similarity == round(20 / 22, 4)


def test_rewrapping_lines_is_no_edit() -> None:
    metrics = measure("a long\nline  of text", "a long line of\ntext")
    assert metrics.edits == 0
    assert metrics.char_similarity == 1.0


def test_an_emptied_text_has_no_edit_rate() -> None:
    metrics = measure("two words", "")
    assert metrics.deleted == 2
    assert metrics.edit_rate is None
    assert measure("", "").char_similarity == 1.0


def test_long_texts_are_aligned_word_by_word_not_replaced_whole() -> None:
    # difflib's autojunk would call most of this a replacement; every 50th word changed is 60
    # substitutions.
    rng = random.Random(7)
    vocabulary = ["the", "city", "council", "said", "water", "on", "Sunday", "a", "new",
                  "station", "in", "district", "residents", "would", "of", "and"]
    before = [rng.choice(vocabulary) for _ in range(3000)]
    after = [f"edited{index}" if index % 50 == 0 else word for index, word in enumerate(before)]
    metrics = measure(" ".join(before), " ".join(after))
    assert (metrics.inserted, metrics.deleted, metrics.substituted) == (0, 0, 60)
    assert metrics.edit_rate == 0.02


def test_tokens_keep_words_marks_and_paragraphs() -> None:
    units = tokenize("It\u2019s al-Khatib's call: 3.5 km.\n\n  Next  para\nline.")
    assert [unit.text for unit in units] == [
        "It\u2019s", "al-Khatib's", "call", ":", "3.5", "km", ".", "\n\n", "Next", "para", "line",
        ".",
    ]
    assert [unit.space for unit in units][8:] == ["", "  ", "\n", ""]
    assert words(units) == ["It\u2019s", "al-Khatib's", "call", "3.5", "km", "Next", "para", "line"]


def _side(diff: TextDiff, op: str) -> str:
    """One side of the diff put back together: its chunks and its paragraph breaks."""
    text = ""
    for paragraph in diff.paragraphs:
        for chunk in paragraph.chunks:
            if chunk.op in ("equal", op):
                text += " " + chunk.text
        if paragraph.end in ("equal", op):
            text += "\n\n"
    return text


_piece = st.sampled_from(["the", "The", "talks", "قال", "12,000", ",", ".", "(", ")", " ",
                          "  ", "\n", "\n\n", "\n \n"])
_text = st.lists(_piece, max_size=40).map("".join)


@given(_text, _text)
def test_each_side_of_the_diff_is_its_text(before: str, after: str) -> None:
    diff = diff_texts(before, after)
    for op, text in (("delete", before), ("insert", after)):
        assert [u.text for u in tokenize(_side(diff, op))] == [u.text for u in tokenize(text)]
    assert diff.changed == ([u.text for u in tokenize(before)] != [u.text for u in
                                                                  tokenize(after)])


def _whole_text_similarity(before: str, after: str) -> float:
    return Indel.normalized_similarity("".join(before.split()), "".join(after.split()))


def test_character_similarity_is_the_whole_text_figure_for_edited_prose() -> None:
    for before, after in ((BEFORE, AFTER), ("Factions announced today",
                                            "Rebel factions announced on Sunday")):
        assert measure(before, after).char_similarity == round(
            _whole_text_similarity(before, after), 4)


@given(_text, _text)
def test_character_similarity_never_exceeds_the_whole_text_figure(before: str,
                                                                  after: str) -> None:
    assert measure(before, after).char_similarity <= round(
        _whole_text_similarity(before, after), 4) + 1e-9


def test_recorded_metrics_read_back_and_a_hand_edited_record_does_not() -> None:
    metrics = measure(BEFORE, AFTER)
    assert EditMetrics.from_json(metrics.to_json()) == metrics
    broken_records: list[object] = [
        None, [], {**metrics.to_json(), "inserted": "3"}, {**metrics.to_json(), "deleted": True},
        {**metrics.to_json(), "edit_rate": "x"},
        {key: value for key, value in metrics.to_json().items() if key != "char_similarity"}]
    for broken in broken_records:
        assert EditMetrics.from_json(broken) is None, broken
    assert EditMetrics.from_json({**metrics.to_json(), "edit_rate": None}) is not None
