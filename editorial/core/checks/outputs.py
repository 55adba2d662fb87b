"""The published files agree with what front matter says was published."""

from __future__ import annotations

from collections.abc import Iterator

from editorial.core.checks.base import ArticleCheck, Finding, rule
from editorial.core.publishing.outputs import verify_outputs
from editorial.core.publishing.settings import publish_settings


@rule("outputs", summary="every output recorded in a published article's `outputs` is on disk "
                         "with its recorded sha256, and no output is there for an article "
                         "that is not published (what an interrupted publish leaves)")
def outputs(check: ArticleCheck) -> Iterator[Finding]:
    meta = check.now.meta()
    if meta is None:
        return
    settings = publish_settings(check.newsroom.config)
    for problem in verify_outputs(check.newsroom.root, settings, check.article_id, meta):
        yield Finding(problem.path, None, problem.message)
