"""Twenty editorial commands started at once: each waits its turn for the newsroom lock and
lands on top of the one before, so that no step's history entry is lost; where the wait is
too short, the command is refused, names the holder, and leaves nothing behind."""

from __future__ import annotations

import re
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest
import yaml

from testing.crashing import (
    PROCESS_TIMEOUT,
    Finished,
    finish,
    fsck_clean,
    install_git_script,
    leftovers,
    start_editorial,
)
from testing.newsroom import Newsroom, built_once

ARTICLES = [f"story-{number}" for number in range(10)]
EDITORS = ["hana", "sami", "dana"]
ASSIGNED = re.compile(r"assigned (\S+) \(stays source, commit ([0-9a-f]{8})\)")
REFUSED = re.compile(r"editorial: refused: another editorial command is changing this "
                     r"newsroom \(pid (\d+): editorial --repo \S+ assign ")


def sources(newsroom: Newsroom) -> None:
    for article_id in ARTICLES:
        newsroom.new_article(article_id=article_id)


@pytest.fixture
def newsroom(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Newsroom:
    monkeypatch.delenv("EDITORIAL_LOCK_WAIT", raising=False)
    return built_once(tmp_path, sources)


def assignments(articles: list[str]) -> list[tuple[str, str]]:
    """(article, editor) for each command: consecutive commands on an article name
    different editors, though every assignment is recorded, the same editor or not."""
    return [(article_id, EDITORS[number % len(EDITORS)])
            for number, article_id in enumerate(articles)]


def start_all(newsroom: Newsroom, work: list[tuple[str, str]],
              env: dict[str, str] | None = None) -> list[subprocess.Popen[str]]:
    return [start_editorial(newsroom.root, ["assign", article_id, "--editor", editor], env=env)
            for article_id, editor in work]


def history(newsroom: Newsroom, article_id: str, revision: str | None = None
            ) -> list[dict[str, object]]:
    """The article's history, as committed at `revision` or as on disk."""
    path = f"articles/{article_id}/article.md"
    text = (newsroom.git("show", f"{revision}:{path}") if revision
            else newsroom.path(path).read_text(encoding="utf-8"))
    meta = yaml.safe_load(text.split("---\n", 2)[1])
    assert isinstance(meta, dict) and isinstance(meta["history"], list)
    return meta["history"]


def each_success_landed_once(newsroom: Newsroom, base: str,
                             succeeded: list[tuple[str, str, str]]) -> None:
    """One commit per success on top of `base`, each adding exactly one history entry to
    its article on top of the commit before: no step read an article another was changing.
    `succeeded` holds (article, editor, short commit id)."""
    chain = newsroom.git("rev-list", "--reverse", f"{base}..HEAD").split()
    assert sorted(commit[:8] for commit in chain) == sorted(short for _, _, short in succeeded)
    entries: dict[str, int] = {article_id: len(history(newsroom, article_id, base))
                               for article_id, _, _ in succeeded}
    for commit in chain:
        [changed] = newsroom.git("diff-tree", "-r", "--no-commit-id", "--name-only",
                                 commit).split()
        article_id = changed.split("/")[1]
        recorded = history(newsroom, article_id, commit)
        assert len(recorded) == entries[article_id] + 1, commit
        assert recorded[-1]["action"] == "assign"
        entries[article_id] += 1
    for article_id in {article_id for article_id, _, _ in succeeded}:
        added = history(newsroom, article_id)[len(history(newsroom, article_id, base)):]
        assert Counter(str(entry["note"]) for entry in added) == Counter(
            f"editor: {editor}" for done, editor, _ in succeeded if done == article_id)
    assert newsroom.git("status", "--porcelain", "--untracked-files=all") == ""
    assert newsroom.git("diff", "--cached", "--name-only") == ""
    assert leftovers(newsroom) == []
    fsck_clean(newsroom)


def succeeded_steps(work: list[tuple[str, str]], finished: list[Finished]
                    ) -> list[tuple[str, str, str]]:
    done = []
    for (article_id, editor), result in zip(work, finished, strict=True):
        if result.returncode != 0:
            continue
        found = ASSIGNED.fullmatch(result.stderr.strip())
        assert found and found[1] == article_id, result.stderr
        done.append((article_id, editor, found[2]))
    return done


@pytest.mark.slow
@pytest.mark.parametrize("articles", [[ARTICLES[0]] * 20, ARTICLES * 2],
                         ids=["one-article", "ten-articles"])
def test_twenty_steps_at_once_all_land_in_turn(newsroom: Newsroom,
                                               articles: list[str]) -> None:
    base = newsroom.git("rev-parse", "HEAD").strip()
    work = assignments(articles)
    finished = [finish(process) for process in start_all(newsroom, work)]
    for result in finished:
        assert result.returncode == 0, result.stderr
    succeeded = succeeded_steps(work, finished)
    assert len(succeeded) == 20
    each_success_landed_once(newsroom, base, succeeded)


@pytest.mark.slow  # waits out the newsroom lock
def test_without_waiting_a_step_is_refused_naming_the_holder(
        newsroom: Newsroom, tmp_path: Path) -> None:
    base = newsroom.git("rev-parse", "HEAD").strip()
    # The first command stops just before moving HEAD, the lock held, until released.
    release = tmp_path / "release"
    holder_env = {**install_git_script(tmp_path / "bin"),
                  "EDITORIAL_TEST_HOLD_AT": "update-ref",
                  "EDITORIAL_TEST_HOLD_FILE": str(release)}
    [holder] = start_all(newsroom, [(ARTICLES[0], "hana")], env=holder_env)
    deadline = time.monotonic() + PROCESS_TIMEOUT
    while not release.with_name("release.reached").exists():
        assert holder.poll() is None, holder.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.02)

    work = assignments(ARTICLES * 2)[1:]
    others = start_all(newsroom, work, env={"EDITORIAL_LOCK_WAIT": "0"})
    # Whoever ends first while the holder waits was refused; the rest then race for the
    # lock as it comes free.
    while all(process.poll() is None for process in others):
        assert time.monotonic() < deadline
        time.sleep(0.02)
    first_refused = next(process.pid for process in others if process.poll() is not None)
    release.touch()
    held = finish(holder)
    finished = [finish(process) for process in others]

    assert held.returncode == 0, held.stderr
    pids = {holder.pid} | {process.pid for process in others}
    refused = [result for result in finished if result.returncode != 0]
    assert first_refused in {result.pid for result in refused}
    for result in refused:
        assert result.returncode == 1 and result.stdout == "", result
        [line] = result.stderr.splitlines()
        named = REFUSED.match(line)
        assert named, line
        assert int(named[1]) in pids - {result.pid}, line
        if result.pid == first_refused:
            assert int(named[1]) == holder.pid, line
    succeeded = succeeded_steps([(ARTICLES[0], "hana"), *work], [held, *finished])
    assert len(succeeded) + len(refused) == 20
    each_success_landed_once(newsroom, base, succeeded)
