"""Commands act only on articles `editorial check` accepts, and every YAML file the desk keeps
is read strictly: duplicate keys, anchors and aliases are errors with their line, and a
workflow's gates are given what they take."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from editorial.core import gates, yamlio
from editorial.errors import InvalidDataError
from testing.newsroom import Newsroom, built_once

ARTICLE = "water-station"
ARTICLE_PATH = f"articles/{ARTICLE}/article.md"
STRUCTURE_RULES = ("front-matter", "schema", "id")
REFUSAL_HINT = "(fix the front matter, 'editorial check' lists every problem)"


def one_source(newsroom: Newsroom) -> None:
    newsroom.new_article(article_id=ARTICLE)


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Newsroom:
    """A newsroom with one article in stage source, run from its root so that paths in
    messages read as a person at the desk sees them."""
    newsroom = built_once(tmp_path, one_source)
    monkeypatch.chdir(newsroom.root)
    return newsroom


def line_starting(path: Path, start: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith(start):
            return number
    raise AssertionError(f"no line starts with {start!r} in {path}")


def check_problem(newsroom: Newsroom, path: str, line: int) -> dict[str, object]:
    """The one error of the rules on the shape of front matter that `editorial check`
    reports at path:line (the history rule may add its own view of a wrong stage)."""
    code, problems = newsroom.check_json()
    assert code == 1
    found = [problem for problem in problems
             if problem["path"] == path and problem["line"] == line
             and problem["rule"] in STRUCTURE_RULES and problem["severity"] == "error"]
    assert len(found) == 1, problems
    return found[0]


def set_meta(key: str, value: object) -> Callable[[dict[str, Any]], None]:
    def change(meta: dict[str, Any]) -> None:
        meta[key] = value
    return change


def set_first_step(key: str, value: object) -> Callable[[dict[str, Any]], None]:
    def change(meta: dict[str, Any]) -> None:
        meta["history"][0][key] = value
    return change


# What is done to the front matter, the line the problem is on (the first line starting so),
# and what check says there.
WRONG_TYPES = {
    "stage-number": (set_meta("stage", 5), "stage:",
                     "stage: 5 is not one of the stages of workflow"),
    "stage-list": (set_meta("stage", ["source"]), "stage:",
                   "stage: ['source'] is not one of the stages"),
    "history-text": (set_meta("history", "x"), "history:",
                     "history: 'x' is not of type 'array'"),
    "history-null": (set_meta("history", None), "history:",
                     "history: None is not of type 'array'"),
    "history-numbers": (set_meta("history", [1, 2]), "  - 1",
                        "history[0]: 1 is not of type 'object'"),
    "history-by-list": (set_first_step("by", ["dana"]), "    by:",
                        "history[0].by: ['dana'] is not of type 'string'"),
    "history-at-impossible": (set_first_step("at", "2024-13-45"), "  - at:",
                              "history[0].at '2024-13-45' is not an ISO 8601 time"),
    "source-text": (set_meta("source", "x"), "source:", "source: 'x' is not of type 'object'"),
    "translator-list": (set_meta("translator", ["tariq"]), "translator:",
                        "translator: ['tariq'] is not of type 'string', 'null'"),
    "editor-number": (set_meta("editor", 5), "editor:",
                      "editor: 5 is not of type 'string', 'null'"),
    "created-impossible": (set_meta("created_at", "2024-13-45"), "created_at:",
                           "created_at '2024-13-45' is not an ISO 8601 time"),
    "updated-null": (set_meta("updated_at", None), "updated_at:",
                     "updated_at: None is not of type 'string'"),
    "published-malformed": (set_meta("published_at", "yesterday"), "published_at:",
                            "published_at 'yesterday' is not an ISO 8601 time"),
}


@pytest.mark.parametrize("case", WRONG_TYPES)
def test_assign_refuses_front_matter_of_the_wrong_type_as_check_reports_it(
        desk: Newsroom, case: str) -> None:
    change, line_start, expected = WRONG_TYPES[case]
    desk.edit(ARTICLE, lambda document: change(document.meta))
    desk.commit_all(f"break the front matter: {case}")
    line = line_starting(desk.article_path(ARTICLE), line_start)

    refusal = desk.refuses("assign", ARTICLE, "--translator", "tariq")

    problem = check_problem(desk, ARTICLE_PATH, line)
    assert expected in str(problem["message"])
    assert refusal == (f"editorial: refused: {ARTICLE_PATH}:{line}: {problem['message']} "
                       f"{REFUSAL_HINT}")


def test_an_impossible_unquoted_date_is_refused_with_its_line_not_a_crash(
        desk: Newsroom) -> None:
    desk.edit_text(ARTICLE, lambda text: text.replace(
        "created_at: '", "created_at: 2024-13-45\nold_created_at: '", 1))
    desk.commit_all("an impossible date")
    line = line_starting(desk.article_path(ARTICLE), "created_at:")

    refusal = desk.refuses("assign", ARTICLE, "--translator", "tariq")

    problem = check_problem(desk, ARTICLE_PATH, line)
    assert problem["rule"] == "front-matter"
    assert "'2024-13-45' is not a real date" in str(problem["message"])
    assert refusal == f"editorial: refused: {ARTICLE_PATH}:{line}: {problem['message']}"


@pytest.mark.parametrize("command", [
    ("spike", ARTICLE, "--note", "not for us"),
    ("assign", ARTICLE, "--editor", "hana"),
])
def test_every_action_refuses_an_invalid_article(desk: Newsroom,
                                                 command: tuple[str, ...]) -> None:
    desk.edit(ARTICLE, lambda document: document.meta.update(history="x"))
    desk.commit_all("history replaced by text")
    refusal = desk.refuses(*command)
    assert f"{ARTICLE_PATH}:{line_starting(desk.article_path(ARTICLE), 'history:')}: " \
           "history: 'x' is not of type 'array'" in refusal


def test_a_refused_article_holds_back_every_article_of_a_publish(desk: Newsroom) -> None:
    desk.new_article(article_id="second-story")
    for article_id in (ARTICLE, "second-story"):
        desk.advance_to(article_id, "ready")
    desk.edit("second-story", lambda document: document.meta.update(translator=["tariq"]))
    desk.commit_all("a translator written as a list")
    refusal = desk.refuses("publish", ARTICLE, "second-story")
    assert "articles/second-story/article.md:" in refusal
    assert "translator: ['tariq'] is not of type 'string', 'null'" in refusal


def test_a_fixed_article_can_be_acted_on_again(desk: Newsroom) -> None:
    original = desk.article_path(ARTICLE).read_bytes()
    desk.edit(ARTICLE, lambda document: document.meta.update(stage=5))
    desk.refuses("assign", ARTICLE, "--translator", "tariq")
    desk.article_path(ARTICLE).write_bytes(original)
    desk.ok("assign", ARTICLE, "--translator", "tariq")
    assert desk.meta(ARTICLE)["stage"] == "translation"


# -- duplicate keys ---------------------------------------------------------------------


def duplicate_in_front_matter(desk: Newsroom, name: str, key: str) -> tuple[int, int]:
    """Repeat `key`'s line at the end of the file's front matter; its line and the copy's."""
    path = desk.article_path(ARTICLE, name)
    lines = path.read_text(encoding="utf-8").split("\n")
    first = next(number for number, line in enumerate(lines) if line.startswith(f"{key}:"))
    closing = lines.index("---", 1)
    lines.insert(closing, lines[first])
    path.write_text("\n".join(lines), encoding="utf-8")
    desk.commit_all(f"{key} twice in {name}")
    return first + 1, closing + 1


@pytest.mark.parametrize(("name", "key"), [
    ("article.md", "title"), ("source.md", "language"), ("translation.md", "language")])
def test_a_duplicate_front_matter_key_is_refused_with_both_lines(
        desk: Newsroom, name: str, key: str) -> None:
    first, second = duplicate_in_front_matter(desk, name, key)
    path = f"articles/{ARTICLE}/{name}"
    message = f"duplicate key '{key}' (the first is on line {first}; keep one)"

    refusal = desk.refuses("assign", ARTICLE, "--translator", "tariq")

    assert refusal.startswith(f"editorial: refused: {path}:{second}: {message}")
    assert check_problem(desk, path, second)["message"] == message


def test_a_person_listed_twice_in_editorial_yaml_is_a_configuration_error(
        desk: Newsroom) -> None:
    config = desk.path("editorial.yaml")
    config.write_text(config.read_text(encoding="utf-8").replace("people:\n", "\n".join([
        "people:", "  dana:", "    name: Dana Again", "    email: dana.again@example.org",
        "    roles: [translator]", ""]), 1), encoding="utf-8")
    desk.commit_all("dana twice")
    first, second = [number for number, line in enumerate(
        config.read_text(encoding="utf-8").splitlines(), start=1) if line == "  dana:"]

    refusal = desk.refuses("status", exit_code=2)

    assert refusal == (f"editorial: error: editorial.yaml:{second}: duplicate key 'dana' "
                       f"(the first is on line {first}; keep one)")


def test_a_duplicate_key_in_the_glossary_is_a_configuration_error(desk: Newsroom) -> None:
    desk.path("glossary.yaml").write_text(
        "terms:\n  - source: حلب\n    target: Aleppo\n    target: Halab\n", encoding="utf-8")
    desk.commit_all("a glossary")
    refusal = desk.refuses("glossary", exit_code=2)
    assert refusal == ("editorial: error: glossary.yaml:4: duplicate key 'target' "
                       "(the first is on line 3; keep one)")


# -- workflows --------------------------------------------------------------------------

WORKFLOW = """\
name: strict
stages:
  source: {}
  translation: {}
  ready: {}
transitions:
  - action: assign
    from: [source]
    to: translation
    role: editor
    gates: [translator-assigned]
  - action: submit
    from: [translation]
    to: ready
    role: translator
    gates:
      - translation-not-empty
      - metadata: [title, source.url]
    effects: [freeze-translation]
"""


def adopt_workflow(desk: Newsroom, text: str) -> None:
    desk.path("workflows").mkdir(exist_ok=True)
    desk.path("workflows", "strict.yaml").write_text(text, encoding="utf-8")
    desk.edit_text(ARTICLE, lambda article: article.replace("workflow: translation",
                                                            "workflow: strict"))
    desk.commit_all("the strict workflow")


def test_the_strict_workflow_as_written_works(desk: Newsroom) -> None:
    adopt_workflow(desk, WORKFLOW)
    desk.ok("assign", ARTICLE, "--translator", "tariq")
    desk.write_translation(ARTICLE)
    desk.ok("submit", ARTICLE, as_person="tariq")
    assert desk.meta(ARTICLE)["stage"] == "ready"


@pytest.mark.parametrize(("old", "new", "line", "expected"), [
    ("- metadata: [title, source.url]", "- metadata: 5", 18,
     "transitions[1] (submit): the gate metadata needs a list of front matter keys"),
    ("- metadata: [title, source.url]", "- metadata: title", 18,
     "transitions[1] (submit): the gate metadata needs a list of front matter keys"),
    ("gates: [translator-assigned]", "gates: [{translator-assigned: yes}]", 11,
     "transitions[0] (assign): the gate translator-assigned takes no argument"),
    ("gates: [translator-assigned]", "gates: translator-assigned", 11,
     "transitions[0] (assign): 'gates' must be a list"),
    ("gates: [translator-assigned]", "gates: [[translator-assigned]]", 11,
     "transitions[0] (assign): unknown gate ['translator-assigned']"),
    ("- metadata: [title, source.url]", "- body-edited-for: [typo]", 18,
     "transitions[1] (submit): the gate body-edited-for needs a list of correction types"),
    ("- metadata: [title, source.url]", "- checks: {glossary: true}", 18,
     "transitions[1] (submit): the gate checks needs a check rule id or a list of them"),
    ("effects: [freeze-translation]", "effects: [{freeze-translation: 1}]", 19,
     "transitions[1] (submit): unknown effect {'freeze-translation': 1} (effects take no "
     "argument)"),
    ("    role: editor\n", "    role: editor\n    four_eyes: 'no'\n", 11,
     "transitions[0] (assign): 'four_eyes' is true or false"),
])
def test_a_wrong_gate_or_effect_argument_is_a_configuration_error_with_its_line(
        desk: Newsroom, old: str, new: str, line: int, expected: str) -> None:
    assert old in WORKFLOW
    adopt_workflow(desk, WORKFLOW.replace(old, new, 1))
    refusal = desk.refuses("assign", ARTICLE, "--translator", "tariq", exit_code=2)
    assert refusal.startswith(f"editorial: error: workflows/strict.yaml:{line}: {expected}")


def test_every_gate_says_what_argument_it_takes() -> None:
    assert set(gates.ARGUMENTS) == set(gates.GATES)


# -- anchors and aliases ----------------------------------------------------------------

ALIAS_BOMB = "\n".join(
    [f"bomb0: &bomb0 [{', '.join(['lol'] * 10)}]"]
    + [f"bomb{level}: &bomb{level} [{', '.join([f'*bomb{level - 1}'] * 10)}]"
       for level in range(1, 10)]) + "\n"


def test_an_alias_bomb_in_front_matter_is_refused(desk: Newsroom) -> None:
    desk.edit_text(ARTICLE, lambda text: text.replace("---\n", "---\n" + ALIAS_BOMB, 1))
    result = desk.run("show", ARTICLE, "--json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (f"editorial: refused: {ARTICLE_PATH}:2: anchors and aliases are "
                             "not allowed in editorial's files (write each value out where "
                             "it is used)\n")


def test_an_alias_in_front_matter_is_refused_by_commands_and_check(desk: Newsroom) -> None:
    desk.edit_text(ARTICLE, lambda text: text.replace(
        "title: New water station opens in the east",
        "title: &title New water station opens in the east\nheadline: *title", 1))
    desk.commit_all("an alias")
    line = line_starting(desk.article_path(ARTICLE), "title:")
    refusal = desk.refuses("assign", ARTICLE, "--translator", "tariq")
    message = str(check_problem(desk, ARTICLE_PATH, line)["message"])
    assert message.startswith("anchors and aliases are not allowed in editorial's files")
    assert refusal == f"editorial: refused: {ARTICLE_PATH}:{line}: {message}"


def test_an_anchor_in_editorial_yaml_is_a_configuration_error(desk: Newsroom) -> None:
    config = desk.path("editorial.yaml")
    config.write_text(config.read_text(encoding="utf-8").replace(
        "target_language: en", "target_language: &language en"), encoding="utf-8")
    desk.commit_all("an anchor")
    refusal = desk.refuses("status", exit_code=2)
    assert refusal.startswith(
        f"editorial: error: editorial.yaml:{line_starting(config, 'target_language:')}: "
        "anchors and aliases are not allowed in editorial's files")


# -- the loader itself, with and without libyaml -----------------------------------------


@pytest.fixture(params=["libyaml", "pure"])
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if request.param == "pure":
        monkeypatch.setattr(yamlio, "SafeLoader", yamlio._PureLoader)
    else:
        assert yamlio.SafeLoader is not yamlio._PureLoader, "PyYAML is built without libyaml"


@pytest.mark.parametrize(("text", "expected"), [
    ("people:\n  dana: {roles: [editor]}\n  tariq: {}\n  dana: {roles: [publisher]}\n",
     "x.yaml:4: duplicate key 'dana' (the first is on line 2; keep one)"),
    ("- {stage: source, stage: ready}\n",
     "x.yaml:1: duplicate key 'stage' (the first is on line 1; keep one)"),
    ("a: 1\nb: &b [1]\nc: *b\n",
     "x.yaml:2: anchors and aliases are not allowed in editorial's files"),
    ("base: {a: 1}\nother:\n  <<: {a: 2}\n",
     "x.yaml:3: merge keys (<<) are not allowed in editorial's files"),
    ("title: x\nat: 2024-02-30\n", "x.yaml:2: '2024-02-30' is not a real date"),
])
def test_the_loader_refuses_with_the_line(loader: None, text: str, expected: str) -> None:
    with pytest.raises(InvalidDataError) as raised:
        yamlio.load(text, path="x.yaml")
    assert str(raised.value).startswith(expected)


def test_the_loader_reads_plain_yaml_as_before(loader: None) -> None:
    text = "title: Q&A *with* the mayor\nkeys: [a, b]\nnested: {a: 1, b: {a: 2}}\n"
    assert yamlio.load(text, path="x.yaml") == {
        "title": "Q&A *with* the mayor", "keys": ["a", "b"],
        "nested": {"a": 1, "b": {"a": 2}}}


def test_a_person_who_left_the_desk_can_be_replaced(newsroom: Newsroom) -> None:
    """An unknown person is check's finding, but not a state a command would misread: the
    desk replaces them with `assign`."""
    article_id = newsroom.new_article()
    newsroom.ok("assign", article_id, "--translator", "tariq")
    newsroom.edit(article_id, lambda document: document.meta.update(translator="departed"))
    assert "schema" in newsroom.rules_failing()
    newsroom.ok("assign", article_id, "--translator", "sami")
    assert newsroom.meta(article_id)["translator"] == "sami"
    assert "schema" not in newsroom.rules_failing()
