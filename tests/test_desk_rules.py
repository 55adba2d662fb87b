"""Rules a desk defines in editorial.yaml: found by `editorial check` with the desk's message,
limited to paragraphs whose source matches, and refused at load when broken (file:line)."""

from __future__ import annotations

import pytest

from testing.newsroom import Newsroom

SOURCE = (
    "سيطرت هيئة تحرير الشام على معبر حدودي جديد في ريف إدلب الشمالي مساء الخميس.\n\n"
    "وقال سكان إن الطريق إلى المعبر بقي مغلقاً حتى صباح الجمعة.\n"
)
ENGLISH = ("The HTS-run administration took over a new border crossing in the northern "
           "Idlib countryside on Thursday evening.\n\n"
           "Residents said the road to the HTS-run crossing stayed closed until Friday "
           "morning.\n")
RULE = {"pattern": r"\bHTS-run\b", "message": "write 'HTS-controlled', the desk's style",
        "severity": "error"}


def translated(newsroom: Newsroom) -> str:
    article_id = newsroom.new_article(article_id="crossing", source=SOURCE)
    newsroom.ok("assign", article_id, "--translator", "tariq")
    newsroom.write_translation(article_id, ENGLISH)
    return article_id


def test_a_desk_rule_reports_its_message_where_the_pattern_matches(newsroom: Newsroom) -> None:
    article_id = translated(newsroom)
    newsroom.configure(rules={"numbers": "warning", "no-hts-run": RULE})
    code, problems = newsroom.check_json(article_id)
    found = [(p["path"], p["line"], p["column"], p["severity"], p["message"])
             for p in problems if p["rule"] == "no-hts-run"]
    assert code == 1
    path = f"articles/{article_id}/translation.md"
    assert [(line, column) for _, line, column, _, _ in found] == [(5, 5), (7, 32)]
    assert {(p, severity, message) for p, _, _, severity, message in found} == {
        (path, "error", "write 'HTS-controlled', the desk's style (found «HTS-run»)")}
    newsroom.write_translation(article_id, ENGLISH.replace("HTS-run", "HTS-controlled"))
    assert "no-hts-run" not in newsroom.errors_by_rule(article_id)


def test_a_source_pattern_limits_the_rule_to_paragraphs_whose_source_matches(
        newsroom: Newsroom) -> None:
    article_id = translated(newsroom)
    newsroom.configure(rules={"no-hts-run": {**RULE, "source_pattern": "هيئة تحرير الشام",
                                             "severity": "warning"}})
    code, problems = newsroom.check_json(article_id)
    found = [(p["line"], p["severity"]) for p in problems if p["rule"] == "no-hts-run"]
    # The second paragraph's source does not name the group: its "HTS-run" does not count.
    assert found == [(5, "warning")]
    assert code == 0


def test_a_desk_rule_turned_off_finds_nothing(newsroom: Newsroom) -> None:
    article_id = translated(newsroom)
    newsroom.configure(rules={"no-hts-run": {**RULE, "severity": "off"}})
    assert not [p for p in newsroom.check_json(article_id)[1] if p["rule"] == "no-hts-run"]


@pytest.mark.parametrize(("definition", "says", "key"), [
    ({**RULE, "pattern": r"\bHTS-(run"}, "pattern '\\\\bHTS-(run' is not a regular "
                                         "expression: missing ), unterminated subpattern",
     "pattern"),
    ({**RULE, "source_pattern": "[هيئة"}, "source_pattern '[هيئة' is not a regular expression",
     "source_pattern"),
    ({**RULE, "flags": "i"}, "unknown key 'flags'; a desk rule has pattern, source_pattern, "
                             "message, severity", "flags"),
    ({"pattern": "x"}, "needs a 'message'", None),
    ({**RULE, "severity": "fatal"}, "severity 'fatal' is not one of error, warning, off",
     "severity"),
])
def test_a_broken_desk_rule_is_refused_with_its_line(newsroom: Newsroom, definition: dict[
        str, str], says: str, key: str | None) -> None:
    article_id = translated(newsroom)
    newsroom.configure(rules={"no-hts-run": definition})
    config = newsroom.path("editorial.yaml").read_text(encoding="utf-8").splitlines()
    line = 1 + next(index for index, text in enumerate(config)
                    if text.strip().startswith(f"{key or 'no-hts-run'}:"))
    error = newsroom.refuses("check", article_id, exit_code=2)
    assert f"editorial.yaml:{line}" in error
    assert f"rules.no-hts-run: {says}" in error


def test_a_desk_rule_may_not_take_a_built_in_rules_name(newsroom: Newsroom) -> None:
    article_id = translated(newsroom)
    newsroom.configure(rules={"glossary": RULE})
    error = newsroom.refuses("check", article_id, exit_code=2)
    assert "rules.glossary: is a built-in rule" in error


def test_with_base_the_bases_desk_rules_judge_the_change(newsroom: Newsroom) -> None:
    newsroom.branch("brings-its-rule")
    translated(newsroom)
    newsroom.configure(rules={"no-hts-run": RULE})
    newsroom.commit_all("the crossing, translated")
    # The rule comes with the change: it does not judge it.
    _, problems = newsroom.check_json("--base", "main")
    assert "no-hts-run" not in {p["rule"] for p in problems}
    newsroom.switch("main")
    newsroom.configure(rules={"no-hts-run": RULE})
    newsroom.branch("under-the-rule")
    translated(newsroom)
    newsroom.commit_all("the crossing, translated")
    code, problems = newsroom.check_json("--base", "main")
    assert code == 1
    assert [p["line"] for p in problems if p["rule"] == "no-hts-run"] == [5, 7]


def test_a_finding_of_a_desk_rule_can_be_accepted(newsroom: Newsroom) -> None:
    article_id = translated(newsroom)
    newsroom.configure(rules={"no-hts-run": RULE})
    newsroom.commit_all("the desk's rule")
    assert "no-hts-run" in newsroom.errors_by_rule(article_id)
    newsroom.ok("accept", article_id, "no-hts-run", "--finding", "HTS-run", "--note",
                "the group's own name for its administration, quoted", as_person="dana")
    assert "no-hts-run" not in newsroom.errors_by_rule(article_id)
