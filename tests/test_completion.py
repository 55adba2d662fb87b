"""Shell completion (bash, zsh, fish through click's protocol) of article ids, stages and
people, from the newsroom the command would use."""

from __future__ import annotations

from pathlib import Path

import pytest

from editorial.cli.main import cli
from testing.newsroom import Newsroom, built_once


def _complete(newsroom: Newsroom, line: str, shell: str = "bash") -> list[str]:
    """What Tab offers at the end of `line` (a trailing space: a new word), as the shell's
    completion script would ask for it."""
    words = line.split()
    if line.endswith(" "):
        words.append("")
    result = newsroom.runner.invoke(
        cli, [], prog_name="editorial",
        env={"_EDITORIAL_COMPLETE": f"{shell}_complete", "COMP_WORDS": " ".join(words),
             # fish passes the word being completed, bash and zsh its position.
             "COMP_CWORD": words[-1] if shell == "fish" else str(len(words) - 1)})
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    if shell == "bash":
        # One `type,value` a line.
        return [entry.split(",", 1)[1] for entry in result.stdout.splitlines() if entry]
    return result.stdout.splitlines()


def three_sources(newsroom: Newsroom) -> None:
    for article_id in ("water-station", "water-prices", "old-market"):
        newsroom.new_article(article_id=article_id)


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Newsroom:
    newsroom = built_once(tmp_path, three_sources)
    monkeypatch.chdir(newsroom.root)
    return newsroom


def test_article_ids_complete_from_a_prefix(desk: Newsroom) -> None:
    assert _complete(desk, "editorial show wat") == ["water-prices", "water-station"]
    assert _complete(desk, "editorial show old") == ["old-market"]
    assert _complete(desk, "editorial assign ") == ["old-market", "water-prices",
                                                    "water-station"]
    assert _complete(desk, "editorial publish old-market wat") == ["water-prices",
                                                                   "water-station"]
    assert _complete(desk, "editorial show nothing-like-it") == []


def test_the_newsroom_given_with_repo_is_the_one_completed(desk: Newsroom,
                                                           tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    monkeypatch.chdir(tmp_path)
    assert _complete(desk, f"editorial --repo {desk.root} diff water-s") == ["water-station"]


def test_stages_come_from_the_workflow(desk: Newsroom) -> None:
    offered = _complete(desk, "editorial status --stage ")
    assert {"translation", "editing", "ready", "published"} <= set(offered)
    assert _complete(desk, "editorial status --stage ed") == ["editing"]


def test_people_come_from_editorial_yaml(desk: Newsroom) -> None:
    assert _complete(desk, "editorial --as ta") == ["tariq"]
    assert _complete(desk, "editorial assign water-station --translator ") == [
        "dana", "tariq", "hana", "sami"]
    assert _complete(desk, "editorial assign water-station --editor h") == ["hana"]
    assert _complete(desk, "editorial status --person s") == ["sami"]


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_zsh_and_fish_are_offered_the_same(desk: Newsroom, shell: str) -> None:
    assert any("water-station" in line for line in _complete(desk, "editorial show wa", shell))


def test_outside_a_newsroom_or_with_a_broken_one_nothing_is_offered(
        desk: Newsroom, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    monkeypatch.chdir(outside)
    assert _complete(desk, "editorial show wa") == []
    monkeypatch.chdir(desk.root)
    (desk.root / "editorial.yaml").write_text("people: [\n", encoding="utf-8")
    assert _complete(desk, "editorial --as ta") == []
