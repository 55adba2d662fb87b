"""An article as a site shows it, and the Markdown every Markdown target publishes.

`Entry` gathers what the renderers need (names instead of person ids, the attribution of the
original, the corrections) so that each renderer is a pure function of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

# Markdown gives these characters a meaning; text from front matter (a title, an outlet, a
# correction note) must show them as they are.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~&])")
LANGUAGE_NAMES = {
    "ar": "Arabic", "fa": "Persian", "he": "Hebrew", "ku": "Kurdish", "tr": "Turkish",
    "fr": "French", "de": "German", "es": "Spanish", "ru": "Russian", "ur": "Urdu",
    "en": "English",
}
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "yi", "dv", "ckb", "sd", "ug"})
FIRST_STRONG_ISOLATE = "\u2068"    # takes its direction from the first letter inside
POP_DIRECTIONAL_ISOLATE = "\u2069"
CORRECTION_LABELS = {"correction": "Correction", "clarification": "Clarification",
                     "retraction": "Retraction"}


@dataclass(frozen=True)
class Attribution:
    """Where the original came from."""

    outlet: str | None
    author: str | None
    url: str | None            # only http(s) addresses are kept: never a javascript: link
    published: str | None
    language: str | None
    title: str | None          # the original title, in the original language

    @property
    def language_name(self) -> str | None:
        return LANGUAGE_NAMES.get(self.language or "", self.language)

    @property
    def rtl(self) -> bool:
        return is_rtl(self.language)


@dataclass(frozen=True)
class CorrectionNote:
    at: datetime
    type: str
    note: str

    @property
    def label(self) -> str:
        return CORRECTION_LABELS.get(self.type, self.type.capitalize())


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    language: str
    body: str                  # Markdown, without the disclaimer block
    disclaimer: str | None
    summary: str
    tags: tuple[str, ...]
    published_at: datetime
    updated_at: datetime       # the last correction, or the publication
    translator: str | None     # names, as credited
    editor: str | None
    source: Attribution
    corrections: tuple[CorrectionNote, ...]
    link: str | None
    publication: str


def is_rtl(language: str | None) -> bool:
    return (language or "").split("-")[0].lower() in RTL_LANGUAGES


def safe_url(value: object) -> str | None:
    if isinstance(value, str) and re.match(r"^https?://[^\s<>\"']+$", value.strip()):
        return value.strip()
    return None


def escape_markdown(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def isolated(text: str) -> str:
    """Text from front matter escaped for Markdown and set apart for the bidi algorithm, as
    <bdi> does in HTML: an Arabic title ending in a full stop keeps the stop at its own
    (left) end instead of lending it to the English sentence around it. The isolate controls
    are used, not <bdi>: Hugo drops raw HTML by default and the feed shows it as text."""
    return FIRST_STRONG_ISOLATE + escape_markdown(text) + POP_DIRECTIONAL_ISOLATE


def first_paragraph(body: str, limit: int = 300) -> str:
    """A plain summary: the first paragraph that is text, cut at a word near `limit`."""
    for block in re.split(r"\n\s*\n", body.replace("\r\n", "\n")):
        text = " ".join(block.split())
        if text and not text.startswith(("#", "<!--", "|", "```", ">")):
            text = re.sub(r"[*_`]", "", text)
            if len(text) <= limit:
                return text
            return text[:limit].rsplit(" ", 1)[0] + " …"
    return ""


def day_text(moment: datetime) -> str:
    return f"{moment.day} {moment:%B %Y}"


def attribution_markdown(entry: Entry) -> str:
    """One sentence: what the original was, who wrote and published it, who translated it."""
    source = entry.source
    parts = ["Translated from the"]
    parts.append(f"{escape_markdown(source.language_name)} original" if source.language_name
                 else "original")
    if source.title:
        parts[-1] += f" “{isolated(source.title)}”"
    if source.author:
        parts.append(f"by {isolated(source.author)}")
    if source.outlet:
        outlet = isolated(source.outlet)
        parts[-1] += ","
        parts.append(f"published in [{outlet}](<{source.url}>)" if source.url
                     else f"published in {outlet}")
    elif source.url:
        parts[-1] += ","
        parts.append(f"published at <{source.url}>")
    if source.published:
        parts.append(f"on {escape_markdown(source.published)}")
    sentence = " ".join(parts) + "."
    credits = []
    if entry.translator:
        credits.append(f"Translated by {isolated(entry.translator)}")
    if entry.editor:
        credits.append(f"edited by {isolated(entry.editor)}")
    if credits:
        sentence += " " + "; ".join(credits) + "."
    return sentence


def corrections_markdown(entry: Entry) -> str:
    lines = ["## Corrections", ""]
    for correction in entry.corrections:
        lines.append(f"- **{correction.label}** ({day_text(correction.at)}): "
                     f"{escape_markdown(correction.note)}")
    return "\n".join(lines)


def article_markdown(entry: Entry) -> str:
    """The body as published: the text, its corrections, the attribution and the disclaimer."""
    parts = [entry.body.replace("\r\n", "\n").rstrip()]
    if entry.corrections:
        parts.append(corrections_markdown(entry))
    parts.append("---")
    parts.append(f"*{attribution_markdown(entry)}*")
    if entry.disclaimer:
        parts.append(f"*{escape_markdown(entry.disclaimer)}*")
    return "\n\n".join(part for part in parts if part) + "\n"
