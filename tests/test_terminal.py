"""At the terminal: `-` as FILE means stdout."""

from __future__ import annotations

from pathlib import Path

import pytest

from testing.newsroom import Newsroom


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
