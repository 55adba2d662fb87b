"""One writer at a time: the newsroom lock.

Every command that changes the newsroom holds `.git/editorial/lock` while it reads the
article, decides, writes and commits. It is an advisory `flock`, so the kernel releases it
when its holder ends, however it ends (`kill -9` included): a lock is never left behind. The
holder writes who it is into the file, so that a command kept waiting can name it.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from editorial.errors import RefusedError

LOCK_NAME = "lock"
# Long enough for twenty steps in turn on a desk's laptop; a command that needs longer than
# this is stuck, and the refusal names it.
DEFAULT_WAIT_SECONDS = 30.0
# A holder writes its name just after taking the lock and clears it just before letting go:
# a lock held without a name is in one of those moments, soon over, and the refusal waits
# them out (up to this long) to name the holder or take the lock after all.
NAMELESS_SECONDS = 1.0


def wait_seconds() -> float:
    """How long to wait for the lock: EDITORIAL_LOCK_WAIT seconds, or the default."""
    try:
        return max(0.0, float(os.environ.get("EDITORIAL_LOCK_WAIT", DEFAULT_WAIT_SECONDS)))
    except ValueError:
        return DEFAULT_WAIT_SECONDS


@contextlib.contextmanager
def newsroom_lock(state_dir: Path, *, wait: float | None = None) -> Iterator[None]:
    """Hold the newsroom lock in `state_dir` (editorial's folder in the git directory),
    waiting up to `wait` seconds for another command to finish; RefusedError naming the
    holder if it does not."""
    try:
        state_dir.mkdir(exist_ok=True)
        fd = os.open(state_dir / LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
    except OSError as error:
        raise RefusedError(f"cannot take the newsroom lock in {state_dir}: "
                           f"{error.strerror}", hint="check that the repository's .git "
                           "folder is writable") from None
    try:
        _acquire(fd, state_dir, wait_seconds() if wait is None else wait)
        os.ftruncate(fd, 0)
        os.pwrite(fd, _holder().encode("utf-8", "replace"), 0)
        try:
            yield
        finally:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
    finally:
        os.close(fd)  # closing releases the lock


def _acquire(fd: int, state_dir: Path, wait: float) -> None:
    deadline = time.monotonic() + wait
    delay = 0.01
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            now = time.monotonic()
            if now >= deadline:
                holder = os.pread(fd, 500, 0).decode("utf-8", "replace").strip()
                if not holder and now < deadline + NAMELESS_SECONDS:
                    time.sleep(0.01)
                    continue
                raise RefusedError(
                    f"another editorial command is changing this newsroom "
                    f"({holder or 'a command that has not said who it is yet'})",
                    hint=f"wait for it to finish and run this again; waited {wait:g} s "
                         "(EDITORIAL_LOCK_WAIT sets how long)") from None
            time.sleep(delay)
            delay = min(delay * 2, 0.2)


def _holder() -> str:
    command = " ".join(["editorial", *sys.argv[1:]])[:200]
    # Shown to the next command's user: arguments are anyone's text, controls are not.
    shown = "".join(char if char.isprintable() else "?" for char in command)
    return f"pid {os.getpid()}: {shown}"
