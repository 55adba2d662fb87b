"""Sharing out pure Python work among the machine's cores, by forking.

The rules of a check on twenty articles take a few tenths of a second of one core; a process
pool's imports and start-up would eat most of what a second core saves. A forked child holds
every module and object the work needs already, and sends back only its results. Where
there is no fork, one core, or too little work, the work runs here as it always did.

The work must change nothing outside the process: a share whose child fails is done again
here, so that whatever it raises is raised as if it had never left this process.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Sequence
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def shared_out(items: Sequence[Item], work: Callable[[Sequence[Item]], list[Result]], *,
               per_core: int) -> list[Result]:
    """What `work(items)` returns, worked out in parts on up to one process per core, each
    part at least `per_core` items, the results put back in the items' order."""
    parts = min(usable_cores(), len(items) // max(per_core, 1))
    # Linux only: elsewhere fork is unavailable, or unsafe beside the system's libraries.
    if parts < 2 or not sys.platform.startswith("linux"):
        return work(items)
    import pickle

    size = -(-len(items) // parts)
    shares = [items[start:start + size] for start in range(0, len(items), size)]
    children: list[tuple[int, int, Sequence[Item]]] = []
    try:
        for share in shares[1:]:
            children.append(_fork(share, work, pickle.dumps))
        results = work(shares[0])
        while children:
            pid, pipe, share = children[0]
            with open(pipe, "rb", closefd=False) as incoming:
                sent = incoming.read()
            _, status = os.waitpid(pid, 0)
            os.close(pipe)
            del children[0]  # reaped: from here on, nothing is left to clean up for it
            # Unpickled: it comes from this process's own child, through a pipe of its own.
            results += (pickle.loads(sent) if os.waitstatus_to_exitcode(status) == 0
                        else work(share))
        return results
    finally:
        for pid, pipe, _ in children:  # left only when something here raised
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            os.close(pipe)


def _fork(share: Sequence[Item], work: Callable[[Sequence[Item]], list[Result]],
          dumps: Callable[[list[Result]], bytes]) -> tuple[int, int, Sequence[Item]]:
    """A child that does `share` and writes the pickled results to a pipe: its id, the
    pipe's reading end, and the share."""
    reading, writing = os.pipe()
    pid = os.fork()
    if pid:
        os.close(writing)
        return pid, reading, share
    # The child: whatever happens, it leaves by os._exit, so that nothing the parent holds
    # (buffered output, exit handlers, temporary files) is flushed or run twice.
    code = 1
    try:
        os.close(reading)
        data = dumps(work(share))
        with os.fdopen(writing, "wb") as outgoing:
            outgoing.write(data)
        code = 0
    finally:
        os._exit(code)
