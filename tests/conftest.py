from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from testing.newsroom import Newsroom, make_newsroom, person_env


@pytest.fixture(autouse=True)
def isolated_git(tmp_path_factory: pytest.TempPathFactory,
                 monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No global or system git config, a pinned identity, a fixed default branch."""
    home = tmp_path_factory.mktemp("home")
    (home / ".gitconfig").write_text("[init]\n\tdefaultBranch = main\n")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("GIT_DIR", raising=False)
    monkeypatch.delenv("GIT_INDEX_FILE", raising=False)
    monkeypatch.delenv("EDITORIAL_DEBUG", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    for key, value in person_env("dana").items():
        monkeypatch.setenv(key, value)
    yield


@pytest.fixture
def newsroom(tmp_path: Path) -> Newsroom:
    return make_newsroom(tmp_path)
