"""What a pull request's author controls (article folder names, workflow file names, titles,
source texts) reaches editorial's output only as text: never as a workflow command of the
GitHub runner reading the log, never as Markdown or HTML in the job summary, never as an
escape sequence acting on the terminal."""

from __future__ import annotations

import io
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token
from rich.console import Console

from editorial.core.checks.base import Problem
from editorial.render.escape import visible
from editorial.render.problems import SUMMARY_LIMIT, github_lines, markdown_summary, print_text
from testing.newsroom import SOURCE_AR, TRANSLATION_EN, Newsroom, git

# Each line a command the runner would obey: an annotation pointing at another file, a
# secret masked (or a word hidden from the log), commands stopped for the rest of the job,
# and the runner's older syntax, which it finds anywhere in a line.
ATTACK = ("\n::warning file=README.md::PWNED\n::add-mask::secret\r::stop-commands::tok3n"
          "\r\n  ::error::indented ##[warning]old syntax")
# Markdown and HTML a job summary must show as text; no '/' (it is a folder name too).
MARKUP = "`` ` [link](evil.example) ![image](evil.png) <img src=x onerror=alert(1)> | <b>bold"
OWN_COMMAND = re.compile(r"::(error|warning|notice) (file=[^:,]+,)?(line=\d+,)?(col=\d+,)?"
                         r"title=[^:,]+::")


def runner_commands(stream: str) -> list[str]:
    """The lines of `stream` that the GitHub runner takes for workflow commands: it splits
    at \\n, \\r and \\r\\n, and obeys a line that starts with `::` once leading blanks are
    stripped, or that holds `##[` anywhere (actions/runner, ActionCommand.cs)."""
    return [line for line in re.split(r"\r\n|\r|\n", stream)
            if line.lstrip().startswith("::") or "##[" in line]


def annotated_files(stdout: str) -> list[str]:
    """The file of each annotation on stdout, decoded as the runner decodes it; fails
    unless every command there is one of editorial's own, escaped."""
    files = []
    for command in runner_commands(stdout):
        assert OWN_COMMAND.match(command), command
        found = re.match(r"::\w+ file=([^,]+),", command)
        if found:
            files.append(found.group(1).replace("%0D", "\r").replace("%0A", "\n")
                         .replace("%3A", ":").replace("%2C", ",").replace("%25", "%"))
    return files


def hostile_newsroom(newsroom: Newsroom) -> str:
    """An article whose source ends with hostile text missing from the translation, and a
    copy of it in a folder whose name is an attack. Returns that folder's name."""
    article_id = newsroom.new_article(
        source=SOURCE_AR + "\n" + MARKUP + ATTACK.replace("\n", " ") + "\n")
    newsroom.write_translation(article_id, TRANSLATION_EN)
    folder = f"x{MARKUP}{ATTACK}"
    shutil.copytree(newsroom.root / "articles" / article_id,
                    newsroom.root / "articles" / folder)
    return folder


def test_nothing_in_the_ci_log_is_a_command_but_editorials_own(newsroom: Newsroom) -> None:
    """Issue 14, item 5: annotations, the text and json formats, and errors on stderr."""
    folder = hostile_newsroom(newsroom)
    github = newsroom.check("--format", "github")
    assert github.exit_code == 1
    files = annotated_files(github.stdout)
    assert f"articles/{folder}/article.md" in files  # the exact file, for GitHub to find
    assert all(path.startswith("articles/") for path in files), files
    assert runner_commands(github.stderr) == []
    for output_format in ("text", "json"):
        result = newsroom.check("--format", output_format)
        assert result.exit_code == 1
        assert runner_commands(result.stdout) == [], output_format
        assert runner_commands(result.stderr) == []
    problems = json.loads(newsroom.check("--format", "json").stdout)["problems"]
    assert f"articles/{folder}/article.md" in {problem["path"] for problem in problems}

    # A workflow named by an attack is no workflow name: the schema rule says so, safely.
    newsroom.edit(folder, lambda document: document.meta.update(workflow=f"w{ATTACK}"))
    for output_format in ("github", "text", "json"):
        result = newsroom.check("--format", output_format)
        assert result.exit_code == 1, (output_format, result.output)
        if output_format == "github":
            files = annotated_files(result.stdout)
            assert f"articles/{folder}/article.md" in files
            assert all(path.startswith("articles/") for path in files), files
        else:
            assert runner_commands(result.stdout) == [], output_format
        assert runner_commands(result.stderr) == [], output_format
    newsroom.edit(folder, lambda document: document.meta.update(workflow="translation"))

    # A broken editorial.yaml whose bad key is an attack: a configuration error, reported
    # as an annotation and as the one line on stderr.
    config = newsroom.path("editorial.yaml")
    config.write_text(config.read_text() + f"rules:\n  {json.dumps('r' + ATTACK)}: error\n")
    for output_format in ("github", "text", "json"):
        result = newsroom.check("--format", output_format)
        assert result.exit_code == 2, (output_format, result.output)
        assert len(result.stderr.splitlines()) == 1
        assert result.stderr.startswith("editorial: error: ")
        assert "r\\n::warning file=README.md::PWNED\\n" in result.stderr
        assert runner_commands(result.stderr) == [], output_format
        if output_format == "github":
            assert annotated_files(result.stdout) == ["editorial.yaml"]
        else:
            assert result.stdout == ""


def test_a_message_folded_to_the_width_starts_no_command() -> None:
    """Text output folds a long message: the fold may not start a line with `::`."""
    message = "x" * 40 + " ::warning file=README.md::PWNED"
    console = Console(file=io.StringIO(), width=60, markup=False, highlight=False)
    print_text(console, [Problem("articles/a/article.md", 1, "schema", "error", message)])
    output = console.file.getvalue()  # type: ignore[attr-defined]
    assert "\\x3a:warning file=README.md::PWNED" in output
    assert runner_commands(output) == []


def _tokens(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        yield from _tokens(token.children or [])


def rendered(markdown: str) -> tuple[list[Token], str]:
    """The summary as CommonMark with GitHub's tables, parsed and rendered."""
    parser = MarkdownIt("commonmark").enable("table")
    return list(_tokens(parser.parse(markdown))), parser.render(markdown)


def assert_inert(markdown: str) -> list[list[str]]:
    """No link, image or HTML in the rendered summary; returns its table's rows as text."""
    tokens, html = rendered(markdown)
    kinds = {token.type for token in tokens}
    assert not kinds & {"link_open", "image", "html_inline", "html_block", "code_inline"}
    assert "<a " not in html and "<img" not in html and "<b>" not in html
    rows: list[list[str]] = []
    in_row = False
    for token in tokens:
        if token.type in ("tr_open", "tr_close"):
            in_row = token.type == "tr_open"
            if in_row:
                rows.append([])
        elif token.type == "inline" and in_row:
            rows[-1].append("".join(child.content for child in token.children or []
                                    if child.type == "text"))
    return rows


@pytest.mark.slow
def test_the_job_summary_is_inert_and_bounded(newsroom: Newsroom, tmp_path: Path) -> None:
    """Issue 14, item 6: through the CLI with hostile findings, then 20,000 findings."""
    folder = hostile_newsroom(newsroom)
    summary = tmp_path / "summary.md"
    result = newsroom.check("--format", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 1
    rows = assert_inert(summary.read_text(encoding="utf-8"))
    assert rows[0] == ["severity", "file", "line", "rule", "problem"]
    assert all(len(row) == 5 for row in rows)  # no cell broken out of
    # Each name and excerpt is shown as written, its control characters spelled out.
    assert [visible(f"articles/{folder}/article.md")] in [row[1:2] for row in rows]
    assert any("«" + MARKUP[:20] in row[4] for row in rows)

    hostile = [Problem(f"articles/{MARKUP}{number}/article.md", number, "schema",
                       "error" if number % 3 else "warning",
                       f"{MARKUP} {ATTACK} finding {number}") for number in range(20_000)]
    written = markdown_summary(hostile, "20000 problems")
    size = len(written.markdown.encode())
    assert size < SUMMARY_LIMIT
    assert 0 < written.listed < len(hostile)
    left_out = len(hostile) - written.listed
    assert f"{left_out} more problems not listed" in written.markdown
    rows = assert_inert(written.markdown)
    assert len(rows) == 1 + written.listed and all(len(row) == 5 for row in rows)
    worst = min(hostile, key=Problem.sort_key)
    assert rows[1][4] == visible(worst.message)  # worst first, shown as written
    annotations = github_lines(hostile, in_summary=written.listed)
    assert len(annotated_files("\n".join(annotations))) == 20
    assert annotations[-1].endswith(f"the job summary lists the first {written.listed}; run "
                                    "editorial check locally to see them all")


def test_the_job_summary_counts_what_earlier_steps_wrote(newsroom: Newsroom,
                                                         tmp_path: Path) -> None:
    hostile_newsroom(newsroom)
    summary = tmp_path / "summary.md"
    summary.write_text("x" * (SUMMARY_LIMIT - 1000))
    result = newsroom.check("--format", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 1
    assert summary.stat().st_size < SUMMARY_LIMIT
    assert "more problems not listed" in summary.read_text()


TITLE = "\x1b]8;;http://evil\x07Click\x1b]8;;\x07 \x1b[31mRED\x1b[0m water"


@pytest.mark.parametrize("terminal", [False, True])
def test_a_title_cannot_drive_the_terminal(newsroom: Newsroom, terminal: bool,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 14, item 9: an OSC 8 link and a colour in a title, by status and show, to a
    pipe and to a terminal (where editorial's own colours are on)."""
    article_id = newsroom.new_article()
    newsroom.edit(article_id, lambda document: document.meta.update(title=TITLE))
    git(newsroom.root, "commit", "-qam", "a title with escape sequences")
    env = {}
    if terminal:
        monkeypatch.delenv("NO_COLOR")
        env = {"TTY_COMPATIBLE": "1"}
    for command in (("status",), ("show", article_id)):
        result = newsroom.run(*command, env=env)
        assert result.exit_code == 0, result.output
        output = result.stdout
        assert ("\x1b" in output) == terminal  # editorial's own colours, on a terminal only
        assert "\x07" not in output and "\x1b]" not in output and "\x1b[31mRED" not in output
        assert "\\x1b]8;;" in output
    shown = newsroom.run("show", article_id).stdout
    assert visible(TITLE) in shown


def test_the_title_in_the_front_matter_stays_as_written(newsroom: Newsroom) -> None:
    """Escaping is for display: the data, and its json, keep the characters."""
    article_id = newsroom.new_article()
    newsroom.edit(article_id, lambda document: document.meta.update(title=TITLE))
    assert newsroom.meta(article_id)["title"] == TITLE
    shown = json.loads(newsroom.ok("show", article_id, "--json").stdout)
    assert shown["article"]["title"] == TITLE
