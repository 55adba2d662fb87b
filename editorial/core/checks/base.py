"""What every check rule shares: problems, the registry, and the article states rules compare."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from editorial.core import frontmatter, yamlio
from editorial.core.article import ARTICLE_FILE, Article
from editorial.core.frontmatter import Document
from editorial.core.ports import CommitInfo, Signature
from editorial.core.registry import Registry
from editorial.errors import InvalidDataError, NotFoundError

if TYPE_CHECKING:
    from editorial.core.newsroom import Newsroom
    from editorial.core.workflow import Workflow

__all__ = ["ACCEPTED_KEY", "ACCEPT_ACTION", "SEVERITIES", "ArticleCheck", "ArticleFiles",
           "ChangeCheck", "CommitInfo", "Finding", "Problem", "Rule", "Severity",
           "accepted_findings", "change_rule", "parsed_file", "rule", "run_change_rules",
           "run_rules"]

Severity = Literal["error", "warning"]
SEVERITIES: tuple[str, ...] = ("error", "warning", "off")
SEVERITY_RANK = {"error": 0, "warning": 1}


@dataclass(frozen=True, order=True)
class Problem:
    path: str                 # relative to the newsroom root, with '/'
    line: int | None
    rule: str
    severity: Severity
    message: str
    column: int | None = None
    # The finding's key within its rule, for `editorial accept --finding KEY`.
    key: str | None = None

    def to_json(self) -> dict[str, object]:
        return {"path": self.path, "line": self.line, "column": self.column, "rule": self.rule,
                "severity": self.severity, "message": self.message, "key": self.key}

    def sort_key(self) -> tuple[int, str, int, str, str]:
        """Worst first, then by file and line."""
        return (SEVERITY_RANK[self.severity], self.path, self.line or 0, self.rule, self.message)


@dataclass(frozen=True)
class Finding:
    """What a rule reports; the runner adds the rule id and the configured severity."""

    path: str
    line: int | None
    message: str
    column: int | None = None
    # A lesser finding of the rule (a rebase by a colleague beside a forgery): a warning even
    # where the rule's findings are errors.
    warning: bool = False
    # Whether a command would misread the article's state: a person who has left the desk
    # is a finding, but `assign` must still be able to replace them.
    blocks_commands: bool = True
    # What names the finding within its rule (the number, the glossary term), stable while
    # the text around it is edited, and the text it is about: a person may accept the
    # finding (`editorial accept`), and it stays silent while that text is unchanged.
    key: str | None = None
    about: str | None = None

    @property
    def text_hash(self) -> str | None:
        if self.about is None:
            return None
        return hashlib.sha256(self.about.encode("utf-8")).hexdigest()[:16]


@dataclass
class ArticleFiles:
    """An article bundle's files at one revision: name -> bytes, None where missing.

    `document` parses a file once and keeps it, so that every rule can ask for it; a file
    that cannot be parsed gives None there, and its error through `parse_error` (the
    front-matter rule reports it).
    """

    article_id: str
    files: dict[str, bytes | None] = field(default_factory=dict)
    _parsed: dict[str, Document | InvalidDataError | None] = field(
        default_factory=dict, init=False, repr=False, compare=False)

    def get(self, name: str) -> bytes | None:
        return self.files.get(name)

    def exists(self) -> bool:
        return any(data is not None for data in self.files.values())

    def _parse(self, name: str) -> Document | InvalidDataError | None:
        if name not in self._parsed:
            data = self.files.get(name)
            self._parsed[name] = (None if data is None
                                  else parsed_file(f"articles/{self.article_id}/{name}", data))
        return self._parsed[name]

    def document(self, name: str) -> Document | None:
        parsed = self._parse(name)
        return parsed if isinstance(parsed, Document) else None

    def parse_error(self, name: str) -> InvalidDataError | None:
        parsed = self._parse(name)
        return parsed if isinstance(parsed, InvalidDataError) else None

    def meta(self, name: str = ARTICLE_FILE) -> dict[str, Any] | None:
        """The file's front matter; None when the file is missing, unreadable or has none."""
        document = self.document(name)
        if document is None or document.raw_meta is None:
            return None
        return document.meta

    def line_of(self, name: str, *keys: str | int) -> int | None:
        """The file line of the front matter value at `keys`, e.g. ('history', 3)."""
        document = self.document(name)
        if document is None or document.raw_meta is None:
            return None
        return yamlio.line_of(document.raw_meta, keys, first_line=2)


@functools.lru_cache(maxsize=512)
def parsed_file(path: str, data: bytes) -> Document | InvalidDataError:
    """A file's parse, shared by every revision that holds the same bytes: with --base, the
    file on disk is usually HEAD's, and the base's the parent's of the first commit. Rules
    only read what they are given, so sharing one Document is safe."""
    try:
        return frontmatter.parse(data, path=path)
    except InvalidDataError as error:
        return error


@dataclass
class ArticleCheck:
    """What a rule is given: the newsroom, the article now and (with --base) at the base,
    and the commits since the base that touched its article.md, oldest first, with that
    file's state at each of them and at their parents (`at_commit`, by commit id)."""

    newsroom: Newsroom
    article_id: str
    now: ArticleFiles
    base: ArticleFiles | None = None
    commits: list[CommitInfo] | None = None
    at_commit: dict[str, ArticleFiles] = field(default_factory=dict)
    # With `authorship: signed`, the signature of each of `commits`, by commit id.
    signatures: dict[str, Signature] | None = None
    # The commits since the base made on top of it; the others were made beside it, on a
    # branch merged in, and may hold steps older than the base's own.
    on_top_of_base: frozenset[str] = frozenset()
    # What several rules work out from the same files once (who added which entry).
    shared: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def path(self, name: str) -> str:
        return f"articles/{self.article_id}/{name}"

    def article(self, files: ArticleFiles | None = None) -> Article | None:
        """The article as the desk's model sees it (now, or in `files`), if article.md parses."""
        document = (files or self.now).document(ARTICLE_FILE)
        if document is None:
            return None
        return Article(self.article_id, self.newsroom.articles_dir / self.article_id, document)

    def workflow(self, article: Article | None = None) -> Workflow | None:
        """The article's workflow; None when it names one that does not exist (the schema
        rule says so). A broken workflow file is a configuration error and is raised."""
        article = article or self.article()
        if article is None:
            return None
        try:
            return self.newsroom.workflow_of(article)
        except NotFoundError:
            return None


@dataclass
class ChangeCheck:
    """What a rule on the change as a whole is given (with --base): the newsroom, judged by
    the base's configuration; each file of the desk's configuration that differs from the
    base (relative to the newsroom) with the commits since the base that touched it, oldest
    first (none: the change is not committed); and, with `authorship: signed`, those
    commits' signatures."""

    newsroom: Newsroom
    changed: dict[str, list[CommitInfo]]
    signatures: dict[str, Signature] | None = None


RuleFunction = Callable[[ArticleCheck], Iterable[Finding]]
ChangeRuleFunction = Callable[[ChangeCheck], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    summary: str
    function: RuleFunction
    # Rules that need the base revision (history append-only, authorship) skip without it.
    needs_base: bool = False
    # A rule on the change as a whole (who changed the desk's configuration), run once.
    on_change: ChangeRuleFunction | None = None
    # A rule that compares an article with the whole archive (every published article):
    # run only by a check of the whole newsroom, which reads the archive anyway; a pull
    # request's, a commit's or one article's check costs what it checks.
    whole_archive: bool = False


RULES: Registry[Rule] = Registry("rule")


def rule(rule_id: str, *, severity: Severity = "error", summary: str,
         needs_base: bool = False, whole_archive: bool = False
         ) -> Callable[[RuleFunction], RuleFunction]:
    """Register a rule function under a stable id."""

    def register(function: RuleFunction) -> RuleFunction:
        RULES.add(rule_id, Rule(rule_id, severity, summary, function, needs_base,
                                whole_archive=whole_archive))
        return function

    return register


def change_rule(rule_id: str, *, severity: Severity = "error", summary: str
                ) -> Callable[[ChangeRuleFunction], ChangeRuleFunction]:
    """Register a rule on the change as a whole under a stable id; it runs with --base."""

    def register(function: ChangeRuleFunction) -> ChangeRuleFunction:
        RULES.add(rule_id, Rule(rule_id, severity, summary, _nothing_in_one_article, True,
                                function))
        return function

    return register


def _nothing_in_one_article(check: ArticleCheck) -> Iterator[Finding]:
    """What a rule on the change as a whole finds in one article (run as a gate, say)."""
    return iter(())


def _problem(finding: Finding, rule_id: str, severity: str) -> Problem:
    lesser = severity == "warning" or finding.warning
    return Problem(finding.path, finding.line, rule_id, "warning" if lesser else "error",
                   finding.message, finding.column, finding.key)


def run_rules(check: ArticleCheck, severities: dict[str, str],
              rules: Iterable[Rule] | None = None, *,
              whole_newsroom: bool = False) -> Iterator[Problem]:
    """Every enabled rule on one article, findings turned into problems; those that read
    the whole archive only when the whole newsroom is being checked."""
    for current in rules if rules is not None else RULES.values():
        severity = severities.get(current.id, current.severity)
        if (severity == "off" or (current.needs_base and check.base is None)
                or (current.whole_archive and not whole_newsroom)):
            continue
        accepted = accepted_findings(check.now.meta())
        for finding in current.function(check):
            if (current.id, finding.key, finding.text_hash) not in accepted:
                yield _problem(finding, current.id, severity)


ACCEPTED_KEY = "accepted"
ACCEPT_ACTION = "accept"


def accepted_findings(meta: dict[str, Any] | None) -> set[tuple[str, str, str]]:
    """(rule, finding key, text hash) of each finding a person accepted with `editorial
    accept`. An acknowledgement counts only beside the history step that recorded it (same
    person, same time): that step is judged like any other (role, authorship), so one
    written into the front matter by hand silences nothing."""
    if meta is None or not isinstance(meta.get(ACCEPTED_KEY), list):
        return set()
    history = meta.get("history")
    steps = {(entry.get("by"), str(entry.get("at"))) for entry in
             (history if isinstance(history, list) else [])
             if isinstance(entry, dict) and entry.get("action") == ACCEPT_ACTION}
    return {(str(entry["rule"]), str(entry["finding"]), str(entry["text_hash"]))
            for entry in meta[ACCEPTED_KEY]
            if isinstance(entry, dict) and {"rule", "finding", "text_hash"} <= entry.keys()
            and (entry.get("by"), str(entry.get("at"))) in steps}


def run_change_rules(check: ChangeCheck, severities: dict[str, str]) -> Iterator[Problem]:
    """Every enabled rule on the change as a whole."""
    for current in RULES.values():
        severity = severities.get(current.id, current.severity)
        if current.on_change is not None and severity != "off":
            for finding in current.on_change(check):
                yield _problem(finding, current.id, severity)
