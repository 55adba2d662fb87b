"""The problems `editorial check` found as the reports CI services read: SARIF 2.1.0 (GitHub
code scanning and most other tools), GitLab's Code Quality JSON and reviewdog's rdjson.

Each is a JSON document printed through editorial.render.jsonout, whose string escaping is
the only escaping a path or a message gets: a consumer shows the text as the article has it.
Paths are from the top of the git repository (`prefix` is the newsroom's folder there), the
way each service matches a report against the files of the change.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from urllib.parse import quote

from editorial import PROJECT_URL, __version__
from editorial.core.checks.base import Problem, Rule

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
# The SARIF name of the folder that artifact URIs are relative to; GitHub resolves it to
# the checkout.
ROOT_BASE_ID = "SRCROOT"
# The partial fingerprint's name carries a version: a change to what it hashes must not be
# read as every old result fixed and a new one found.
FINGERPRINT_NAME = "editorial/v1"
DIGITS = re.compile(r"[0-9]+")
GITLAB_SEVERITY = {"error": "major", "warning": "minor"}
RDJSON_SEVERITY = {"error": "ERROR", "warning": "WARNING"}


def fingerprints(problems: Sequence[Problem], prefix: str = "") -> list[str]:
    """A fingerprint for each problem that stays the same while the lines around it move:
    its rule, file and key, not its line; without a key, its message with every number
    blanked out, since a message may name lines ("conflict from line 12 to 16"). Problems
    that would share one are numbered in order, since a service keeps one result per
    fingerprint."""
    seen: Counter[str] = Counter()
    found = []
    for problem in problems:
        what = problem.key if problem.key is not None else DIGITS.sub("#", problem.message)
        digest = hashlib.sha256("\0".join((problem.rule, prefix + problem.path, what))
                                .encode("utf-8")).hexdigest()[:32]
        seen[digest] += 1
        found.append(digest if seen[digest] == 1 else f"{digest}:{seen[digest]}")
    return found


def _ordered(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(problems, key=Problem.sort_key)


def sarif_document(problems: Iterable[Problem], rules: Iterable[Rule],
                   prefix: str = "") -> dict[str, object]:
    """One run of editorial, naming every registered rule, with a result per problem."""
    described = sorted(rules, key=lambda rule: rule.id)
    index = {rule.id: position for position, rule in enumerate(described)}
    ordered = _ordered(problems)
    results = []
    for problem, fingerprint in zip(ordered, fingerprints(ordered, prefix), strict=True):
        physical: dict[str, object] = {"artifactLocation": {
            "uri": quote(prefix + problem.path), "uriBaseId": ROOT_BASE_ID}}
        if problem.line is not None:
            region: dict[str, int] = {"startLine": problem.line}
            if problem.column is not None:
                region["startColumn"] = problem.column
            physical["region"] = region
        result: dict[str, object] = {"ruleId": problem.rule}
        if problem.rule in index:
            result["ruleIndex"] = index[problem.rule]
        result.update({"level": problem.severity, "message": {"text": problem.message},
                       "locations": [{"physicalLocation": physical}],
                       "partialFingerprints": {FINGERPRINT_NAME: fingerprint}})
        results.append(result)
    driver = {"name": "editorial", "version": __version__, "semanticVersion": __version__,
              "informationUri": PROJECT_URL,
              "rules": [{"id": rule.id, "shortDescription": {"text": rule.summary},
                         "defaultConfiguration": {"level": rule.severity}}
                        for rule in described]}
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [{
        "tool": {"driver": driver},
        "originalUriBaseIds": {ROOT_BASE_ID: {"description": {
            "text": "The top of the newsroom's git repository"}}},
        # Columns count characters, as Python's strings do.
        "columnKind": "unicodeCodePoints",
        "results": results}]}


def gitlab_issues(problems: Iterable[Problem], prefix: str = "") -> list[dict[str, object]]:
    """GitLab Code Quality issues. GitLab needs a line for each; a problem with none (a
    missing file) is put on the first."""
    ordered = _ordered(problems)
    return [{"type": "issue", "check_name": problem.rule, "description": problem.message,
             "categories": ["Style"], "severity": GITLAB_SEVERITY[problem.severity],
             "fingerprint": fingerprint,
             "location": {"path": prefix + problem.path,
                          "lines": {"begin": problem.line or 1}}}
            for problem, fingerprint in zip(ordered, fingerprints(ordered, prefix), strict=True)]


def rdjson_document(problems: Iterable[Problem], prefix: str = "") -> dict[str, object]:
    """reviewdog's DiagnosticResult. rdjson counts columns in UTF-8 bytes and problems
    count characters, so only the line is given."""
    diagnostics = []
    for problem in _ordered(problems):
        location: dict[str, object] = {"path": prefix + problem.path}
        if problem.line is not None:
            location["range"] = {"start": {"line": problem.line}}
        diagnostics.append({"message": problem.message, "location": location,
                            "severity": RDJSON_SEVERITY[problem.severity],
                            "code": {"value": problem.rule}})
    return {"source": {"name": "editorial", "url": PROJECT_URL}, "diagnostics": diagnostics}
