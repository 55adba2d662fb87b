"""The published files agree with what front matter says was published, and front matter
names as outputs only files publishing makes for the article."""

from __future__ import annotations

from collections.abc import Iterator

from editorial.core.article import ARTICLE_FILE
from editorial.core.checks.base import ArticleCheck, Finding, rule
from editorial.core.publishing.outputs import foreign_outputs, verify_outputs
from editorial.core.publishing.settings import publish_settings


@rule("outputs", summary="every output recorded in a published article's `outputs` is on disk "
                         "with its recorded sha256, every configured target has its output "
                         "recorded, no output is there for an article that is "
                         "not published (what an interrupted publish leaves), and `outputs` "
                         "names only files a configured target makes for the article")
def outputs(check: ArticleCheck) -> Iterator[Finding]:
    meta = check.now.meta()
    if meta is None:
        return
    settings = publish_settings(check.newsroom.config)
    for index, path in foreign_outputs(settings, check.article_id, meta):
        yield Finding(check.path(ARTICLE_FILE), check.now.line_of(ARTICLE_FILE, "outputs", index),
                      f"outputs[{index}] names {path}, which is not a file any publish target "
                      f"makes for {check.article_id}: publishing never writes or deletes it "
                      "(remove the entry from outputs)")
    for problem in verify_outputs(check.newsroom, settings, check.article_id, meta):
        yield Finding(problem.path, None, problem.message)
