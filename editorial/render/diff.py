"""Track changes in the terminal.

On a colour terminal deleted words are red and struck through, inserted words green and
underlined: colour and a second cue that does not depend on seeing colour. Without colour
(NO_COLOR, or output to a file or pipe) they are written as `[-old words-]` and
`{+new words+}`, the convention of wdiff and `git diff --word-diff`.
"""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from editorial.core.review.diff import Op, Paragraph, TextDiff
from editorial.core.review.metrics import EditMetrics
from editorial.render.escape import visible

MARKS: dict[Op, tuple[str, str]] = {"equal": ("", ""), "delete": ("[-", "-]"),
                                    "insert": ("{+", "+}")}
STYLES: dict[Op, str] = {"equal": "", "delete": "red strike", "insert": "green underline"}
# Shown where an editor joined two paragraphs (a deleted break) or split one (an inserted one).
PILCROW = "¶"


def pieces(paragraph: Paragraph) -> list[tuple[Op, str, str]]:
    """(op, space, text) in order, with a changed paragraph end shown as a pilcrow; control
    characters other than tabs and line breaks escaped, so the text cannot drive the
    terminal."""
    found = [(chunk.op, visible(chunk.space, multiline=True),
              visible(chunk.text, multiline=True)) for chunk in paragraph.chunks]
    if paragraph.end in ("delete", "insert"):
        if found and found[-1][0] == paragraph.end:
            op, space, text = found[-1]
            found[-1] = (op, space, text + PILCROW)
        else:
            found.append((paragraph.end, "", PILCROW))
    return found


def plain_diff(diff: TextDiff) -> str:
    paragraphs = []
    for paragraph in diff.paragraphs:
        parts = []
        for op, space, text in pieces(paragraph):
            start, end = MARKS[op]
            parts.append(f"{space}{start}{text}{end}")
        paragraphs.append("".join(parts))
    return "\n\n".join(paragraphs)


def colored_diff(diff: TextDiff) -> Text:
    result = Text()
    for index, paragraph in enumerate(diff.paragraphs):
        if index:
            result.append("\n\n")
        for op, space, text in pieces(paragraph):
            result.append(space)
            result.append(text, style=STYLES[op] or None)
    return result


def summary(metrics: EditMetrics, from_label: str, to_label: str) -> str:
    from_label, to_label = visible(from_label), visible(to_label)
    if not metrics.edits:
        return f"{from_label} -> {to_label}: no word changed"
    rate = "n/a" if metrics.edit_rate is None else f"{metrics.edit_rate:.1%}"
    return (f"{from_label} -> {to_label}: {metrics.edits} word edit"
            f"{'s' if metrics.edits != 1 else ''} ({metrics.inserted} inserted, "
            f"{metrics.deleted} deleted, {metrics.substituted} substituted); "
            f"{metrics.words_before} words before, {metrics.words_after} after; "
            f"edit rate {rate}; character similarity {metrics.char_similarity:.1%}")


def print_diff(console: Console, diff: TextDiff, from_label: str, to_label: str) -> None:
    """The whole text with its changes, then one line of effort figures."""
    coloured = console.is_terminal and not console.no_color
    body: str | Text = colored_diff(diff) if coloured else plain_diff(diff)
    if diff.paragraphs:
        # soft_wrap: the text is printed as written, never re-wrapped or cut at the width.
        console.print(body, soft_wrap=True)
        console.print()
    console.print(summary(diff.metrics, from_label, to_label), soft_wrap=True)
