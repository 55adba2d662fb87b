"""At the terminal: `-` as FILE means stdout, --quiet, and progress on stderr."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from editorial.render.progress import AFTER_VARIABLE, show_after, wanted
from testing.newsroom import Newsroom, person_env

WORKTREE = Path(__file__).resolve().parent.parent


def _in_editing(newsroom: Newsroom) -> str:
    article_id = newsroom.new_article()
    newsroom.advance_to(article_id, "editing")
    newsroom.write_body(article_id, "article.md",
                        "The council opened a new pumping station in the east on Sunday.\n")
    return article_id


def test_diff_html_dash_writes_the_page_to_stdout_and_no_file_named_dash(
        newsroom: Newsroom, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    article_id = _in_editing(newsroom)
    monkeypatch.chdir(tmp_path)
    before = set(tmp_path.iterdir())
    result = newsroom.ok("diff", article_id, "--html", "-")
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert result.stdout.rstrip().endswith("</html>")
    assert "<ins>" in result.stdout
    assert result.stderr == ""  # no "wrote -"
    assert set(tmp_path.iterdir()) == before
    assert not newsroom.path("-").exists()


@pytest.mark.parametrize("command", ["diff", "review"])
def test_every_html_option_takes_dash(newsroom: Newsroom, command: str) -> None:
    help_text = newsroom.ok(command, "--help").stdout
    assert "- writes it to stdout" in " ".join(help_text.split())


def test_diff_refuses_two_documents_on_stdout(newsroom: Newsroom, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    article_id = _in_editing(newsroom)
    monkeypatch.chdir(tmp_path)
    line = newsroom.refuses("diff", article_id, "--json", "--html", "-", exit_code=2)
    assert "--json and --html - both write to stdout" in line
    assert not (tmp_path / "-").exists()


# -- --quiet ----------------------------------------------------------------------------------


def test_quiet_hides_what_was_done_but_not_the_output_asked_for(newsroom: Newsroom) -> None:
    article_id = newsroom.new_article()
    said = newsroom.ok("assign", article_id, "--translator", "tariq")
    assert "assign" in said.stderr  # what --quiet is to hide, without it
    newsroom.write_translation(article_id)
    result = newsroom.ok("-q", "submit", article_id, as_person="tariq")
    assert result.stderr == "" and result.stdout == ""
    assert newsroom.meta(article_id)["stage"] == "editing"
    listed = newsroom.ok("--quiet", "status", "--json")
    assert article_id in listed.stdout and listed.stderr == ""
    checked = newsroom.run("-q", "check", as_person=None)
    assert checked.exit_code == 0 and checked.stderr == ""


def test_quiet_keeps_errors_and_warnings(newsroom: Newsroom) -> None:
    article_id = newsroom.new_article()
    line = newsroom.refuses("-q", "approve", article_id, as_person="hana")
    assert "refused" in line
    newsroom.new_article(article_id="broken")
    newsroom.edit_text("broken", lambda text: text.replace("stage:", "stage: [", 1))
    listed = newsroom.run("-q", "status")
    assert "warning:" in listed.stderr and "broken" in listed.stderr


# -- progress ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("terminal", "ci", "quiet", "as_json", "shown"), [
    (True, False, False, False, True),
    (False, False, False, False, False),  # piped
    (True, True, False, False, False),  # CI logs
    (True, False, True, False, False),  # --quiet
    (True, False, False, True, False),  # --json
    (False, True, True, True, False),
])
def test_progress_only_for_a_person_at_a_terminal(terminal: bool, ci: bool, quiet: bool,
                                                  as_json: bool, shown: bool) -> None:
    assert wanted(terminal=terminal, ci=ci, quiet=quiet, as_json=as_json) is shown


@pytest.mark.parametrize(("setting", "after"), [
    (None, 1.0), ("0", 0.0), ("2.5", 2.5), ("soon", 1.0), ("-1", 1.0)])
def test_progress_waits_as_set(setting: str | None, after: float,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    if setting is None:
        monkeypatch.delenv(AFTER_VARIABLE, raising=False)
    else:
        monkeypatch.setenv(AFTER_VARIABLE, setting)
    assert show_after() == after


def _articles(newsroom: Newsroom, count: int) -> None:
    for number in range(count):
        newsroom.new_article(article_id=f"station-{number}")


@pytest.mark.slow  # builds the demo newsroom
def test_piped_output_has_no_progress(newsroom: Newsroom) -> None:
    _articles(newsroom, 3)
    newsroom.front_matter_cache.unlink(missing_ok=True)  # a cold listing
    env = {AFTER_VARIABLE: "0"}
    for args in (["status"], ["check"], ["demo", str(newsroom.root.parent / "sample")]):
        result = newsroom.run(*args, env=env)
        assert result.exit_code == 0, result.output
        for label in ("reading articles", "checking articles", "building the sample"):
            assert label not in result.output


def _on_a_terminal(newsroom: Newsroom, *args: str, env: dict[str, str]) -> str:
    """Run editorial in a subprocess whose stdin, stdout and stderr are a pseudo-terminal;
    everything it wrote."""
    main, secondary = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "editorial", *args], cwd=newsroom.root,
        stdin=secondary, stdout=secondary, stderr=secondary,
        env={**os.environ, "PYTHONPATH": str(WORKTREE), "TERM": "xterm", "COLUMNS": "100",
             **env})
    os.close(secondary)
    output = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the terminal closes when the process ends
            break
        if not chunk:
            break
        output += chunk
    assert process.wait(timeout=60) == 0, output
    os.close(main)
    return output.decode("utf-8", "replace")


def test_progress_appears_on_a_terminal_when_work_is_long_enough(newsroom: Newsroom) -> None:
    _articles(newsroom, 3)
    newsroom.front_matter_cache.unlink(missing_ok=True)
    # Zero seconds: any listing counts as long.
    shown = _on_a_terminal(newsroom, "status", env={AFTER_VARIABLE: "0"})
    assert "reading articles" in shown
    assert "station-0" in shown  # and the table still follows
    # The default second is far more than three articles take.
    assert "reading articles" not in _on_a_terminal(newsroom, "status", env={})
    assert "reading articles" not in _on_a_terminal(newsroom, "-q", "status",
                                                     env={AFTER_VARIABLE: "0"})
    assert "reading articles" not in _on_a_terminal(newsroom, "status",
                                                     env={AFTER_VARIABLE: "0", "CI": "true"})


@pytest.mark.slow  # takes three articles through the desk
def test_publishing_several_articles_shows_progress_only_on_a_terminal(
        newsroom: Newsroom) -> None:
    for article_id in ("station-a", "station-b", "station-c"):
        newsroom.new_article(article_id=article_id)
        newsroom.advance_to(article_id, "ready")
    piped = newsroom.run("publish", "station-a", env={AFTER_VARIABLE: "0"})
    assert piped.exit_code == 0 and "publishing" not in piped.output
    shown = _on_a_terminal(newsroom, "publish", "station-b", "station-c",
                           env={AFTER_VARIABLE: "0", **person_env("dana")})
    assert "publishing articles" in shown
    assert newsroom.meta("station-c")["stage"] == "published"
