"""The text analysis behind the quality rules, on small Arabic and English samples."""

# The samples are Arabic text on purpose.
# ruff: noqa: RUF001

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editorial.core.quality import align, arabic, fingerprint, script
from editorial.core.quality.glossary import SourceText, Term, english_pattern, load
from editorial.core.quality.numbers import english_numbers, source_numbers
from editorial.core.quality.text import paragraphs, word_diff
from editorial.errors import ConfigError


def test_normalize_drops_harakat_tatweel_and_invisible_marks_only() -> None:
    assert arabic.normalize("مَدْرَسَةٌ") == "مدرسة"
    assert arabic.normalize("حـــلب\u200f") == "حلب"
    assert arabic.normalize("الأُمَّة") == "الأمة"  # the hamza stays: it is a spelling
    assert arabic.fold("إدلب أحمد آمال مستشفى مدرسة") == "ادلب احمد امال مستشفي مدرسه"
    assert arabic.fold("مدرسة", ta_marbuta=False) == "مدرسة"


@pytest.mark.parametrize(("text", "values"), [
    ("عاد ١٢ حياً بعد ٩ أيام", ["12", "9"]),
    ("كلفة ٤٠٠ مليون ليرة", ["400000000"]),
    ("أكثر من 40 ألف عنوان", ["40000"]),
    ("نحو 4 آلاف هكتار", ["4000"]),
    ("نسبة ٣٫٥ بالمئة", ["3.5"]),
    ("١٢٬٥٠٠ شخص", ["12500"]),
    ("۱۴۰۳ خورشیدی", ["1403"]),
    ("12,000 و 7.25", ["12000", "7.25"]),
    ("الدورة الـ٣٢", ["32"]),
    ("près de 2 500 hectares", ["2500"]),
])
def test_source_numbers_in_every_digit_system(text: str, values: list[str]) -> None:
    assert [number.value for number in source_numbers(text)] == [Decimal(v) for v in values]


@pytest.mark.parametrize(("text", "value"), [
    ("12000 families", "12000"), ("12,000 families", "12000"), ("3.5 percent", "3.5"),
    ("40 thousand titles", "40000"), ("forty thousand titles", "40000"),
    ("40,000 titles", "40000"), ("1.5 million", "1500000"), ("400 million pounds", "400000000"),
    ("a million people", "1000000"), ("two hundred and fifty", "250"),
    ("twenty-five", "25"), ("nine days", "9"), ("Twelve", "12"), ("ninety", "90"),
    ("three hundred", "300"), ("the 32nd edition", "32"), ("the first week", "1"),
    ("a 2bn budget", "2000000000"), ("on March 18", "3"),
])
def test_english_numbers_in_digits_and_words(text: str, value: str) -> None:
    assert Decimal(value) in english_numbers(text)


def test_english_numbers_keep_separate_numbers_apart() -> None:
    assert english_numbers("between four and five") == {Decimal(4), Decimal(5)}
    assert english_numbers("350m of pipe") == {Decimal(350)}  # m is metres as often
    assert Decimal(3) not in english_numbers("you may come")  # months only capitalised


def test_glossary_terms_match_with_prefixes_and_without_diacritics() -> None:
    aleppo = Term("حلب", "Aleppo")
    for text in ("في حَلَب", "وبحلب", "لحلب", "فحلب", "وحلب"):
        assert SourceText.of(text).contains(aleppo) == "حلب", text
    assert SourceText.of("الحلبي").contains(aleppo) is None  # another word
    crescent = Term("الهلال الأحمر", "Red Crescent")
    for text in ("قدّم الهلالُ الأحمر", "بالهلال الاحمر", "للهلال الأحمر", "والهلال الأحمر"):
        assert SourceText.of(text).contains(crescent) == "الهلال الأحمر", text
    idlib = Term("إدلب", "Idlib")
    assert SourceText.of("في ريف ادلب").contains(idlib) == "إدلب"


def test_english_renderings_match_whole_words_with_endings() -> None:
    pattern = english_pattern("ceasefire")
    assert pattern.search("two Ceasefires")
    assert pattern.search("the ceasefire's terms")
    assert not pattern.search("a cease-fire")
    assert english_pattern("cease fire").search("a cease  fire")


def test_glossary_file_errors_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "glossary.yaml"
    path.write_text("terms:\n  - source: حلب\n    target: Aleppo\n  - source: دمشق\n"
                    "    forbidden: Dimashq\n", encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load(path)
    assert raised.value.line == 4 and "terms[1] needs 'target'" in raised.value.message
    path.write_text("terms:\n  - source: حلب\n    target: Aleppo\n    variants: [ادلب]\n",
                    encoding="utf-8")
    with pytest.raises(ConfigError, match="source_variants"):
        load(path)
    path.write_text("terms:\n  - {source: حلب, target: Aleppo, colour: red}\n")
    with pytest.raises(ConfigError, match="unknown key 'colour'"):
        load(path)
    assert load(tmp_path / "missing.yaml").terms == ()


def test_paragraphs_carry_their_file_lines() -> None:
    body = "first line\nstill first\n\n\n  \nsecond\r\n\r\nthird\n"
    found = paragraphs(body, first_line=5)
    assert [(p.number, p.line, p.text) for p in found] == [
        (1, 5, "first line\nstill first"), (2, 10, "second"), (3, 12, "third")]


def test_alignment_finds_a_dropped_and_a_merged_paragraph() -> None:
    source = paragraphs("أ" * 100 + "\n\n" + "ب" * 300 + "\n\n" + "ج" * 120 + "\n\n"
                        + "د" * 200)
    english = paragraphs("a" * 130 + "\n\n" + "b" * 390 + "\n\n" + "d" * 260)
    steps = align.align(source, english)
    assert align.Step((2,), ()) in steps
    merged = paragraphs("a" * 130 + "\n\n" + "b" * 390 + "\n\n" + "c" * 420)
    assert align.Step((2, 3), (2,)) in align.align(source, merged)
    same = paragraphs("a" * 130 + "\n\n" + "b" * 390 + "\n\n" + "c" * 160 + "\n\n" + "d" * 250)
    assert all(len(step.source) == len(step.english) == 1
               for step in align.align(source, same))


def test_arabic_script_outside_ignore_markers() -> None:
    text = ("The crowd chanted «حلب لنا» loudly.\n"
            f"A sign read {script.IGNORE_START}«دمشق»{script.IGNORE_END} in red.\n"
            f"{script.IGNORE_START}\nسطر كامل\n{script.IGNORE_END}\nOne tatweel\u0640 here.\n")
    runs, unclosed = script.arabic_runs(text, first_line=3)
    assert [(spot.line, spot.column, spot.text) for spot in runs] == [(3, 20, "حلب لنا")]
    assert unclosed == []
    runs, unclosed = script.arabic_runs(f"x {script.IGNORE_START} حلب", first_line=1)
    assert [spot.text for spot in runs] == ["حلب"] and unclosed[0].column == 3


def test_invisible_characters_with_line_and_column() -> None:
    text = "\ufeffFine start.\nA mark\u200f here and a\u200b space.\nزمـن\u2066x\u2069\n"
    found = script.invisible_characters(text, first_line=1, at_file_start=True)
    assert [(spot.line, spot.column, spot.text) for spot in found] == [
        (2, 7, "\u200f"), (2, 19, "\u200b"), (3, 3, "\u0640"), (3, 5, "\u2066"),
        (3, 7, "\u2069")]
    assert script.invisible_characters("\ufeffx", at_file_start=False)[0].column == 1


def test_fingerprint_ignores_cosmetic_changes_only() -> None:
    body = "قال المدير إن المحطة ستخدم ١٢٠٠٠ أسرة.\n\nوأضاف أن العمل بدأ.\n"
    cosmetic = "قالَ   المديـــر إنّ المحطةَ\nستخدم ١٢٠٠٠ أسرة.\r\n\r\n\r\nوأضاف أن العمل بدأ.  \n"
    assert fingerprint.Fingerprint.of(body).text == fingerprint.Fingerprint.of(cosmetic).text
    changed = body.replace("١٢٠٠٠", "١٣٠٠٠")
    assert fingerprint.text_hash(changed) != fingerprint.text_hash(body)
    recorded = fingerprint.Fingerprint.of(body).paragraphs
    assert fingerprint.changes(recorded, paragraphs(changed)) == [
        fingerprint.Change((0,), (0,))]
    assert word_diff("ستخدم ١٢٠٠٠ أسرة", "ستخدم ١٣٠٠٠ أسرة") == "[-١٢٠٠٠-] {+١٣٠٠٠+}"


@given(st.lists(st.sampled_from(["قال", "١٢٠٠", "1200", "۳", "٫", "٬", " ", "\n\n", "\t",
                                 "\u064e", "\u0640", "\u200f", "water", "٥٠٠ ألف", "  "]),
                max_size=40).map("".join))
@settings(max_examples=300, deadline=None)
def test_both_readings_of_a_text_are_each_readings_own_hash(body: str) -> None:
    # text_hashes normalises once for both readings; it must say what each reading says.
    assert fingerprint.text_hashes(body) == (
        f"{fingerprint.text_hash(body)} {fingerprint.text_hash(body, digits_by_value=False)}")
