"""The CI integration: the workflow `editorial init --ci github` writes, the composite action
and the pre-commit hook, each checked with the real tool that consumes it."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from editorial import PROJECT_URL, __version__
from editorial.core.ci import (
    DEPENDABOT,
    GITHUB_WORKFLOW,
    JOB_TIMEOUT_MINUTES,
    UPLOAD_SARIF,
    default_requirement,
)
from testing.newsroom import Newsroom, git, make_newsroom, person_env

PROJECT = Path(__file__).resolve().parent.parent


def _tool(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), cwd=cwd, capture_output=True, text=True, check=False)


def _zizmor_findings(path: Path) -> list[dict[str, object]]:
    """zizmor's findings of medium severity or above, with every offline audit on."""
    result = _tool("zizmor", "--offline", "--persona", "auditor", "--min-severity", "medium",
                   "--format", "json", str(path))
    assert result.returncode in (0, 11, 12, 13, 14), result.stderr  # 1x: findings found
    findings = json.loads(result.stdout or "[]")
    assert isinstance(findings, list)
    return findings


def test_init_ci_github_writes_a_sound_workflow(tmp_path: Path) -> None:
    root = tmp_path / "desk"
    newsroom = Newsroom(root)
    result = newsroom.run("init", str(root), "--publication", "The Example Observer",
                          "--ci", "github")
    assert result.exit_code == 0, result.stderr
    workflow = root / GITHUB_WORKFLOW
    text = workflow.read_text()
    assert "editorial check --base origin/main --format github" in text
    assert "fetch-depth: 0" in text and "persist-credentials: false" in text
    assert "uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2" in text
    assert "permissions: {}" in text and "contents: read" in text
    run_lines = [line for line in text.splitlines() if line.strip().startswith("run:")]
    assert run_lines and not any("${{" in line for line in run_lines)
    assert git(root, "show", "--name-only", "--format=", "HEAD").split() == [
        *(f".editorial/schemas/{name}" for name in ("article.json", "editorial.yaml.json",
                                                    "glossary.json", "workflow.json")),
        ".gitattributes", ".github/dependabot.yml", ".github/workflows/editorial.yml",
        ".vscode/settings.json",
        "articles/.gitkeep", "editorial.yaml"]
    validated = _tool("check-jsonschema", "--builtin-schema", "vendor.github-workflows",
                      str(workflow))
    assert validated.returncode == 0, validated.stdout + validated.stderr
    assert _zizmor_findings(workflow) == []
    loaded = yaml.safe_load(text)
    assert all(job["timeout-minutes"] == JOB_TIMEOUT_MINUTES for job in loaded["jobs"].values())
    (install,) = [step for step in loaded["jobs"]["check"]["steps"]
                  if step.get("name") == "Install editorial"]
    assert install["env"]["EDITORIAL_REQUIREMENT"] == (
        f"editorial @ git+{PROJECT_URL}@v{__version__}")


def test_init_ci_github_keeps_the_pinned_actions_current_with_dependabot(
        newsroom: Newsroom) -> None:
    assert newsroom.run("init", str(newsroom.root), "--ci", "github").exit_code == 0
    dependabot = newsroom.path(*DEPENDABOT.parts)
    validated = _tool("check-jsonschema", "--builtin-schema", "vendor.dependabot",
                      str(dependabot))
    assert validated.returncode == 0, validated.stdout + validated.stderr
    assert _zizmor_findings(dependabot) == []
    (update,) = yaml.safe_load(dependabot.read_text())["updates"]
    assert update["package-ecosystem"] == "github-actions"
    assert update["schedule"] == {"interval": "weekly"}


def test_a_desks_own_dependabot_configuration_is_kept(newsroom: Newsroom) -> None:
    ours = newsroom.path(*DEPENDABOT.parts)
    ours.parent.mkdir(parents=True)
    ours.write_text("version: 2\nupdates: []\n")
    newsroom.git("add", "-A")
    newsroom.git("commit", "-qm", "our own dependabot")
    assert newsroom.run("init", str(newsroom.root), "--ci", "github").exit_code == 0
    assert ours.read_text() == "version: 2\nupdates: []\n"
    assert newsroom.git("show", "--name-only", "--format=", "HEAD").split() == [
        ".github/workflows/editorial.yml"]


@pytest.mark.slow  # installs editorial with pip, a minute or more
def test_the_default_install_resolves_from_a_git_repository_at_the_release_tag(
        tmp_path: Path) -> None:
    """The requirement the workflow installs, with this project's repository served from
    disk: pip finds the tag and builds editorial of this version from it."""
    source = _project_clone(tmp_path)
    git(source, "tag", f"v{__version__}")
    requirement = default_requirement(source.as_uri())
    assert requirement == f"editorial @ git+{source.as_uri()}@v{__version__}"
    downloaded = tmp_path / "downloaded"
    result = subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
         "--no-build-isolation", "--dest", str(downloaded), requirement],
        capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    (archive,) = downloaded.iterdir()
    assert archive.name.startswith(f"editorial-{__version__}")


def test_ci_sarif_adds_a_code_scanning_job_with_its_own_permission(newsroom: Newsroom) -> None:
    result = newsroom.run("init", str(newsroom.root), "--ci", "github", "--ci-sarif")
    assert result.exit_code == 0, result.stderr
    workflow = newsroom.path(*GITHUB_WORKFLOW.parts)
    validated = _tool("check-jsonschema", "--builtin-schema", "vendor.github-workflows",
                      str(workflow))
    assert validated.returncode == 0, validated.stdout + validated.stderr
    assert _zizmor_findings(workflow) == []
    loaded = yaml.safe_load(workflow.read_text())
    assert loaded["permissions"] == {}
    jobs = loaded["jobs"]
    assert jobs["check"]["permissions"] == {"contents": "read"}
    scanning = jobs["code-scanning"]
    assert scanning["permissions"] == {"contents": "read", "security-events": "write"}
    steps = scanning["steps"]
    assert "--format sarif > editorial.sarif" in steps[-2]["run"]
    upload = steps[-1]
    assert upload["uses"] == UPLOAD_SARIF.split(" #")[0]
    assert len(upload["uses"].split("@")[1]) == 40  # pinned to a commit
    assert upload["with"]["sarif_file"] == "editorial.sarif"


def test_the_composite_action_is_valid_and_clean() -> None:
    action = PROJECT / "action.yml"
    validated = _tool("check-jsonschema", "--builtin-schema", "vendor.github-actions",
                      str(action))
    assert validated.returncode == 0, validated.stdout + validated.stderr
    assert _zizmor_findings(action) == []
    for line in action.read_text().splitlines():
        if line.strip().startswith("run:"):
            assert "${{" not in line


def test_zizmor_would_catch_a_careless_workflow(tmp_path: Path) -> None:
    """The audit the tests rely on does find what it is meant to find."""
    careless = tmp_path / ".github" / "workflows" / "careless.yml"
    careless.parent.mkdir(parents=True)
    careless.write_text(
        "on: pull_request\njobs:\n  check:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n"
        "      - run: echo ${{ github.event.pull_request.title }}\n")
    audits = {finding["ident"] for finding in _zizmor_findings(careless)}
    assert {"template-injection", "unpinned-uses"} & audits


def test_init_ci_in_an_existing_newsroom_adds_only_the_workflow(newsroom: Newsroom) -> None:
    newsroom.new_article()
    newsroom.git("checkout", "-q", "-b", "trunk")
    (newsroom.root / "notes.txt").write_text("mine\n")
    before = newsroom.commit_count()
    result = newsroom.run("init", str(newsroom.root), "--ci", "github")
    assert result.exit_code == 0, result.stderr
    assert newsroom.commit_count() == before + 1
    assert newsroom.git("show", "--name-only", "--format=", "HEAD").split() == [
        ".github/dependabot.yml", ".github/workflows/editorial.yml"]
    text = newsroom.path(".github", "workflows", "editorial.yml").read_text()
    assert "branches: [trunk]" in text and "--base origin/trunk" in text
    # Both ways of telling who took a step are explained where the desk reads the workflow.
    assert "judged by trunk's editorial.yaml" in text
    assert "#   email   (the default)" in text and "#   signed  a signature" in text
    assert newsroom.git("status", "--porcelain").split() == ["??", "notes.txt"]
    again = newsroom.run("init", str(newsroom.root), "--ci", "github")
    assert again.exit_code == 0 and "nothing to change" in again.stderr
    assert newsroom.commit_count() == before + 1


def test_init_ci_refuses_to_overwrite_a_different_workflow(newsroom: Newsroom) -> None:
    workflow = newsroom.path(".github", "workflows", "editorial.yml")
    workflow.parent.mkdir(parents=True)
    workflow.write_text("name: ours\n")
    before = newsroom.snapshot()
    result = newsroom.run("init", str(newsroom.root), "--ci", "github")
    assert result.exit_code == 1
    assert "already exists and differs" in result.stderr
    assert newsroom.snapshot() == before


def test_init_without_publication_in_a_new_folder_is_a_usage_error(tmp_path: Path) -> None:
    newsroom = Newsroom(tmp_path / "empty")
    result = newsroom.run("init", str(tmp_path / "empty"))
    assert result.exit_code == 2
    assert "--publication" in result.stderr
    assert not (tmp_path / "empty" / "editorial.yaml").exists()


def _project_clone(tmp_path: Path) -> Path:
    """This project as it is in the work tree, committed into a repository of its own."""
    clone = tmp_path / "editorial-src"
    ignore = shutil.ignore_patterns(".git", ".venv", "__pycache__", "*.egg-info",
                                    ".mypy_cache", ".ruff_cache", ".pytest_cache")
    shutil.copytree(PROJECT, clone, ignore=ignore)
    git(clone, "init", "-q")
    git(clone, "add", "-A")
    git(clone, "commit", "-q", "-m", "editorial at test time", env=person_env("dana"))
    return clone


@pytest.mark.slow  # pre-commit installs editorial into an environment of its own
def test_the_pre_commit_hook_runs_through_pre_commit(tmp_path: Path) -> None:
    source = _project_clone(tmp_path)
    newsroom = make_newsroom(tmp_path)
    article_id = newsroom.new_article()
    newsroom.advance_to(article_id, "editing")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache")}

    def try_repo() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["pre-commit", "try-repo", str(source), "editorial-check", "--all-files"],
            cwd=newsroom.root, capture_output=True, text=True, env=env, check=False,
            timeout=540)

    clean = try_repo()
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "editorial check" in clean.stdout and "Passed" in clean.stdout
    newsroom.edit_text(article_id, lambda text: text.replace(
        "The mayor said", "<<<<<<< HEAD\nThe mayor said\n=======\nhe said\n>>>>>>> x\n", 1))
    broken = try_repo()
    assert broken.returncode == 1
    assert "Failed" in broken.stdout
    assert "conflict-markers" in broken.stdout
    assert "unresolved merge conflict" in broken.stdout


# A glossary entry the sample translation does not follow: it says "station".
BREAKING_GLOSSARY = "terms:\n  - source: محطة\n    target: plant\n"
HARMLESS_GLOSSARY = "terms:\n  - source: محطة\n    target: station\n"


def _staged_desk(tmp_path: Path) -> tuple[Newsroom, str, str]:
    """A newsroom with a published article and one in editing, both translated."""
    newsroom = make_newsroom(tmp_path)
    published = newsroom.new_article()
    newsroom.advance_to(published, "published")
    editing = newsroom.new_article(article_id="pump-repairs")
    newsroom.advance_to(editing, "editing")
    return newsroom, published, editing


def _silent_edit(newsroom: Newsroom, article_id: str) -> None:
    newsroom.edit_text(article_id, lambda text: text.replace("12000 families",
                                                             "12,000 households"))
    newsroom.git("add", "-A")


def test_staged_checks_articles_against_head_and_the_whole_desk_on_a_config_change(
        tmp_path: Path) -> None:
    newsroom, published, editing = _staged_desk(tmp_path)
    _silent_edit(newsroom, published)
    # Absolute, as the test runs elsewhere; pre-commit gives paths from the top.
    article = str(newsroom.article_path(published))
    plain = newsroom.check(article)
    assert plain.exit_code == 0  # without a base, an edit of a published text is invisible
    staged = newsroom.check("--staged", article, "--format", "json")
    assert staged.exit_code == 1
    assert {p["rule"] for p in json.loads(staged.stdout)["problems"]} == {"silent-edit"}
    newsroom.git("reset", "-q", "--hard")
    glossary = newsroom.path("glossary.yaml")
    glossary.write_text(BREAKING_GLOSSARY, encoding="utf-8")
    newsroom.git("add", "glossary.yaml")
    code, problems = newsroom.check_json("--staged", str(glossary))
    assert code == 1
    # Every article is judged by the new glossary, and an uncommitted change to the
    # configuration is not an error of governance before the commit exists.
    assert {(p["rule"], p["path"]) for p in problems} == {
        ("glossary", f"articles/{editing}/article.md"),
        ("glossary", f"articles/{published}/article.md")}
    # A glossary given to a plain check stands for every article too, as editorial.yaml does.
    assert "in 2 articles" in newsroom.check(str(glossary)).stderr
    glossary.write_text(HARMLESS_GLOSSARY, encoding="utf-8")
    assert newsroom.check("--staged", str(glossary)).exit_code == 0
    assert newsroom.check("--staged", "--base", "HEAD").exit_code == 2


@pytest.mark.slow  # pre-commit installs editorial into an environment of its own
def test_the_pre_commit_hook_stops_commits_that_break_articles(tmp_path: Path) -> None:
    """Installed with `pre-commit install` from this project, as a desk would: a glossary
    change that breaks an article, and a silent edit of a published one, fail `git commit`;
    a harmless glossary change is committed."""
    source = _project_clone(tmp_path)
    newsroom, published, editing = _staged_desk(tmp_path)
    env = {**os.environ, **person_env("dana"),
           "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache")}
    revision = git(source, "rev-parse", "HEAD").strip()
    newsroom.path(".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {source}\n    rev: {revision}\n    hooks:\n"
        "      - id: editorial-check\n")
    newsroom.git("add", ".pre-commit-config.yaml")
    newsroom.git("commit", "-qm", "run editorial check before each commit")
    installed = _tool("pre-commit", "install", cwd=newsroom.root)
    assert installed.returncode == 0, installed.stdout + installed.stderr

    def commit(message: str) -> tuple[int, str]:
        done = subprocess.run(["git", "commit", "-m", message], cwd=newsroom.root,
                              capture_output=True, text=True, env=env, check=False,
                              timeout=540)
        return done.returncode, done.stdout + done.stderr

    glossary = newsroom.path("glossary.yaml")
    glossary.write_text(HARMLESS_GLOSSARY, encoding="utf-8")
    newsroom.git("add", "glossary.yaml")
    code, output = commit("the desk's glossary")
    assert code == 0, output
    assert "editorial check" in output and "Passed" in output
    head = newsroom.git("rev-parse", "HEAD")

    glossary.write_text(BREAKING_GLOSSARY, encoding="utf-8")
    newsroom.git("add", "glossary.yaml")
    code, output = commit("call it a plant")
    assert code == 1, output
    assert "Failed" in output and "glossary" in output
    assert f"articles/{editing}/article.md" in output
    assert newsroom.git("rev-parse", "HEAD") == head
    newsroom.git("reset", "-q", "--hard")

    _silent_edit(newsroom, published)
    code, output = commit("wording")
    assert code == 1, output
    assert "silent-edit" in output
    assert newsroom.git("rev-parse", "HEAD") == head


def test_init_ci_github_dashboard_writes_a_sound_pages_workflow(newsroom: Newsroom) -> None:
    before = newsroom.commit_count()
    result = newsroom.run("init", str(newsroom.root), "--ci", "github", "--dashboard")
    assert result.exit_code == 0, result.stderr
    assert "turn on GitHub Pages" in result.stderr
    assert newsroom.commit_count() == before + 1
    assert newsroom.git("show", "--name-only", "--format=", "HEAD").split() == [
        ".github/dependabot.yml", ".github/workflows/editorial-dashboard.yml",
        ".github/workflows/editorial.yml"]
    workflow = newsroom.path(".github", "workflows", "editorial-dashboard.yml")
    document = yaml.safe_load(workflow.read_text())
    assert document["permissions"] == {}
    build, deploy = document["jobs"]["build"], document["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert build["timeout-minutes"] and deploy["timeout-minutes"]
    runs = [step["run"] for step in build["steps"] if "run" in step]
    assert "editorial report --html _site" in runs and not any("${{" in run for run in runs)
    uses = [step["uses"] for job in (build, deploy) for step in job["steps"] if "uses" in step]
    assert all(re.fullmatch(r"[\w./-]+@[0-9a-f]{40}", action) for action in uses), uses
    assert {"path": "_site"} in [step.get("with") for step in build["steps"]]
    validated = _tool("check-jsonschema", "--builtin-schema", "vendor.github-workflows",
                      str(workflow))
    assert validated.returncode == 0, validated.stdout + validated.stderr
    assert _zizmor_findings(workflow) == []
    again = newsroom.run("init", str(newsroom.root), "--ci", "github", "--dashboard")
    assert again.exit_code == 0 and "nothing to change" in again.stderr


def test_the_dashboard_needs_github_ci(newsroom: Newsroom) -> None:
    line = newsroom.refuses("init", str(newsroom.root), "--dashboard", exit_code=2)
    assert "--ci github" in line
