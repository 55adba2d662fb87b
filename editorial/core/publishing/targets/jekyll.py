"""`jekyll`: a post per article, <path>/YYYY-MM-DD-<id>.md, dated by the publication."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from editorial.core.publishing.targets.base import TARGETS, PublishTarget

if TYPE_CHECKING:
    from editorial.core.newsroom import Newsroom
    from editorial.core.publishing.entry import Entry


def jekyll_name(entry_id: str, published_at: datetime) -> str:
    return f"{published_at.astimezone(UTC):%Y-%m-%d}-{entry_id}.md"


@TARGETS.register("jekyll")
class JekyllTarget(PublishTarget):
    accepts = ("layout",)

    def render(self, newsroom: Newsroom, entry: Entry) -> dict[str, bytes]:
        # deferred: start-up time (the renderers load when an article is rendered, not
        # when a target is configured)
        from editorial.core.publishing import renderers

        return renderers.jekyll(entry, self,
                                f"{self.path}/{jekyll_name(entry.id, entry.published_at)}")

    def patterns(self, article_id: str) -> list[str]:
        return [str(PurePosixPath(self.path) / f"????-??-??-{article_id}.md")]

    def article_paths(self, article_id: str, published_at: datetime | None) -> list[str]:
        if published_at is None:
            return []
        return [f"{self.path}/{jekyll_name(article_id, published_at)}"]
