"""One article bundle: `articles/<id>/` with article.md, source.md and translation.md."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from editorial.core import frontmatter
from editorial.core.files import read_if_inside, read_inside, refuse_links
from editorial.core.frontmatter import Document
from editorial.errors import EditorialError, InvalidDataError, RefusedError

ARTICLES_DIR = "articles"
ARTICLE_FILE = "article.md"
SOURCE_FILE = "source.md"
TRANSLATION_FILE = "translation.md"
BUNDLE_FILES = (ARTICLE_FILE, SOURCE_FILE, TRANSLATION_FILE)

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_ID_LENGTH = 80

# The hash of the body as last published: an edit after it needs a correction.
PUBLISHED_BODY_HASH_KEY = "published_body_sha256"

# The contract's keys, in the order new articles are written.
KEY_ORDER = ("id", "title", "workflow", "stage", "source", "translator", "editor",
             "created_at", "updated_at", "published_at", "scheduled_at", "corrections",
             "outputs", PUBLISHED_BODY_HASH_KEY, "history")


def body_hash(body: str) -> str:
    # deferred: start-up time (OpenSSL's hashes, which a listing never needs)
    import hashlib

    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def check_id(value: str) -> str:
    """Refuse anything that is not a slug, before it can become part of a path.

    A refusal (exit 1) like an unknown id, whether the id came from --id or a reference."""
    if not ID_PATTERN.match(value) or len(value) > MAX_ID_LENGTH:
        raise RefusedError(
            f"{value!r} is not a valid article id",
            hint="use lowercase ASCII letters, digits and single '-', e.g. aleppo-offensive",
        )
    return value


# Apostrophes (straight and curly) and the modifier letters that transliterate Arabic's
# hamza and ayn: dropped inside a word, so that "Hama\u2019s" is `hamas`, not `hama-s`.
APOSTROPHES = dict.fromkeys(map(ord, "'`\u2018\u2019\u00b4\u02b9\u02bb\u02bc\u02bd\u02be\u02bf"))
# Latin letters that NFKD does not take apart into a base letter and marks.
LETTERS = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o",
                         "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D",
                         "þ": "th", "Þ": "TH", "\u0131": "i", "ħ": "h", "Ħ": "H"})
# Words an id can do without when the title is too long for all of its words.
STOP_WORDS = frozenset({"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of",
                        "on", "or", "the", "to", "with"})


def _slug_words(text: str) -> list[str]:
    """The title's Latin words and numbers in lowercase ASCII, accents taken off (`Café` is
    `cafe`); letters of other scripts are left out."""
    import unicodedata  # deferred: start-up time (only `new` makes ids)

    decomposed = unicodedata.normalize("NFKD", text.translate(APOSTROPHES).translate(LETTERS))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return re.findall(r"[a-z0-9]+", plain.lower().encode("ascii", "ignore").decode())


def slugify(text: str, *, max_length: int = 60) -> str:
    """A readable ASCII id from a title; empty when the title has no Latin letters or digits.

    A title too long for the id is cut after a content word, never on `of` or `the`, and
    as late as fits: the stop words before it are dropped first when that lets one more
    content word in (`council-approves-plan-market` rather than `council-approves-plan-for`).
    """
    words = _slug_words(text)
    if len("-".join(words)) <= max_length:
        return "-".join(words)
    # A title of nothing but stop words is cut after any word.
    content = ([index for index, word in enumerate(words) if word not in STOP_WORDS]
               or list(range(len(words))))
    for last in reversed(content):
        kept = words[:last + 1]
        for candidate in (kept, [word for word in kept if word not in STOP_WORDS]):
            if candidate and len("-".join(candidate)) <= max_length:
                return "-".join(candidate)
    # Not even one content word fits (it is longer than an id may be): what fits of it.
    return words[content[0]][:max_length]


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def format_time(moment: datetime) -> str:
    """ISO 8601 in UTC with a Z, to the second: the form every timestamp is stored in."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def local_time(moment: datetime, pattern: str = "%Y-%m-%d %H:%M") -> str:
    """A stored (UTC) time as the person reading it keeps time, with the zone named, e.g.
    `2025-03-01 12:00 +03` under TZ=Asia/Damascus: a bare 12:00 could be either."""
    local = moment.astimezone()
    return f"{local.strftime(pattern)} {local.tzname() or local.strftime('%z')}"


# What `editorial set` may change: the article's description, never its state (stage,
# history, people, outputs), which only the desk's steps change. `source.title` is the
# original headline, kept in source.md's front matter.
SETTABLE_KEYS = ("title", "source.title", "source.author", "source.outlet", "source.url",
                 "source.published")
# What a `corrections` entry's `type` may be.
CORRECTION_TYPES = ("correction", "clarification", "retraction")


def lookup(meta: dict[str, Any], dotted: str) -> object:
    """A front matter value by dotted key, e.g. `source.outlet`; None where it is missing."""
    value: object = meta
    for part in dotted.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def text_value(value: object) -> str | None:
    """A front matter value that is text, as it is; None for anything else or empty text."""
    return value if isinstance(value, str) and value else None


def shown_text(value: object) -> str | None:
    """A value of any type as the text a person reads, stripped; None when there is none."""
    return str(value).strip() or None if value is not None else None


def parse_time(value: object) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@dataclass
class Article:
    """An article's workflow state (the front matter of article.md) and its files."""

    id: str
    folder: Path
    document: Document

    @property
    def path(self) -> Path:
        return self.folder / ARTICLE_FILE

    @property
    def source_path(self) -> Path:
        return self.folder / SOURCE_FILE

    @property
    def translation_path(self) -> Path:
        return self.folder / TRANSLATION_FILE

    @property
    def meta(self) -> dict[str, Any]:
        return self.document.meta

    @property
    def body(self) -> str:
        return self.document.body

    def text(self, key: str) -> str | None:
        return text_value(self.meta.get(key))

    @property
    def title(self) -> str:
        return self.text("title") or self.id

    @property
    def stage(self) -> str:
        return self.text("stage") or ""

    @property
    def workflow_name(self) -> str | None:
        return self.text("workflow")

    @property
    def translator(self) -> str | None:
        return self.text("translator")

    @property
    def editor(self) -> str | None:
        return self.text("editor")

    @property
    def source(self) -> dict[str, Any]:
        value = self.meta.get("source")
        return value if isinstance(value, dict) else {}

    @property
    def history(self) -> list[dict[str, Any]]:
        value = self.meta.get("history")
        return value if isinstance(value, list) else []

    def lookup(self, dotted: str) -> object:
        """A front matter value by dotted key, e.g. `source.outlet`."""
        return lookup(self.meta, dotted)

    def entered_stage_at(self) -> datetime | None:
        return entered_stage_at(self.meta)

    @property
    def root(self) -> Path:
        """The newsroom the article is in: nothing above it is checked for links."""
        return self.folder.parent.parent

    def file_bytes(self, name: str) -> bytes | None:
        """One of the bundle's files as it is on disk, None when missing; a symbolic link is
        refused, never followed."""
        return read_if_inside(self.root, self.folder / name)

    def read_source(self) -> Document:
        return _read_document(self.source_path)

    def read_translation(self) -> Document | None:
        data = self.file_bytes(TRANSLATION_FILE)
        return None if data is None else frontmatter.parse(data, path=self.translation_path)


def translators_of(article: Article) -> set[str]:
    """Everyone who translated the article: its translator and whoever submitted a draft."""
    people = {article.translator} if article.translator else set()
    for entry in article.history:
        if isinstance(entry, dict) and entry.get("action") == "submit" and entry.get("by"):
            people.add(str(entry["by"]))
    return people


@dataclass
class LoadProblem:
    """An article that could not be read, reported beside the ones that could."""

    error: EditorialError


def entering_step(meta: dict[str, Any]) -> dict[str, Any] | None:
    """The history step that brought the article into its current stage: the last one that
    changed it. None for an article without one."""
    history = meta.get("history")
    for entry in reversed(history if isinstance(history, list) else []):
        if isinstance(entry, dict) and entry.get("from") != entry.get("to"):
            return entry
    return None


def entered_stage_at(meta: dict[str, Any]) -> datetime | None:
    """When the article entered its current stage (when it was created, without a step)."""
    step = entering_step(meta)
    return parse_time(step.get("at") if step else meta.get("created_at"))


def was_returned(meta: dict[str, Any]) -> bool:
    """Whether the article is back in its stage because an editor returned it: the translator
    has been here before and has notes to act on."""
    step = entering_step(meta)
    return step is not None and step.get("action") == "return"


def ordered_meta(meta: dict[str, Any]) -> dict[str, Any]:
    """The contract's keys first in their usual order, then any others as they were."""
    ordered = {key: meta[key] for key in KEY_ORDER if key in meta}
    ordered.update((key, value) for key, value in meta.items() if key not in ordered)
    return ordered


def _read_document(path: Path) -> Document:
    try:
        data = read_inside(path.parent.parent.parent, path)
    except (FileNotFoundError, NotADirectoryError):
        raise InvalidDataError("file not found", path=path) from None
    return frontmatter.parse(data, path=path)


def load_article(folder: Path) -> Article:
    document = _read_document(folder / ARTICLE_FILE)
    _check_folder(folder, document.meta.get("id"), document.raw_meta)
    return Article(id=folder.name, folder=folder, document=document)


def load_meta(folder: Path) -> dict[str, Any]:
    """The front matter of the article in `folder`, checked as `load_article` checks it, read
    without its body."""
    path = folder / ARTICLE_FILE
    # Checked before the read rather than at its open: the head-only reader opens the file
    # itself, and the few calls this costs fall only on articles the cache cannot serve.
    refuse_links(folder.parent.parent, [path])
    meta = frontmatter.read_meta(path)
    if meta.get("id") != folder.name:
        # Read again in full only to point at the line of the wrong id.
        load_article(folder)
    return meta


def _check_folder(folder: Path, article_id: object, raw_meta: str | None) -> None:
    if article_id != folder.name:
        line = frontmatter.key_line(raw_meta, "id")
        raise InvalidDataError(
            f"front matter id {article_id!r} does not match its folder {folder.name!r}",
            path=folder / ARTICLE_FILE, line=line or 1,
            hint="an article's id must equal the name of its folder",
        )
