"""What the desk needs from version control, so that core code never imports git itself."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from editorial.core.files import ChangeSet


class VersionControl(Protocol):
    def land(self, changes: ChangeSet, message: str, *,
             when: datetime | None = None) -> str | None:
        """Write `changes` and commit exactly their paths, leaving every other staged or
        unstaged change alone; return the new commit id, or None if nothing changed. A
        refusal or failure leaves the files, the index and HEAD as they were."""
        ...

    def commit(self, paths: Sequence[Path], message: str, *,
               when: datetime | None = None) -> str | None:
        """Commit exactly `paths` (absolute) as they are on disk, as `land` commits a step."""
        ...

    def uncommitted(self, paths: Sequence[Path]) -> set[Path]:
        """Those of `paths` (absolute) whose file on disk differs from the last commit:
        modified, deleted, or not committed at all."""
        ...

@dataclass(frozen=True)
class Signature:
    """What git made of a commit's signature, checked against the people's keys."""

    signer: str | None  # the person whose key made a good signature, None if nobody's
    problem: str = ""   # why there is no good signature: "unsigned", "signed by an unknown key"


@dataclass(frozen=True)
class CommitInfo:
    sha: str
    author_email: str
    paths: tuple[str, ...]
    parents: tuple[str, ...] = ()
    # Anyone can set either email; git records both, and a rebase or cherry-pick by a
    # colleague makes them differ.
    committer_email: str = ""
    committed_at: int = 0  # the committer date, in seconds since the epoch


@dataclass(frozen=True)
class Changes:
    paths: list[str]           # sorted, relative to the top of the repository
    commits: list[CommitInfo]  # base..HEAD oldest first, each with its paths under the prefixes


class RevisionHistory(Protocol):
    """What `editorial check --base REF` reads from version control.

    Paths are relative to the top of the repository, with '/'. Every method costs what the
    change being checked touches, never a look at every file: reading a commit's changes
    still reads the folders it touched, whole, as git stores them.
    """

    top: Path  # the top folder of the work tree, which paths are relative to

    def merge_base(self, ref: str) -> str:
        """The commit where HEAD's line of work left `ref`; MissingHistoryError if that
        cannot be found in this clone."""
        ...

    def changes(self, base: str, prefixes: Sequence[str], *, work_tree: bool = True,
                commits: bool = True) -> Changes:
        """What differs from the base under `prefixes`: committed since the base, staged,
        unstaged or untracked; without `work_tree`, only what the commits changed. With
        `commits`, also the commits since the base that touched those folders (with
        `work_tree`, during a merge not yet committed, those of the side being merged too)."""
        ...

    def read_files(self, wanted: Sequence[tuple[str, str]]) -> dict[tuple[str, str], bytes | None]:
        """The bytes of each (revision, path), None where the file does not exist there."""
        ...

    def files_under(self, revision: str, folder: str) -> list[str]:
        """The paths of the files under `folder` (with a trailing '/') at `revision`."""
        ...

    def signatures(self, commits: Sequence[str], keys: Mapping[str, Sequence[str]]
                   ) -> dict[str, Signature]:
        """Each commit's signature, verified by git against `keys` (person id -> public SSH
        keys) and nothing else: no key of the user's or the repository's own settings."""
        ...


class FileRevisions(Protocol):
    def show_file(self, revision: str, path: Path) -> bytes:
        """The bytes of `path` (absolute, inside the work tree) as committed at `revision`;
        raises NotFoundError for an unknown revision or a path it does not hold."""
        ...


# Work done and work in all, for a long task to say how far it is; the command decides
# whether anyone is shown (editorial.render.progress).
Progress = Callable[[int, int], None]
