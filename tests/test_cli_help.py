"""The command line's help and version: fast, and a description for every command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from editorial import __version__
from editorial.cli.main import COMMANDS, cli
from testing.newsroom import Newsroom

ROOT = Path(__file__).resolve().parent.parent

# Runs editorial's entry point with ARGS and reports which heavy modules it imported.
PROBE = """
import json, sys
from editorial.cli.entry import main
sys.argv = ["editorial", *json.loads(sys.argv[1])]
code = 0
try:
    main()
except SystemExit as done:
    code = done.code
loaded = sorted(sys.modules)
print(json.dumps({"code": code, "loaded": loaded}), file=sys.stderr)
"""


def imported_by(*args: str) -> tuple[int, set[str], str]:
    completed = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args)], cwd=ROOT,
                               capture_output=True, text=True, check=True)
    report = json.loads(completed.stderr.strip().splitlines()[-1])
    return report["code"], set(report["loaded"]), completed.stdout


def test_version_loads_neither_gitpython_nor_rich() -> None:
    code, loaded, stdout = imported_by("--version")
    assert code == 0
    assert stdout == f"editorial {__version__}\n"
    assert "git" not in loaded
    assert "rich" not in loaded
    assert "editorial" in loaded  # the probe did run editorial


def test_help_loads_neither_gitpython_nor_rich() -> None:
    code, loaded, stdout = imported_by("--help")
    assert code == 0
    assert "Usage: editorial" in stdout
    assert "git" not in loaded
    assert "rich" not in loaded
    for name in COMMANDS:
        assert f"  {name} " in stdout


def test_the_probe_sees_what_a_command_imports(newsroom: Newsroom) -> None:
    # Without this, a probe that saw no imports at all would pass the tests above.
    newsroom.new_article()
    code, loaded, stdout = imported_by("--repo", str(newsroom.root), "status")
    assert code == 0
    assert "water-station" in stdout
    assert "rich" in loaded


EVERY_TARGET = [{"type": "hugo", "path": "site/content/articles"},
                {"type": "jekyll", "path": "site/_posts"},
                {"type": "html", "path": "site/static/articles"},
                {"type": "feed", "path": "site/static/feed.xml"}]


@pytest.mark.parametrize("targets", [[], EVERY_TARGET], ids=["no-target", "every-target"])
def test_check_loads_no_renderer_whether_the_newsroom_publishes_or_not(
        newsroom: Newsroom, targets: list[dict[str, str]]) -> None:
    """The outputs rule looks for a target's files by the patterns its target class names,
    which render nothing: the renderers and Jinja stay unloaded."""
    newsroom.new_article()
    newsroom.configure(publish={"targets": targets})
    code, loaded, _ = imported_by("--repo", str(newsroom.root), "check")
    assert code == 0
    assert "editorial.core.publishing.targets.jekyll" in loaded
    assert "editorial.core.publishing.renderers" not in loaded
    assert "jinja2" not in loaded


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_has_help_with_a_description(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "--help"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    command = cli.get_command(click.Context(cli), name)
    assert command is not None and command.name == name
    description = (command.help or "").strip()
    assert description, f"{name} has no description"
    first_sentence = description.split("\n\n")[0]
    assert " ".join(first_sentence.split()) in " ".join(result.output.split())
    assert f"Usage: editorial {name}" in result.output
    # The one-line help in the command list says the same thing in short.
    assert COMMANDS[name][1].strip()


def test_python_dash_m_runs_the_same_command_line() -> None:
    completed = subprocess.run([sys.executable, "-m", "editorial", "--version"], cwd=ROOT,
                               capture_output=True, text=True, check=True)
    assert completed.stdout == f"editorial {__version__}\n"
