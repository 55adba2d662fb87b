"""What a draft leaves for the translator must not reach editing or a reader."""

from __future__ import annotations

from collections.abc import Iterator

from editorial.core.article import ARTICLE_FILE, TRANSLATION_FILE
from editorial.core.checks.base import ArticleCheck, Finding, rule
from editorial.core.checks.quality import body_of
from editorial.core.memory.marker import MARKER_START, marked_text, unfinished
from editorial.core.quality.text import excerpt


@rule("untranslated-paragraph", severity="error",
      summary="a paragraph 'editorial draft' left for the translator is still untranslated")
def untranslated_paragraph(check: ArticleCheck) -> Iterator[Finding]:
    for name in (TRANSLATION_FILE, ARTICLE_FILE):
        body = body_of(check.now, name)
        if body is None:
            continue
        for paragraph in unfinished(body.text, first_line=body.first_line):
            yield Finding(check.path(name), paragraph.line,
                          f"paragraph {paragraph.number} is not translated yet: "
                          f"«{excerpt(marked_text(paragraph), 50)}» (write its English in "
                          f"place of the {MARKER_START} …]] marker)")
