"""git's three-way merge of one file's text, for the merge driver."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from editorial.vcs.run import raise_for


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
