"""`editorial check --format sarif|gitlab|rdjson`: the reports CI services read, validated
against the official schemas where there is one (tests/schemas/README.md says where each
came from) and against the documented fields where there is none."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from editorial import PROJECT_URL, __version__
from editorial.core.checks import load_rules
from editorial.core.checks.base import Problem
from editorial.render.jsonout import dumps
from editorial.render.reports import gitlab_issues, rdjson_document, sarif_document
from testing.newsroom import Newsroom

SCHEMAS = Path(__file__).resolve().parent / "schemas"
CONFLICT = "<<<<<<< ours\nline\n=======\nother\n>>>>>>> theirs\n"


def _schema(name: str) -> dict[str, Any]:
    loaded = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def _validate(document: object, schema_name: str) -> None:
    schema = _schema(schema_name)
    validator = jsonschema.validators.validator_for(schema)
    validator.check_schema(schema)
    validator(schema).validate(document)


def _broken(newsroom: Newsroom) -> str:
    """An article whose source holds conflict markers: an error of a rule with a line."""
    article_id = newsroom.new_article()
    newsroom.edit_text(article_id, lambda text: text + CONFLICT, name="source.md")
    return article_id


def _report(newsroom: Newsroom, output_format: str) -> tuple[int, Any]:
    result = newsroom.check("--format", output_format)
    return result.exit_code, json.loads(result.stdout)


def test_sarif_validates_against_the_official_schema_and_names_every_rule(
        newsroom: Newsroom) -> None:
    _broken(newsroom)
    code, document = _report(newsroom, "sarif")
    assert code == 1
    _validate(document, "sarif-schema-2.1.0.json")
    assert document["version"] == "2.1.0"
    (run,) = document["runs"]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"], driver["informationUri"]) == (
        "editorial", __version__, PROJECT_URL)
    rules = load_rules()
    assert [rule["id"] for rule in driver["rules"]] == sorted(rules)
    assert all(rule["shortDescription"]["text"] == rules[rule["id"]].summary
               for rule in driver["rules"])
    (result,) = [r for r in run["results"] if r["ruleId"] == "conflict-markers"]
    assert result["level"] == "error"
    assert driver["rules"][result["ruleIndex"]]["id"] == "conflict-markers"
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "articles/water-station/source.md",
                                            "uriBaseId": "SRCROOT"}
    source = newsroom.path("articles", "water-station", "source.md").read_text()
    assert location["region"]["startLine"] == source.splitlines().index("<<<<<<< ours") + 1
    assert "unresolved merge conflict" in result["message"]["text"]


def test_sarif_fingerprints_survive_lines_moving(newsroom: Newsroom) -> None:
    article_id = _broken(newsroom)
    _, before = _report(newsroom, "sarif")
    newsroom.edit_text(article_id, lambda text: text.replace(CONFLICT, "\n\n" + CONFLICT),
                       name="source.md")
    _, after = _report(newsroom, "sarif")

    def prints(document: Any) -> list[tuple[int, str]]:
        return [(r["locations"][0]["physicalLocation"]["region"]["startLine"],
                 r["partialFingerprints"]["editorial/v1"]) for r in document["runs"][0]["results"]]

    (old_line, old_print), = prints(before)
    (new_line, new_print), = prints(after)
    assert new_line == old_line + 2 and new_print == old_print


def test_a_clean_newsroom_is_an_empty_valid_report_in_every_format(newsroom: Newsroom) -> None:
    newsroom.new_article()
    sarif_code, sarif = _report(newsroom, "sarif")
    assert sarif_code == 0 and sarif["runs"][0]["results"] == []
    _validate(sarif, "sarif-schema-2.1.0.json")
    assert _report(newsroom, "gitlab") == (0, [])
    rdjson_code, rdjson = _report(newsroom, "rdjson")
    assert rdjson_code == 0 and rdjson["diagnostics"] == []
    _validate(rdjson, "reviewdog-DiagnosticResult.json")


def test_gitlab_code_quality_has_the_documented_fields(newsroom: Newsroom) -> None:
    _broken(newsroom)
    code, issues = _report(newsroom, "gitlab")
    assert code == 1
    assert isinstance(issues, list) and issues
    for issue in issues:
        # GitLab's documented required fields, with its severity words.
        assert isinstance(issue["description"], str) and issue["description"]
        assert isinstance(issue["check_name"], str) and isinstance(issue["fingerprint"], str)
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert isinstance(issue["location"]["path"], str)
        assert isinstance(issue["location"]["lines"]["begin"], int)
        assert issue["location"]["lines"]["begin"] >= 1
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)
    (conflict,) = [i for i in issues if i["check_name"] == "conflict-markers"]
    assert conflict["severity"] == "major"
    assert conflict["location"]["path"] == "articles/water-station/source.md"


def test_rdjson_validates_against_reviewdogs_schema(newsroom: Newsroom) -> None:
    _broken(newsroom)
    config = newsroom.path("editorial.yaml")
    config.write_text(config.read_text() + "rules:\n  conflict-markers: warning\n")
    code, document = _report(newsroom, "rdjson")
    assert code == 0  # warnings only: the exit code policy is the same in every format
    _validate(document, "reviewdog-DiagnosticResult.json")
    (diagnostic,) = [d for d in document["diagnostics"]
                     if d["code"]["value"] == "conflict-markers"]
    assert diagnostic["severity"] == "WARNING"
    assert diagnostic["location"]["path"] == "articles/water-station/source.md"
    assert diagnostic["location"]["range"]["start"]["line"] >= 1
    assert document["source"] == {"name": "editorial", "url": PROJECT_URL}
    assert newsroom.check("--format", "rdjson", "--strict").exit_code == 1


@pytest.mark.parametrize("output_format", ["sarif", "gitlab", "rdjson"])
def test_hostile_text_arrives_exactly_and_cannot_act_on_a_log(output_format: str) -> None:
    """A path and a message written by a pull request: JSON's escaping only, so a consumer
    reads the very text, and no line of the output is a workflow command."""
    message = "bad \x1b[31mred\x1b[0m\n::error::forged ##[warning]x <b>&amp;</b>"
    problems = [Problem("articles/نص غريب/article.md", None, "id", "error", message),
                Problem("articles/نص غريب/article.md", 3, "id", "warning", message)]
    document: object
    if output_format == "sarif":
        document = sarif_document(problems, load_rules().values(), "desk/")
        _validate(document, "sarif-schema-2.1.0.json")
    elif output_format == "gitlab":
        document = gitlab_issues(problems, "desk/")
    else:
        document = rdjson_document(problems, "desk/")
        _validate(document, "reviewdog-DiagnosticResult.json")
    printed = dumps(document)
    assert "\x1b" not in printed and "##[" not in printed
    assert not any(line.lstrip().startswith("::") for line in printed.splitlines())
    text = json.dumps(json.loads(printed), ensure_ascii=False)
    assert json.dumps(message, ensure_ascii=False) in text
    if output_format == "sarif":
        uri = json.loads(printed)["runs"][0]["results"][0]["locations"][0][
            "physicalLocation"]["artifactLocation"]["uri"]
        assert uri == "desk/articles/%D9%86%D8%B5%20%D8%BA%D8%B1%D9%8A%D8%A8/article.md"
    else:
        assert "desk/articles/نص غريب/article.md" in text
