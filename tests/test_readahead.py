"""`check --base REF` has git read REF..HEAD before it knows the merge base: that read is
taken only where it is exactly the history since the base, and never changes a finding."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from editorial.cli import check as check_command
from editorial.cli.app import App
from editorial.cli.entry import (
    CHECK_FLAGS,
    CHECK_OPTIONS,
    GROUP_OPTIONS,
    check_base,
    read_history_early,
)
from editorial.cli.main import cli
from editorial.core.checks.runner import CheckReport, check_newsroom
from editorial.core.newsroom import Newsroom as NewsroomModel
from editorial.core.ports import Changes
from editorial.vcs.git import GitRepo
from editorial.vcs.readahead import HistoryReadAhead
from testing.newsroom import Newsroom


@pytest.fixture
def log_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The bases `GitRepo` read the history from itself, rather than taking the read ahead."""
    reads: list[str] = []
    start_log = GitRepo._start_log

    def counted(repo: GitRepo, base: str, prefixes: list[str]) -> Callable[[], object]:
        reads.append(base)
        return start_log(repo, base, prefixes)

    monkeypatch.setattr(GitRepo, "_start_log", counted)
    return reads


def changes_both_ways(root: Path, ref: str, base: str) -> tuple[Changes, Changes]:
    """What changed since `base`, read with the history read ahead of REF..HEAD, and not."""
    ahead = GitRepo(root, history_ahead=HistoryReadAhead(root, ref))
    with_read_ahead = ahead.start_changes(base, ["articles/"], work_tree=False)()
    plain = GitRepo(root).start_changes(base, ["articles/"], work_tree=False)()
    return with_read_ahead, plain


def test_a_line_of_work_from_the_base_is_taken_from_the_read_ahead(
        newsroom: Newsroom, log_reads: list[str]) -> None:
    """main moved on after the branch left it: REF..HEAD is still the line from the merge
    base, so the read ahead is used as it is, and gives what reading afresh gives."""
    for article_id in ("ours", "theirs", "both"):
        newsroom.new_article(article_id=article_id)
    base = newsroom.git("rev-parse", "HEAD").strip()
    newsroom.branch("feature")
    newsroom.edit_text("ours", lambda text: text + "feature\n", name="source.md")
    newsroom.commit_all("on the feature")
    newsroom.edit_text("both", lambda text: text + "feature\n", name="source.md")
    newsroom.commit_all("also on the feature", as_person="hana")
    newsroom.switch("main")
    newsroom.edit_text("theirs", lambda text: text + "main moved on\n", name="source.md")
    newsroom.commit_all("on main")
    newsroom.switch("feature")

    with_read_ahead, plain = changes_both_ways(newsroom.root, "main", base)

    assert log_reads == [base]  # the plain read alone
    assert with_read_ahead == plain
    assert with_read_ahead.paths == ["articles/both/source.md", "articles/ours/source.md"]
    assert [commit.sha for commit in with_read_ahead.commits] == newsroom.git(
        "rev-list", "--reverse", f"{base}..HEAD").split()


def test_a_merge_since_the_base_is_read_again(newsroom: Newsroom,
                                              log_reads: list[str]) -> None:
    """With a merge in the branch, REF..HEAD need not be the commits since the base: the
    read ahead is set aside and the history read from the base."""
    base = newsroom.branch_with_a_merge()

    with_read_ahead, plain = changes_both_ways(newsroom.root, "main", base)

    assert log_reads == [base, base]
    assert with_read_ahead == plain
    assert with_read_ahead.paths == ["articles/ours/source.md", "articles/theirs/source.md"]


def test_a_read_ahead_of_what_is_not_a_revision_gives_nothing(newsroom: Newsroom) -> None:
    assert HistoryReadAhead(newsroom.root, "no-such-branch").output() is None
    # An option is never handed to git as one.
    written = newsroom.root / "log.txt"
    assert HistoryReadAhead(newsroom.root, f"--output={written}").output() is None
    assert not list(newsroom.root.glob("log.txt*"))


def test_a_cancelled_read_ahead_gives_nothing(newsroom: Newsroom) -> None:
    newsroom.new_article(article_id="ours")
    ahead = HistoryReadAhead(newsroom.root, "HEAD~1")
    ahead.cancel()
    assert ahead.output() is None
    ahead.cancel()  # twice is harmless


def test_check_takes_the_read_ahead_and_finds_the_same(newsroom: Newsroom,
                                                      log_reads: list[str]) -> None:
    """The command reads the history ahead, and its findings, authorship among them, are
    those it finds reading the history itself (as `check_newsroom` does for a library
    caller)."""
    ids = {name: newsroom.new_article(article_id=name) for name in ("forged", "approved")}
    for article_id in ids.values():
        newsroom.advance_to(article_id, "editing")
    newsroom.branch("approvals")
    newsroom.append_step(ids["forged"], "approve", "disclaimer", by="hana")
    newsroom.commit_all("approved", as_person="tariq")
    newsroom.ok("approve", ids["approved"], as_person="hana")

    code, problems = newsroom.check_json("--base", "main")

    assert log_reads == []
    assert code == 1
    assert {(str(problem["rule"]), str(problem["path"]).split("/")[1])
            for problem in problems} == {("authorship", "forged")}
    report = check_newsroom(NewsroomModel(newsroom.root), base_ref="main",
                            history=GitRepo(newsroom.root), cwd=newsroom.root)
    assert log_reads == [report.base]
    assert [(problem.rule, problem.message) for problem in report.problems] == [
        (str(problem["rule"]), str(problem["message"])) for problem in problems]


# -- started by the console script, before click ---------------------------------------


@pytest.mark.parametrize("args", [
    ["check", "--base", "main"],
    ["check", "--base=origin/main", "--format", "json", "--strict"],
    ["--repo", "{root}", "--as", "dana", "check", "articles/a", "--base", "main"],
    ["--repo={root}", "check", "--committed-only", "--base", "x", "--base", "main"],
    ["check", "--with-uncommitted", "--format=github", "--base", "main", "articles"],
])
def test_the_console_script_reads_a_check_base_as_click_does(
        newsroom: Newsroom, monkeypatch: pytest.MonkeyPatch, args: list[str]) -> None:
    args = [arg.format(root=newsroom.root) for arg in args]
    parsed: list[tuple[str | None, str | None, bool]] = []

    def run(app: App, paths: object, base_ref: str | None, authorship: bool,
            work_tree: bool) -> CheckReport:
        repo = None if app.repo_option is None else str(app.repo_option)
        parsed.append((repo, base_ref, authorship))
        return CheckReport([], [])

    monkeypatch.setattr(check_command, "_run", run)
    monkeypatch.chdir(newsroom.root)

    CliRunner().invoke(cli, args, catch_exceptions=False)

    found = check_base(args)
    assert found is not None
    assert parsed == [(*found, True)]


@pytest.mark.parametrize("args", [
    [], ["check"], ["status", "--base", "main"], ["check", "--no-authorship", "--base", "x"],
    ["check", "--base"], ["check", "--help", "--base", "x"], ["-h", "check", "--base", "x"],
    ["check", "--", "--base", "x"], ["--as", "dana"], ["check", "-x", "--base", "x"],
])
def test_the_console_script_leaves_any_other_command_line_to_click(args: list[str]) -> None:
    assert check_base(args) is None


def test_the_console_script_knows_the_options_the_commands_declare() -> None:
    def declared(command: click.Command) -> tuple[set[str], set[str]]:
        options = [param for param in command.params if isinstance(param, click.Option)
                   and not param.is_eager]
        valued = {name for option in options if not option.is_flag for name in option.opts}
        flags = {name for option in options if option.is_flag
                 for name in (*option.opts, *option.secondary_opts)}
        return valued, flags

    check = cli.get_command(click.Context(cli), "check")
    assert check is not None
    assert declared(cli) == (set(GROUP_OPTIONS), set())
    assert declared(check) == (set(CHECK_OPTIONS), set(CHECK_FLAGS))


@pytest.fixture
def reads_started(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The REF of every read of history started ahead."""
    refs: list[str] = []
    start = HistoryReadAhead.__init__

    def counted(self: HistoryReadAhead, folder: Path, ref: str) -> None:
        refs.append(ref)
        start(self, folder, ref)

    monkeypatch.setattr(HistoryReadAhead, "__init__", counted)
    return refs


@pytest.mark.parametrize("early_ref", ["main", "HEAD~1"], ids=["same-ref", "other-ref"])
def test_check_takes_the_read_the_console_script_started_for_it(
        newsroom: Newsroom, log_reads: list[str], reads_started: list[str],
        early_ref: str) -> None:
    """Started for the same newsroom and REF, the early read is the one the check takes;
    for another REF it is stopped and the check starts its own."""
    article_id = newsroom.new_article(article_id="approved")
    newsroom.advance_to(article_id, "editing")
    newsroom.branch("approval")
    newsroom.ok("approve", article_id, as_person="hana")
    args = ["--repo", str(newsroom.root), "check", "--base", "main"]
    read_history_early(["--repo", str(newsroom.root), "check", "--base", early_ref])

    result = CliRunner().invoke(cli, args, env={"CI": "true"}, catch_exceptions=False)

    assert result.exit_code == 0, result.output
    assert "no problems in 1 article changed since main" in result.stderr
    assert reads_started == ([early_ref] if early_ref == "main" else [early_ref, "main"])
    assert log_reads == []
