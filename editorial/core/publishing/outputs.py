"""What publishing writes: each live article's files on every target, the feeds, and the
manifest of withdrawn articles; and how recorded outputs are checked against the disk.

The effects in `editorial.core.effects` call these with the step being taken, so that every
file goes through the step's ChangeSet and lands in the same commit as the article.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from editorial.core import frontmatter
from editorial.core.article import (
    ARTICLE_FILE,
    PUBLISHED_BODY_HASH_KEY,
    Article,
    LoadProblem,
    body_hash,
    format_time,
    parse_time,
    shown_text,
)
from editorial.core.files import first_link, read_if_inside, refuse_links
from editorial.core.publishing.settings import PublishSettings, publish_settings
from editorial.errors import InvalidDataError

if TYPE_CHECKING:
    from editorial.core.newsroom import Newsroom
    from editorial.core.publishing.entry import Entry
    from editorial.core.step import StepContext

# The entries the targets render and json are imported where a target or the manifest needs
# them: a newsroom that publishes to no target does not pay for loading them (start-up time).


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def recorded_outputs(settings: PublishSettings, article_id: str,
                     meta: dict[str, Any]) -> dict[str, str]:
    """The outputs front matter says were published, path -> sha256: only those at a place
    a configured target puts this article's files. Front matter is text anyone can edit; a
    path it names is never written or deleted on its word alone (see `foreign_outputs`)."""
    return {path: digest for _, path, digest in _output_entries(meta)
            if owns_output(settings, article_id, path)}


def foreign_outputs(settings: PublishSettings, article_id: str,
                    meta: dict[str, Any]) -> list[tuple[int, str]]:
    """The entries of `outputs` (their place in the list, their path) that name a file no
    configured target makes for this article: publishing leaves such files alone."""
    return [(index, path) for index, path, _ in _output_entries(meta)
            if not owns_output(settings, article_id, path)]


def _output_entries(meta: dict[str, Any]) -> list[tuple[int, str, str]]:
    outputs = meta.get("outputs")
    return [(index, item["path"], str(item.get("sha256") or ""))
            for index, item in enumerate(outputs if isinstance(outputs, list) else [])
            if isinstance(item, dict) and isinstance(item.get("path"), str)]


def owns_output(settings: PublishSettings, article_id: str, path: str) -> bool:
    """Whether `path` is where a configured target puts this article's file (a Jekyll post
    under any date): the only files publishing may write or delete for it."""
    return any(target.owns(article_id, path) for target in settings.targets)


def is_withdrawn(newsroom: Newsroom, meta: dict[str, Any]) -> bool:
    return bool(meta.get("published_at")) and not newsroom.is_live(meta)


def live_article_ids(newsroom: Newsroom) -> list[str]:
    """Every published article, by id. One whose front matter does not load is not known to
    be published; `check` names it."""
    return [item[0] for item in newsroom.iter_front_matter(
                lambda stage, workflow: newsroom.is_live({"stage": stage, "workflow": workflow}))
            if not isinstance(item, LoadProblem) and newsroom.is_live(item[1])]


# -- entries ------------------------------------------------------------------------------


def entry_for(newsroom: Newsroom, article: Article, settings: PublishSettings) -> Entry:
    # deferred: start-up time (the entries load when an article is published)
    from editorial.core.publishing.entry import (
        Attribution,
        CorrectionNote,
        Entry,
        first_paragraph,
        safe_url,
    )

    meta = article.meta
    published_at = parse_time(meta.get("published_at"))
    if published_at is None:
        raise InvalidDataError(f"{article.id} has no valid published_at to publish it with",
                               path=article.path)
    corrections = []
    for item in meta.get("corrections") or []:
        at = parse_time(item.get("at")) if isinstance(item, dict) else None
        if isinstance(item, dict) and at is not None:
            corrections.append(CorrectionNote(at, str(item.get("type") or "correction"),
                                              str(item.get("note") or "")))
    updated_at = max([published_at, *(c.at for c in corrections)])
    source = article.source
    original_title = None
    if article.source_path.exists():
        title = article.read_source().meta.get("title")
        original_title = str(title) if title and str(title) != article.title else None
    # deferred: start-up time (read only when an article is published)
    from editorial.core import disclaimer
    from editorial.core.quality.script import without_markers

    found = disclaimer.blocks(article.body)
    # The ignore markers are for `check`: every target escapes raw HTML, so they would show.
    body = without_markers(disclaimer.without(article.body))
    tags = meta.get("tags")
    summary = meta.get("summary")
    people = newsroom.config.people

    def name(person_id: str | None) -> str | None:
        return people[person_id].name if person_id in people else person_id

    return Entry(
        id=article.id, title=article.title, language=newsroom.config.target_language,
        body=body, disclaimer=found[-1] if found else None,
        summary=(without_markers(summary) if isinstance(summary, str) and summary.strip()
                 else first_paragraph(body)),
        tags=tuple(str(tag) for tag in tags) if isinstance(tags, list) else (),
        published_at=published_at, updated_at=updated_at,
        translator=name(article.translator), editor=name(article.editor),
        source=Attribution(
            outlet=shown_text(source.get("outlet")), author=shown_text(source.get("author")),
            url=safe_url(source.get("url")), published=shown_text(source.get("published")),
            language=shown_text(source.get("language")), title=original_title),
        corrections=tuple(corrections), link=settings.article_link(article.id),
        publication=newsroom.config.publication,
    )


# -- rendering ----------------------------------------------------------------------------


def render_article(newsroom: Newsroom, settings: PublishSettings,
                   entry: Entry) -> dict[str, bytes]:
    """One article's files on every per-article target."""
    files: dict[str, bytes] = {}
    for target in settings.targets:
        files.update(target.render(newsroom, entry))
    return files


@dataclass
class DeskState:
    """Every article's front matter as it will be once the step lands; whole articles are
    loaded only for the few the feeds show."""

    newsroom: Newsroom
    metas: dict[str, dict[str, Any]]
    pending: dict[str, Article]

    def article(self, article_id: str) -> Article:
        if article_id in self.pending:
            return self.pending[article_id]
        return self.newsroom.load(article_id)


def state_after(step: StepContext) -> DeskState:
    """The articles as they stand with the step's pending writes applied: several articles
    published in one go must all appear in the feed."""
    newsroom = step.newsroom
    pending: dict[str, Article] = {step.article.id: step.article}
    for path, data in step.changes.writes.items():
        if path.name == ARTICLE_FILE and path.parent.parent == newsroom.articles_dir:
            article_id = path.parent.name
            if article_id != step.article.id:
                pending[article_id] = Article(article_id, path.parent,
                                              frontmatter.parse(data, path=path))
    metas: dict[str, dict[str, Any]] = {}
    for item in newsroom.iter_front_matter():
        if not isinstance(item, LoadProblem):
            article_id, meta = item
            metas[article_id] = pending[article_id].meta if article_id in pending else meta
    metas[step.article.id] = {**step.article.meta, "stage": step.transition.target}
    return DeskState(newsroom, metas, pending)


def collection_outputs(newsroom: Newsroom, settings: PublishSettings, step: StepContext,
                       *, current: str, current_note: str | None) -> dict[str, bytes]:
    """The feeds (what targets make from the latest published articles) and the withdrawn
    manifest, from every article's state."""
    files: dict[str, bytes] = {}
    latest = max((target.shows_latest() for target in settings.targets), default=0)
    if not latest and not settings.withdrawn:
        return files
    state, now = state_after(step), step.now
    if latest:
        live = [article_id for article_id, meta in state.metas.items()
                if newsroom.is_live(meta)]
        live.sort(key=lambda i: (format_time(parse_time(state.metas[i].get("published_at"))
                                             or now), i), reverse=True)
        entries = [entry_for(newsroom, state.article(i), settings) for i in live[:latest]]
        for target in settings.targets:
            files.update(target.render_latest(newsroom, settings, entries, now))
    if settings.withdrawn:
        files[settings.withdrawn] = withdrawn_manifest(settings, state, now, current=current,
                                                       current_note=current_note)
    return files


def withdrawn_manifest(settings: PublishSettings, state: DeskState, now: datetime, *,
                       current: str, current_note: str | None) -> bytes:
    """JSON a site reads to answer 410 Gone (or redirect) for articles taken down."""
    import json  # deferred: start-up time (only where a manifest is written)

    listed = []
    for article_id in sorted(state.metas):
        meta = state.metas[article_id]
        if not is_withdrawn(state.newsroom, meta):
            continue
        withdrawn_at: str | None
        if article_id == current:
            withdrawn_at, reason = format_time(now), current_note
        else:
            withdrawn_at, reason = _entered(meta)
        published_at = parse_time(meta.get("published_at"))
        listed.append({
            "id": article_id,
            "title": str(meta.get("title") or article_id),
            "published_at": meta.get("published_at"),
            "withdrawn_at": withdrawn_at,
            "reason": reason,
            "url": settings.article_link(article_id),
            "paths": article_paths(settings, article_id, published_at),
        })
    document = {"withdrawn": listed}
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _entered(meta: dict[str, Any]) -> tuple[str | None, str | None]:
    history = meta.get("history")
    for entry in reversed(history if isinstance(history, list) else []):
        if isinstance(entry, dict) and entry.get("to") == meta.get("stage"):
            note = entry.get("note")
            return (str(entry.get("at")) if entry.get("at") else None,
                    str(note) if note else None)
    return None, None


def article_paths(settings: PublishSettings, article_id: str,
                  published_at: datetime | None) -> list[str]:
    """Where each per-article target puts an article's file."""
    return [path for target in settings.targets
            for path in target.article_paths(article_id, published_at)]


def stray_outputs(root: Path, settings: PublishSettings, article_id: str) -> list[str]:
    """Files on disk where a target would put this article's output, whatever their date:
    what withdrawing the article from every target removes."""
    return sorted({path for target in settings.targets
                   for path in target.withdraw(root, article_id)})


# -- staging through the step's ChangeSet -------------------------------------------------


class Stager:
    """Queues files into a step's ChangeSet when they differ from the disk or from the last
    commit, so that an unchanged republish queues nothing, and files an interrupted publish
    left on disk uncommitted are committed this time."""

    def __init__(self, step: StepContext, candidates: Iterable[str]) -> None:
        self.step = step
        self.root = step.newsroom.root
        paths = [self.root / relative for relative in candidates]
        self.uncommitted = step.vcs.uncommitted(paths) if step.vcs is not None and paths \
            else set()

    def write(self, relative: str, data: bytes) -> None:
        path = self.root / relative
        if read_if_inside(self.root, path) != data or path in self.uncommitted:
            self.step.changes.write(path, data)

    def remove(self, relative: str) -> None:
        path = self.root / relative
        refuse_links(self.root, [path])
        if path.exists() or path in self.uncommitted:
            self.step.changes.remove(path)


def publish_outputs(step: StepContext) -> None:
    """Render the article on every target, refresh the feeds and the manifest, and record
    the outputs with their hashes in front matter."""
    newsroom, article = step.newsroom, step.article
    settings = publish_settings(newsroom.config)
    files: dict[str, bytes] = {}
    strays: list[str] = []
    if settings.targets:
        files = render_article(newsroom, settings, entry_for(newsroom, article, settings))
        strays = stray_outputs(newsroom.root, settings, article.id)
    previous = recorded_outputs(settings, article.id, article.meta)
    _leave_foreign(step, settings)
    obsolete = (set(previous) | set(strays)) - set(files)
    collections = collection_outputs(newsroom, settings, step, current=article.id,
                                     current_note=step.note)
    root = newsroom.root
    # Before anything on disk is read: a target's folder that is a link leads outside.
    refuse_links(root, [root / relative for relative in [*files, *obsolete, *collections]])
    stager = Stager(step, [*files, *obsolete, *collections])
    for relative, data in files.items():
        path = root / relative
        on_disk = read_if_inside(root, path)
        if relative in previous and on_disk is not None:
            if sha256(on_disk) != previous[relative] and on_disk != data:
                step.messages.append(f"{relative} did not match what was published "
                                     "(changed by hand?): written again")
        elif relative in previous:
            step.messages.append(f"{relative} was missing: written again")
        if path in stager.uncommitted and on_disk == data:
            step.messages.append(f"{relative} was written but never committed (an interrupted "
                                 "publish?): committing it now")
        stager.write(relative, data)
    for relative in sorted(obsolete):
        stager.remove(relative)
    for relative, data in collections.items():
        stager.write(relative, data)
    if files:
        article.meta["outputs"] = [{"path": relative, "sha256": sha256(data)}
                                   for relative, data in sorted(files.items())]
    else:
        article.meta.pop("outputs", None)
    article.meta[PUBLISHED_BODY_HASH_KEY] = body_hash(article.body)


def withdraw_outputs(step: StepContext) -> None:
    """Remove the article's files from every target, refresh the feeds and the manifest."""
    newsroom, article = step.newsroom, step.article
    settings = publish_settings(newsroom.config)
    doomed = set(recorded_outputs(settings, article.id, article.meta)) | set(
        stray_outputs(newsroom.root, settings, article.id))
    _leave_foreign(step, settings)
    article.meta.pop("outputs", None)
    collections = collection_outputs(newsroom, settings, step, current=article.id,
                                     current_note=step.note)
    root = newsroom.root
    refuse_links(root, [root / relative for relative in [*doomed, *collections]])
    stager = Stager(step, [*doomed, *collections])
    for relative in sorted(doomed):
        stager.remove(relative)
    for relative, data in collections.items():
        stager.write(relative, data)


def _leave_foreign(step: StepContext, settings: PublishSettings) -> None:
    for _, relative in foreign_outputs(settings, step.article.id, step.article.meta):
        step.messages.append(f"{relative} is in outputs but is not a file publishing makes for "
                             f"{step.article.id}: left as it is, and dropped from outputs")


# -- verification -------------------------------------------------------------------------


@dataclass(frozen=True)
class OutputProblem:
    path: str
    message: str


def verify_outputs(newsroom: Newsroom, settings: PublishSettings, article_id: str,
                   meta: dict[str, Any]) -> list[OutputProblem]:
    """What is wrong between an article's recorded outputs and the files on disk: a missing
    or altered output of a live article, or output files of an article that is not live
    (what a publish interrupted before its commit leaves behind)."""
    root = newsroom.root
    problems: list[OutputProblem] = []
    # An output that is or lies under a link is the symlink rule's to report; what it leads
    # to is never read.
    recorded = {relative: digest for relative, digest
                in recorded_outputs(settings, article_id, meta).items()
                if first_link(root, root / relative) is None}
    if newsroom.is_live(meta):
        for relative, digest in sorted(recorded.items()):
            on_disk = read_if_inside(root, root / relative)
            if on_disk is None:
                problems.append(OutputProblem(relative, f"published output of {article_id} is "
                                              "missing (run 'editorial publish "
                                              f"{article_id}' to write it again)"))
            elif sha256(on_disk) != digest:
                problems.append(OutputProblem(relative, f"published output of {article_id} "
                                              "differs from what was published (run "
                                              f"'editorial publish {article_id}' to "
                                              "restore it)"))
        # A target configured after the article was published has none of its files yet.
        every_recorded = recorded_outputs(settings, article_id, meta)
        unrecorded = [relative for relative in article_paths(
            settings, article_id, parse_time(meta.get("published_at")))
            if relative not in every_recorded]
        for relative in unrecorded:
            problems.append(OutputProblem(relative, f"{article_id} is published but has no "
                                          "recorded output on this publish target (a target "
                                          "added or changed since?): run 'editorial publish "
                                          "--rebuild' to write every published article's "
                                          "outputs"))
        extra = [p for p in _strays_inside(root, settings, article_id)
                 if p not in recorded and p not in unrecorded]
    else:
        extra = sorted(set(_strays_inside(root, settings, article_id)) | {
            p for p in recorded if (root / p).is_file()})
    for relative in extra:
        stage = meta.get("stage")
        problems.append(OutputProblem(relative, f"output file for {article_id} (stage {stage})"
                                      " that no publication recorded, left by an interrupted "
                                      "publish? (publish the article, or delete the file)"))
    return problems


def _strays_inside(root: Path, settings: PublishSettings, article_id: str) -> list[str]:
    return [relative for relative in stray_outputs(root, settings, article_id)
            if first_link(root, root / relative) is None]
