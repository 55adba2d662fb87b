"""git's three-way merge of one file's text, for the merge driver."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from editorial.core.merging import DRIVER
from editorial.vcs.run import raise_for

if TYPE_CHECKING:
    from editorial.vcs.git import GitRepo

# git's placeholders: the common version, ours (where the result goes), theirs, the path.
DRIVER_COMMAND = "editorial merge-driver %O %A %B %P"
DRIVER_SETTINGS = {f"merge.{DRIVER}.name": "editorial: history entries of both branches",
                   f"merge.{DRIVER}.driver": DRIVER_COMMAND}


def install_driver(repo: GitRepo) -> bool:
    """Set the driver in the repository's own git configuration, which a clone does not
    copy; whether anything changed."""
    changed = False
    for key, value in DRIVER_SETTINGS.items():
        if repo.config(key) != value:
            repo.run(["config", "--local", key, value])
            changed = True
    return changed


def merge_text(base: bytes, ours: bytes, theirs: bytes) -> tuple[bytes, bool]:
    """`git merge-file` of three texts: the merged bytes, and whether they merged cleanly
    (otherwise the conflicts are marked <<<<<<< ours / >>>>>>> theirs in them)."""
    with tempfile.TemporaryDirectory(prefix="editorial-merge-") as folder:
        names = ("ours", "base", "theirs")
        for name, data in zip(names, (ours, base, theirs), strict=True):
            (Path(folder) / name).write_bytes(data)
        args = ["merge-file", "-p", "-L", "ours", "-L", "base", "-L", "theirs", *names]
        completed = subprocess.run(["git", *args], cwd=folder, capture_output=True,
                                   check=False)
    # The exit code is the number of conflicts (at most 127); a negative one, an error.
    if not 0 <= completed.returncode <= 127:
        raise_for(args, completed.returncode, completed.stdout.decode("utf-8", "replace"),
                  completed.stderr.decode("utf-8", "replace"))
    return completed.stdout, completed.returncode == 0
