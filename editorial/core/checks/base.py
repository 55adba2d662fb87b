"""What every check rule shares: problems, the registry, and the article states rules compare."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from editorial.core.newsroom import Newsroom

Severity = Literal["error", "warning"]
SEVERITIES: tuple[str, ...] = ("error", "warning", "off")


@dataclass(frozen=True, order=True)
class Problem:
    path: str                 # relative to the newsroom root, with '/'
    line: int | None
    rule: str
    severity: Severity
    message: str
    column: int | None = None

    def to_json(self) -> dict[str, object]:
        return {"path": self.path, "line": self.line, "column": self.column, "rule": self.rule,
                "severity": self.severity, "message": self.message}


@dataclass(frozen=True)
class Finding:
    """What a rule reports; the runner adds the rule id and the configured severity."""

    path: str
    line: int | None
    message: str
    column: int | None = None


@dataclass
class ArticleFiles:
    """An article bundle's files at one revision: name -> bytes, None where missing."""

    article_id: str
    files: dict[str, bytes | None] = field(default_factory=dict)

    def get(self, name: str) -> bytes | None:
        return self.files.get(name)


@dataclass(frozen=True)
class CommitInfo:
    sha: str
    author_email: str
    paths: tuple[str, ...]


@dataclass
class ArticleCheck:
    """What a rule is given: the newsroom, the article now and (with --base) at the base,
    and the commits since the base that touched it, oldest first."""

    newsroom: Newsroom
    article_id: str
    now: ArticleFiles
    base: ArticleFiles | None = None
    commits: list[CommitInfo] | None = None

    def path(self, name: str) -> str:
        return f"articles/{self.article_id}/{name}"


RuleFunction = Callable[[ArticleCheck], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    summary: str
    function: RuleFunction
    # Rules that need the base revision (history append-only, authorship) skip without it.
    needs_base: bool = False


RULES: dict[str, Rule] = {}


def rule(rule_id: str, *, severity: Severity = "error", summary: str,
         needs_base: bool = False) -> Callable[[RuleFunction], RuleFunction]:
    """Register a rule function under a stable id."""

    def register(function: RuleFunction) -> RuleFunction:
        if rule_id in RULES:
            raise ValueError(f"rule {rule_id!r} is registered twice")
        RULES[rule_id] = Rule(rule_id, severity, summary, function, needs_base)
        return function

    return register


def run_rules(check: ArticleCheck, severities: dict[str, str],
              rules: Iterable[Rule] | None = None) -> Iterator[Problem]:
    """Every enabled rule on one article, findings turned into problems."""
    for current in rules if rules is not None else RULES.values():
        severity = severities.get(current.id, current.severity)
        if severity == "off" or (current.needs_base and check.base is None):
            continue
        for finding in current.function(check):
            yield Problem(finding.path, finding.line, current.id,
                          "warning" if severity == "warning" else "error",
                          finding.message, finding.column)
