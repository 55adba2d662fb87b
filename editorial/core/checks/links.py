"""No symbolic link where editorial reads or writes.

A link committed to a newsroom can point anywhere on the machine that runs editorial (a CI
runner, a publisher's laptop). editorial refuses to follow one; this rule names every link
so that a pull request that adds one fails before anyone runs a command on it.

Links in the places every article shares (editorial.yaml, glossary.yaml, workflows/,
templates/, articles/ and the publish targets' folders) are looked for once a run, by
`newsroom_problems`; the rule itself looks at one article's files and its published files.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from editorial.core.article import ARTICLES_DIR, BUNDLE_FILES
from editorial.core.checks.base import RULES, ArticleCheck, Finding, Problem, rule
from editorial.core.files import first_link, link_refusal
from editorial.core.newsroom_root import CONFIG_FILE, GLOSSARY_FILE
from editorial.core.publishing.settings import publish_settings
from editorial.core.publishing.targets.html import NEWSROOM_TEMPLATE
from editorial.core.workflow import WORKFLOWS_DIR

if TYPE_CHECKING:
    from editorial.core.newsroom import Newsroom

RULE_ID = "symlink"
TEMPLATES_DIR = NEWSROOM_TEMPLATE.split("/")[0]


@rule(RULE_ID, summary="no symbolic link where editorial reads or writes: article folders and "
                       "their files, articles/, editorial.yaml, glossary.yaml, workflows/, "
                       "templates/, and the publish targets' folders and files")
def symlink(check: ArticleCheck) -> Iterator[Finding]:
    root = check.newsroom.root
    folder = check.newsroom.articles_dir / check.article_id
    if first_link(root, folder) is not None:
        return  # the folder itself, reported once a run with articles/
    for name in BUNDLE_FILES:
        if _is_link(folder / name):
            yield _finding(root, folder / name)
    for target in publish_settings(check.newsroom.config).targets:
        for pattern in target.patterns(check.article_id):
            output = root / pattern
            # A file directly in the target's folder, a link at that folder or at the
            # article's folder in it, is reported once a run with the target.
            if output.parent == root / target.path or first_link(root, output.parent) is not None:
                continue
            if _is_link(output):
                yield _finding(root, output)


def newsroom_problems(newsroom: Newsroom, severities: dict[str, str]) -> list[Problem]:
    """The links in the places every article shares, as problems of this rule."""
    severity = severities.get(RULE_ID, RULES[RULE_ID].severity)
    if severity == "off":
        return []
    return [Problem(finding.path, None, RULE_ID, "warning" if severity == "warning" else "error",
                    finding.message)
            for finding in newsroom_findings(newsroom)]


def newsroom_findings(newsroom: Newsroom) -> list[Finding]:
    root = newsroom.root
    found: dict[Path, None] = {}  # in the order found, each link once

    def look_at(path: Path, *, inside: bool = False) -> None:
        """Report `path` or a folder on the way to it that is a link; with `inside`, also
        the links directly in it (in templates/, every link at any depth)."""
        link = first_link(root, path)
        if link is not None:
            found[link] = None
            return
        if inside:
            found.update(dict.fromkeys(_links_in(path, deep=path == root / TEMPLATES_DIR)))

    for name in (CONFIG_FILE, GLOSSARY_FILE):
        look_at(root / name)
    for name in (WORKFLOWS_DIR, TEMPLATES_DIR, ARTICLES_DIR):
        look_at(root / name, inside=True)
    settings = publish_settings(newsroom.config)
    for target in settings.targets:
        look_at(root / target.path, inside=target.per_article)
        for key in target.files:
            named = target.options.get(key)
            if isinstance(named, str):
                look_at(root / named)
    if settings.withdrawn:
        look_at(root / settings.withdrawn)
    return [_finding(root, link) for link in found]


def _links_in(folder: Path, *, deep: bool) -> Iterator[Path]:
    try:
        entries = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return
    # In name order, sorting only what is reported or looked into: articles/ holds an entry
    # per article, and sorting them all was most of a pull request's check at 50,000.
    wanted = sorted((entry.name, entry) for entry in entries
                    if entry.is_symlink() or (deep and entry.is_dir()))
    for _, entry in wanted:
        if entry.is_symlink():
            yield Path(entry.path)
        elif deep and entry.is_dir():
            yield from _links_in(Path(entry.path), deep=True)


def _is_link(path: Path) -> bool:
    try:
        return stat.S_ISLNK(os.lstat(path).st_mode)
    except OSError:
        return False


def _finding(root: Path, link: Path) -> Finding:
    """The refusal a command meets there, said of the file the finding is about."""
    relative = link.relative_to(root).as_posix()
    refusal = link_refusal(root, link)
    return Finding(relative, None, f"{refusal.message.removeprefix(relative + ' ')} "
                                   f"({refusal.hint})")
