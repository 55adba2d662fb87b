from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from testing.newsroom import Newsroom, isolate_git, make_newsroom


@pytest.fixture(autouse=True)
def isolated_git(tmp_path_factory: pytest.TempPathFactory,
                 monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    isolate_git(tmp_path_factory.mktemp("home"), monkeypatch)
    yield


@pytest.fixture
def newsroom(tmp_path: Path) -> Newsroom:
    return make_newsroom(tmp_path)
