"""Run editorial as its own process, kill it with SIGKILL at a chosen git call, and read the
state it leaves: what the crash and parallel tests need on top of `testing.newsroom`.

The kill comes from a `git` script put first on PATH. Editorial runs every git command
itself, as a direct child, so the script's parent is the editorial process: at the call the
test names, the script kills it before or after running the real git, as a power cut or a
`kill -9` would, and nothing of editorial runs afterwards.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from testing.newsroom import Newsroom, person_env

WORKTREE = Path(__file__).resolve().parents[1]
# Generous: the machines running these tests are shared and busy.
PROCESS_TIMEOUT = 120.0

# Environment variables the script reads:
#   EDITORIAL_TEST_GIT_LOG     a file each call's subcommand is appended to, one a line
#   EDITORIAL_TEST_KILL_AT     the subcommand to kill at ("*": any call counts)
#   EDITORIAL_TEST_KILL_NTH    at its Nth call (default 1), counted in the log
#   EDITORIAL_TEST_KILL_PHASE  before (git does not run), after (git has finished), or delay
#                              (git runs, and the kill follows EDITORIAL_TEST_KILL_DELAY
#                              seconds later, wherever editorial then is)
#   EDITORIAL_TEST_HOLD_AT     a subcommand to stop at, while editorial holds its lock,
#   EDITORIAL_TEST_HOLD_FILE   until this file exists (FILE.reached says it is waiting)
WRAPPER = r"""#!/bin/sh
real='{real_git}'
sub=
skip=
for arg in "$@"; do
  if [ -n "$skip" ]; then skip=; continue; fi
  case "$arg" in
    -c|-C) skip=1 ;;
    -*) ;;
    *) sub=$arg; break ;;
  esac
done
if [ -n "$EDITORIAL_TEST_HOLD_AT" ] && [ "$sub" = "$EDITORIAL_TEST_HOLD_AT" ]; then
  : > "$EDITORIAL_TEST_HOLD_FILE.reached"
  while [ ! -e "$EDITORIAL_TEST_HOLD_FILE" ]; do sleep 0.05; done
fi
log=$EDITORIAL_TEST_GIT_LOG
[ -n "$log" ] || exec "$real" "$@"
echo "$sub" >> "$log"
case "$EDITORIAL_TEST_KILL_AT" in
  '*') count=$(grep -c '' "$log") ;;
  "$sub") count=$(grep -cx -- "$sub" "$log") ;;
  *) exec "$real" "$@" ;;
esac
[ "$count" -eq "${{EDITORIAL_TEST_KILL_NTH:-1}}" ] || exec "$real" "$@"
parent=$(tr '\0' ' ' < "/proc/$PPID/cmdline")
case "$parent" in
  *" -m editorial "*) ;;
  *) echo "git test script: parent $PPID is not editorial: $parent" >&2; exit 97 ;;
esac
case "$EDITORIAL_TEST_KILL_PHASE" in
  before) kill -KILL "$PPID"; exit 137 ;;
  after) "$real" "$@"; code=$?; kill -KILL "$PPID"; exit $code ;;
  delay)
    (sleep "$EDITORIAL_TEST_KILL_DELAY"; kill -KILL "$PPID") </dev/null >/dev/null 2>&1 &
    exec "$real" "$@" ;;
  *) echo "git test script: unknown phase $EDITORIAL_TEST_KILL_PHASE" >&2; exit 98 ;;
esac
"""


def install_git_script(folder: Path) -> dict[str, str]:
    """Write the killing `git` script into `folder`; the environment that puts it first."""
    real_git = shutil.which("git")
    assert real_git is not None and "'" not in real_git, real_git
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "git"
    script.write_text(WRAPPER.format(real_git=real_git))
    script.chmod(0o755)
    return {"PATH": f"{folder}{os.pathsep}{os.environ['PATH']}"}


@dataclass
class Finished:
    returncode: int
    stdout: str
    stderr: str
    pid: int


def start_editorial(root: Path, args: Sequence[str], *, person: str = "dana",
                    env: Mapping[str, str] | None = None) -> subprocess.Popen[str]:
    """`editorial --repo ROOT ARGS` as its own process, in a process group of its own so
    that what it leaves running when killed can be waited for."""
    return subprocess.Popen(
        [sys.executable, "-m", "editorial", "--repo", str(root), *args],
        env={**os.environ, **person_env(person), "PYTHONPATH": str(WORKTREE), **(env or {})},
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True)


def finish(process: subprocess.Popen[str]) -> Finished:
    """Wait for `process` and for everything it started: a git command whose parent was
    killed runs on to its end, and must not overlap with what the test does next."""
    try:
        stdout, stderr = process.communicate(timeout=PROCESS_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        raise
    wait_for_group(process.pid)
    return Finished(process.returncode, stdout, stderr, process.pid)


def run_editorial(root: Path, args: Sequence[str], *, person: str = "dana",
                  env: Mapping[str, str] | None = None) -> Finished:
    return finish(start_editorial(root, args, person=person, env=env))


def wait_for_group(group: int) -> None:
    deadline = time.monotonic() + PROCESS_TIMEOUT
    while _live_members(group):
        assert time.monotonic() < deadline, f"processes of group {group} still running"
        time.sleep(0.01)


def _live_members(group: int) -> list[int]:
    members = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path("/proc", entry, "stat").read_text()
        except OSError:
            continue
        # "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses.
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[2]) == group and fields[0] != "Z":
            members.append(int(entry))
    return members


def state(newsroom: Newsroom) -> dict[str, bytes | str]:
    """The files, folders, index, HEAD and git status: equal before and after, nothing
    changed that a user could see or git could commit."""
    snapshot = newsroom.snapshot()
    snapshot["<index>"] = newsroom.git("ls-files", "--stage")
    snapshot["<folders>"] = "\n".join(sorted(
        path.relative_to(newsroom.root).as_posix() for path in newsroom.root.rglob("*")
        if path.is_dir() and ".git" not in path.relative_to(newsroom.root).parts))
    return snapshot


def leftovers(newsroom: Newsroom) -> list[str]:
    """A step's journal, which no finished or recovered step leaves behind."""
    journal = newsroom.root / ".git" / "editorial" / "step.json"
    return [journal.name] if journal.exists() else []


def fsck_clean(newsroom: Newsroom) -> None:
    completed = subprocess.run(["git", "fsck", "--no-dangling", "--no-progress"],
                               cwd=newsroom.root, capture_output=True, text=True,
                               check=False, timeout=PROCESS_TIMEOUT)
    assert completed.returncode == 0, completed.stdout + completed.stderr
