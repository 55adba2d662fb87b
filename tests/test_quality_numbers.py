"""Numbers as accounting: each number of a source paragraph rendered by its own number of the
aligned English paragraph, and the English numbers that render none (`extra-numbers`)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from editorial.core.quality.numbers import account, english_quantities, source_numbers
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
