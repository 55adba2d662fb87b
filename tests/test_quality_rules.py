"""The translation quality rules in a real newsroom: each fails on its case and passes once
fixed; a changed source shows in status; the glossary command; a workflow gate; and all of
them inside `editorial check --base` in every output format."""

# The samples are Arabic text on purpose.
# ruff: noqa: RUF001

from __future__ import annotations

import json

import pytest

from testing.newsroom import Newsroom

SOURCE = (
    "أعلن الهلال الأحمر في حلب، يوم الأحد، توزيع ١٢٠٠ سلة غذائية على العائلات في ٤ أحياء "
    "من المدينة.\n\n"
    "وقال مسؤول في المنظمة إن الحملة ستستمر ١٠ أيام، بكلفة تقارب ٤٠ ألف دولار، وإن "
    "المتطوعين سيعملون على مدار الساعة.\n\n"
    "وأضاف أن المتطوعين سيزورون المدارس أيضاً لتقديم الدعم النفسي للأطفال بعد أشهر "
    "صعبة.\n"
)
P1 = ("The Red Crescent in Aleppo announced on Sunday the distribution of 1,200 food baskets "
      "to families in four of the city's neighbourhoods.")
P2 = ("An official of the organisation said the campaign would last 10 days and cost about "
      "40,000 dollars, and that volunteers would work around the clock.")
P3 = ("He added that the volunteers would also visit schools to offer children psychological "
      "support after difficult months.")
ENGLISH = f"{P1}\n\n{P2}\n\n{P3}\n"
GLOSSARY = """\
terms:
  - source: حلب
    target: Aleppo
    forbidden: [Halab, Haleb]
    note: The city's established English name.
  - source: الهلال الأحمر
    target: Red Crescent
    variants: [SARC]
    forbidden: [Red Cross]
"""
QUALITY_RULES = ("source-changed", "glossary", "numbers", "omission", "untranslated-script",
                 "invisible-characters")


@pytest.fixture
def desk(newsroom: Newsroom) -> Newsroom:
    newsroom.path("glossary.yaml").write_text(GLOSSARY, encoding="utf-8")
    newsroom.git("add", "glossary.yaml")
    newsroom.git("commit", "-qm", "the desk's glossary")
    return newsroom


def translated(desk: Newsroom, english: str = ENGLISH) -> str:
    """An article in stage translation with `english` as the draft."""
    article_id = desk.new_article(source=SOURCE)
    desk.ok("assign", article_id, "--translator", "tariq")
    desk.write_translation(article_id, english)
    return article_id


def line_of(desk: Newsroom, article_id: str, name: str, text: str) -> tuple[int, int]:
    """The file line and column where `text` first occurs in one of the article's files."""
    content = desk.article_path(article_id, name).read_text(encoding="utf-8")
    offset = content.index(text)
    return content.count("\n", 0, offset) + 1, offset - content.rfind("\n", 0, offset)


def messages(desk: Newsroom, article_id: str, rule_id: str) -> list[tuple[str, int | None, str]]:
    return [(p.path, p.line, p.message) for p in desk.findings(article_id, rule_id)]


def test_a_faithful_translation_passes_every_quality_rule(desk: Newsroom) -> None:
    article_id = translated(desk)
    for rule_id in QUALITY_RULES:
        assert desk.findings(article_id, rule_id) == [], rule_id
    desk.ok("submit", article_id, as_person="tariq")
    for rule_id in QUALITY_RULES:
        assert desk.findings(article_id, rule_id) == [], rule_id


def test_numbers_eastern_arabic_digits_match_western_ones(desk: Newsroom) -> None:
    # ١٢٠٠ is 1,200; ٤ is "four"; ٤٠ ألف is 40,000: the faithful text passes (above).
    article_id = translated(desk, ENGLISH.replace("1,200", "1,300")
                            .replace("40,000 dollars", "forty thousand dollars"))
    found = messages(desk, article_id, "numbers")
    assert found == [(f"articles/{article_id}/translation.md", 5,
                      "the number 1200 (written «١٢٠٠») of source paragraph 1 (source.md "
                      "line 8) is not in the English text, in digits or in words")]
    desk.write_translation(article_id, ENGLISH.replace("1,200", "1200"))
    assert desk.findings(article_id, "numbers") == []


def test_glossary_wants_the_target_and_refuses_forbidden_renderings(desk: Newsroom) -> None:
    article_id = translated(desk, ENGLISH.replace("in Aleppo", "in Halab"))
    found = desk.findings(article_id, "glossary")
    assert [(p.line, p.column) for p in found] == [(5, None), (5, 21)]
    assert "«حلب», which the glossary renders as 'Aleppo'" in found[0].message
    assert "The city's established English name" in found[0].message
    assert found[1].message == "'Halab' is not the desk's rendering of «حلب»: write 'Aleppo'"
    # An allowed variant is as good as the target.
    desk.write_translation(article_id, ENGLISH.replace("The Red Crescent", "SARC"))
    assert desk.findings(article_id, "glossary") == []


def test_omission_names_the_dropped_source_paragraph(desk: Newsroom) -> None:
    article_id = translated(desk, f"{P1}\n\n{P3}\n")
    desk.ok("submit", article_id, as_person="tariq")
    found = messages(desk, article_id, "omission")
    assert len(found) == 1
    path, line, message = found[0]
    assert (path, line) == (f"articles/{article_id}/article.md",
                            line_of(desk, article_id, "article.md", P3)[0])
    assert message.startswith("source paragraph 2 (source.md line 10) seems to be missing")
    assert desk.findings(article_id, "omission")[0].severity == "error"
    desk.write_body(article_id, "article.md", ENGLISH)
    assert desk.findings(article_id, "omission") == []


def test_omission_checks_merged_paragraphs_sentence_by_sentence(desk: Newsroom) -> None:
    article_id = translated(desk, f"{P1}\n\n{P2} {P3}\n")
    assert messages(desk, article_id, "omission") == []
    desk.write_translation(article_id, f"{P1}\n\n{P2}\n")
    assert [message for _, _, message in messages(desk, article_id, "omission")] == [
        "source paragraph 3 (source.md line 12) seems to be missing from the English text: "
        "«وأضاف أن المتطوعين سيزورون المدارس أيضاً لتقديم ا…»"]


def test_untranslated_script_outside_the_ignore_marker(desk: Newsroom) -> None:
    article_id = translated(desk, ENGLISH.replace("Aleppo", "Aleppo (حلب)"))
    found = desk.findings(article_id, "untranslated-script")
    assert [(p.line, p.column) for p in found] == [(5, 29)]
    assert "«حلب»" in found[0].message
    desk.write_translation(article_id, ENGLISH.replace(
        "Aleppo", "Aleppo (<!-- editorial:ignore-script -->حلب<!-- /editorial:ignore-script -->)"))
    assert desk.findings(article_id, "untranslated-script") == []


def test_invisible_characters_with_line_and_column(desk: Newsroom) -> None:
    article_id = translated(desk)
    desk.ok("submit", article_id, as_person="tariq")
    desk.write_body(article_id, "article.md", ENGLISH.replace("Sunday", "Sun\u200fday")
                    .replace("10 days", "10\u200b days"))
    found = desk.findings(article_id, "invisible-characters")
    assert [(p.path, (p.line, p.column), p.message) for p in found] == [
        (f"articles/{article_id}/article.md", line_of(desk, article_id, "article.md", "\u200f"),
         "invisible character U+200F RIGHT-TO-LEFT MARK: delete it"),
        (f"articles/{article_id}/article.md", line_of(desk, article_id, "article.md", "\u200b"),
         "invisible character U+200B ZERO WIDTH SPACE: delete it")]
    assert found[0].column == len("The Red Crescent in Aleppo announced on Sun") + 1
    desk.write_body(article_id, "article.md", ENGLISH)
    assert desk.findings(article_id, "invisible-characters") == []


def test_the_disclaimer_is_not_part_of_the_english_text(desk: Newsroom) -> None:
    article_id = translated(desk)
    desk.ok("submit", article_id, as_person="tariq")
    desk.ok("approve", article_id, as_person="hana")
    desk.ok("disclaim", article_id, as_person="hana")
    for rule_id in QUALITY_RULES:
        assert desk.findings(article_id, rule_id) == [], rule_id


def outdated(desk: Newsroom, article_id: str) -> bool:
    articles = json.loads(desk.ok("status", "--json").stdout)["articles"]
    value = next(a for a in articles if a["id"] == article_id)["outdated"]
    assert isinstance(value, bool)
    return value


def test_a_changed_source_after_hand_off_is_outdated(desk: Newsroom) -> None:
    article_id = translated(desk)
    assert not outdated(desk, article_id)
    desk.ok("submit", article_id, as_person="tariq")
    meta = desk.meta(article_id)
    assert isinstance(meta["source_hash"], str)
    assert isinstance(meta["source_paragraphs"], list) and len(meta["source_paragraphs"]) == 3
    assert not outdated(desk, article_id)

    # Cosmetic: diacritics, tatweel, spaces and line breaks.
    original = desk.body(article_id, "source.md")
    cosmetic = (original.replace("أعلن", "أعلَنَ").replace("المدينة", "المديـــنة")
                .replace("، يوم", "،   يوم").replace("سلة غذائية", "سلة\nغذائية"))
    desk.write_body(article_id, "source.md", cosmetic)
    assert not outdated(desk, article_id)
    assert desk.findings(article_id, "source-changed") == []
    assert "outdated" not in desk.ok("status").stdout

    desk.write_body(article_id, "source.md", original.replace("١٠ أيام", "١٥ يوماً"))
    assert outdated(desk, article_id)
    assert "(outdated)" in desk.ok("status").stdout
    found = desk.findings(article_id, "source-changed")
    assert [(p.path, p.line) for p in found] == [(f"articles/{article_id}/source.md", 10)]
    assert found[0].message.startswith("source paragraph 2 changed")
    assert "now reads «وقال مسؤول" in found[0].message
    # Returned, revised and submitted again: the new source is recorded and all is well.
    desk.ok("return", article_id, "--note", "the source was updated", as_person="hana")
    desk.ok("submit", article_id, as_person="tariq")
    assert not outdated(desk, article_id)
    assert desk.findings(article_id, "source-changed") == []


def test_articles_before_hand_off_are_never_outdated(desk: Newsroom) -> None:
    article_id = desk.new_article(source=SOURCE)
    desk.write_body(article_id, "source.md", "نص آخر تماماً\n")
    assert not outdated(desk, article_id)


def test_glossary_command_lists_and_looks_up(desk: Newsroom) -> None:
    listing = desk.ok("glossary").stdout
    assert "Aleppo" in listing and "Red Crescent" in listing and "Halab, Haleb" in listing
    # By source with diacritics and proclitics, by target, by forbidden rendering.
    for query in ("بِحَلَب", "وحلب", "aleppo", "Haleb"):
        found = json.loads(desk.ok("glossary", query, "--json").stdout)["terms"]
        assert [term["target"] for term in found] == ["Aleppo"], query
    found = json.loads(desk.ok("glossary", "للهلال الاحمر", "--json").stdout)["terms"]
    assert [term["target"] for term in found] == ["Red Crescent"]
    assert "SARC" in desk.ok("glossary", "بالهلال الأحمر").stdout
    missing = desk.run("glossary", "Damascus")
    assert missing.exit_code == 1 and "no glossary term matches 'Damascus'" in missing.stderr


def test_a_broken_glossary_is_named_with_its_line(desk: Newsroom) -> None:
    desk.path("glossary.yaml").write_text("terms:\n  - source: حلب\n    target: [Aleppo]\n",
                                          encoding="utf-8")
    result = desk.run("glossary")
    assert result.exit_code == 2
    assert "glossary.yaml:2: terms[0] needs 'target' as text" in result.stderr


GATED_WORKFLOW = """\
name: checked
stages:
  translation: {}
  editing: {}
  done: {}
transitions:
  - action: submit
    from: [translation]
    to: editing
    role: translator
    gates:
      - translation-not-empty
      - checks: [glossary, numbers]
    effects: [freeze-translation, record-source-hashes]
  - action: approve
    from: [editing]
    to: done
    role: editor
    four_eyes: true
    gates:
      - checks: [omission]
"""


def follows_checked_workflow(desk: Newsroom) -> str:
    """An article in translation, by tariq, that follows the newsroom's workflow 'checked'."""
    article_id = desk.new_article(source=SOURCE, extra=["--translator", "tariq"])
    meta_path = desk.article_path(article_id)
    meta_path.write_text(meta_path.read_text(encoding="utf-8").replace(
        "workflow: translation", "workflow: checked"), encoding="utf-8")
    desk.git("add", "-A")
    desk.git("commit", "-qm", "use the checked workflow")
    return article_id


def test_a_workflow_can_make_rules_a_gate(desk: Newsroom) -> None:
    desk.path("workflows").mkdir()
    desk.path("workflows", "checked.yaml").write_text(GATED_WORKFLOW, encoding="utf-8")
    article_id = follows_checked_workflow(desk)
    desk.write_translation(article_id, ENGLISH.replace("Aleppo", "Halab").replace("10 days",
                                                                                  "ten days"))
    before = desk.snapshot()
    refused = desk.run("submit", article_id, as_person="tariq")
    assert refused.exit_code == 1
    assert "cannot submit" in refused.stderr
    assert "has «حلب», which the glossary renders as 'Aleppo'" in refused.stderr
    assert "'Halab' is not the desk's rendering" in refused.stderr
    assert "(glossary)" in refused.stderr and "(numbers)" not in refused.stderr
    assert desk.snapshot() == before

    desk.write_translation(article_id, ENGLISH.replace("1,200", "twelve"))
    refused = desk.run("submit", article_id, as_person="tariq")
    assert refused.exit_code == 1 and "the number 1200" in refused.stderr

    desk.write_translation(article_id, f"{P1}\n\n{P3}\n")  # numbers of P2 missing too
    assert desk.run("submit", article_id, as_person="tariq").exit_code == 1
    desk.write_translation(article_id, ENGLISH)
    desk.ok("submit", article_id, as_person="tariq")
    desk.write_body(article_id, "article.md", f"{P1}\n\n{P2}\n")
    refused = desk.run("approve", article_id, as_person="hana")
    assert refused.exit_code == 1 and "seems to be missing" in refused.stderr
    desk.write_body(article_id, "article.md", ENGLISH)
    desk.ok("approve", article_id, as_person="hana")


def test_a_gate_naming_an_unknown_rule_is_a_configuration_error(desk: Newsroom) -> None:
    desk.path("workflows").mkdir()
    desk.path("workflows", "checked.yaml").write_text(
        GATED_WORKFLOW.replace("[glossary, numbers]", "[glosary]"), encoding="utf-8")
    article_id = follows_checked_workflow(desk)
    desk.write_translation(article_id, ENGLISH)
    result = desk.run("submit", article_id, as_person="tariq")
    assert result.exit_code == 2
    assert "checked.yaml: the gate 'checks' names no rule or an unknown one (glosary)" \
        in result.stderr


def test_every_quality_rule_runs_within_check_base_in_every_format(
        desk: Newsroom, tmp_path_factory: pytest.TempPathFactory) -> None:
    article_id = translated(desk)
    desk.ok("submit", article_id, as_person="tariq")
    desk.git("checkout", "-q", "-b", "edits")
    # One change per rule: a source paragraph rewritten, a forbidden name with Arabic beside
    # it, a wrong figure, a paragraph dropped, and a stray bidi mark.
    desk.write_body(article_id, "source.md", SOURCE.replace("١٠ أيام", "١٥ يوماً"))
    desk.write_body(article_id, "article.md", f"{P1.replace('Aleppo', 'Halab (حلب)')}"
                    .replace("1,200", "1,300").replace("Sunday", "Sun\u200fday") + f"\n\n{P3}\n")
    desk.git("commit", "-qam", "careless edits")

    result = desk.run("check", "--base", "main", "--format", "json")
    assert result.exit_code == 1, result.stderr
    problems = json.loads(result.stdout)["problems"]
    assert {p["rule"] for p in problems} >= set(QUALITY_RULES)
    by_rule = {p["rule"]: p for p in problems}
    assert by_rule["source-changed"]["path"] == f"articles/{article_id}/source.md"
    assert "[-١٠ أيام،-] {+١٥ يوماً،+}" in by_rule["source-changed"]["message"]
    assert by_rule["invisible-characters"]["column"] == len("The Red Crescent in Halab (حلب) "
                                                            "announced on Sun") + 1
    assert by_rule["omission"]["severity"] == "error"

    text = desk.run("check", "--base", "main", "--format", "text")
    assert text.exit_code == 1
    for rule_id in QUALITY_RULES:
        assert rule_id in text.stdout, rule_id

    summary = tmp_path_factory.mktemp("github") / "summary.md"
    github = desk.run("check", "--base", "main", "--format", "github",
                      env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert github.exit_code == 1
    annotations = github.stdout.splitlines()
    for rule_id in QUALITY_RULES:
        assert any(f"title=editorial check ({rule_id})" in line for line in annotations), rule_id
    assert any(line.startswith(f"::error file=articles/{article_id}/article.md,line=")
               and "(omission)" in line for line in annotations)
    assert all(rule_id in summary.read_text(encoding="utf-8") for rule_id in QUALITY_RULES)

    # The newsroom can lower a rule's severity in editorial.yaml (with --base, the base's
    # editorial.yaml says, so here the whole newsroom is checked).
    config = desk.path("editorial.yaml")
    config.write_text(config.read_text(encoding="utf-8") + "rules:\n  numbers: warning\n"
                      "  glossary: 'off'\n", encoding="utf-8")
    lowered = json.loads(desk.run("check", "--format", "json").stdout)
    assert {p["severity"] for p in lowered["problems"] if p["rule"] == "numbers"} == {"warning"}
    assert not [p for p in lowered["problems"] if p["rule"] == "glossary"]

    # Put right, the branch passes.
    config.write_text(config.read_text(encoding="utf-8").split("rules:")[0], encoding="utf-8")
    desk.write_body(article_id, "source.md", SOURCE)
    desk.write_body(article_id, "article.md", ENGLISH)
    desk.git("commit", "-qam", "put right")
    clean = desk.run("check", "--base", "main", "--format", "json")
    assert clean.exit_code == 0, clean.stdout
    assert json.loads(clean.stdout) == {"problems": []}
