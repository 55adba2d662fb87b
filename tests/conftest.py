from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings

from testing.newsroom import Newsroom, isolate_git, make_newsroom

# Hypothesis profiles. "dev" is what a plain `pytest` run uses; `.ci/run` passes
# `--hypothesis-profile=ci` for more examples. Both bound each example's time: a property
# whose example hangs fails in seconds rather than holding the run.
settings.register_profile("dev", max_examples=50, deadline=timedelta(seconds=10),
                          print_blob=True)
settings.register_profile("ci", max_examples=200, deadline=timedelta(seconds=10),
                          print_blob=True)
settings.load_profile("dev")
# Properties that build a real newsroom repository per example (a second or more each, with
# git): few examples, and no shrinking. Each shrinking step builds a repository again, and
# Hypothesis gives up shrinking only after five minutes, so one failure stretched the suite
# to eight; the failing example is reported as drawn, and `print_blob` lets it be replayed.
settings.register_profile(
    "repository", max_examples=10, deadline=timedelta(seconds=60), print_blob=True,
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--slow", action="store_true",
                     help="also run the tests marked slow (the longest end-to-end ones), as "
                          "CI does; a plain run leaves them out")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--slow"):
        return
    slow = [item for item in items if item.get_closest_marker("slow") is not None]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if item.get_closest_marker("slow") is None]


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto`: one worker more than there are cores. A test spends much of its time
    waiting for git and for the editorial processes it starts, time another worker uses."""
    return (os.cpu_count() or 1) + 1


@pytest.fixture(autouse=True)
def isolated_git(tmp_path_factory: pytest.TempPathFactory,
                 monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    isolate_git(tmp_path_factory.mktemp("home"), monkeypatch)
    yield


@pytest.fixture
def newsroom(tmp_path: Path) -> Newsroom:
    return make_newsroom(tmp_path)
