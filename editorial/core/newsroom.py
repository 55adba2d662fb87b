"""The newsroom repository: its configuration, its workflows and its articles."""

from __future__ import annotations

import marshal
import os
import stat
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from editorial.core import effects, gates
from editorial.core.article import (
    ARTICLE_FILE,
    ARTICLES_DIR,
    ID_PATTERN,
    SOURCE_FILE,
    Article,
    LoadProblem,
    check_id,
    load_article,
    load_meta,
    text_value,
)
from editorial.core.config import Config, Person, load_config
from editorial.core.files import first_link, link_refusal
from editorial.core.newsroom_root import CONFIG_FILE
from editorial.core.workflow import (
    NO_PHASES,
    WORKFLOWS_DIR,
    Phases,
    Workflow,
    WorkflowLibrary,
    builtin_dir,
)
from editorial.errors import (
    AmbiguousError,
    EditorialError,
    InvalidDataError,
    NotFoundError,
    PermissionDeniedError,
)

if TYPE_CHECKING:
    # Listings need the caches and the parallel reader; a step on one article does not.
    from editorial.core.listing_cache import StatKey
    from editorial.core.ports import Progress


# How many articles a listing reads between two reports of its progress: often enough for
# a bar to move, rarely enough to cost nothing on a warm cache.
PROGRESS_EVERY = 64

# What the source fingerprint cache holds for each article.
HASH_KEY = "text_hash"

class Newsroom:
    def __init__(self, root: Path) -> None:
        self.root = root
        # By workflow name, what `phases` found.
        self._phases: dict[str, Phases] = {}

    @cached_property
    def config(self) -> Config:
        return load_config(self.root / CONFIG_FILE)

    @property
    def articles_dir(self) -> Path:
        return self.root / ARTICLES_DIR

    @cached_property
    def workflows(self) -> WorkflowLibrary:
        return WorkflowLibrary([self.root / WORKFLOWS_DIR, builtin_dir()],
                               gate_arguments=gates.ARGUMENTS, effect_names=effects.EFFECTS,
                               newsroom_root=self.root)

    def workflow_of(self, article: Article) -> Workflow:
        return self.workflows.get(article.workflow_name or self.config.workflow)

    def is_live(self, meta: Mapping[str, Any]) -> bool:
        """Whether front matter's stage is the live stage of its own workflow: what
        publishing, `check` and the memory mean by "on the site"."""
        stage = meta.get("stage")
        return isinstance(stage, str) and stage == self.phases(meta).live

    def is_terminal(self, meta: Mapping[str, Any]) -> bool:
        """Whether front matter's stage ends an article's life in its own workflow."""
        stage = meta.get("stage")
        return isinstance(stage, str) and stage in self.phases(meta).terminal

    def stage_meanings(self) -> dict[str, Phases]:
        """The phases of every workflow the newsroom can name."""
        return {name: self.phases({"workflow": name}) for name in self.workflows.names()}

    def phases(self, meta: Mapping[str, Any]) -> Phases:
        """Where the stages of front matter's own workflow (the desk's when it names none)
        stand towards publication; none for one that does not load, whose articles `check`
        reports: a listing of the whole newsroom must not stop at them. Kept by name,
        failures too, so that a listing asks no file nor regular expression again for each
        article."""
        name = self._workflow_name(meta)
        found = self._phases.get(name)
        if found is None:
            workflow = self._workflow_or_none(name)
            found = Phases.of(workflow) if workflow is not None else NO_PHASES
            self._phases[name] = found
        return found

    def _workflow_name(self, meta: Mapping[str, Any]) -> str:
        """The workflow front matter names, the desk's when it names none."""
        return text_value(meta.get("workflow")) or self.config.workflow

    def _workflow_or_none(self, name: str) -> Workflow | None:
        """The workflow `name`; None for one that does not load."""
        try:
            return self.workflows.get(name)
        except EditorialError:
            return None

    def article_ids(self) -> list[str]:
        found, linked = self._scan()
        return sorted([*(name for name, _ in found), *linked])

    def _scan(self) -> tuple[list[tuple[str, StatKey]], list[str]]:
        """Each article folder's name, with the stat key of its article.md, by name: one stat
        per article, which is also what the front matter cache is checked against. Apart,
        the names in articles/ that are symbolic links or hold an article.md that is one:
        never followed, and reported by whoever reads them."""
        found: list[tuple[str, StatKey]] = []
        linked: list[str] = []
        if os.path.islink(self.articles_dir):
            raise link_refusal(self.root, self.articles_dir)
        try:
            # The folder's listing says which entries are links at no cost per entry.
            entries = sorted((entry.name, entry.is_symlink())
                             for entry in os.scandir(self.articles_dir))
        except (FileNotFoundError, NotADirectoryError):
            return found, linked
        # Paths joined by hand and the key built inline: in a large newsroom every call in
        # this loop costs as much as the stat itself.
        prefix, suffix = f"{self.articles_dir}{os.sep}", f"{os.sep}{ARTICLE_FILE}"
        append, stat_of, is_file, is_link = found.append, os.lstat, stat.S_ISREG, stat.S_ISLNK
        for name, link in entries:
            if link:
                linked.append(name)
                continue
            try:
                status = stat_of(f"{prefix}{name}{suffix}")
            except OSError:
                continue
            if is_file(status.st_mode):
                append((name, (status.st_size, status.st_mtime_ns, status.st_ctime_ns,
                               status.st_ino, status.st_dev)))
            elif is_link(status.st_mode):
                linked.append(name)
        return found, linked

    def resolve(self, reference: str) -> str:
        """An id, or the one id that starts with `reference`."""
        if "/" in reference or "\\" in reference or ".." in reference:
            check_id(reference)
        if ID_PATTERN.match(reference) and (self.articles_dir / reference / ARTICLE_FILE).is_file():
            # A whole id needs no listing of the newsroom, however large.
            return reference
        ids = self.article_ids()
        if reference in ids:
            return reference
        candidates = [article_id for article_id in ids if article_id.startswith(reference)]
        if len(candidates) == 1:
            return candidates[0]
        if candidates:
            shown = ", ".join(candidates[:10]) + (" …" if len(candidates) > 10 else "")
            raise AmbiguousError(f"{reference!r} matches {len(candidates)} articles: {shown}",
                                 hint="type more of the id")
        raise NotFoundError(f"no article {reference!r}",
                            hint="'editorial status --all' lists every article")

    def folder(self, article_id: str) -> Path:
        return self.articles_dir / check_id(article_id)

    def load(self, reference: str) -> Article:
        return load_article(self.folder(self.resolve(reference)))

    def load_valid(self, reference: str) -> Article:
        """The article, refused with the first problem `editorial check` finds in its front
        matter: what a command needs before it changes anything."""
        # deferred: start-up time (the check rules load only where a command needs them)
        from editorial.core.checks.structure import front_matter_problems

        article = self.load(reference)
        problems = front_matter_problems(self, article)
        if problems:
            first = problems[0]
            raise InvalidDataError(
                first.message, path=self.root / first.path, line=first.line,
                hint="fix the front matter, 'editorial check' lists every problem")
        return article

    def person(self, person_id: str) -> Person:
        try:
            return self.config.people[person_id]
        except KeyError:
            known = ", ".join(sorted(self.config.people)) or "nobody yet"
            raise PermissionDeniedError(
                f"unknown person {person_id!r}",
                hint=f"people in {CONFIG_FILE}: {known}",
            ) from None

    def person_by_email(self, email: str | None) -> Person:
        person = self.config.person_by_email(email) if email else None
        if person is None:
            raise PermissionDeniedError(
                f"no person in {CONFIG_FILE} has the email {email or '(git user.email unset)'}",
                hint="pass --as PERSON, or add yourself under 'people' in editorial.yaml",
            )
        return person

    def iter_front_matter(self, wanted: Callable[[str | None, str | None], bool] | None = None,
                          *, progress: Progress | None = None,
                          ) -> Iterator[tuple[str, dict[str, Any]] | LoadProblem]:
        """Each article's id and front matter, by id, without its body: what listings need.

        Served from the front matter cache where a file is provably unchanged, parsed (front
        matter only) where not; the cache is brought up to date once the pass is complete.
        `wanted`, given the front matter's stage and workflow (where they are strings), says
        whether to yield an article at all: a cached one it refuses is never unpacked.
        `progress` hears how many articles are read, every so often.
        """
        # deferred: start-up time (a step on one article needs no cache nor parallel reader)
        from editorial.core.bulkread import paused_gc, read_front_matters
        from editorial.core.listing_cache import ListingCache, place_of

        cache = ListingCache.open(self.root)
        with paused_gc():
            found, linked = self._scan()
            for name in linked:
                yield LoadProblem(self._link_problem(name))
            # What the cache serves and `wanted` refuses is read no further; the front matter
            # of what it serves and shows is read in one query.
            scanned = [(name, key, entry) for name, key in found
                       for entry in (cache.lookup(name, key),)
                       if entry is None or wanted is None or wanted(entry[0], entry[1])]
            cache.fetch([name for name, _, entry in scanned if entry is not None])
            # A cold cache: what it cannot serve is parsed on all cores first.
            parsed = read_front_matters(
                self.articles_dir, [name for name, _, entry in scanned if entry is None],
                progress=progress)
            for done, (name, key, entry) in enumerate(scanned):
                if progress is not None and done % PROGRESS_EVERY == 0:
                    progress(done, len(scanned))
                if entry is not None:
                    meta = cache.unpack(entry)
                    if meta is not None:
                        yield name, meta
                        continue
                if name in parsed:
                    place, blob = parsed.pop(name)
                    cache.put_blob(name, key, place, blob)
                    if wanted is None or wanted(*place):
                        yield name, marshal.loads(blob)
                    continue
                try:
                    meta = load_meta(self.articles_dir / name)
                except EditorialError as error:
                    yield LoadProblem(error)
                    continue
                cache.put(name, key, meta)
                if wanted is None or wanted(*place_of(meta)):
                    yield name, meta
        cache.save()

    def _link_problem(self, name: str) -> EditorialError:
        folder = self.articles_dir / name
        return link_refusal(self.root, first_link(self.root, folder / ARTICLE_FILE) or folder)

    def source_hashes(self, ids: Sequence[str]) -> dict[str, str | None]:
        """The fingerprints (`fingerprint.text_hashes`) of each article's source text as it is
        on disk, None where it cannot be read: what tells a listing which translations are
        outdated. Kept in a cache like the front matter's, keyed on source.md's stat, so that
        only the sources that changed are read again."""
        found: dict[str, str | None] = {}
        if not ids:
            return found  # nothing handed off: the cache file is not even opened
        # deferred: start-up time (only listings that show a changed source need these)
        from editorial.core.bulkread import paused_gc
        from editorial.core.bulkread import source_hashes as bulk_source_hashes
        from editorial.core.listing_cache import SOURCE_TEXT, ListingCache, stat_key
        from editorial.core.quality import fingerprint

        # A listing asks for the articles it shows, not for every one.
        cache = ListingCache.open(self.root, SOURCE_TEXT, names=ids)
        missing: list[tuple[str, StatKey]] = []
        with paused_gc():
            for article_id in ids:
                try:
                    status = os.lstat(self.articles_dir / article_id / SOURCE_FILE)
                except OSError:
                    found[article_id] = None
                    continue
                if not stat.S_ISREG(status.st_mode):
                    found[article_id] = None  # a link is never followed
                    continue
                key = stat_key(status)
                cached = cache.get(article_id, key)
                text_hash = cached.get(HASH_KEY) if cached is not None else None
                if isinstance(text_hash, str):
                    found[article_id] = text_hash
                else:
                    missing.append((article_id, key))
            computed = bulk_source_hashes(self.articles_dir,
                                          [article_id for article_id, _ in missing])
            for article_id, key in missing:
                text_hash = computed.get(article_id) or fingerprint.file_text_hash(
                    self.articles_dir / article_id / SOURCE_FILE)
                found[article_id] = text_hash
                if text_hash is not None:
                    cache.put(article_id, key, {HASH_KEY: text_hash})
        cache.save()
        return found
