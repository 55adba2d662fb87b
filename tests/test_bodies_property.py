"""Bodies survive every state change byte for byte, through the real commands in a real repo.

Each example builds its own newsroom (a fresh temporary folder: hypothesis does not reset
pytest's tmp_path between examples) and makes real commits, so the example counts are modest.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editorial.core import disclaimer
from editorial.core.config import DEFAULT_DISCLAIMER
from testing.newsroom import make_newsroom

PUBLICATION = "The Example Observer"
DISCLAIMER = DEFAULT_DISCLAIMER.format(publication=PUBLICATION)

# The pieces a line of a translation desk's text is made of, awkward ones included.
WORDS = st.sampled_from([
    "الحكومة", "أعلنت", "١٢٠٠٠", "«اقتباس»", "The", "council", "said", "12,000", "—", "#",
    "**bold**", "> quote", "café", "---", "***", "- item", "  ", "\t", ":", "'", '"', "{x}",
    "<!-- note -->", "a: b",
])
LINES = st.one_of(
    st.lists(WORDS, min_size=1, max_size=6).map(" ".join),
    st.just(""),             # an empty line
    st.just("---"),          # a horizontal rule
    st.just("text   "),      # trailing spaces
    st.text(st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp")), max_size=12),
)


@st.composite
def bodies(draw: st.DrawFn) -> str:
    """Non-empty text, with LF or CRLF line ends (or, pasted together, both), with or
    without a final one."""
    lines = draw(st.lists(LINES, min_size=1, max_size=8))
    if not "".join(lines).strip():
        lines.append("صفحة")
    style = draw(st.sampled_from(["\n", "\r\n", "mixed"]))
    ends = st.sampled_from(["\n", "\r\n"]) if style == "mixed" else st.just(style)
    text = lines[0]
    for line in lines[1:]:
        text += draw(ends) + line
    final_line_ends = draw(st.integers(min_value=0, max_value=2))
    return text + "".join(draw(ends) for _ in range(final_line_ends))


def sources() -> st.SearchStrategy[str]:
    # A .txt source is all body, even when it opens with a `---` line; only a .md source
    # may carry front matter.
    return bodies()


def body_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    head_end = data.index(b"\n---", 3)
    return data[data.index(b"\n", head_end + 1) + 1:]


def with_disclaimer(body: str) -> str:
    """What `disclaim` makes of a body: the body, ended, a blank line, then the block."""
    newline = "\r\n" if "\r\n" in body else "\n"
    ended = body if body.endswith("\n") else body + newline
    return (f"{ended}{newline}{disclaimer.START}{newline}{DISCLAIMER}{newline}"
            f"{disclaimer.END}{newline}")


def assert_disclaimed(body: bytes, translation: str) -> None:
    """`body` is `translation` with the desk's disclaimer block, once, at its end."""
    assert body == with_disclaimer(translation).encode("utf-8")
    text = body.decode("utf-8")
    assert disclaimer.blocks(text) == [DISCLAIMER]
    # Taking the block away gives back the translation, ended by a line end if it had none.
    newline = "\r\n" if "\r\n" in translation else "\n"
    assert disclaimer.without(text) == (
        translation if translation.endswith("\n") else translation + newline)


@pytest.mark.slow
@settings(settings.get_profile("repository"), max_examples=25)
@given(source=sources(), first_draft=bodies(), translation=bodies(), send_back=st.booleans())
def test_bodies_survive_every_state_change(source: str, first_draft: str, translation: str,
                                           send_back: bool) -> None:
    with tempfile.TemporaryDirectory(prefix="editorial-bodies-") as scratch:
        newsroom = make_newsroom(Path(scratch), publication=PUBLICATION)
        source_file = Path(scratch) / "source.txt"
        source_file.write_bytes(source.encode("utf-8"))
        article_id = newsroom.ok("new", str(source_file), "--lang", "ar", "--id", "piece",
                                 "--title", "A piece", "--outlet", "Example Daily",
                                 "--url", "https://example.org/piece").stdout.strip()
        source_path = newsroom.article_path(article_id, "source.md")
        article = newsroom.article_path(article_id)
        translation_path = newsroom.article_path(article_id, "translation.md")
        assert body_bytes(source_path) == source.encode("utf-8")
        original_source = source_path.read_bytes()

        workflow = newsroom.workflow()
        if send_back:
            # A first draft handed in, then sent back to its translator.
            sent_back = workflow.transitions_for("return")[0]
            for transition in workflow.way(workflow.initial, sent_back.sources[0]):
                newsroom.take(article_id, transition, translation=first_draft)
            assert body_bytes(article) == first_draft.encode("utf-8")
            newsroom.ok("return", article_id, "--note", "once more", as_person="hana")
            assert body_bytes(translation_path) == first_draft.encode("utf-8")
        expected = translation.encode("utf-8")
        body = body_bytes(article)
        disclaimed_again = False
        # Every step on to publication and withdrawal: only the hand-off and the disclaimer
        # change the body.
        stage = str(newsroom.meta(article_id)["stage"])
        for transition in workflow.way(stage, "withdrawn"):
            newsroom.take(article_id, transition, translation=translation)
            if "freeze-translation" in transition.effects:
                assert body_bytes(article) == expected
                assert body_bytes(translation_path) == expected
            elif "insert-disclaimer" in transition.effects:
                assert_disclaimed(body_bytes(article), translation)
            else:
                assert body_bytes(article) == body, transition.action
            body = body_bytes(article)
            again = workflow.find("disclaim", transition.target)
            if again is not None and disclaimer.blocks(body.decode("utf-8")):
                newsroom.take(article_id, again)  # a second time: no change
                assert body_bytes(article) == body
                disclaimed_again = True
        assert disclaimed_again

        assert source_path.read_bytes() == original_source
        assert body_bytes(translation_path) == expected
        assert newsroom.git("status", "--porcelain") == ""


@pytest.mark.slow  # a repository per example
@settings(settings.get_profile("repository"))
@given(source=sources(), data=st.data())
def test_a_spiked_article_keeps_its_texts(source: str, data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory(prefix="editorial-bodies-") as scratch:
        newsroom = make_newsroom(Path(scratch), publication=PUBLICATION)
        article_id = newsroom.new_article(source=source)
        # Every stage the workflow lets an article be spiked from.
        spikeable = [stage for transition in newsroom.workflow().transitions_for("spike")
                     for stage in transition.sources]
        newsroom.advance_to(article_id, data.draw(st.sampled_from(spikeable), label="stage"))
        before = {name: newsroom.article_path(article_id, name).read_bytes()
                  for name in ("source.md", "translation.md")}
        body = body_bytes(newsroom.article_path(article_id))
        newsroom.ok("spike", article_id, "--note", "no longer news")
        assert body_bytes(newsroom.article_path(article_id)) == body
        assert {name: newsroom.article_path(article_id, name).read_bytes()
                for name in before} == before
