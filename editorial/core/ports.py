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


class FileRevisions(Protocol):
    def show_file(self, revision: str, path: Path) -> bytes:
        """The bytes of `path` (absolute, inside the work tree) as committed at `revision`;
        raises NotFoundError for an unknown revision or a path it does not hold."""
        ...
