"""The one rich Console for stdout: no markup parsing (titles may contain brackets), no
guessing highlights; colour only on a terminal, never with NO_COLOR."""

from __future__ import annotations

import os
from typing import IO

from rich.console import Console


def piped_width() -> int | None:
    """How wide output may be when it is not a terminal (`status | less`, `status > desk.txt`):
    COLUMNS, else the width of the terminal the command was run from (its stderr or stdin),
    else 80. None on a terminal, whose console knows its width."""
    if os.isatty(1):
        return None
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    for descriptor in (2, 0):
        try:
            return os.get_terminal_size(descriptor).columns
        except OSError:
            continue
    return 80


def make_console(file: IO[str] | None = None) -> Console:
    width = None if os.isatty(1) else 80
    return Console(file=file, markup=False, highlight=False, emoji=False, width=width,
                   no_color=bool(os.environ.get("NO_COLOR")) or None)
