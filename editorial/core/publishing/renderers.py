"""The renderers: pure functions from what is published to the files of one target.

`hugo`, `jekyll` and `html` make one article's files; `feed` makes the Atom feed of the
latest published articles. Each returns {path relative to the newsroom root: bytes}. The
target classes in `editorial.core.publishing.targets` call them.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import cache
from typing import TYPE_CHECKING, Any

from editorial.core import yamlio
from editorial.core.article import format_time
from editorial.core.publishing.entry import Entry, article_markdown, day_text, is_rtl
from editorial.core.publishing.inert import html_free, hugo_body, kramdown_body, liquid_raw

if TYPE_CHECKING:
    import jinja2
    from markdown_it import MarkdownIt

    from editorial.core.publishing.targets import PublishTarget
    from editorial.core.publishing.targets.feed import FeedTarget

ATOM = "http://www.w3.org/2005/Atom"


def front_matter_file(meta: dict[str, Any], body: str) -> bytes:
    return ("---\n" + yamlio.dump(meta) + "---\n\n" + body).encode("utf-8")


def _without_empty(meta: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in meta.items() if value not in (None, "", [], {})}


def _shared_meta(entry: Entry) -> dict[str, Any]:
    """What every Markdown target's front matter says besides its own date keys."""
    source = entry.source
    return {
        "translator": entry.translator,
        "editor": entry.editor,
        "source": _without_empty({
            "outlet": source.outlet, "author": source.author, "url": source.url,
            "published": source.published, "language": source.language,
            "title": source.title,
        }),
        "disclaimer": entry.disclaimer,
        "corrections": [{"date": format_time(c.at), "type": c.type, "note": c.note}
                        for c in entry.corrections],
    }


def hugo(entry: Entry, target: PublishTarget) -> dict[str, bytes]:
    """A leaf bundle: <path>/<id>/index.md, the id making the page's URL."""
    meta = _without_empty({
        "title": entry.title,
        "date": format_time(entry.published_at),
        "lastmod": format_time(entry.updated_at),
        # Hugo renders a summary from front matter as Markdown, raw HTML and all.
        "summary": html_free(entry.summary),
        "tags": list(entry.tags),
        "translationKey": entry.id,
        **_shared_meta(entry),
    })
    text = article_markdown(replace(entry, body=hugo_body(entry.body)))
    return {f"{target.path}/{entry.id}/index.md": front_matter_file(meta, text)}


def jekyll(entry: Entry, target: PublishTarget, path: str) -> dict[str, bytes]:
    """A post at `path` (the target names it: <path>/YYYY-MM-DD-<id>.md, dated by the
    publication)."""
    meta = _without_empty({
        "layout": target.options.get("layout", "post"),
        "title": entry.title,
        "date": f"{entry.published_at.astimezone(UTC):%Y-%m-%d %H:%M:%S} +0000",
        "last_modified_at": f"{entry.updated_at.astimezone(UTC):%Y-%m-%d %H:%M:%S} +0000",
        "description": entry.summary,
        "tags": list(entry.tags),
        "lang": entry.language,
        **_shared_meta(entry),
    })
    # Liquid runs over the whole file, so the credits and corrections go inside raw too.
    text = liquid_raw(article_markdown(replace(entry, body=kramdown_body(entry.body))))
    return {path: front_matter_file(meta, text)}


# A link may go to the web, to a mail address, or somewhere on the site (no scheme at all).
_LINK_SCHEME = re.compile(r"^(?:https?:|mailto:|[^:/?#]*(?:[/?#]|$))", re.IGNORECASE)


@cache
def _markdown() -> MarkdownIt:
    from markdown_it import MarkdownIt  # deferred: start-up time (for a rendered page only)

    class InertMarkdown(MarkdownIt):
        """Raw HTML in an article is shown as text, never passed through, and a link that
        would run script or open a local file is not a link: a published page must not run
        whatever markup a pasted source brought along."""

        def validateLink(self, url: str) -> bool:
            return bool(_LINK_SCHEME.match(url.strip()))

    return InertMarkdown("commonmark", {"html": False}).enable(["table", "strikethrough"])


def markdown_to_html(text: str) -> str:
    html: str = _markdown().render(text)
    return html


def html_page(entry: Entry, target: PublishTarget,
              template: jinja2.Template) -> dict[str, bytes]:
    """A standalone page: <path>/<id>/index.html from the newsroom's or the default template."""
    page = template.render(
        entry=entry, body_html=_markup(markdown_to_html(entry.body)), rtl=is_rtl(entry.language),
        day=day_text, iso=format_time,
    )
    if not page.endswith("\n"):
        page += "\n"
    return {f"{target.path}/{entry.id}/index.html": page.encode("utf-8")}


def _markup(html: str) -> Any:
    from markupsafe import Markup  # deferred: start-up time (for a rendered page only)

    return Markup(html)


@dataclass(frozen=True)
class FeedInfo:
    title: str
    language: str
    updated: datetime          # when the feed has no entries: the time of the last change
    link: str | None


def feed(entries: Sequence[Entry], target: FeedTarget, info: FeedInfo) -> dict[str, bytes]:
    """An Atom feed of the latest published articles, newest first."""
    latest = sorted(entries, key=lambda e: (e.published_at, e.id),
                    reverse=True)[:target.shows_latest()]
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": info.language})

    def add(parent: ET.Element, tag: str, text: str | None = None,
            **attributes: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
        if text is not None:
            element.text = text
        return element

    title = str(target.options.get("title") or info.title)
    add(root, "title", title)
    add(root, "id", info.link or _urn(title, target.path))
    if info.link:
        add(root, "link", href=info.link)
    updated = max((entry.updated_at for entry in latest), default=info.updated)
    add(root, "updated", format_time(updated))
    add(root, "generator", "editorial")
    for entry in latest:
        item = add(root, "entry")
        add(item, "title", entry.title)
        add(item, "id", entry.link or _urn(title, entry.id))
        if entry.link:
            add(item, "link", href=entry.link, rel="alternate")
        add(item, "published", format_time(entry.published_at))
        add(item, "updated", format_time(entry.updated_at))
        author = add(item, "author")
        add(author, "name", entry.source.author or entry.source.outlet or entry.publication)
        for name in (entry.translator, entry.editor):
            if name:
                add(add(item, "contributor"), "name", name)
        for tag in entry.tags:
            add(item, "category", term=tag)
        if entry.summary:
            add(item, "summary", entry.summary)
        add(item, "content", markdown_to_html(article_markdown(entry)), type="html")
    ET.indent(root)
    data = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return {target.path: data + b"\n"}


def _urn(*parts: str) -> str:
    """A stable id for a feed or entry that has no web address of its own."""
    return uuid.uuid5(uuid.NAMESPACE_URL, "editorial:" + ":".join(parts)).urn
