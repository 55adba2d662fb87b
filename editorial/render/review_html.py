"""The bilingual review page: one self-contained HTML file (style inline, no script, nothing
loaded from anywhere) with a row per source paragraph: the Arabic right to left, beside it the
translator's text and the edited text with track changes, glossary terms highlighted in both
languages, the `check` findings of the paragraph under it and, when there are any, translation
memory matches in a side column. Every piece of newsroom text is escaped."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from editorial.core.checks.base import Problem
from editorial.core.review.bilingual import (
    Mark,
    MemoryMatch,
    ReviewPage,
    Row,
    english_marks,
    source_marks,
)
from editorial.render.diff_html import (
    CHANGE_PRINT_STYLE,
    CHANGE_STYLE,
    page_start,
    paragraph_html,
)
from editorial.render.escape import visible

ARABIC_FONTS = '"Noto Naskh Arabic", "Amiri", "Geeza Pro", "Arial", serif'

STYLE = f"""
body {{ font: 15px/1.55 Georgia, "Times New Roman", serif; margin: 1.5em; color: #1d1d1d;
       background: #fff; }}
h1 {{ font-size: 1.45em; line-height: 1.3; margin: 0 0 0.3em; }}
.meta, .legend, .heads, .findings, .memory, .none, .num {{ font-family: system-ui,
       sans-serif; font-size: 0.82rem; color: #444; }}
.legend mark, .legend del, .legend ins {{ padding: 0 0.2em; }}
/* Each row is a grid of its own, so that printing can keep it on one page; the same columns
   in every row line them up. */
.rows {{ --columns: 2.2em repeat(3, minmax(0, 1fr)); }}
.rows.with-memory {{ --columns: 2.2em repeat(3, minmax(0, 1fr)) minmax(0, 0.8fr); }}
.row {{ display: grid; grid-template-columns: var(--columns); gap: 0 1.2em;
       border-top: 1px solid #d8d8d8; }}
.row.heads {{ border-top: none; }}
.cell {{ min-width: 0; overflow-wrap: anywhere; padding: 0.6em 0; }}
.cell p {{ margin: 0 0 0.6em; }}
.heads .cell {{ font-weight: 600; padding-bottom: 0.2em; }}
.heads .cell:nth-child(2) {{ text-align: right; }}
.source {{ font-family: {ARABIC_FONTS}; font-size: 1.15em; text-align: start; }}
.num {{ text-align: right; padding-top: 0.9em; }}
.none {{ font-style: italic; }}
mark {{ color: inherit; background: #fff1a8; border-bottom: 2px solid #b38f00; }}
mark.wrong {{ background: #ffd9c2; border-bottom: 2px dashed #b3261e; }}
{CHANGE_STYLE}
.findings {{ grid-column: 1 / -1; margin: 0 0 0.6em; padding: 0.4em 0.8em; list-style: none;
            border-left: 4px solid #b3261e; background: #fbf3f2; }}
.findings li + li {{ margin-top: 0.25em; }}
.findings .warning-sev {{ color: #7a5200; }}
.findings .error-sev {{ color: #b3261e; }}
.sev {{ font-weight: 600; text-transform: uppercase; font-size: 0.9em; }}
.loose {{ border: 1px solid #b3261e; padding: 0.5em 1em; margin: 1em 0; max-width: 60em; }}
.loose h2 {{ font-size: 1em; margin: 0 0 0.3em; }}
.memory ol {{ margin: 0; padding: 0; list-style: none; }}
.memory li + li {{ margin-top: 0.6em; }}
.memory .score {{ font-weight: 600; }}
.memory p {{ margin: 0.15em 0; }}
.memory [dir="rtl"] {{ font-family: {ARABIC_FONTS}; }}
/* On a phone the columns are one under the other rather than a word wide. */
@media screen and (max-width: 640px) {{
  .row {{ grid-template-columns: minmax(0, 1fr); }}
  .num {{ text-align: left; padding-bottom: 0; }}
  .heads {{ display: none; }}
}}
@page {{ size: A4 landscape; margin: 12mm; }}
@media print {{
  body {{ font-size: 10pt; margin: 0; }}
  {CHANGE_PRINT_STYLE}
  mark, mark.wrong {{ background: none; }}
  .findings {{ background: none; }}
  .row {{ break-inside: avoid; page-break-inside: avoid; }}
}}
""".strip()


def review_html(page: ReviewPage) -> str:
    memory = page.has_matches
    columns = ["", "Source", "Translation (translation.md)", "Edited, with changes"]
    if memory:
        columns.append("Memory")
    lines = [
        *page_start(f"Review: {_text(page.title)}", STYLE),
        "<header>",
        f'<h1 dir="auto">{_text(page.title)}</h1>',
        f'<p class="meta">{_text(page.article_id)} · stage {_text(page.stage)}'
        + (f' · original title: <bdi lang="ar" dir="rtl">{_text(page.source_title)}</bdi>'
           if page.source_title else "") + "</p>",
        '<p class="legend"><del>deleted by the editor</del> <ins>inserted by the editor</ins> '
        '<mark>glossary term</mark> <mark class="wrong">a rendering the glossary forbids'
        "</mark> ¶ a paragraph break removed or added</p>",
        *_loose(page.findings),
        "</header>",
        f'<main class="rows{" with-memory" if memory else ""}">',
        '<div class="row heads">'
        + "".join(f'<div class="cell">{name}</div>' for name in columns) + "</div>",
    ]
    for row in page.rows:
        lines.append(_row(row, memory))
    lines += ["</main>", "</body>", "</html>", ""]
    return "\n".join(lines)


def _text(text: str) -> str:
    """Newsroom text as HTML: escaped, control characters written out."""
    return escape(visible(text, multiline=True))


def highlighted(text: str, marks: Sequence[Mark]) -> str:
    parts = []
    done = 0
    for mark in marks:
        term = mark.term
        why = (f"{term.source} → {term.target}" if mark.kind == "term"
               else f"not the desk's rendering of {term.source}: write {term.target}")
        css = ' class="wrong"' if mark.kind == "wrong" else ""
        parts += [_text(text[done:mark.start]),
                  f'<mark{css} title="{_text(why)}">{_text(text[mark.start:mark.end])}</mark>']
        done = mark.end
    parts.append(_text(text[done:]))
    return "".join(parts)


def _row(row: Row, memory: bool) -> str:
    anchor = f"p{row.number}"
    source = (f'<p>{highlighted(row.source, source_marks(row.source, row.terms))}</p>'
              if row.source else '<p class="none" dir="ltr" lang="en">no source paragraph</p>')

    def english(text: str) -> str:
        return highlighted(text, english_marks(text, row.terms))

    translation = "".join(f'<p dir="auto">{english(text)}</p>' for text in row.translation)
    edited = "".join(f'<p dir="{paragraph.direction}">{paragraph_html(paragraph, english)}</p>'
                     for paragraph in row.changes.paragraphs)
    empty = ('<p class="none">translated together with paragraph '
             f"{row.joined_with}</p>" if row.joined_with else '<p class="none">no text</p>')
    cells = [
        f'<div class="cell num" id="{anchor}">{row.number or ""}</div>',
        f'<div class="cell source" lang="ar" dir="rtl">{source}</div>',
        f'<div class="cell translation" lang="en">{translation or empty}</div>',
        f'<div class="cell edited" lang="en">{edited or empty}</div>',
    ]
    if memory:
        cells.append(f'<aside class="cell memory">{_matches(row.matches)}</aside>')
    if row.findings:
        cells.append(_findings(row.findings))
    return f'<section class="row" aria-labelledby="{anchor}">{"".join(cells)}</section>'


def _findings(problems: Sequence[Problem], css: str = "findings") -> str:
    items = []
    for problem in problems:
        where = problem.path + (f":{problem.line}" if problem.line else "")
        items.append(f'<li class="{problem.severity}"><span class="sev {problem.severity}-sev">'
                     f"{problem.severity}</span> <code>{_text(problem.rule)}</code> "
                     f"{_text(problem.message)} <span class=\"where\">({_text(where)})</span>"
                     "</li>")
    return f'<ul class="{css}">{"".join(items)}</ul>'


def _loose(problems: Sequence[Problem]) -> list[str]:
    """The findings no paragraph holds: about the front matter, the history, the files."""
    if not problems:
        return []
    return ['<section class="loose">',
            f"<h2>Findings about the article as a whole ({len(problems)})</h2>",
            _findings(problems, "findings whole"), "</section>"]


def _matches(matches: Sequence[MemoryMatch]) -> str:
    if not matches:
        return '<p class="none">no memory match</p>'
    items = [f'<li><span class="score">{match.score:.0%}</span> '
             f"<span>{_text(match.article_id)}, {_text(match.date)}</span>"
             f'<p lang="ar" dir="rtl">{_text(match.source)}</p>'
             f'<p dir="auto">{_text(match.english)}</p></li>' for match in matches]
    return f'<ol>{"".join(items)}</ol>'
