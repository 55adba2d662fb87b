"""Rules on the shape of an article bundle: readable front matter, the contract's keys and
types, an id that matches its folder, and no leftover merge conflict."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from editorial.core import schemas
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

TIME_KEYS = ("created_at", "updated_at", "published_at")
PERSON_KEYS = ("translator", "editor")
# What only the newsroom can say: its workflows and their stages. The schema knows only the
# built-in workflow's stages, for editors; the rule judges both keys by the newsroom.
NEWSROOM_KEYS = frozenset({("workflow",), ("stage",)})
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


@rule("schema", summary="article.md holds what the article schema ('editorial schema "
                        "article') says, a known workflow and stage, and people who are in "
                        "editorial.yaml")
def schema(check: ArticleCheck) -> Iterator[Finding]:
    files = check.now
    meta = files.meta()
    if meta is None:
        return
    path = check.path(ARTICLE_FILE)

    def at(*keys: str | int) -> int | None:
        return files.line_of(ARTICLE_FILE, *keys)

    for keys, message in schemas.violations("article", meta):
        if keys[:1] not in NEWSROOM_KEYS:
            yield Finding(path, at(*keys) or 1, f"{schemas.where(keys)}: {message}")
    yield from _workflow_and_stage(check, meta, path, at)
    people = check.newsroom.config.people
    for key in PERSON_KEYS:
        value = meta.get(key)
        if isinstance(value, str) and value not in people:
            yield Finding(path, at(key), f"{key} {value!r} is not a person in editorial.yaml",
                          blocks_commands=False)
    # The schema says a time is text; whether the text is a real time is said here.
    for key in TIME_KEYS:
        if isinstance(meta.get(key), str) and parse_time(meta[key]) is None:
            yield Finding(path, at(key), f"{key} {meta[key]!r} is not an ISO 8601 time such "
                                         "as 2024-05-01T09:30:00Z")
    history = meta.get("history")
    for index, entry in enumerate(history if isinstance(history, list) else []):
        moment = entry.get("at") if isinstance(entry, dict) else None
        if isinstance(moment, str) and moment and parse_time(moment) is None:
            yield Finding(path, at("history", index),
                          f"history[{index}].at {moment!r} is not an ISO 8601 time")
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
        # Worded as the schema's enum of the built-in workflow's stages is.
        yield Finding(path, at("stage"), f"stage: {stage!r} is not one of the stages of "
                                         f"workflow {name!r}: {', '.join(workflow.stages)}")


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
