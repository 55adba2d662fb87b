"""Rules on the shape of an article bundle: readable front matter, the contract's keys and
types, an id that matches its folder, and no leftover merge conflict."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from editorial.core.article import (
    ARTICLE_FILE,
    BUNDLE_FILES,
    ID_PATTERN,
    SOURCE_FILE,
    TRANSLATION_FILE,
    Article,
    parse_time,
)
from editorial.core.checks.base import ArticleCheck, ArticleFiles, Finding, rule
from editorial.core.workflow import is_workflow_name
from editorial.errors import NotFoundError

if TYPE_CHECKING:
    from editorial.core.newsroom import Newsroom

REQUIRED_KEYS = ("id", "title", "stage", "source", "created_at", "updated_at", "history")
TIME_KEYS = ("created_at", "updated_at", "published_at")
PERSON_KEYS = ("translator", "editor")
HISTORY_TEXT_KEYS = ("at", "by", "action", "to")
CORRECTION_KEYS = ("at", "by", "type", "note")
CORRECTION_TYPES = ("correction", "clarification", "retraction")
LineOf = Callable[..., int | None]
CONFLICT_START = re.compile(r"^<{7}(?: |$)")
CONFLICT_END = re.compile(r"^>{7}(?: |$)")


@rule("front-matter", summary="every bundle file is there and its front matter is readable "
                              "YAML (with the line of the error)")
def front_matter(check: ArticleCheck) -> Iterator[Finding]:
    files = check.now
    if not files.exists():
        return  # the whole bundle is gone: the history rule speaks of a deleted article
    for name in BUNDLE_FILES:
        if files.get(name) is None:
            yield Finding(check.path(name), None,
                          f"{name} is missing: every article has {', '.join(BUNDLE_FILES)}")
            continue
        error = files.parse_error(name)
        if error is not None:
            message = error.message + (f" ({error.hint})" if error.hint else "")
            yield Finding(check.path(name), error.line, message)
            continue
        document = files.document(name)
        if name == ARTICLE_FILE and document is not None and document.raw_meta is None:
            yield Finding(check.path(name), 1, "article.md has no front matter: it must start "
                          "with a line '---', the article's YAML, and another '---'")


@rule("schema", summary="article.md has the required keys with the right types, a known "
                        "workflow and stage, and people who are in editorial.yaml")
def schema(check: ArticleCheck) -> Iterator[Finding]:
    files = check.now
    meta = files.meta()
    if meta is None:
        return
    path = check.path(ARTICLE_FILE)

    def at(*keys: str | int) -> int | None:
        return files.line_of(ARTICLE_FILE, *keys)

    missing = [key for key in REQUIRED_KEYS if key not in meta]
    if missing:
        yield Finding(path, 1, f"front matter lacks {', '.join(missing)}")
    title = meta.get("title")
    if "title" in meta and (not isinstance(title, str) or not title.strip()):
        yield Finding(path, at("title"), "title must be non-empty text")
    yield from _workflow_and_stage(check, meta, path, at)
    source = meta.get("source")
    if "source" in meta:
        if not isinstance(source, dict):
            yield Finding(path, at("source"), "source must be a mapping (language, author, "
                                              "outlet, url, published)")
        elif not isinstance(source.get("language"), str) or not source.get("language"):
            yield Finding(path, at("source"), "source.language must name the source language, "
                                              "e.g. ar")
    people = check.newsroom.config.people
    for key in PERSON_KEYS:
        value = meta.get(key)
        if value is not None and not isinstance(value, str):
            yield Finding(path, at(key), f"{key} must be a person id, not {value!r}")
        elif value is not None and value not in people:
            yield Finding(path, at(key), f"{key} {value!r} is not a person in editorial.yaml",
                          blocks_commands=False)
    for key in TIME_KEYS:
        value = meta.get(key)
        # published_at is null until publication; the others always hold a time.
        if key in meta and (value is not None or key in REQUIRED_KEYS) \
                and parse_time(value) is None:
            yield Finding(path, at(key), f"{key} {value!r} is not an ISO 8601 time such as "
                                         "2024-05-01T09:30:00Z")
    yield from _entries(meta, "history", path, at, _history_entry_problems, required=True)
    yield from _entries(meta, "corrections", path, at, _correction_problems, required=False)
    yield from _companion_files(check)


def _workflow_and_stage(check: ArticleCheck, meta: dict[str, Any], path: str,
                        at: LineOf) -> Iterator[Finding]:
    name = meta.get("workflow", check.newsroom.config.workflow)
    if not isinstance(name, str):
        yield Finding(path, at("workflow"), "workflow must be a workflow name")
        return
    if not is_workflow_name(name):
        yield Finding(path, at("workflow"), f"workflow {name!r} is not a workflow name: "
                      "name one of workflows/NAME.yaml (or a built-in), never a path")
        return
    try:
        workflow = check.newsroom.workflows.get(name)
    except NotFoundError:
        known = ", ".join(check.newsroom.workflows.names())
        yield Finding(path, at("workflow"), f"unknown workflow {name!r} (known: {known})")
        return
    stage = meta.get("stage")
    if "stage" in meta and (not isinstance(stage, str) or stage not in workflow.stages):
        yield Finding(path, at("stage"), f"unknown stage {stage!r} in workflow {name!r} "
                                         f"(stages: {', '.join(workflow.stages)})")


def _entries(meta: dict[str, Any], key: str, path: str, at: LineOf,
             problems_of: Callable[[object], list[str]], *, required: bool) -> Iterator[Finding]:
    value = meta.get(key)
    if value is None and (not required or key not in meta):
        return
    if not isinstance(value, list):
        yield Finding(path, at(key), f"{key} must be a list")
        return
    for index, entry in enumerate(value):
        for problem in problems_of(entry):
            yield Finding(path, at(key, index), f"{key}[{index}]: {problem}")


def _history_entry_problems(entry: object) -> list[str]:
    if not isinstance(entry, dict):
        return ["must be a mapping with at, by, action, from, to"]
    problems = [f"'{key}' must be text" for key in HISTORY_TEXT_KEYS
                if not isinstance(entry.get(key), str) or not entry.get(key)]
    if "from" not in entry or not (entry["from"] is None or isinstance(entry["from"], str)):
        problems.append("'from' must be a stage (or null for the first entry)")
    if isinstance(entry.get("at"), str) and parse_time(entry["at"]) is None:
        problems.append(f"'at' {entry['at']!r} is not an ISO 8601 time")
    if "note" in entry and not isinstance(entry["note"], str):
        problems.append("'note' must be text")
    return problems


def _correction_problems(entry: object) -> list[str]:
    if not isinstance(entry, dict):
        return ["must be a mapping with at, by, type, note"]
    problems = [f"'{key}' must be text" for key in CORRECTION_KEYS
                if not isinstance(entry.get(key), str) or not entry.get(key)]
    kind = entry.get("type")
    if isinstance(kind, str) and kind not in CORRECTION_TYPES:
        problems.append(f"'type' {kind!r} is not one of {', '.join(CORRECTION_TYPES)}")
    return problems


def _companion_files(check: ArticleCheck) -> Iterator[Finding]:
    for name in (SOURCE_FILE, TRANSLATION_FILE):
        document = check.now.document(name)
        if document is not None and document.raw_meta is not None:
            language = document.meta.get("language")
            if language is not None and not isinstance(language, str):
                yield Finding(check.path(name), check.now.line_of(name, "language"),
                              "language must be a language code such as ar or en")


@rule("id", summary="the front matter id equals the article's folder name, and is a valid id")
def article_id(check: ArticleCheck) -> Iterator[Finding]:
    if not ID_PATTERN.match(check.article_id):
        yield Finding(check.path(""), None, f"folder name {check.article_id!r} is not a valid "
                      "article id: lowercase ASCII letters, digits and single '-'")
    meta = check.now.meta()
    if meta is None:
        return
    value = meta.get("id")
    if value != check.article_id:
        yield Finding(check.path(ARTICLE_FILE), check.now.line_of(ARTICLE_FILE, "id") or 1,
                      f"id {value!r} does not match the folder {check.article_id!r} "
                      "(an article's id is the name of its folder)")


def front_matter_problems(newsroom: Newsroom, article: Article) -> list[Finding]:
    """What check's front-matter, schema and id rules find in an article's files on disk: a
    command refuses to act on an article they reject, since it would misread its state and
    commit over it. A file that is a symbolic link is refused, as every read of it is."""
    files = {name: article.file_bytes(name) for name in BUNDLE_FILES}
    check = ArticleCheck(newsroom, article.id, ArticleFiles(article.id, files))
    return [finding for rule_function in (front_matter, schema, article_id)
            for finding in rule_function(check) if finding.blocks_commands]


@rule("conflict-markers", summary="no merge conflict markers (<<<<<<<, =======, >>>>>>>) left "
                                  "in an article's files")
def conflict_markers(check: ArticleCheck) -> Iterator[Finding]:
    for name in BUNDLE_FILES:
        yield from _markers_in(check.now, name, check.path(name))


def _markers_in(files: ArticleFiles, name: str, path: str) -> Iterator[Finding]:
    data = files.get(name)
    if data is None or (b"<<<<<<<" not in data and b">>>>>>>" not in data):
        return
    text = data.decode("utf-8", errors="replace")
    open_at: int | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if CONFLICT_START.match(line):
            open_at = number
        elif CONFLICT_END.match(line):
            start = open_at or number
            yield Finding(path, start, "unresolved merge conflict (lines "
                          f"{start}-{number}): keep one side, remove the markers")
            open_at = None
    if open_at is not None:
        yield Finding(path, open_at, "unfinished merge conflict marker '<<<<<<<'")
