"""What `editorial check` prints and how it exits: text, json, GitHub annotations and job
summary, configured severities, and shallow clones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from editorial.core.checks.base import Problem
from editorial.render.problems import annotation, escape_data, escape_property, markdown_text
from testing.newsroom import Newsroom, git


def _set_rules(newsroom: Newsroom, rules: str) -> None:
    config = newsroom.path("editorial.yaml")
    config.write_text(config.read_text() + rules)


def _conflicts(count: int) -> str:
    return "".join(f"<<<<<<< ours\nline {n}\n=======\nother {n}\n>>>>>>> theirs\n"
                   for n in range(count))


def test_json_has_exactly_the_contract_shape(newsroom: Newsroom) -> None:
    article_id = newsroom.new_article()
    newsroom.edit_text(article_id, lambda text: text + _conflicts(1), name="source.md")
    result = newsroom.check("--format", "json")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert list(document) == ["problems"]
    (problem,) = document["problems"]
    assert {"path", "line", "rule", "severity", "message"} <= set(problem)
    assert problem["path"] == "articles/water-station/source.md"
    assert problem["severity"] == "error" and problem["rule"] == "conflict-markers"
    assert result.stderr.strip() == "editorial check: 1 error in 1 article"


def test_text_groups_problems_by_file(newsroom: Newsroom) -> None:
    article_id = newsroom.new_article()
    newsroom.edit_text(article_id, lambda text: text + _conflicts(2), name="source.md")
    newsroom.edit(article_id, lambda document: document.meta.update(id="elsewhere"))
    result = newsroom.check()
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines.count("articles/water-station/source.md") == 1
    assert lines.count("articles/water-station/article.md") == 1
    assert sum("conflict-markers" in line for line in lines) == 2
    assert "Traceback" not in result.output


def test_severities_from_editorial_yaml_and_strict(newsroom: Newsroom) -> None:
    article_id = newsroom.new_article()
    newsroom.edit_text(article_id, lambda text: text + _conflicts(1), name="source.md")
    _set_rules(newsroom, "rules:\n  conflict-markers: warning\n")
    result = newsroom.check()
    assert result.exit_code == 0
    assert "warning" in result.stdout
    assert result.stderr.strip() == "editorial check: 1 warning in 1 article"
    assert newsroom.check("--strict").exit_code == 1
    # A bare `off` is YAML 1.1's false: it turns the rule off all the same.
    _set_rules(newsroom, "  id: off\n")
    newsroom.edit(article_id, lambda document: document.meta.update(id="elsewhere"))
    assert newsroom.check().exit_code == 0


@pytest.mark.parametrize(("rules", "wanted"), [
    ("rules:\n  no-such-rule: error\n", "unknown rule 'no-such-rule'"),
    ("rules:\n  schema: fatal\n", "'fatal' is not one of ['error', 'warning', 'off']"),
])
# With --base, the setting is checked while git reads the history in the background.
@pytest.mark.parametrize("scope", [(), ("--base", "HEAD~1")])
def test_bad_rules_setting_is_a_configuration_error(newsroom: Newsroom, rules: str,
                                                    wanted: str, scope: tuple[str, ...]) -> None:
    newsroom.new_article()
    _set_rules(newsroom, rules)
    line = len(newsroom.path("editorial.yaml").read_text().splitlines())
    result = newsroom.check(*scope)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"editorial.yaml:{line}: " in result.stderr and wanted in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_annotation_escaping() -> None:
    assert escape_data("100% sure\r\nnext") == "100%25 sure%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    # The file stays exact for GitHub to find it; the message's control characters are
    # written out, as in every other format.
    problem = Problem("articles/a,b\n/article.md", 7, "schema", "warning", "x: 50%, then\ny", 3)
    assert annotation(problem) == ("::warning file=articles/a%2Cb%0A/article.md,line=7,col=3,"
                                   "title=editorial check (schema)::x: 50%25, then\\ny")


@pytest.mark.slow  # builds 34 findings through the commands
def test_github_format_worst_first_capped_with_summary(newsroom: Newsroom,
                                                      tmp_path: Path) -> None:
    # 23 errors (conflict markers in two articles) and 11 warnings (ids set to warning).
    newsroom.new_article(article_id="alpha")
    newsroom.new_article(article_id="beta")
    newsroom.edit_text("alpha", lambda text: text + _conflicts(12), name="source.md")
    newsroom.edit_text("beta", lambda text: text + _conflicts(11), name="translation.md")
    for number in range(11):
        other = newsroom.new_article(article_id=f"gamma-{number}")
        newsroom.edit(other, lambda document: document.meta.update(id="wrong"))
    # Only the conflict markers and the ids count here: the quality rules would also read
    # the translation the markers were appended to.
    _set_rules(newsroom, "rules:\n  id: warning\n  numbers: off\n  extra-numbers: off\n"
                         "  omission: off\n")
    summary = tmp_path / "summary.md"
    summary.write_text("# earlier step\n")
    result = newsroom.check("--format", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 1
    _, problems = newsroom.check_json()
    errors = [p for p in problems if p["severity"] == "error"]
    warnings = [p for p in problems if p["severity"] == "warning"]
    # 23 errors and 11 warnings from these rules; the translation rules may add more.
    assert len(errors) >= 23 and len(warnings) >= 11
    assert problems == errors + warnings  # worst first
    left_out = len(errors) + len(warnings) - 20

    def expected(problem: dict[str, object]) -> str:
        return (f"::{problem['severity']} file={problem['path']},line={problem['line']},"
                f"title=editorial check ({problem['rule']})::"
                + escape_data(str(problem["message"])))

    lines = result.stdout.splitlines()
    assert lines[:10] == [expected(p) for p in errors[:10]]
    assert lines[10:20] == [expected(p) for p in warnings[:10]]
    assert lines[20:] == [f"::notice title=editorial check::{left_out} more problems not annotated "
                          "(GitHub shows 10 errors and 10 warnings per step); the job summary "
                          "lists them all"]
    assert errors[0]["path"] == "articles/alpha/source.md"  # worst first, then by file
    text = summary.read_text()
    assert text.startswith("# earlier step\n## editorial check\n")
    headline = f"{len(errors)} errors and {len(warnings)} warnings in 13 articles"
    assert headline in text
    rows = [line for line in text.splitlines() if line.startswith("| error")
            or line.startswith("| warning")]
    assert len(rows) == len(problems)
    assert rows[0] == (f"| error | {markdown_text('articles/alpha/source.md')} "
                       f"| {errors[0]['line']} | conflict-markers "
                       f"| {markdown_text(str(errors[0]['message']))} |")
    assert result.stderr.strip() == f"editorial check: {headline}"


def test_github_format_reports_a_configuration_error_as_an_annotation(
        newsroom: Newsroom) -> None:
    _set_rules(newsroom, "rules:\n  nope: error\n")
    result = newsroom.check("--format", "github")
    assert result.exit_code == 2
    line = len(newsroom.path("editorial.yaml").read_text().splitlines())
    assert result.stdout.startswith(f"::error file=editorial.yaml,line={line},"
                                    "title=editorial check::rules: unknown rule 'nope'")


def test_nothing_changed_since_the_base_is_said(newsroom: Newsroom) -> None:
    newsroom.new_article()
    result = newsroom.check("--base", "HEAD")
    assert result.exit_code == 0
    assert "no article changed since HEAD" in result.stderr


def test_uncommitted_and_new_articles_are_part_of_the_change(newsroom: Newsroom) -> None:
    newsroom.branch("work")
    article_id = newsroom.new_article()  # committed
    newsroom.new_article(article_id="draft-only", extra=())
    newsroom.git("reset", "-q", "--soft", "HEAD~1")  # draft-only staged, not committed
    newsroom.edit_text(article_id, lambda text: text + _conflicts(1), name="source.md")
    code, problems = newsroom.check_json("--base", "main", "--no-authorship")
    assert code == 1
    assert [p["path"] for p in problems] == ["articles/water-station/source.md"]
    result = newsroom.check("--base", "main", "--no-authorship")
    assert "in 2 articles changed since main" in result.stderr


def _branch_with_uncommitted_work(newsroom: Newsroom) -> None:
    """A branch whose one commit is clean, with broken uncommitted work beside it: a staged
    new article and an unstaged edit of the committed one."""
    newsroom.branch("work")
    newsroom.new_article()  # committed
    newsroom.new_article(article_id="draft-only")
    newsroom.git("reset", "-q", "--soft", "HEAD~1")
    newsroom.edit_text("draft-only", lambda text: text + _conflicts(1), name="source.md")


def test_committed_only_leaves_uncommitted_work_out(newsroom: Newsroom) -> None:
    _branch_with_uncommitted_work(newsroom)
    staged = newsroom.git("diff", "--cached", "--name-only").split()
    unstaged = newsroom.git("diff", "--name-only").split()
    assert staged and all(path.startswith("articles/draft-only/") for path in staged)
    assert unstaged == ["articles/draft-only/source.md"]
    code, problems = newsroom.check_json("--base", "main", "--no-authorship")
    assert code == 1
    assert {p["path"] for p in problems} == {"articles/draft-only/source.md"}
    code, problems = newsroom.check_json("--base", "main", "--no-authorship",
                                         "--committed-only")
    assert (code, problems) == (0, [])
    result = newsroom.check("--base", "main", "--no-authorship", "--committed-only")
    assert "no problems in 1 article changed since main" in result.stderr


@pytest.mark.parametrize(("ci", "uncommitted_seen"), [
    ("true", False), ("1", False), ("false", True), ("0", True), ("", True)])
def test_the_ci_variable_makes_committed_only_the_default(
        newsroom: Newsroom, monkeypatch: pytest.MonkeyPatch, ci: str,
        uncommitted_seen: bool) -> None:
    _branch_with_uncommitted_work(newsroom)
    monkeypatch.setenv("CI", ci)
    code, _ = newsroom.check_json("--base", "main", "--no-authorship")
    assert code == (1 if uncommitted_seen else 0)
    # Asked for, uncommitted work is looked at in CI too.
    code, _ = newsroom.check_json("--base", "main", "--no-authorship", "--with-uncommitted")
    assert code == 1


def _feature_branch(newsroom: Newsroom) -> None:
    article_id = newsroom.new_article()
    newsroom.branch("feature")
    newsroom.ok("assign", article_id, "--translator", "tariq")


@pytest.mark.parametrize("clone_args", [
    ["--branch", "feature"],                        # only the pull request's branch
    ["--branch", "feature", "--no-single-branch"],  # every branch, one commit deep
])
def test_shallow_clone_says_what_to_do(newsroom: Newsroom, tmp_path: Path,
                                       clone_args: list[str]) -> None:
    _feature_branch(newsroom)
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", *clone_args, f"file://{newsroom.root}",
        str(clone))
    shallow = Newsroom(clone, newsroom.runner)
    result = shallow.check("--base", "origin/main")
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert "shallow clone" in lines[0]
    assert "fetch-depth: 0" in lines[0] and "git fetch --unshallow origin main" in lines[0]
    assert "Traceback" not in result.output
    # Fetching the history as told makes the check work.
    git(clone, "fetch", "-q", "--unshallow", "origin", "main")
    git(clone, "fetch", "-q", "origin", "main:refs/remotes/origin/main")
    fixed = shallow.check("--base", "origin/main")
    assert fixed.exit_code == 0, fixed.stderr
    assert "1 article changed since origin/main" in fixed.stderr


def test_unknown_base_in_a_full_clone(newsroom: Newsroom) -> None:
    newsroom.new_article()
    result = newsroom.check("--base", "origin/nowhere")
    assert result.exit_code == 2
    assert "the base 'origin/nowhere' is not in this clone" in result.stderr
    assert "git fetch origin nowhere" in result.stderr
