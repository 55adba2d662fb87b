"""Track changes as a person sees them: plain, coloured and as an HTML page (golden files)."""

from __future__ import annotations

import io

from rich.console import Console

from editorial.core.review.diff import diff_texts
from editorial.render.diff import print_diff
from editorial.render.diff_html import html_page
from testing.golden import assert_golden
from testing.texts import AFTER, BEFORE


def _render(*, terminal: bool, no_color: bool) -> str:
    out = io.StringIO()
    console = Console(file=out, force_terminal=terminal, no_color=no_color, width=80,
                      color_system="standard", markup=False, highlight=False, emoji=False)
    print_diff(console, diff_texts(BEFORE, AFTER), "translation", "current")
    return out.getvalue()


def test_plain_rendering_marks_changes_with_brackets() -> None:
    plain = _render(terminal=False, no_color=False)
    assert "\x1b[" not in plain
    assert "[-Factions-]{+Rebel factions+} announced [-today-]{+on Sunday+}" in plain
    assert "midnight [-<check time>-] & lasts" in plain
    assert '"خطوة أولى {+نحو السلام+}".' in plain
    # Long paragraphs are printed as written, not wrapped at the console width.
    assert max(len(line) for line in plain.splitlines()) > 80
    assert_golden("diff_plain.txt", plain)


def test_no_color_on_a_terminal_still_uses_brackets() -> None:
    assert _render(terminal=True, no_color=True) == _render(terminal=False, no_color=False)


def test_coloured_rendering_uses_colour_and_a_second_cue() -> None:
    coloured = _render(terminal=True, no_color=False)
    assert "[-" not in coloured and "{+" not in coloured
    # Red and struck through (SGR 9;31), green and underlined (SGR 4;32).
    assert "\x1b[9;31mFactions\x1b[0m\x1b[4;32mRebel factions\x1b[0m" in coloured
    assert_golden("diff_color.ansi", coloured)


def test_html_page_escapes_text_and_marks_arabic_right_to_left() -> None:
    page = html_page(diff_texts(BEFORE, AFTER), title="Rebels & the <ceasefire>",
                     article_id="ceasefire-north", from_label="translation",
                     to_label="current")
    assert "<del>&lt;check time&gt;</del> &amp; lasts" in page
    assert "<title>Changes: Rebels &amp; the &lt;ceasefire&gt;</title>" in page
    assert '<p dir="rtl">قال المتحدث' in page
    assert "<ins>نحو السلام</ins>" in page
    assert page.count('<p dir="ltr">') == 4
    assert "<script" not in page and "http" not in page  # standalone: nothing to fetch
    assert_golden("diff_page.html", page)
