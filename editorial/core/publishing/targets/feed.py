"""`feed`: an Atom feed of the latest published articles, newest first, at <path>."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from editorial.core.publishing.targets.base import TARGETS, PublishTarget

if TYPE_CHECKING:
    from editorial.core.newsroom import Newsroom
    from editorial.core.publishing.entry import Entry
    from editorial.core.publishing.settings import PublishSettings

DEFAULT_FEED_LIMIT = 20


@TARGETS.register("feed")
class FeedTarget(PublishTarget):
    accepts = ("limit", "title")
    counts = ("limit",)
    per_article = False

    @classmethod
    def path_problem(cls, path: str) -> str | None:
        if path.endswith((".xml", ".atom")):
            return None
        return "path names the feed file, ending in .xml or .atom"

    def shows_latest(self) -> int:
        return int(self.options.get("limit", DEFAULT_FEED_LIMIT))

    def render_latest(self, newsroom: Newsroom, settings: PublishSettings,
                      entries: Sequence[Entry], now: datetime) -> dict[str, bytes]:
        # deferred: start-up time (the renderers load when a feed is written, not when a
        # target is configured)
        from editorial.core.publishing import renderers

        info = renderers.FeedInfo(newsroom.config.publication, newsroom.config.target_language,
                                  now, _site_link(settings))
        return renderers.feed(entries, self, info)


def _site_link(settings: PublishSettings) -> str | None:
    if not settings.article_url:
        return None
    scheme, _, rest = settings.article_url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}/"
