"""The base class every publish target subclasses, and the registry they register in (the
package imports every target module, so that each is registered before editorial.yaml is
read)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, ClassVar

from editorial.core.registry import Registry

if TYPE_CHECKING:
    from editorial.core.newsroom import Newsroom
    from editorial.core.publishing.entry import Entry
    from editorial.core.publishing.settings import PublishSettings


@dataclass(frozen=True)
class PublishTarget:
    """One entry of `publish.targets`; subclasses are the kinds of target."""

    type: str
    path: str                          # relative to the newsroom root, with '/'
    options: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    index: int = 0                     # its place in publish.targets, to point errors at it

    # The settings an entry accepts besides `type` and `path`: text, unless it is one of
    # `counts` (a whole number, 1 or more) or of `files` (a path in the newsroom).
    accepts: ClassVar[tuple[str, ...]] = ()
    counts: ClassVar[tuple[str, ...]] = ()
    files: ClassVar[tuple[str, ...]] = ()
    # Whether `path` is a folder holding a file or folder per article (else it is one file).
    per_article: ClassVar[bool] = True

    @classmethod
    def path_problem(cls, path: str) -> str | None:
        """What is wrong with `path` for this kind of target, None when nothing is."""
        return None

    def render(self, newsroom: Newsroom, entry: Entry) -> dict[str, bytes]:
        """The article's own files, {path relative to the root: bytes}."""
        return {}

    def shows_latest(self) -> int:
        """How many of the latest published articles `render_latest` is given."""
        return 0

    def render_latest(self, newsroom: Newsroom, settings: PublishSettings,
                      entries: Sequence[Entry], now: datetime) -> dict[str, bytes]:
        """The files made from the latest published articles (newest first, at least
        `shows_latest` of them), written again whenever an article is published or taken
        down."""
        return {}

    def patterns(self, article_id: str) -> list[str]:
        """Glob patterns, relative to the root, matching every file this target makes for
        the article whatever its date. Derived from the settings and the id alone, they are
        what the target owns: publishing writes or deletes no other file for the article,
        withdrawing removes what they match, and `check` reports what they match on disk
        that no publication recorded."""
        return []

    def article_paths(self, article_id: str, published_at: datetime | None) -> list[str]:
        """Where the article's files are, published at `published_at`: for the withdrawn
        manifest, and for `check` to find a target with no recorded output."""
        return self.patterns(article_id)

    def owns(self, article_id: str, path: str) -> bool:
        """Whether `path` is where this target puts one of the article's files."""
        candidate = PurePosixPath(path)
        if candidate.as_posix() != path or candidate.is_absolute() or ".." in candidate.parts:
            return False
        # Matched name by name: a wildcard never stands for a '/'.
        return any(candidate.parent == pattern.parent and fnmatchcase(candidate.name,
                                                                      pattern.name)
                   for pattern in map(PurePosixPath, self.patterns(article_id)))

    def withdraw(self, root: Path, article_id: str) -> list[str]:
        """The article's files of this target on disk, to remove when it is taken down (or
        when a publish no longer makes them); what `check` looks at for stray files."""
        # A link counts as a file here, so that writing over it or removing it is refused
        # rather than the link passed over.
        return sorted(path.relative_to(root).as_posix()
                      for pattern in self.patterns(article_id) for path in root.glob(pattern)
                      if path.is_file() or path.is_symlink())


TARGETS: Registry[type[PublishTarget]] = Registry("publish target")
