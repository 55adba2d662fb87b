"""`editorial init --ci gitlab`: the merge request pipeline, validated with check-jsonschema's
copy of GitLab's CI schema and read back to assert what each key does."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import yaml

from editorial.core.ci import GITLAB_CI, GITLAB_REPORT
from testing.newsroom import Newsroom


def _valid(path: Path, schema: str) -> None:
    validated = subprocess.run(["check-jsonschema", "--builtin-schema", schema, str(path)],
                               capture_output=True, text=True, check=False)
    assert validated.returncode == 0, validated.stdout + validated.stderr


def _load(path: Path) -> dict[str, Any]:
    loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def test_init_ci_gitlab_writes_a_merge_request_job_with_a_code_quality_report(
        tmp_path: Path) -> None:
    root = tmp_path / "desk"
    newsroom = Newsroom(root)
    result = newsroom.run("init", str(root), "--publication", "The Example Observer",
                          "--ci", "gitlab", "--base-branch", "trunk")
    assert result.exit_code == 0, result.stderr
    assert "merge requests to trunk" in result.stderr
    pipeline = root / GITLAB_CI
    _valid(pipeline, "vendor.gitlab-ci")
    (job,) = _load(pipeline).values()
    assert job["timeout"] == "15 minutes"
    # Only merge request pipelines, and only those into the configured branch.
    assert job["rules"] == [
        {"if": '$CI_PIPELINE_SOURCE != "merge_request_event"', "when": "never"},
        {"if": '$CI_MERGE_REQUEST_TARGET_BRANCH_NAME == "trunk"'}]
    assert job["variables"]["GIT_DEPTH"] == "0"
    install, check = job["script"]
    assert install == 'python -m pip install "$EDITORIAL_REQUIREMENT"'
    assert check == ('editorial check --base "$CI_MERGE_REQUEST_DIFF_BASE_SHA" '
                     f"--format gitlab > {GITLAB_REPORT}")
    assert job["artifacts"]["when"] == "always"
    assert job["artifacts"]["reports"] == {"codequality": GITLAB_REPORT}
    assert newsroom.git("show", "--name-only", "--format=", "HEAD").split() == [
        *(f".editorial/schemas/{name}" for name in ("article.json", "editorial.yaml.json",
                                                    "glossary.json", "workflow.json")),
        ".gitattributes", ".gitlab-ci.yml", ".vscode/settings.json", "articles/.gitkeep",
        "editorial.yaml"]


def test_init_ci_gitlab_in_an_existing_newsroom_and_its_refusal(newsroom: Newsroom) -> None:
    before = newsroom.commit_count()
    assert newsroom.run("init", str(newsroom.root), "--ci", "gitlab").exit_code == 0
    assert newsroom.commit_count() == before + 1
    assert newsroom.git("show", "--name-only", "--format=", "HEAD").split() == [
        ".gitlab-ci.yml"]
    newsroom.path(".gitlab-ci.yml").write_text("stages: [ours]\n")
    newsroom.git("commit", "-qam", "our own pipeline")
    snapshot = newsroom.snapshot()
    refused = newsroom.run("init", str(newsroom.root), "--ci", "gitlab")
    assert refused.exit_code == 1 and "already exists and differs" in refused.stderr
    assert newsroom.snapshot() == snapshot


def test_ci_sarif_needs_github(newsroom: Newsroom) -> None:
    snapshot = newsroom.snapshot()
    result = newsroom.run("init", str(newsroom.root), "--ci", "gitlab", "--ci-sarif")
    assert result.exit_code == 2 and "--ci-sarif goes with --ci github" in result.stderr
    assert newsroom.snapshot() == snapshot
