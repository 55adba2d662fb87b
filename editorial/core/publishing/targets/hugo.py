"""`hugo`: a leaf bundle per article, <path>/<id>/index.md, the id making the page's URL."""

from __future__ import annotations

from typing import TYPE_CHECKING

from editorial.core.publishing.targets.base import TARGETS, PublishTarget

if TYPE_CHECKING:
    from editorial.core.newsroom import Newsroom
    from editorial.core.publishing.entry import Entry


@TARGETS.register("hugo")
class HugoTarget(PublishTarget):
    def render(self, newsroom: Newsroom, entry: Entry) -> dict[str, bytes]:
        # deferred: start-up time (the renderers load when an article is rendered, not
        # when a target is configured)
        from editorial.core.publishing import renderers

        return renderers.hugo(entry, self)

    def patterns(self, article_id: str) -> list[str]:
        return [f"{self.path}/{article_id}/index.md"]
