"""Reading a branch's history ahead, while editorial loads the rest of itself.

`editorial check --base REF` needs every commit of REF..HEAD with the files each touched
(`git log --raw`). In a large newsroom that is the slowest part of the check: each commit's
diff rebuilds the `articles/` tree, megabytes long, out of the pack's chains of deltas, and
it scales with the newsroom while the rest of the check scales with the change. Started by
the command before it imports the rules and reads the configuration, git works on another
core meanwhile and is usually done by the time the check needs its answer. This module
imports nothing of editorial's and only small standard modules, so that the read can start
that early.

The console script starts it before it even loads click, when its command line is plainly
`check --base REF` (`editorial.cli.entry`); the command takes that read if it is of the same
newsroom and REF, and starts one itself otherwise. The read is of REF..HEAD, before the
merge base is known. `GitRepo.start_changes` takes it only when its commits form one line
of work from the merge base, which makes them exactly the commits since the base;
otherwise it reads the history again.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import subprocess
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

# Starts each commit in the history read: a byte no commit id or email holds.
COMMIT_MARKER = "\x01commit "

# Every touched file's mode and blob id before and after each commit, whole ids, paths as
# they are; merges diffed against each parent (a merge is then not one line of work).
LOG_ARGUMENTS = ("-c", "core.quotePath=false", "log", "--no-renames", "--full-history",
                 "--diff-merges=combined", "--raw", "--no-abbrev",
                 f"--format={COMMIT_MARKER}%H %ae%n%P")

# Each commit's diff rebuilds its folder trees, megabytes each in a large newsroom, from
# chains of deltas. By default glibc gives every such buffer fresh pages of its own, and the
# kernel zeroes them one 4 KiB page at a time. Kept in the heap (a high mmap threshold, no
# trimming), on transparent huge pages where the kernel allows them (`hugetlb=1`, glibc 2.35
# and later; older ones, and other C libraries, ignore what they do not know), the buffers'
# pages fault in by the 2 MiB: `git log` on 20 commits of a 50,000-article newsroom went from
# 0.18 s to 0.09 s, from 17,874 page faults to 850. A variable the user set is kept.
LARGE_TREES_ENV = ({} if "GLIBC_TUNABLES" in os.environ else {
    "GLIBC_TUNABLES": "glibc.malloc.mmap_threshold=67108864:"
                      "glibc.malloc.trim_threshold=268435456:glibc.malloc.hugetlb=1"})


class HistoryReadAhead:
    """`git log --raw` of REF..HEAD, oldest first, running in the repository at `folder`."""

    def __init__(self, folder: Path, ref: str) -> None:
        self._process: subprocess.Popen[str] | None = None
        if not ref or ref.startswith("-"):
            return  # not a revision: the merge base reports it
        # Without git there is nothing to read ahead: the command's own git calls say so.
        with contextlib.suppress(OSError):
            self._process = subprocess.Popen(
                ["git", *LOG_ARGUMENTS, "--reverse", "--end-of-options", f"{ref}..HEAD"],
                cwd=folder, env={**os.environ, **LARGE_TREES_ENV}, stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                encoding="utf-8")

    def output(self) -> str | None:
        """What git printed, once it is done; None if it failed, which the reads that
        follow then explain (an unknown revision, a shallow clone)."""
        process, self._process = self._process, None
        if process is None:
            return None
        assert process.stdout is not None
        with process:
            out = process.stdout.read()
        return out if process.returncode == 0 else None

    def cancel(self) -> None:
        """Stop git if its answer is not wanted any more."""
        process, self._process = self._process, None
        if process is not None:
            with process:
                process.kill()


# The read the console script started before click was loaded: (newsroom folder, REF, read).
_started_early: tuple[Path, str, HistoryReadAhead] | None = None


def start_early(root: Path, ref: str) -> None:
    """Start the read for a command line that is about to ask for it (`read_ahead`); stopped
    when the process exits if nothing takes it."""
    global _started_early
    ahead = HistoryReadAhead(root, ref)
    _started_early = (root, ref, ahead)
    atexit.register(ahead.cancel)


def read_ahead(root: Path, ref: str) -> HistoryReadAhead:
    """The read of REF..HEAD in the repository of the newsroom at `root`: the one started
    early for exactly these, or one started now."""
    global _started_early
    early, _started_early = _started_early, None
    if early is not None:
        if early[:2] == (root, ref):
            return early[2]
        early[2].cancel()
    return HistoryReadAhead(root, ref)
