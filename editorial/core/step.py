"""What a gate or an effect sees of the step being taken."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from editorial.core.config import Person
from editorial.core.files import ChangeSet
from editorial.core.workflow import Transition

if TYPE_CHECKING:
    from editorial.core.article import Article
    from editorial.core.newsroom import Newsroom
    from editorial.core.ports import VersionControl


@dataclass
class StepContext:
    newsroom: Newsroom
    article: Article
    transition: Transition
    actor: Person
    now: datetime
    changes: ChangeSet
    note: str | None = None
    options: dict[str, Any] = field(default_factory=dict)
    # To tell files on disk from files committed (None with --no-commit).
    vcs: VersionControl | None = None
    # What the step did that the person should hear about (a repaired file, say).
    messages: list[str] = field(default_factory=list)
