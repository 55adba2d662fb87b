"""The `editorial` console script.

`editorial --version` is answered here, before click and the command group are imported:
it is what scripts and shells run to see whether editorial is there, and it should cost no
more than starting Python. For `editorial check --base REF`, git starts reading the
branch's history here too (see editorial.vcs.readahead): in a large newsroom the check
waits for that read, and git can do it on another core while click and the rest of
editorial load.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

# The options of the group and of `check` that take a value, and the flags of `check`, as
# the commands declare them (a test holds the two to each other).
GROUP_OPTIONS = frozenset({"--as", "--repo"})
CHECK_OPTIONS = frozenset({"--base", "--format"})
CHECK_FLAGS = frozenset({"--strict", "--committed-only", "--with-uncommitted",
                         "--no-authorship"})


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from editorial import __version__

        sys.stdout.write(f"editorial {__version__}\n")
        return
    read_history_early(sys.argv[1:])
    from editorial.cli.main import main as run_command

    run_command()


def check_base(args: Sequence[str]) -> tuple[str | None, str] | None:
    """(--repo, --base) of a command line that is plainly `check --base` with authorship
    checked, as click reads it; None for any other, and for anything not followed here
    (help, `--`, short options): click then parses it alone."""
    values: dict[str, str] = {}
    in_check = False
    rest = iter(args)
    for arg in rest:
        name, equals, value = arg.partition("=")
        if name in (CHECK_OPTIONS if in_check else GROUP_OPTIONS):
            if not equals:
                following = next(rest, None)
                if following is None:
                    return None
                value = following
            values[name] = value
        elif not in_check and arg == "check":
            in_check = True
        elif in_check and arg in CHECK_FLAGS:
            if arg == "--no-authorship":
                return None
        elif in_check and not arg.startswith("-"):
            continue  # a path to check
        else:
            return None
    if not in_check or "--base" not in values:
        return None
    return values.get("--repo"), values["--base"]


def read_history_early(args: Sequence[str]) -> None:
    found = check_base(args)
    if found is None:
        return
    repo, ref = found
    from pathlib import Path

    from editorial.core.newsroom_root import find_root
    from editorial.errors import NotANewsroomError
    from editorial.vcs.readahead import start_early

    try:
        root = find_root(Path(repo) if repo is not None else Path.cwd())
    except (NotANewsroomError, OSError):
        return  # the command says what is wrong
    start_early(root, ref)
