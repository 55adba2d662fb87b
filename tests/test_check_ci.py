"""The CI integration: the workflow `editorial init --ci github` writes, the composite action
and the pre-commit hook, each checked with the real tool that consumes it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from editorial.core.ci import GITHUB_WORKFLOW
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
        ".gitattributes", ".github/workflows/editorial.yml", ".vscode/settings.json",
        "articles/.gitkeep", "editorial.yaml"]
    validated = _tool("check-jsonschema", "--builtin-schema", "vendor.github-workflows",
                      str(workflow))
    assert validated.returncode == 0, validated.stdout + validated.stderr
    assert _zizmor_findings(workflow) == []


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
        ".github/workflows/editorial.yml"]
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
