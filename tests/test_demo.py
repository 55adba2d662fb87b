"""`editorial demo`: a sample newsroom in every stage, made by the desk's own actions."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from editorial.cli.main import cli
from editorial.core import effects, gates
from editorial.core.workflow import builtin_dir, load_workflow


@pytest.mark.slow
def test_demo_builds_a_newsroom_in_every_stage(tmp_path: Path) -> None:
    target = tmp_path / "demo"
    result = CliRunner().invoke(cli, ["demo", str(target)], catch_exceptions=False)
    assert result.exit_code == 0, result.output

    workflow = load_workflow(builtin_dir() / "translation.yaml", gate_arguments=gates.ARGUMENTS,
                             effect_names=effects.EFFECTS)
    for stage in workflow.stages:
        assert f" {stage} " in result.stdout, stage

    listing = CliRunner().invoke(cli, ["--repo", str(target), "status", "--all", "--json"])
    articles = json.loads(listing.stdout)["articles"]
    assert len(articles) >= 8
    assert {article["stage"] for article in articles} == set(workflow.stages)
    # The command the demo suggests works: its prefix names one article.
    suggested = result.stderr.strip().splitlines()[-1].split(" show ")[1]
    shown = CliRunner().invoke(cli, ["--repo", str(target), "--as", "omar", "show", suggested])
    assert shown.exit_code == 0, shown.output

    log = subprocess.run(["git", "log", "--format=%ae|%s"], cwd=target, capture_output=True,
                         text=True, check=True).stdout.splitlines()
    authors = {line.split("|")[0] for line in log}
    assert len(authors) >= 4, authors
    assert any("return:" in line for line in log)
    # Translators submit, editors approve, the publisher publishes: the roles are real.
    for line in log:
        email, subject = line.split("|", 1)
        if subject.startswith("submit:"):
            assert email.split("@")[0] in {"tariq", "leila", "yusuf"}
        if subject.startswith("publish:"):
            assert email == "dana@example.org"
    assert subprocess.run(["git", "status", "--porcelain"], cwd=target, capture_output=True,
                          text=True, check=True).stdout == ""

    sources = [(target / "articles" / a["id"] / "source.md").read_text() for a in articles]
    assert sum(any("\u0600" <= char <= "\u06ff" for char in text) for text in sources) >= 5


def test_demo_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine\n")
    result = CliRunner().invoke(cli, ["demo", str(tmp_path)])
    assert result.exit_code == 1
    assert "not empty" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]
