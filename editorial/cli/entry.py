"""The `editorial` console script.

`editorial --version` is answered here, before click and the command group are imported:
it is what scripts and shells run to see whether editorial is there, and it should cost no
more than starting Python.
"""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from editorial import __version__

        sys.stdout.write(f"editorial {__version__}\n")
        return
    from editorial.cli.main import main as run_command

    run_command()
