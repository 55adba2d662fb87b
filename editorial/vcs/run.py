"""Running the git binary: one function, errors as one line."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from editorial.errors import VcsError

# A name that is not UTF-8 comes through, to be reported, not to crash.
ENCODING_ERRORS = "surrogateescape"


def run_git(args: Sequence[str], *, cwd: Path, env: Mapping[str, str] | None = None,
            input_text: str | None = None) -> str:
    try:
        # Bytes, decoded here: text mode would turn a carriage return in a file name into a
        # newline, and copies a large listing (`articles/`) twice looking for them.
        completed = subprocess.run(
            ["git", *args], cwd=cwd, env=dict(env) if env is not None else None,
            input=None if input_text is None else input_text.encode("utf-8", ENCODING_ERRORS),
            capture_output=True, check=False,
        )
    except FileNotFoundError:
        raise VcsError("git is not installed", hint="install git and try again") from None
    stdout = completed.stdout.decode("utf-8", ENCODING_ERRORS)
    raise_for(args, completed.returncode, stdout,
              completed.stderr.decode("utf-8", ENCODING_ERRORS))
    return stdout


@contextmanager
def git_conversation(args: Sequence[str], *, cwd: Path,
                     env: Mapping[str, str] | None = None) -> Iterator[Callable[[str], str]]:
    """One git process asked one question after another (`git mktree --batch`): a function
    that writes a question to it and returns the line it answers with. Each process costs a
    few milliseconds to start, and a step would otherwise start one per question."""
    try:
        process = subprocess.Popen(
            ["git", *args], cwd=cwd, env=dict(env) if env is not None else None,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            encoding="utf-8", errors=ENCODING_ERRORS)
    except FileNotFoundError:
        raise VcsError("git is not installed", hint="install git and try again") from None
    assert process.stdin is not None and process.stdout is not None
    stdin, stdout = process.stdin, process.stdout

    def ask(question: str) -> str:
        try:
            stdin.write(question)
            stdin.flush()
        except BrokenPipeError:
            pass  # git has stopped: why is on its stderr, read below
        answer = stdout.readline()
        if not answer:
            _stop(args, process)
            raise VcsError(f"git {args[0]} stopped without answering")
        return answer

    try:
        yield ask
    finally:
        _stop(args, process)


def _stop(args: Sequence[str], process: subprocess.Popen[str]) -> None:
    """Let a conversation's git process end, and raise if it failed."""
    if process.returncode is not None:
        return
    stdout, stderr = process.communicate()
    raise_for(args, process.wait(), stdout, stderr)


def raise_for(args: Sequence[str], returncode: int, stdout: str, stderr: str) -> None:
    """A VcsError saying why git failed, if it did."""
    if returncode == 0:
        return
    detail = (stderr or stdout).strip().splitlines()
    # git says what went wrong on its 'fatal:' or 'error:' line; what follows is advice.
    reasons = [line.split(":", 1)[1].strip() for line in detail
               if line.startswith(("fatal:", "error:"))]
    reason = reasons[0] if reasons else detail[-1] if detail else f"exit {returncode}"
    if "Please tell me who you are" in stderr or "empty ident" in stderr:
        raise VcsError("git does not know who you are",
                       hint="set git config user.name and user.email")
    # The subcommand, past options such as `-c name=value`.
    command = " ".join(["git", *[arg for arg in args if not arg.startswith("-")
                                 and "=" not in arg][:1]])
    raise VcsError(f"{command} failed: {reason}")

