"""The one rich Console for stdout: no markup parsing (titles may contain brackets), no
guessing highlights; colour only on a terminal, never with NO_COLOR."""

from __future__ import annotations

import os
from typing import IO

from rich.console import Console


def make_console(file: IO[str] | None = None) -> Console:
    width = None if os.isatty(1) else 80
    return Console(file=file, markup=False, highlight=False, emoji=False, width=width,
                   no_color=bool(os.environ.get("NO_COLOR")) or None)
