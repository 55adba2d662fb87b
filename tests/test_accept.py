"""`editorial accept`: a finding a person judged intended stays silent while the text it is
about is unchanged, in `check` and `check --base`; accepting is a step like any other."""

from __future__ import annotations

import json

from testing.newsroom import TRANSLATION_EN, Newsroom, records

# The English drops the source's 12000 on purpose (say, a rounded figure the desk chose).
ROUNDED = TRANSLATION_EN.replace("about 12000 families", "thousands of families")


def translated(newsroom: Newsroom, english: str) -> str:
    """An article in stage translation with `english` as the draft."""
    article_id = newsroom.new_article()
    newsroom.ok("assign", article_id, "--translator", "tariq")
    newsroom.write_translation(article_id, english)
    return article_id


def numbers_errors(desk: Newsroom, *args: str) -> list[str]:
    return desk.errors_by_rule(*args).get("numbers", [])


def test_check_prints_the_key_to_accept(newsroom: Newsroom) -> None:
    article_id = translated(newsroom, ROUNDED)
    code, problems = newsroom.check_json()
    assert code == 1
    assert [(p["rule"], p["key"]) for p in problems] == [("numbers", "12000")]
    assert "numbers [12000]" in newsroom.check().stdout
    assert article_id


def test_an_accepted_number_passes_until_its_paragraph_changes(newsroom: Newsroom) -> None:
    article_id = translated(newsroom, ROUNDED)
    newsroom.commit_all("draft", as_person="tariq")
    assert numbers_errors(newsroom)
    newsroom.ok("accept", article_id, "numbers", "--finding", "12000", "--note",
                "the desk rounds aid figures", as_person="hana")
    assert newsroom.errors_by_rule() == {}
    entry = records(newsroom.meta(article_id), "accepted")[0]
    assert {key: entry[key] for key in ("rule", "finding", "by", "note")} == {
        "rule": "numbers", "finding": "12000", "by": "hana",
        "note": "the desk rounds aid figures"}
    step = records(newsroom.meta(article_id), "history")[-1]
    assert (step["action"], step["by"], step["from"], step["to"]) == (
        "accept", "hana", "translation", "translation")
    # Another paragraph edited: the acknowledgement still holds.
    newsroom.write_translation(article_id, ROUNDED.replace("Sunday morning", "Sunday"))
    assert newsroom.errors_by_rule() == {}
    # The paragraph it is about edited: reported again.
    newsroom.write_translation(article_id, ROUNDED.replace("The mayor said", "The mayor added"))
    assert numbers_errors(newsroom) != []


def test_without_finding_every_current_finding_of_the_rule(newsroom: Newsroom) -> None:
    article_id = translated(newsroom, ROUNDED.replace("3 months", "a season"))
    assert len(numbers_errors(newsroom)) == 2
    newsroom.ok("accept", article_id, "numbers", "--note", "approximate", as_person="dana")
    assert newsroom.errors_by_rule() == {}
    assert {entry["finding"] for entry in records(newsroom.meta(article_id), "accepted")} == {
        "12000", "3"}


def test_accepting_needs_a_note_a_role_and_a_current_finding(newsroom: Newsroom) -> None:
    article_id = translated(newsroom, ROUNDED)
    newsroom.commit_all("draft", as_person="tariq")
    assert "needs a note" in newsroom.refuses("accept", article_id, "numbers",
                                              as_person="hana", exit_code=2)
    assert "needs a note" in newsroom.refuses("accept", article_id, "numbers", "--note", " ",
                                              as_person="hana", exit_code=2)
    line = newsroom.refuses("accept", article_id, "numbers", "--note", "mine",
                            as_person="tariq")
    assert "tariq cannot accept findings" in line and "editor or publisher" in line
    line = newsroom.refuses("accept", article_id, "numbers", "--finding", "7", "--note", "x",
                            as_person="hana")
    assert "no current finding '7' of numbers" in line and "its findings: 12000" in line
    assert "no check rule" in newsroom.refuses("accept", article_id, "nombres", "--note", "x",
                                               as_person="hana", exit_code=2)
    assert "no current finding of glossary" in newsroom.refuses(
        "accept", article_id, "glossary", "--note", "x", as_person="hana")
    newsroom.write_translation(article_id, ROUNDED.replace("Sunday", "Sun\u200bday"))
    assert "gives its findings no key" in newsroom.refuses(
        "accept", article_id, "invisible-characters", "--note", "x", as_person="hana")


def test_check_base_honours_it_and_judges_the_step(newsroom: Newsroom) -> None:
    article_id = translated(newsroom, ROUNDED)
    newsroom.commit_all("draft", as_person="tariq")
    base = newsroom.git("rev-parse", "HEAD").strip()
    newsroom.branch("feature")
    newsroom.ok("accept", article_id, "numbers", "--note", "rounded", as_person="hana")
    assert newsroom.errors_by_rule("--base", base) == {}


def test_the_accept_step_must_be_committed_by_the_person_it_names(newsroom: Newsroom) -> None:
    article_id = translated(newsroom, ROUNDED)
    newsroom.commit_all("draft", as_person="tariq")
    base = newsroom.git("rev-parse", "HEAD").strip()
    newsroom.branch("feature")
    newsroom.ok("accept", article_id, "numbers", "--note", "rounded", "--no-commit",
                as_person="hana")
    newsroom.commit_all("hana's acknowledgement, committed by tariq", as_person="tariq")
    assert set(newsroom.errors_by_rule("--base", base)) == {"authorship"}


def test_a_hand_written_acknowledgement_silences_nothing(newsroom: Newsroom) -> None:
    article_id = translated(newsroom, ROUNDED)
    newsroom.ok("accept", article_id, "numbers", "--note", "rounded", as_person="hana")

    def forge(document: object) -> None:
        meta = document.meta  # type: ignore[attr-defined]
        meta["history"] = meta["history"][:-1]
        meta["stage"] = meta["history"][-1]["to"]

    newsroom.edit(article_id, forge)
    assert numbers_errors(newsroom) != []


def test_show_lists_acknowledgements(newsroom: Newsroom) -> None:
    article_id = translated(newsroom, ROUNDED)
    newsroom.ok("accept", article_id, "numbers", "--note", "rounded on purpose",
                as_person="hana")
    shown = newsroom.ok("show", article_id).stdout
    assert "accepted findings" in shown and "rounded on purpose" in shown
    article = json.loads(newsroom.ok("show", article_id, "--json").stdout)["article"]
    assert [(a["rule"], a["finding"], a["by"]) for a in article["accepted"]] == [
        ("numbers", "12000", "hana")]
