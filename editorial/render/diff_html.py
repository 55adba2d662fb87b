"""A standalone track-changes page: one HTML file with its style inline, to send to a
translator. Deleted text is in <del>, inserted text in <ins>; each paragraph carries its
direction so that Arabic reads right to left. Every piece of text is escaped."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from editorial.core.review.diff import Paragraph, TextDiff
from editorial.core.review.metrics import EditMetrics
from editorial.render.diff import pieces

# Colour, and a second cue that survives black-and-white printing and colour blindness;
# on paper the cue alone, as a tinted background prints grey.
CHANGE_STYLE = """
del { color: #9c1c1c; background: #fde7e7; text-decoration: line-through; }
ins { color: #12611d; background: #e3f5e4; text-decoration: underline; }
""".strip()
CHANGE_PRINT_STYLE = "del, ins { background: none; }"
TAGS = {"delete": "del", "insert": "ins"}

STYLE = """
body { font: 17px/1.6 Georgia, "Times New Roman", serif; max-width: 46em; margin: 2em auto;
       padding: 0 1em; color: #1d1d1d; background: #fff; }
h1 { font-size: 1.5em; line-height: 1.3; }
.meta, .legend, table { font-family: system-ui, sans-serif; font-size: 0.85em; color: #444; }
table { border-collapse: collapse; margin: 1em 0 2em; }
th, td { text-align: left; padding: 0.15em 1.2em 0.15em 0; }
td { font-variant-numeric: tabular-nums; }
""".strip() + f"""
{CHANGE_STYLE}
p[dir="rtl"] {{ font-family: "Noto Naskh Arabic", "Amiri", "Geeza Pro", serif; font-size: 1.1em; }}
@media print {{ {CHANGE_PRINT_STYLE} }}"""


def _metric_rows(metrics: EditMetrics) -> list[tuple[str, str]]:
    rate = "n/a" if metrics.edit_rate is None else f"{metrics.edit_rate:.1%}"
    return [
        ("Words before", str(metrics.words_before)),
        ("Words after", str(metrics.words_after)),
        ("Inserted", str(metrics.inserted)),
        ("Deleted", str(metrics.deleted)),
        ("Substituted", str(metrics.substituted)),
        ("Edit rate", rate),
        ("Character similarity", f"{metrics.char_similarity:.1%}"),
    ]


def paragraph_html(paragraph: Paragraph,
                   text_html: Callable[[str], str] = escape) -> str:
    """A paragraph's text with its deletions in <del> and insertions in <ins>; `text_html`
    makes the HTML of each piece of text (escaped, perhaps with highlights)."""
    parts = []
    for op, space, text in pieces(paragraph):
        parts.append(escape(space))
        tag = TAGS.get(op)
        parts.append(f"<{tag}>{text_html(text)}</{tag}>" if tag else text_html(text))
    return "".join(parts)


def page_start(title_html: str, style: str) -> list[str]:
    """The lines of a self-contained page up to its body: the style inline, nothing loaded
    from elsewhere."""
    return [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title_html}</title>",
        f"<style>\n{style}\n</style>",
        "</head>",
        "<body>",
    ]


def html_page(diff: TextDiff, *, title: str, article_id: str, from_label: str,
              to_label: str) -> str:
    lines = [
        *page_start(f"Changes: {escape(title)}", STYLE),
        "<header>",
        f'<h1 dir="auto">{escape(title)}</h1>',
        f'<p class="meta">{escape(article_id)}: changes from <strong>{escape(from_label)}'
        f"</strong> to <strong>{escape(to_label)}</strong></p>",
        '<p class="legend"><del>deleted text</del> <ins>inserted text</ins> '
        "¶ a paragraph break removed or added</p>",
        "<table>",
        *(f"<tr><th>{name}</th><td>{value}</td></tr>" for name, value in
          _metric_rows(diff.metrics)),
        "</table>",
        "</header>",
        "<main>",
    ]
    for paragraph in diff.paragraphs:
        lines.append(f'<p dir="{paragraph.direction}">{paragraph_html(paragraph)}</p>')
    if not diff.paragraphs:
        lines.append("<p>Both texts are empty.</p>")
    lines += ["</main>", "</body>", "</html>", ""]
    return "\n".join(lines)
