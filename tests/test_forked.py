"""Work shared out among forked children gives what it gives in one process."""

from __future__ import annotations

import os
from collections.abc import Sequence

import pytest

from editorial.core import forked
from testing.newsroom import Newsroom

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")


@pytest.fixture
def four_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked, "usable_cores", lambda: 4)


def squares_with_pids(share: Sequence[int]) -> list[tuple[int, int]]:
    return [(item * item, os.getpid()) for item in share]


@pytest.mark.usefixtures("four_cores")
def test_results_come_back_in_order_from_several_processes() -> None:
    results = forked.shared_out(range(40), squares_with_pids, per_core=10)
    assert [value for value, _ in results] == [item * item for item in range(40)]
    pids = [pid for _, pid in results]
    assert len(set(pids)) == 4 and pids[0] == os.getpid()
    # Each process did one contiguous share.
    assert [pids[start] for start in range(0, 40, 10)] == list(dict.fromkeys(pids))


@pytest.mark.usefixtures("four_cores")
def test_too_little_work_stays_in_this_process() -> None:
    results = forked.shared_out(range(15), squares_with_pids, per_core=10)
    assert {pid for _, pid in results} == {os.getpid()}


@pytest.mark.usefixtures("four_cores")
def test_a_share_that_raises_raises_here() -> None:
    parent = os.getpid()
    done_here: list[int] = []

    def fails_on_thirty(share: Sequence[int]) -> list[int]:
        if os.getpid() == parent:
            done_here.extend(share)
        if 30 in share:
            raise ValueError("thirty is not allowed")
        return list(share)

    with pytest.raises(ValueError, match="thirty is not allowed"):
        forked.shared_out(range(40), fails_on_thirty, per_core=10)
    # The failed share was done again here, to raise the error itself.
    assert 30 in done_here


@pytest.mark.usefixtures("four_cores")
def test_a_child_that_dies_is_made_up_for_here() -> None:
    parent = os.getpid()

    def dies_in_children(share: Sequence[int]) -> list[int]:
        if os.getpid() != parent and 25 in share:
            os._exit(9)
        return [item + 1 for item in share]

    assert forked.shared_out(range(40), dies_in_children, per_core=10) == \
        [item + 1 for item in range(40)]


def test_check_finds_the_same_on_one_core_and_on_several(
        newsroom: Newsroom, monkeypatch: pytest.MonkeyPatch) -> None:
    """Enough articles for the rules to be shared out, with problems in several of them."""
    for number in range(14):
        article_id = newsroom.new_article(article_id=f"article-{number:02}")
        if number % 3 == 0:
            newsroom.edit(article_id, lambda document: document.meta.update(id="elsewhere"))
    monkeypatch.setattr(forked, "usable_cores", lambda: 1)
    alone = newsroom.check_json()
    monkeypatch.setattr(forked, "usable_cores", lambda: 2)
    forks: list[int] = []
    fork = os.fork

    def counted_fork() -> int:
        pid = fork()
        if pid:
            forks.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", counted_fork)
    shared = newsroom.check_json()
    assert len(forks) == 1
    assert shared == alone
    assert alone[0] == 1
    assert {problem["path"] for problem in alone[1]} == {
        f"articles/article-{number:02}/article.md" for number in range(0, 14, 3)}
