"""Every error editorial reports on purpose, and the exit code each one maps to.

A command that hits one of these prints its one-line message on stderr and exits with
`exit_code`; anything else is a crash (traceback only with EDITORIAL_DEBUG=1).
"""

from __future__ import annotations

import errno
from pathlib import Path

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_USAGE = 2


class EditorialError(Exception):
    """Base of the errors editorial reports as a clear message rather than a traceback."""

    exit_code = EXIT_REFUSED

    def __init__(self, message: str, *, path: Path | str | None = None, line: int | None = None,
                 hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.hint = hint

    def location(self) -> str:
        if self.path is None:
            return ""
        shown = _relative_to_cwd(Path(self.path))
        return f"{shown}:{self.line}" if self.line is not None else shown

    def __str__(self) -> str:
        text = self.message
        where = self.location()
        if where:
            text = f"{where}: {text}"
        if self.hint:
            text = f"{text} ({self.hint})"
        return text


def _relative_to_cwd(path: Path) -> str:
    """Paths as the user typed them: relative when under the current folder."""
    if path.is_absolute():
        try:
            return str(path.relative_to(Path.cwd()))
        except ValueError:
            return str(path)
    return str(path)


class RefusedError(EditorialError):
    """The action is not allowed in the article's current state or for this person."""


class GateError(RefusedError):
    """One or more gates of a transition do not hold; all of them are listed."""

    def __init__(self, action: str, article_id: str, unmet: list[str]) -> None:
        self.unmet = unmet
        super().__init__(f"cannot {action} {article_id}: " + "; ".join(unmet))


class NotFoundError(EditorialError):
    """An article id or prefix that matches nothing, or a file that is missing."""


class AmbiguousError(EditorialError):
    """A prefix that matches several articles."""


class InvalidDataError(EditorialError):
    """A file of the newsroom that cannot be read: malformed YAML, wrong types, bad keys."""


class ConfigError(InvalidDataError):
    """editorial.yaml or a workflow file is broken. A usage problem: exit 2."""

    exit_code = EXIT_USAGE


class NotANewsroomError(EditorialError):
    """The command was run outside a newsroom repository."""


class PermissionDeniedError(RefusedError):
    """The acting person lacks the role a transition needs, or is not known."""


class VcsError(EditorialError):
    """git refused or failed: a commit, a push, a missing revision."""


class MissingHistoryError(VcsError):
    """The revision a check compares with is not in the clone (often a shallow checkout).
    Nothing can be checked honestly, so it is a usage problem: exit 2."""

    exit_code = EXIT_USAGE


class UsageError(EditorialError):
    """The command's arguments do not make sense together."""

    exit_code = EXIT_USAGE


# What to do about the operating system's refusals a user can fix.
_OS_ADVICE = {
    errno.ENOSPC: "free some disk space and run the command again",
    errno.EDQUOT: "free some space within your quota and run the command again",
    errno.EACCES: "check that you may write there (owner and permissions)",
    errno.EPERM: "check that you may write there (owner and permissions)",
    errno.EROFS: "the file system is read-only; run the command where it is writable",
    errno.EFBIG: "the file is larger than this system allows",
}


def from_os_error(error: OSError) -> EditorialError | None:
    """An operating system refusal a user can fix (no space, no permission, read-only) as
    one clear line, None for any other; the command that met it has put back whatever it
    had written."""
    if error.errno not in _OS_ADVICE:
        return None
    reason = error.strerror or type(error).__name__
    where = error.filename if error.filename is not None else None
    return RefusedError(f"the system refused a write: {reason}; nothing was changed",
                        path=where, hint=_OS_ADVICE[error.errno])
