"""What the desk needs from version control, so that core code never imports git itself."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Protocol


class VersionControl(Protocol):
    def commit(self, paths: Sequence[Path], message: str, *,
               when: datetime | None = None) -> str | None:
        """Commit exactly `paths` (absolute) as they are on disk, leaving every other staged
        or unstaged change alone; return the new commit id, or None if nothing changed."""
        ...

    def uncommitted(self, paths: Sequence[Path]) -> set[Path]:
        """Those of `paths` (absolute) whose file on disk differs from the last commit:
        modified, deleted, or not committed at all."""
        ...
