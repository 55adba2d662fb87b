"""Sentence-level omissions: sentences of a paragraph are split and aligned inside aligned
paragraphs, so that a dropped sentence is named; a dropped paragraph is an error when the
alignment is confident, also the last one; joined or split sentences are not omissions."""

# The samples are Arabic text on purpose.
# ruff: noqa: RUF001

from __future__ import annotations

import pytest

from editorial.core.quality import align
from editorial.core.quality.text import paragraphs
from testing.newsroom import Newsroom

# A report of our own: floods in the Latakia countryside, four paragraphs of two or three
# sentences, each with the English sentence by sentence.
SOURCE = [
    ["غمرت السيول، ليل الأربعاء، قرى في ريف اللاذقية بعد أمطار غزيرة استمرت ١٤ ساعة.",
     "وأعلن الدفاع المدني إجلاء ٢٣٠ عائلة من منازلها.",
     "وقال محافظ اللاذقية إن فرق الطوارئ تعمل دون توقف."],
    ["وأوضح مدير الدفاع المدني، سامر يوسف، أن المياه ارتفعت إلى ١٫٥ متر في بعض الشوارع.",
     "وأشار إلى أن ٣ جسور صغيرة انهارت في منطقة الحفة.",
     "ودعا السكان إلى الابتعاد عن مجاري الأنهار."],
    ["من جهتها، أعلنت منظمة WFP توزيع ٥٠٠ سلة غذائية على المتضررين.",
     "وقالت المتحدثة باسم المنظمة، ريم حداد، إن الاحتياجات تفوق الإمكانات المتاحة."],
    ["وتتوقع الأرصاد الجوية استمرار الهطولات حتى يوم السبت، مع انخفاض درجات الحرارة إلى ٤ "
     "درجات في المرتفعات.",
     "وحذرت الأرصاد من تشكل الجليد على الطرق الجبلية في كسب."],
]
ENGLISH = [
    ["Floods swept villages in the Latakia countryside on Wednesday night after heavy rain "
     "that lasted 14 hours.",
     "The Civil Defence announced that 230 families had been evacuated from their homes.",
     "The governor of Latakia said emergency teams were working non-stop."],
    ["The director of the Civil Defence, Samer Youssef, explained that the water had risen "
     "to 1.5 metres in some streets.",
     "He said 3 small bridges had collapsed in the Haffa area.",
     "He urged residents to stay away from riverbeds."],
    ["For its part, the WFP said it had distributed 500 food baskets to those affected.",
     "The organisation's spokeswoman, Reem Haddad, said needs exceeded the resources "
     "available."],
    ["The meteorological office expects the rain to continue until Saturday, with "
     "temperatures falling to 4 degrees in the highlands.",
     "It warned of ice forming on the mountain roads in Kassab."],
]


def text(sentences: list[list[str]]) -> str:
    return "\n\n".join(" ".join(paragraph) for paragraph in sentences) + "\n"


def without(paragraph: int, sentence: int | None = None) -> list[list[str]]:
    """The English with one paragraph, or one sentence of it, left out."""
    if sentence is None:
        return [p for index, p in enumerate(ENGLISH) if index != paragraph]
    return [[s for number, s in enumerate(p) if (index, number) != (paragraph, sentence)]
            for index, p in enumerate(ENGLISH)]


def omitted(english: list[list[str]]) -> list[tuple[int, int | None, bool]]:
    source, target = paragraphs(text(SOURCE)), paragraphs(text(english))
    found = align.omissions(source, target, align.align_paragraphs(source, target))
    return [(item.paragraph, item.sentence, item.confident) for item in found]


# -- splitting into sentences ----------------------------------------------------------------

@pytest.mark.parametrize(("paragraph", "expected"), [
    ("Dr. Lina Saleh reached the U.S. on Jan. 12 with Mr. Haddad. Growth was 2.5 percent. "
     "Was it enough? Nobody knows!",
     ["Dr. Lina Saleh reached the U.S. on Jan. 12 with Mr. Haddad.",
      "Growth was 2.5 percent.", "Was it enough?", "Nobody knows!"]),
    ('The U.N. envoy, e.g. in Geneva, spoke. He said: "We wait." Then he left',
     ["The U.N. envoy, e.g. in Geneva, spoke.", 'He said: "We wait."', "Then he left"]),
    ("Prices rose by 3.75 percent at No. 4 St. John Street.",
     ["Prices rose by 3.75 percent at No. 4 St. John Street."]),
])
def test_english_sentences_keep_abbreviations_and_decimals_whole(
        paragraph: str, expected: list[str]) -> None:
    assert [s.text for s in align.sentences(paragraph, english=True)] == expected


def test_arabic_sentences_end_at_arabic_and_latin_marks() -> None:
    paragraph = ("قال د. سامي إن النمو بلغ 2.5 بالمئة. هل يكفي ذلك؟ لا أحد يعرف! "
                 "وانتهى الاجتماع۔ ثم غادر الوفد")
    found = align.sentences(paragraph, english=False)
    assert [s.text for s in found] == ["قال د. سامي إن النمو بلغ 2.5 بالمئة.", "هل يكفي ذلك؟",
                                       "لا أحد يعرف!", "وانتهى الاجتماع۔", "ثم غادر الوفد"]
    assert [paragraph[s.start:s.start + len(s.text)] for s in found] == [s.text for s in found]


# -- the alignment ------------------------------------------------------------------------------

def test_a_faithful_translation_has_no_omission() -> None:
    assert omitted(ENGLISH) == []


@pytest.mark.parametrize(("paragraph", "sentence"), [(0, 0), (1, 0), (2, 1), (3, 0)])
def test_a_dropped_sentence_is_named_surely(paragraph: int, sentence: int) -> None:
    assert omitted(without(paragraph, sentence)) == [(paragraph, sentence, True)]


@pytest.mark.parametrize(("paragraph", "sentence"),
                         [(0, 1), (1, 1), (1, 2), (2, 0), (3, 1)])
def test_a_dropped_sentence_among_alike_ones_is_found_in_its_paragraph(
        paragraph: int, sentence: int) -> None:
    # Nothing but lengths tells these sentences apart: the paragraph is right, the sentence
    # is one of those beside the named one, and the finding says so.
    [(found_paragraph, found_sentence, sure)] = omitted(without(paragraph, sentence))
    assert (found_paragraph, sure) == (paragraph, False)
    assert found_sentence is not None and abs(found_sentence - sentence) <= 1


@pytest.mark.parametrize("paragraph", [0, 1, 2, 3])
def test_a_dropped_paragraph_is_named_confidently_first_middle_or_last(paragraph: int) -> None:
    assert omitted(without(paragraph)) == [(paragraph, None, True)]


def test_joined_and_split_sentences_are_not_omissions() -> None:
    joined = [list(p) for p in ENGLISH]
    joined[0] = [ENGLISH[0][0].removesuffix(".") + ", and the Civil Defence announced that "
                 "230 families had been evacuated from their homes.", ENGLISH[0][2]]
    assert omitted(joined) == []
    split = [list(p) for p in ENGLISH]
    split[1] = ["The director of the Civil Defence, Samer Youssef, spoke to reporters.",
                "He explained that the water had risen to 1.5 metres in some streets.",
                *ENGLISH[1][1:]]
    assert omitted(split) == []


def test_paragraphs_merged_whole_are_no_omission_but_a_sentence_lost_in_a_merge_is() -> None:
    merged = [ENGLISH[0], ENGLISH[1] + ENGLISH[2], ENGLISH[3]]
    assert omitted(merged) == []
    lossy = [ENGLISH[0], ENGLISH[1] + ENGLISH[2][1:], ENGLISH[3]]
    assert omitted(lossy) == [(2, 0, False)]


def test_a_short_text_is_judged_by_the_usual_ratio_not_its_own() -> None:
    # One paragraph whose English lacks its second sentence: the text's own ratio would make
    # the one English sentence fit both.
    source = paragraphs(" ".join(SOURCE[2]))
    english = paragraphs(ENGLISH[2][0])
    found = align.omissions(source, english, align.align_paragraphs(source, english))
    assert [(item.paragraph, item.sentence) for item in found] == [(0, 1)]


def test_a_drop_nothing_tells_apart_is_not_confident() -> None:
    # Three paragraphs of one length and no anchors, the English one short: one went, but
    # which is a guess.
    source = paragraphs("\n\n".join(["كلمة " * 30] * 3))
    english = paragraphs("\n\n".join(["word " * 30] * 2))
    found = align.omissions(source, english, align.align_paragraphs(source, english))
    assert [(item.sentence, item.confident) for item in found] == [(None, False)]


def test_a_source_in_latin_letters_is_not_all_dropped() -> None:
    # Every word of a French source is in Latin letters: none may be an anchor the English
    # has to repeat, or every paragraph would seem dropped.
    french = ("Les agriculteurs de la Bekaa ont commencé les semis de blé cette semaine. "
              "La pluie tardive a retardé les travaux.\n\n"
              "Le prix des engrais a doublé en un an, selon la coopérative locale. "
              "Beaucoup de familles réduisent les surfaces cultivées.\n\n"
              "Le ministère promet une aide avant la fin du mois.")
    english = ("Farmers in the Bekaa began sowing wheat this week. The late rain delayed "
               "the work.\n\n"
               "The price of fertiliser has doubled in a year, according to the local "
               "cooperative. Many families are cutting the area they farm.\n\n"
               "The ministry promises aid before the end of the month.")
    source, target = paragraphs(french), paragraphs(english)
    assert align.omissions(source, target, align.align_paragraphs(source, target)) == []


# -- through editorial check -------------------------------------------------------------------

@pytest.fixture
def article(newsroom: Newsroom) -> str:
    article_id = newsroom.new_article(source=text(SOURCE))
    newsroom.ok("assign", article_id, "--translator", "tariq")
    return article_id


def omission_problems(newsroom: Newsroom) -> tuple[int, list[dict[str, object]]]:
    code, problems = newsroom.check_json()
    return code, [p for p in problems if p["rule"] == "omission"]


def source_line(newsroom: Newsroom, article_id: str, fragment: str) -> int:
    content = newsroom.article_path(article_id, "source.md").read_text(encoding="utf-8")
    return content.count("\n", 0, content.index(fragment)) + 1


def test_check_names_a_dropped_sentence_as_a_warning(newsroom: Newsroom, article: str) -> None:
    newsroom.write_translation(article, text(without(2, 1)))
    code, found = omission_problems(newsroom)
    line = source_line(newsroom, article, "من جهتها")
    assert [(p["severity"], p["message"]) for p in found] == [(
        "warning", f"source paragraph 3, sentence 2 (source.md line {line}) has no English: "
                   "«وقالت المتحدثة باسم المنظمة، ريم حداد، إن الاحتيا…»")]
    assert code == 0
    newsroom.write_translation(article, text(ENGLISH))
    assert omission_problems(newsroom) == (0, [])


def test_check_says_when_it_cannot_tell_which_sentence(newsroom: Newsroom,
                                                        article: str) -> None:
    newsroom.write_translation(article, text(without(0, 1)))
    _, found = omission_problems(newsroom)
    line = source_line(newsroom, article, "غمرت")
    assert [p["message"] for p in found] == [
        f"source paragraph 1 (source.md line {line}) has a sentence with no English: sentence "
        "2 («وأعلن الدفاع المدني إجلاء ٢٣٠ عائلة من منازلها.») or one beside it"]


def test_check_fails_on_a_dropped_last_paragraph_and_calls_it_no_merge(
        newsroom: Newsroom, article: str) -> None:
    newsroom.write_translation(article, text(without(3)))
    code, found = omission_problems(newsroom)
    line = source_line(newsroom, article, "وتتوقع")
    assert code == 1
    assert [(p["severity"], p["message"]) for p in found] == [(
        "error", f"source paragraph 4 (source.md line {line}) seems to be missing from the "
                 "English text: «وتتوقع الأرصاد الجوية استمرار الهطولات حتى يوم ال…»")]
    newsroom.write_translation(article, text(ENGLISH))
    assert omission_problems(newsroom) == (0, [])


def test_check_names_the_right_dropped_paragraph(newsroom: Newsroom, article: str) -> None:
    newsroom.write_translation(article, text(without(1)))
    code, found = omission_problems(newsroom)
    assert code == 1
    assert [(p["severity"], str(p["message"]).split(" (")[0]) for p in found] == [
        ("error", "source paragraph 2")]
