"""Progress on stderr for work that takes more than about a second: a cold `status` over
thousands of articles, a full `check`, `demo`.

Shown only to a person watching a terminal: never when stderr is piped or in CI (where it
would fill the log with redraws), nor with --quiet or --json. Core code reports through a
plain callback (`editorial.core.ports.Progress`) and never knows whether anyone looks.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from editorial.core.ports import Progress

# Seconds of work before progress appears; short work ends before it would only flicker.
AFTER_VARIABLE = "EDITORIAL_PROGRESS_AFTER"
DEFAULT_AFTER = 1.0


def wanted(*, terminal: bool, ci: bool, quiet: bool, as_json: bool) -> bool:
    """Whether progress may be shown: stderr is a terminal, not in CI, and neither --quiet
    nor --json was given."""
    return terminal and not ci and not quiet and not as_json


def show_after() -> float:
    """The seconds set in EDITORIAL_PROGRESS_AFTER (0 shows progress at once), else one."""
    try:
        after = float(os.environ.get(AFTER_VARIABLE, DEFAULT_AFTER))
    except ValueError:
        return DEFAULT_AFTER
    return after if after >= 0 else DEFAULT_AFTER


def _nothing(done: int, total: int) -> None:
    """The callback when progress is not wanted."""


@contextmanager
def progress_bar(label: str, *, enabled: bool) -> Iterator[Progress]:
    """A callback `(done, total)` for the work inside the block, drawing a bar on stderr once
    the work has taken `show_after()` seconds; the bar is cleared when the block ends."""
    if not enabled:
        yield _nothing
        return
    started, after = time.monotonic(), show_after()
    # rich's Progress, built only once the work proves long (for start-up time).
    bar = None
    task = None

    def report(done: int, total: int) -> None:
        nonlocal bar, task
        if bar is None:
            if time.monotonic() - started < after:
                return
            from rich.console import Console
            from rich.progress import Progress as Bar

            bar = Bar(console=Console(stderr=True), transient=True)
            task = bar.add_task(label, total=total)
            bar.start()
        assert task is not None
        bar.update(task, completed=done, total=total)
        bar.refresh()

    try:
        yield report
    finally:
        if bar is not None:
            bar.stop()
