"""Numbers as accounting: each number of a source paragraph rendered by its own number of the
aligned English paragraph, and the English numbers that render none (`extra-numbers`)."""

# The samples are Arabic text on purpose.
# ruff: noqa: RUF001

from __future__ import annotations

from decimal import Decimal

import pytest

from editorial.core import frontmatter
from editorial.core.quality import fingerprint
from editorial.core.quality.number_words import says_two
from editorial.core.quality.numbers import account, english_quantities, shown, source_numbers
from testing.newsroom import Newsroom

WATER = ("قالت البلدية إن ٣٥ عاملاً أصلحوا ١٢ خطاً للمياه خلال الأسبوع.\n\n"
         "وأوضحت أن ١٢ حياً ما زالت دون كهرباء منذ ٣ أيام.\n")
WATER_EN = ("The municipality said 35 workers repaired 12 water lines during the week.\n\n"
            "It said 12 neighbourhoods were still without power after three days.\n")


def unpaired(source: str, english: str) -> tuple[list[str], list[str]]:
    """The source numbers no English number renders, and the English numbers that count
    left over, as written."""
    wanted, offered = source_numbers(source), english_quantities(english)
    missing, taken = account(wanted, offered)
    return ([wanted[index].text for index in missing],
            [number.text for index, number in enumerate(offered)
             if index not in taken and number.reported])


def test_each_english_number_renders_one_source_number() -> None:
    assert unpaired("وصل ١٢ شاحنة و١٢ حافلة", "12 lorries and 12 buses") == ([], [])
    # The second 12 has nothing left to render it: presence is not enough.
    assert unpaired("وصل ١٢ شاحنة و١٢ حافلة", "12 lorries and buses") == (["١٢"], [])
    assert unpaired("وصل ١٢ شاحنة", "12 lorries and 14 buses") == ([], ["14"])


def test_a_number_that_can_render_several_goes_where_it_is_needed() -> None:
    # "March" could render the 3, but "three" does, and is not left over.
    assert unpaired("في ١٨ آذار قتل ٣ أشخاص", "on March 18 three people were killed") \
        == ([], [])


def test_english_numbers_that_are_seldom_figures_are_never_extra() -> None:
    quantities = english_quantities("For the first time one of them came in May.")
    assert [(q.text, q.value, q.reported) for q in quantities] == [
        ("first", Decimal(1), False), ("one", Decimal(1), False), ("May", Decimal(5), False)]
    assert [q.reported for q in english_quantities("one million, one hundred")] == [True, True]


def test_a_changed_number_is_found_although_its_old_value_is_elsewhere(
        newsroom: Newsroom) -> None:
    article_id = newsroom.new_article(source=WATER)
    newsroom.ok("assign", article_id, "--translator", "tariq")
    newsroom.write_translation(article_id, WATER_EN)
    assert newsroom.findings(article_id, "numbers") == []
    assert newsroom.findings(article_id, "extra-numbers") == []
    newsroom.write_translation(article_id, WATER_EN.replace("12 water", "15 water"))
    code, problems = newsroom.check_json()
    found = {(p["rule"], p["severity"], p["message"]) for p in problems
             if p["rule"] in ("numbers", "extra-numbers")}
    assert code == 1
    assert found == {
        ("numbers", "error", "the number 12 (written «١٢») of source paragraph 1 (source.md "
                             "line 8) is not in the English text, in digits or in words"),
        ("extra-numbers", "warning", "the number '15' of English paragraph 1 is in no source "
                                     "paragraph it translates: check it against the source")}
    extra = newsroom.findings(article_id, "extra-numbers")[0]
    assert (extra.path, extra.line, extra.column) == (
        f"articles/{article_id}/translation.md", 5, 43)


def test_extra_numbers_is_configurable_like_every_rule(newsroom: Newsroom) -> None:
    article_id = newsroom.new_article(source=WATER)
    newsroom.ok("assign", article_id, "--translator", "tariq")
    newsroom.write_translation(article_id, WATER_EN.replace("week.", "week, 4 of them."))
    assert [p["severity"] for p in newsroom.check_json()[1]
            if p["rule"] == "extra-numbers"] == ["warning"]
    config = newsroom.path("editorial.yaml")
    config.write_text(config.read_text(encoding="utf-8") + "rules:\n  extra-numbers: error\n",
                      encoding="utf-8")
    code, problems = newsroom.check_json()
    assert code == 1 and [p["severity"] for p in problems
                          if p["rule"] == "extra-numbers"] == ["error"]


@pytest.mark.parametrize("english", [
    WATER_EN,
    # The paragraphs split differently: a number one paragraph away still counts.
    WATER_EN.replace(" during the week.\n\nIt said", " during the week. It said")
    .replace("12 neighbourhoods", "\n\n12 neighbourhoods"),
])
def test_alignment_a_paragraph_off_still_pairs_numbers(newsroom: Newsroom,
                                                       english: str) -> None:
    article_id = newsroom.new_article(source=WATER)
    newsroom.ok("assign", article_id, "--translator", "tariq")
    newsroom.write_translation(article_id, english)
    assert newsroom.findings(article_id, "numbers") == []


# -- source number words -----------------------------------------------------------------

@pytest.mark.parametrize(("source", "right", "wrong"), [
    ("أصيب سبعة أشخاص في الحادث", "Seven people were hurt", "Eight people were hurt"),
    ("نجا أحد عشر طفلاً من الغرق", "Eleven children survived", "Twelve children survived"),
    ("وصل خمسة وعشرون متطوعاً", "25 volunteers arrived", "35 volunteers arrived"),
    ("وزعت الجمعية ثلاثمئة بطانية", "The charity handed out 300 blankets",
     "The charity handed out 200 blankets"),
    ("عادت ثلاثة آلاف عائلة", "3,000 families returned", "30,000 families returned"),
    ("بلغت الكلفة مليون دولار", "The cost reached a million dollars",
     "The cost reached a billion dollars"),
    ("أغلق المعبر يومين", "The crossing was closed for two days",
     "The crossing was closed for three days"),
    ("انتظر المرضى شهرين", "Patients waited two months", "Patients waited four months"),
    ("زرعت البلدية ألفين شجرة", "The council planted 2,000 trees",
     "The council planted 20,000 trees"),
    ("سجل مليونين زائر", "Two million visitors came", "Three million visitors came"),
    ("بدأت المرحلة الثالثة أمس", "The third phase began yesterday",
     "The second phase began yesterday"),
    ("فقد نصف السكان منازلهم", "Half the residents lost their homes",
     "A third of the residents lost their homes"),
    ("تضرر ربع المحاصيل", "A quarter of the crops were damaged",
     "Half of the crops were damaged"),
    ("نزح ثلث السكان", "A third of the population fled", "A quarter of the population fled"),
    ("غادر ثلاثة أرباع الموظفين", "Three quarters of the staff left",
     "Two thirds of the staff left"),
    ("ارتفع عدد النازحين إلى مليون و٥٠٠ ألف", "The displaced now number 1.5 million",
     "The displaced now number 2.5 million"),
    ("يعمل فيها بين ٢٥ و٦٠ ألف عامل", "Between 25,000 and 60,000 people work there",
     "Between 25,000 and 80,000 people work there"),
    ("يعمل فيها بين ٢٥ و٦٠ ألف عامل", "Between 25 and 60 thousand people work there",
     "Between 20 and 60 thousand people work there"),
])
def test_source_number_words_are_read(source: str, right: str, wrong: str) -> None:
    assert unpaired(source, right) == ([], [])
    missing, _ = unpaired(source, wrong)
    assert len(missing) == 1


def test_a_changed_number_word_is_named_as_written() -> None:
    source = "أغلق المعبر يومين ثم فتح لثلاث ساعات"
    assert unpaired(source, "The crossing closed for two days, then opened for three hours") \
        == ([], [])
    assert unpaired(source, "The crossing closed for three days, then opened for three hours") \
        == (["يومين"], ["three"])


@pytest.mark.parametrize(("source", "right"), [
    ("شارك عشرات المتطوعين", "Dozens of volunteers took part"),
    ("شارك عشرات المتطوعين", "Tens of volunteers took part"),
    ("فرّ مئات الأشخاص", "Hundreds of people fled"),
    ("فقد آلاف العمال وظائفهم", "Thousands of workers lost their jobs"),
    ("نزح عشرات الآلاف", "Tens of thousands were displaced"),
])
def test_vague_quantities_render_only_vague_ones_and_are_never_wrong(
        source: str, right: str) -> None:
    wanted, offered = source_numbers(source), english_quantities(right)
    assert account(wanted, offered)[0] == [] and wanted[0].readings.isdisjoint(
        {Decimal(10), Decimal(100), Decimal(1000)})
    # Rendered by no quantity at all, or by the wrong magnitude: not a wrong number.
    for english in ("Many of them came", "Millions came"):
        missing = account(wanted, english_quantities(english))[0]
        assert [wanted[index] for index in missing if wanted[index].reported] == []


@pytest.mark.parametrize("source", [
    "قال السكان إن لست أدري كان جوابه الوحيد",   # لست: I am not, no six
    "وصلت القافلة يوم الاثنين",                 # Monday
    "وقع الهجوم في كانون الأول",                # December: no ordinal
    "وقعت الانفجارات في وقت واحد",              # at once: a lone واحد is no figure
])
def test_words_that_only_look_like_numbers(source: str) -> None:
    assert [number.text for number in source_numbers(source) if number.reported] == []


def test_a_wrong_day_count_in_words_is_found_in_a_newsroom(newsroom: Newsroom) -> None:
    source = ("أغلقت السلطات المعبر الحدودي يومين بسبب العاصفة.\n\n"
              "وقالت إن ثلاثة آلاف مسافر عالقون على الجانبين.\n")
    english = ("The authorities closed the border crossing for two days because of the "
               "storm.\n\nThey said 3,000 travellers were stuck on both sides.\n")
    article_id = newsroom.new_article(source=source)
    newsroom.ok("assign", article_id, "--translator", "tariq")
    newsroom.write_translation(article_id, english)
    assert newsroom.findings(article_id, "numbers") == []
    newsroom.write_translation(article_id, english.replace("two days", "three days"))
    found = newsroom.findings(article_id, "numbers")
    assert [p.message for p in found] == [
        "the number 2 (written «يومين») of source paragraph 1 (source.md line 8) is not in "
        "the English text, in digits or in words"]
    assert [p.key for p in newsroom.findings(article_id, "extra-numbers")] == ["three"]


# -- paraphrases ---------------------------------------------------------------------------

@pytest.mark.parametrize(("source", "right", "wrong"), [
    ("يعيش في المخيم ٥٠٠ ألف شخص", "Half a million people live in the camp",
     "Half a billion people live in the camp"),
    ("وصل عدد الزوار إلى ٣٫٥ مليون", "Visitors reached three and a half million",
     "Visitors reached two and a half million"),
    ("خصصت الوزارة ٢٫٣ مليون دولار", "The ministry set aside $2.3m",
     "The ministry set aside $3.2m"),
    ("بلغت الميزانية ٢٫٣ مليار", "The budget reached 2.3bn", "The budget reached 2.8bn"),
    ("شارك ٥ آلاف عداء", "5k runners took part", "6k runners took part"),
    ("تضرر ٢٥٪ من المنازل", "A quarter of the homes were damaged",
     "A third of the homes were damaged"),
    ("ارتفعت الأسعار بنسبة ١٠٠٪", "Prices have doubled", "Prices have tripled"),
    ("انخفض الإنتاج ٥٠٪", "Output fell by half", "Output fell by a quarter"),
    ("ارتفع سعر الخبز إلى ٠٫٣١ دولار", "Bread now costs 31 cents",
     "Bread now costs 13 cents"),
    ("يبدأ حظر التجول الساعة ١٨:٤٥", "The curfew starts at 6:45 pm",
     "The curfew starts at 6:45 am"),
    ("يفتح السوق الساعة ٤:٣٠", "The market opens at half past four",
     "The market opens at half past five"),
    ("في موسم ٢٠٢٣-٢٠٢٤", "In the 2023-24 season", "In the 2022-23 season"),
    ("انتهى موسم ٢٠٢٣-٢٠٢٤.", "The season was 2023-24.", "The season was 2023-25."),
    ("خلال العام الدراسي ٢٠٢٤/٢٠٢٥", "During the 2024/25 school year",
     "During the 2024/26 school year"),
    ("استمر الحصار ١٨ شهراً", "The siege lasted a year and a half",
     "The siege lasted two and a half years"),
    ("استمر الحصار ثمانية عشر شهراً", "The siege lasted a year and a half",
     "The siege lasted two and a half years"),
    ("تراجعت المبيعات خمسين بالمئة", "Sales fell by half", "Sales fell by a third"),
    ("للاستفسار يرجى الاتصال على ٠٩٣٣٤٥٦٧٨٩", "For questions call 0933 456 789",
     "For questions call 0933 456 798"),
    ("للاستفسار يرجى الاتصال على ٠٩٣٣٤٥٦٧٨٩", "For questions call +963 933 456 789",
     "For questions call +963 933 456 780"),
])
def test_paraphrased_numbers_are_accepted(source: str, right: str, wrong: str) -> None:
    assert unpaired(source, right) == ([], [])
    missing, _ = unpaired(source, wrong)
    assert len(missing) == 1


@pytest.mark.parametrize(("source", "english", "found"), [
    # Nothing else tells how the source writes thousands: either reading is right.
    ("بلغ عدد المسجلين 11.500", "There were 11,500 registrations", []),
    ("بلغ عدد المسجلين 11.500", "There were 11.5 registrations", []),
    # "1.250.000" writes thousands with dots: 11.500 is 11,500.
    ("سجل 11.500 طالب من أصل 1.250.000", "11,500 of 1,250,000 pupils enrolled", []),
    ("سجل 11.500 طالب من أصل 1.250.000", "11.5 of 1,250,000 pupils enrolled", ["11.500"]),
    # "3.25" writes a decimal point: 11.500 is eleven and a half.
    ("سجل 11.500 طن و3.25 طن", "11.5 and 3.25 tonnes were recorded", []),
    ("سجل 11.500 طن و3.25 طن", "11,500 and 3.25 tonnes were recorded", ["11.500"]),
    ("ارتفعت الحرارة إلى ١٧،٥ درجة", "The temperature rose to 17.5 degrees", []),
    ("ارتفعت الحرارة إلى ١٧،٥ درجة", "The temperature rose to 17 degrees", ["١٧،٥"]),
])
def test_separators_are_read_by_the_texts_other_numbers(source: str, english: str,
                                                          found: list[str]) -> None:
    assert unpaired(source, english)[0] == found


CONVERSIONS = """\
numbers:
  conversions:
    - from: km
      to: miles
      factor: 0.621371
      tolerance: 0.02
"""


def test_desk_conversions_accept_a_converted_quantity(newsroom: Newsroom) -> None:
    source = "امتد الطابور مسافة ١٥ كم على الطريق.\n"
    article_id = newsroom.new_article(source=source)
    newsroom.ok("assign", article_id, "--translator", "tariq")
    newsroom.write_translation(article_id, "The queue stretched 9.3 miles along the road.\n")
    assert [p.key for p in newsroom.findings(article_id, "numbers")] == ["15"]
    config = newsroom.path("editorial.yaml")
    config.write_text(config.read_text(encoding="utf-8") + CONVERSIONS, encoding="utf-8")
    assert newsroom.findings(article_id, "numbers") == []
    assert newsroom.findings(article_id, "extra-numbers") == []
    # Outside the tolerance, or in another unit, the number is still wrong.
    newsroom.write_translation(article_id, "The queue stretched 12 miles along the road.\n")
    assert [p.key for p in newsroom.findings(article_id, "numbers")] == ["15"]
    newsroom.write_translation(article_id, "The queue stretched 9.3 yards along the road.\n")
    assert [p.key for p in newsroom.findings(article_id, "numbers")] == ["15"]


@pytest.mark.parametrize(("setting", "line", "message"), [
    ("numbers:\n  conversions: km\n", 2, "numbers.conversions must be a list"),
    ("numbers:\n  conversions:\n    - from: km\n      to: miles\n", 3,
     "numbers.conversions[0] must have from, to and factor"),
    ("numbers:\n  conversions:\n    - {from: km, to: miles, factor: -1}\n", 3,
     "numbers.conversions[0].factor must be a positive number"),
    ("numbers:\n  conversions:\n    - {from: km, to: [], factor: 0.6}\n", 3,
     "numbers.conversions[0].to must be a unit word or a list of them"),
    ("numbers:\n  conversions:\n    - {from: km, to: miles, factor: 0.6, tolerance: 5}\n", 3,
     "numbers.conversions[0].tolerance must be a fraction from 0 to 1"),
])
def test_a_broken_conversion_is_refused_at_load_with_its_line(
        newsroom: Newsroom, setting: str, line: int, message: str) -> None:
    config = newsroom.path("editorial.yaml")
    text = config.read_text(encoding="utf-8")
    config.write_text(text + setting, encoding="utf-8")
    result = newsroom.run("check")
    assert result.exit_code == 2
    first_line = text.count("\n") + line
    assert f"editorial.yaml:{first_line}" in result.stderr and message in result.stderr
    assert "Traceback" not in result.stderr


def test_paraphrases_pass_editorial_check(newsroom: Newsroom) -> None:
    source = ("قالت البلدية إن ٢٥٪ من المحال أغلقت، وإن الخسائر بلغت ٢٫٣ مليون دولار.\n\n"
              "ويبدأ حظر التجول الساعة ١٨:٤٥ ويستمر ١٨ شهراً بحسب القرار.\n")
    english = ("The council said a quarter of the shops had closed and losses reached "
               "$2.3m.\n\nThe curfew starts at 6:45 pm and lasts a year and a half under "
               "the decree.\n")
    article_id = newsroom.new_article(source=source)
    newsroom.ok("assign", article_id, "--translator", "tariq")
    newsroom.write_translation(article_id, english)
    _, problems = newsroom.check_json()
    assert [p for p in problems if p["rule"] in ("numbers", "extra-numbers")] == []
    newsroom.write_translation(article_id, english.replace("6:45 pm", "7:45 pm"))
    assert [p.key for p in newsroom.findings(article_id, "numbers")] == ["18:45"]


# -- numbers as written --------------------------------------------------------------------

@pytest.mark.parametrize(("source", "name", "key"), [
    ("افتتح المبنى عام ٢٠١٦", "2016", "2016"),
    ("افتتح المبنى عام 2016", "2016", "2016"),
    ("رقم الهاتف ٠٩٣٣٤٥٦٧٨٩", "0933456789", "0933456789"),
    ("رقم الهاتف 0933 456 789", "0933 456 789", "0933456789"),
    ("وصل 12,000 لاجئ", "12,000", "12000"),
    ("وصل ١٢٠٠٠ لاجئ", "12000", "12000"),
    ("وصل ٤٠ ألف لاجئ", "40000", "40000"),
    ("نسبة ٣٫٥ بالمئة", "3.5", "3.5"),
    ("استمر يومين", "2", "2"),
    ("الساعة ١٨:٤٥", "18:45", "18:45"),
])
def test_a_number_is_named_as_written_never_regrouped(source: str, name: str, key: str) -> None:
    number = source_numbers(source)[0]
    assert shown(number)[0].startswith(name) and shown(number)[1] == key


def test_messages_show_years_and_ids_as_written(newsroom: Newsroom) -> None:
    source = "افتتح المركز عام ٢٠١٦، ورقم هاتفه ٠٩٣٣٤٥٦٧٨٩.\n"
    english = "The centre opened in 2016; its phone number is 0933 456 789.\n"
    article_id = newsroom.new_article(source=source)
    newsroom.ok("assign", article_id, "--translator", "tariq")
    newsroom.write_translation(article_id, english)
    assert newsroom.findings(article_id, "numbers") == []
    newsroom.write_translation(article_id, english.replace("2016", "2017")
                               .replace("456 789", "456 788"))
    assert [(p.message, p.key) for p in newsroom.findings(article_id, "numbers")] == [
        ("the number 2016 (written «٢٠١٦») of source paragraph 1 (source.md line 8) is not "
         "in the English text, in digits or in words", "2016"),
        ("the number 0933456789 (written «٠٩٣٣٤٥٦٧٨٩») of source paragraph 1 (source.md "
         "line 8) is not in the English text, in digits or in words", "0933456789")]


def test_the_fingerprint_reads_digits_by_value() -> None:
    assert fingerprint.text_hash("بني الجامع عام ١٥١٦") == \
        fingerprint.text_hash("بني الجامع عام 1516")
    assert fingerprint.paragraph_hash("بني الجامع عام ۱۵۱۶") == \
        fingerprint.paragraph_hash("بني الجامع عام 1516")
    assert fingerprint.text_hash("بني الجامع عام ١٥١٦") != \
        fingerprint.text_hash("بني الجامع عام 1517")


def test_a_source_rewritten_in_western_digits_has_not_changed(newsroom: Newsroom) -> None:
    source = "بني الجامع الكبير عام ١٥١٦ على يد السلطان.\n"
    article_id = newsroom.new_article(source=source)
    newsroom.ok("assign", article_id, "--translator", "tariq")
    newsroom.write_translation(article_id, "The great mosque was built in 1516 by the "
                                           "sultan.\n")
    newsroom.ok("submit", article_id, as_person="tariq")
    newsroom.write_body(article_id, "source.md", source.replace("١٥١٦", "1516"))
    assert newsroom.findings(article_id, "source-changed") == []
    newsroom.write_body(article_id, "source.md", source.replace("١٥١٦", "1517"))
    assert len(newsroom.findings(article_id, "source-changed")) == 1


def test_digits_inside_addresses_are_not_figures() -> None:
    # The link's target changed from decision-12 to decision-21: markdown-links says so; the
    # numbers rules must not count the address's digits as figures of the text.
    source = "يمكن قراءة [نص القرار ٧](https://example.org/decision-12) وكتابة إلى a12@example.org"
    english = ("The [text of decision 7](https://example.org/decision-21) can be read; "
               "write to a12@example.org")
    assert unpaired(source, english) == ([], [])
    # A figure outside the address still counts.
    assert unpaired(source, english.replace("decision 7", "decision 9")) == (["٧"], ["9"])


def test_an_english_two_may_render_an_arabic_dual_noun(newsroom: Newsroom) -> None:
    article_id = newsroom.new_article(
        source="التقى الرئيسان في العاصمة لبحث الملف الأمني.\n\nوقال مسؤول إن اللقاء كان مثمراً.\n")
    newsroom.ok("assign", article_id, "--translator", "tariq")
    newsroom.write_translation(article_id, "The two presidents met in the capital to discuss "
                               "security.\n\nAn official said the meeting was fruitful.\n")
    assert newsroom.findings(article_id, "extra-numbers") == []
    # Without a dual in the paragraph it translates, the "two" is the English text's own.
    newsroom.write_translation(article_id, "The presidents met in the capital to discuss "
                               "security.\n\nAn official said the two meetings were fruitful.\n")
    assert [problem.message.split("'")[1]
            for problem in newsroom.findings(article_id, "extra-numbers")] == ["two"]


def test_a_cardinal_after_a_definite_noun_is_read_but_not_monday() -> None:
    assert unpaired("خلال الأشهر الثلاثة المقبلة", "over the next three months") == ([], [])
    assert unpaired("خلال الأشهر الثلاثة المقبلة", "over the next four months") == (
        ["الثلاثة"], ["four"])
    assert [q.text for q in source_numbers("وصل يوم الاثنين لزيارة السيدة الست")] == []


def test_a_feminine_dual_says_two() -> None:
    assert says_two("تحتاج أسرتها إلى ربطتين يومياً")
    assert not says_two("بلغ عدد المخابز ستين مخبزاً")


def test_a_fingerprint_recorded_before_digits_were_read_by_value_still_holds(
        newsroom: Newsroom) -> None:
    """An article handed off by editorial 0.1 recorded its source with digits as written: an
    upgrade must mark none of them outdated, while a real change still shows."""
    source = "وقال المجلس إن ١٢ حياً ما زالت دون ماء منذ ٣ أيام.\n\nوأضاف أن الإصلاح يبدأ غداً.\n"
    article_id = newsroom.new_article(source=source)
    newsroom.ok("assign", article_id, "--translator", "tariq")
    newsroom.write_translation(article_id, "The council said 12 neighbourhoods had been "
                               "without water for three days.\n\nIt added that repairs start "
                               "tomorrow.\n")
    newsroom.ok("submit", article_id, as_person="tariq")
    body = newsroom.body(article_id, "source.md")

    def as_recorded_by_0_1(document: frontmatter.Document) -> None:
        document.meta[fingerprint.TEXT_KEY] = fingerprint.text_hash(body, digits_by_value=False)
        document.meta[fingerprint.PARAGRAPHS_KEY] = [
            fingerprint.paragraph_hash(paragraph, digits_by_value=False)
            for paragraph in body.strip().split("\n\n")]

    newsroom.edit(article_id, as_recorded_by_0_1)
    assert fingerprint.text_hash(body, digits_by_value=False) != fingerprint.text_hash(body)
    assert newsroom.findings(article_id, "source-changed") == []
    assert [row["outdated"] for row in newsroom.status_json() if row["id"] == article_id] \
        == [False]
    newsroom.write_body(article_id, "source.md", source.replace("غداً", "بعد أسبوع"))
    found = newsroom.findings(article_id, "source-changed")
    assert [problem.message.split(" since")[0][:20] for problem in found] == [
        "source paragraph 2 c"]
    assert [row["outdated"] for row in newsroom.status_json() if row["id"] == article_id] \
        == [True]
