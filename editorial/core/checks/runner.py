"""Which articles `editorial check` looks at, in which states, and with which rules.

Three scopes: the whole newsroom; the articles under given paths; or, with a base revision,
the articles changed since the merge base (committed, staged, unstaged or new), each compared
with its state at the base. With a base, everything is read through `RevisionHistory` in a
few batched git calls, so the cost follows the size of the change.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath

from editorial.core.article import ARTICLE_FILE, ARTICLES_DIR, BUNDLE_FILES
from editorial.core.checks import load_rules
from editorial.core.checks.base import (
    SEVERITIES,
    ArticleCheck,
    ArticleFiles,
    ChangeCheck,
    Problem,
    Rule,
    run_change_rules,
    run_rules,
)
from editorial.core.checks.desk import desk_rules, is_desk_rule
from editorial.core.checks.governance import (
    CONFIGURATION_FILES,
    CONFIGURATION_FOLDERS,
    SIGNED,
    authorship_mode,
    config_roles,
    is_configuration,
    signing_keys,
)
from editorial.core.checks.links import newsroom_problems
from editorial.core.config import Config
from editorial.core.files import LinkedPathError, read_if_inside
from editorial.core.newsroom import Newsroom
from editorial.core.newsroom_root import CONFIG_FILE
from editorial.core.ports import Changes, CommitInfo, Progress, RevisionHistory
from editorial.core.workflow import WORKFLOWS_DIR, WorkflowLibrary
from editorial.errors import ConfigError, UsageError

WORKFLOW_SUFFIX = ".yaml"

AUTHORSHIP = "authorship"


@dataclass
class CheckReport:
    problems: list[Problem]
    checked: list[str]                 # the article ids looked at
    base: str | None = None            # the merge-base commit compared with
    base_ref: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for problem in self.problems if problem.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for problem in self.problems if problem.severity == "warning")


def configured_severities(newsroom: Newsroom) -> dict[str, str]:
    """`rules: {rule-id: error|warning|off}` from editorial.yaml, checked against the
    registered rules. YAML 1.1 reads a bare `off` as false, which means off here too."""
    rules = load_rules()
    config = newsroom.config
    severities: dict[str, str] = {}
    for rule_id, value in config.section("rules").items():
        if is_desk_rule(value):
            continue  # a rule of the desk's own, read by `all_rules`
        if rule_id not in rules:
            raise config.error(f"rules: unknown rule {rule_id!r}; known: "
                               + ", ".join(sorted(rules)), ("rules", str(rule_id)))
        severity = "off" if value is False else value
        if severity not in SEVERITIES:
            raise config.error(f"rules.{rule_id}: {value!r} is not one of "
                               + ", ".join(SEVERITIES), ("rules", rule_id))
        severities[rule_id] = str(severity)
    all_rules(newsroom)  # a broken desk rule is reported before anything is checked
    return severities


def all_rules(newsroom: Newsroom) -> list[Rule]:
    """The built-in rules and the desk's own (`rules:` entries that are mappings)."""
    built_in = load_rules()
    return [*built_in.values(), *desk_rules(newsroom, built_in)]


def check_newsroom(newsroom: Newsroom, *, paths: Sequence[Path] = (), cwd: Path | None = None,
                   base_ref: str | None = None, history: RevisionHistory | None = None,
                   authorship: bool = True, work_tree: bool = True,
                   progress: Progress | None = None) -> CheckReport:
    """Run the rules on the whole newsroom, on `paths`, or (with `base_ref`) on the articles
    changed since the merge base: committed, and unless `work_tree` is false (a fresh
    checkout in CI, where nothing is uncommitted), staged, unstaged or new. `progress` hears
    how many articles are checked."""
    if base_ref is not None:
        if history is None:
            raise UsageError("--base needs the newsroom to be a git repository")
        return _check_since(newsroom, history, base_ref, paths, cwd or Path.cwd(), authorship,
                            work_tree)
    severities = _severities(newsroom, authorship)
    ids = (_ids_for_paths(newsroom, paths, cwd or Path.cwd(), allow_missing=False)
           if paths else None)
    checked = sorted(ids if ids is not None else _all_ids(newsroom))
    report = CheckReport([], checked)
    report.problems = _problems(
        newsroom, [ArticleCheck(newsroom, article_id, _files_on_disk(newsroom, article_id))
                   for article_id in checked], severities, progress, whole_newsroom=ids is None)
    return report


def _problems(newsroom: Newsroom, checks: Sequence[ArticleCheck],
              severities: dict[str, str], progress: Progress | None = None, *,
              whole_newsroom: bool = False) -> list[Problem]:
    """Every rule on every article (those that read the whole archive only in a check of
    the whole newsroom), and the links in the places all articles share, worst first."""
    links = newsroom_problems(newsroom, severities)
    rules = all_rules(newsroom)
    problems: list[Problem] = []
    try:
        for done, check in enumerate(checks):
            if progress is not None:
                progress(done, len(checks))
            problems += run_rules(check, severities, rules, whole_newsroom=whole_newsroom)
    except LinkedPathError:
        if not links:
            raise
        # A rule needed a file behind one of these links (a workflow, the glossary): the
        # links are what to fix before anything else can be checked.
        problems = []
    problems += links
    problems.sort(key=Problem.sort_key)
    return problems


def _severities(newsroom: Newsroom, authorship: bool) -> dict[str, str]:
    severities = configured_severities(newsroom)
    if not authorship:
        severities[AUTHORSHIP] = "off"
    return severities


def _check_since(newsroom: Newsroom, history: RevisionHistory, base_ref: str,
                 paths: Sequence[Path], cwd: Path, authorship: bool,
                 work_tree: bool) -> CheckReport:
    base = history.merge_base(base_ref)
    prefix = _prefix(newsroom, history)
    # The settings the change brings judge nothing, but a broken one is reported now rather
    # than by the first check after it is merged.
    _severities(newsroom, authorship)
    authorship_mode(newsroom.config)
    config_roles(newsroom.config)
    with _judged_by_base(newsroom, history, base, prefix) as (judged, note):
        try:
            report = _check_changes(judged, history, base, base_ref, prefix, paths, cwd,
                                    authorship, work_tree)
        except ConfigError as error:
            raise _at_base(error, judged, newsroom, base) from None
    if note:
        report.notes.append(note)
    return report


def _check_changes(newsroom: Newsroom, history: RevisionHistory, base: str, base_ref: str,
                   prefix: str, paths: Sequence[Path], cwd: Path, authorship: bool,
                   work_tree: bool) -> CheckReport:
    """The articles changed since the base and the change to the desk's configuration,
    judged by `newsroom`, whose configuration is the base's."""
    severities = _severities(newsroom, authorship)
    signed = authorship_mode(newsroom.config) == SIGNED
    watched = [f"{prefix}{ARTICLES_DIR}/", *(f"{prefix}{path}" for path in CONFIGURATION_FILES),
               *(f"{prefix}{folder}" for folder in CONFIGURATION_FOLDERS)]
    changes = history.changes(base, watched, work_tree=work_tree)
    ids = _ids_for_paths(newsroom, paths, cwd, allow_missing=True) if paths else None
    if ids is None:  # no paths, or one that stands for the whole newsroom: what changed
        ids = _changed_ids(changes.paths, prefix)
    checked = sorted(ids)
    report = CheckReport([], checked, base=base, base_ref=base_ref)
    configuration = _configuration_changes(changes, prefix)
    commits_by_id, wanted = _commits(changes.commits, prefix, checked)
    signatures = None
    if signed:
        shas = [commit.sha for commits in (*commits_by_id.values(), *configuration.values())
                for commit in commits]
        signatures = history.signatures(shas, signing_keys(newsroom.config))
    report.problems = list(run_change_rules(ChangeCheck(newsroom, configuration, signatures),
                                            severities))
    if not checked:
        report.problems += _problems(newsroom, [], severities)
        report.problems.sort(key=Problem.sort_key)
        return report
    now = {article_id: _files_on_disk(newsroom, article_id) for article_id in checked}
    changed = set(changes.paths)

    def at_base(article_id: str, name: str) -> tuple[str, str] | None:
        """Where the base's file is to be read; None when it is the file now: a CI checkout
        holds what was committed, and this file is as it was at the base."""
        path = f"{prefix}{ARTICLES_DIR}/{article_id}/{name}"
        return (base, path) if work_tree or path in changed else None

    wanted += [key for article_id in checked for name in BUNDLE_FILES
               if (key := at_base(article_id, name)) is not None]
    blobs = history.read_files(wanted)
    on_top = _on_top_of(base, changes.commits)
    checks = []
    for article_id in checked:
        base_files = ArticleFiles(article_id, {
            name: blobs[key] if (key := at_base(article_id, name)) is not None
            else now[article_id].get(name)
            for name in BUNDLE_FILES})
        article_md = f"{prefix}{ARTICLES_DIR}/{article_id}/{ARTICLE_FILE}"
        checks.append(ArticleCheck(
            newsroom, article_id, now[article_id], base=base_files,
            commits=commits_by_id.get(article_id, []),
            at_commit={key[0]: ArticleFiles(article_id, {ARTICLE_FILE: blobs[key]})
                       for key in wanted if key[1] == article_md},
            signatures=signatures, on_top_of_base=on_top,
        ))
    report.problems += _problems(newsroom, checks, severities)
    report.problems.sort(key=Problem.sort_key)
    return report


def _on_top_of(base: str, commits: Sequence[CommitInfo]) -> frozenset[str]:
    """Those of `commits` that have `base` among their ancestors."""
    found = {base}
    grew = True
    while grew:
        before = len(found)
        found.update(commit.sha for commit in commits
                     if any(parent in found for parent in commit.parents))
        grew = len(found) > before
    return frozenset(found - {base})


def _configuration_changes(changes: Changes, prefix: str) -> dict[str, list[CommitInfo]]:
    """Each file of the desk's configuration that differs from the base (relative to the
    newsroom), with the commits since the base that touched it."""
    found: dict[str, list[CommitInfo]] = {
        path[len(prefix):]: [] for path in changes.paths
        if path.startswith(prefix) and is_configuration(path[len(prefix):])}
    for commit in changes.commits:
        for path in commit.paths:
            relative = path[len(prefix):]
            if relative in found:
                found[relative].append(commit)
    return found


@contextmanager
def _judged_by_base(newsroom: Newsroom, history: RevisionHistory, base: str, prefix: str
                    ) -> Iterator[tuple[Newsroom, str | None]]:
    """The newsroom with the base's editorial.yaml and workflows: a change is judged by the
    rules it was proposed under, never by rules it brings. Copied to a temporary folder laid
    out as a newsroom, where the desk's loaders read them as they read any newsroom's."""
    config_path = f"{prefix}{CONFIG_FILE}"
    workflows = f"{prefix}{WORKFLOWS_DIR}/"
    listed = [path for path in history.files_under(base, workflows)
              if "/" not in path[len(workflows):] and path.endswith(WORKFLOW_SUFFIX)]
    files = history.read_files([(base, path) for path in [config_path, *listed]])
    if files[(base, config_path)] is None:
        yield newsroom, (f"the base {base[:8]} has no {CONFIG_FILE}: this revision's "
                         "configuration judges the change")
        return
    with tempfile.TemporaryDirectory(prefix="editorial-base-") as folder:
        settings = Path(folder)
        (settings / WORKFLOWS_DIR).mkdir()
        for (_, path), data in files.items():
            (settings / path[len(prefix):]).write_bytes(data or b"")
        yield JudgedNewsroom(newsroom.root, settings), None


class JudgedNewsroom(Newsroom):
    """The newsroom's articles, with the configuration and workflows found in `settings` (a
    folder laid out as a newsroom) rather than its own."""

    def __init__(self, root: Path, settings: Path) -> None:
        super().__init__(root)
        self.settings = Newsroom(settings)

    @cached_property
    def config(self) -> Config:
        return self.settings.config

    @cached_property
    def workflows(self) -> WorkflowLibrary:
        return self.settings.workflows


def _at_base(error: ConfigError, judged: Newsroom, newsroom: Newsroom, base: str
             ) -> ConfigError:
    """A configuration error of the base's files, said of the file in the newsroom."""
    if isinstance(judged, JudgedNewsroom) and error.path is not None:
        try:
            relative = Path(error.path).relative_to(judged.settings.root)
        except ValueError:
            return error
        error.path = newsroom.root / relative
        error.message = f"{error.message} (as it is at the base {base[:8]})"
    return error


def _commits(commits: Sequence[CommitInfo], prefix: str, ids: Sequence[str]
             ) -> tuple[dict[str, list[CommitInfo]], list[tuple[str, str]]]:
    """The commits since the base that touched each article.md, and that file at each of
    them and at their parents: what authorship needs to tell who added which entry."""
    path_of = {f"{prefix}{ARTICLES_DIR}/{article_id}/{ARTICLE_FILE}": article_id
               for article_id in ids}
    by_id: dict[str, list[CommitInfo]] = {}
    for commit in commits:
        for path in commit.paths:
            if path in path_of:
                by_id.setdefault(path_of[path], []).append(commit)
    wanted = [(revision, path) for path, article_id in path_of.items()
              for commit in by_id.get(article_id, [])
              for revision in (commit.sha, *commit.parents)]
    return by_id, wanted


def _prefix(newsroom: Newsroom, history: RevisionHistory) -> str:
    """Where the newsroom sits inside the git work tree, as a path prefix ('' at the top)."""
    try:
        inside = newsroom.root.resolve().relative_to(history.top.resolve())
    except ValueError:
        return ""
    return "" if str(inside) == "." else f"{inside.as_posix()}/"


def _changed_ids(paths: Sequence[str], prefix: str) -> set[str]:
    ids: set[str] = set()
    for path in paths:
        parts = PurePosixPath(path[len(prefix):]).parts
        if len(parts) >= 3 and parts[0] == ARTICLES_DIR:
            ids.add(parts[1])
    return ids


def _all_ids(newsroom: Newsroom) -> list[str]:
    folder = newsroom.articles_dir
    if not folder.is_dir():
        return []
    # A folder that is a link is the symlink rule's to report, and is never read.
    return [entry.name for entry in folder.iterdir()
            if entry.is_dir() and not entry.is_symlink() and not entry.name.startswith(".")
            and any((entry / name).is_file() for name in BUNDLE_FILES)]


def _files_on_disk(newsroom: Newsroom, article_id: str) -> ArticleFiles:
    folder = newsroom.articles_dir / article_id
    files: dict[str, bytes | None] = {}
    for name in BUNDLE_FILES:
        try:
            files[name] = read_if_inside(newsroom.root, folder / name)
        except LinkedPathError:
            files[name] = None  # the symlink rule reports it; what it leads to is not read
    return ArticleFiles(article_id, files)


def _ids_for_paths(newsroom: Newsroom, paths: Iterable[Path], cwd: Path, *,
                   allow_missing: bool) -> set[str] | None:
    """The articles the given paths stand for; None when one stands for every article (the
    newsroom itself, articles/, or a file of the desk's configuration such as editorial.yaml,
    glossary.yaml or a workflow, which shape every article). A path that is not a file may
    be an article id or a prefix of one."""
    ids: set[str] = set()
    root = newsroom.root.resolve()
    for given in paths:
        absolute = (given if given.is_absolute() else cwd / given).resolve()
        if not absolute.exists() and len(given.parts) == 1 and not given.is_absolute():
            ids.add(newsroom.resolve(str(given)))
            continue
        try:
            parts = absolute.relative_to(root).parts
        except ValueError:
            raise UsageError(f"{given} is outside the newsroom {root}") from None
        if not parts or parts == (ARTICLES_DIR,) or parts[0] == WORKFLOWS_DIR \
                or is_configuration(PurePosixPath(*parts).as_posix()):
            return None
        if parts[0] == ARTICLES_DIR:
            if not (root / ARTICLES_DIR / parts[1]).exists() and not allow_missing:
                raise UsageError(f"{given}: no such article folder",
                                 hint="'editorial status --all' lists every article")
            ids.add(parts[1])
        elif not absolute.exists():
            raise UsageError(f"{given}: no such file or folder")
    return ids
