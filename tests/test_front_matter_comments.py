"""A person's comments in article.md's front matter survive the steps that rewrite it.

The splice itself is tested as a pure function (no repository per example); the commands are
then run once each on a real newsroom.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editorial.core import yamledit, yamlio
from testing.newsroom import Newsroom

# Keys as front matter has them, and values as steps write them: text (Arabic too, and words
# YAML 1.1 would read as something else), numbers, flags, lists of history-like entries.
KEYS = st.sampled_from(["title", "stage", "source", "translator", "editor", "history",
                        "corrections", "published_at", "slug", "words", "urgent", "tags"])
TEXT = st.one_of(
    st.text(st.characters(exclude_categories=["Cs"]), max_size=30),
    st.sampled_from(["No", "yes", "on", "2024-05-01", "2024-05-01T09:30:00Z", "1e3", "~",
                     "بيان الوزارة", "line one\nline two\n", "ends with blanks\n\n",
                     "# not a comment"]))
SCALARS = st.one_of(TEXT, st.integers(), st.booleans(), st.none())
ENTRY = st.dictionaries(st.sampled_from(["action", "by", "at", "note"]), SCALARS, min_size=1,
                        max_size=3)
VALUES = st.one_of(SCALARS, st.lists(st.one_of(ENTRY, SCALARS), max_size=3))
COMMENT = st.sampled_from(["# waiting for the outlet's permission", "# تحقق من الاسم",
                           "", "  # indented note", "#"])


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, dict[str, Any], list[str], dict[str, str]]:
    """Front matter text with comments above keys and after one-line values, the mapping it
    holds, the comment lines above keys, and each key's own lines as written."""
    meta = draw(st.dictionaries(KEYS, VALUES, min_size=1, max_size=6))
    text, above, blocks = "", [], {}
    ends_open = False
    for name, value in meta.items():
        # A blank or indented line after block text would be part of the text, as a person
        # writing one there would find too.
        for comment in draw(st.lists(COMMENT.filter(_at_column_0) if ends_open else COMMENT,
                                     max_size=2)):
            ends_open = False
            text += comment + "\n"
            above.append(comment)
        # yamlio.dump ends a lone open-ended text with the end-of-document marker `...`.
        block = yamlio.dump({name: value}).removesuffix("...\n")
        if block.count("\n") == 1 and draw(st.booleans()):
            block = block.rstrip("\n") + "  # check spelling\n"
        elif "|" not in block and draw(st.booleans()):
            # A comment between list items, where people note why an entry is there.
            block = block.replace("\n  - ", "\n  # between entries\n  - ", 1)
        blocks[name] = block
        ends_open = "|" in block
        text += block
    assert yamlio.load(text, path="x") == meta
    return text, meta, above, blocks


def _at_column_0(line: str) -> bool:
    return line.startswith("#")


@st.composite
def changes(draw: st.DrawFn, meta: dict[str, Any]) -> dict[str, Any]:
    new: dict[str, Any] = {}
    for name, value in meta.items():
        action = draw(st.sampled_from(["keep", "keep", "change", "drop", "append"]))
        if action == "keep":
            new[name] = value
        elif action == "change":
            new[name] = draw(VALUES)
        elif action == "append" and isinstance(value, list):
            new[name] = value + draw(st.lists(ENTRY, min_size=1, max_size=2))
        elif action == "append":
            new[name] = value
    for name, value in draw(st.dictionaries(KEYS, VALUES, max_size=2)).items():
        new.setdefault(name, value)
    return new


# Examples and deadline: the profile's (tests/conftest.py).
PROPERTY = settings(suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(data=st.data(), document=documents())
def test_the_spliced_text_loads_to_the_new_mapping_and_keeps_unchanged_lines(
        data: st.DataObject, document: tuple[str, dict[str, Any], list[str], dict[str, str]],
) -> None:
    text, meta, above, blocks = document
    new = data.draw(changes(meta))
    spliced = yamledit.splice(text, new)
    assert _dumped(yamlio.load(spliced, path="x") or {}) == _dumped(new)
    lines = spliced.splitlines()
    # With no key left there is no front matter to keep a comment in.
    for comment in above if new else []:
        if not _at_column_0(comment):
            continue  # may go after block text, which would take it in
        assert comment in lines, "a comment above a key is kept, even when the key goes"
    for name, block in blocks.items():
        if name in new and yamlio.dump({name: new[name]}) == yamlio.dump({name: meta[name]}):
            assert block in spliced, f"{name} is unchanged: its lines stay as written"


@PROPERTY
@given(document=documents())
def test_writing_the_same_mapping_changes_nothing(
        document: tuple[str, dict[str, Any], list[str], dict[str, str]]) -> None:
    text, meta, _, _ = document
    assert yamledit.splice(text, meta) == text


def _dumped(mapping: dict[str, Any]) -> dict[str, str]:
    return {name: yamlio.dump({name: value}) for name, value in mapping.items()}


def test_a_changed_value_keeps_the_comment_after_it_and_yaml_1_1_words_stay_quoted() -> None:
    text = "title: Draft title  # check spelling\nstage: assigned\n"
    spliced = yamledit.splice(text, {"title": "No", "stage": "assigned", "date": "2024-05-01"})
    assert spliced == "title: 'No'  # check spelling\nstage: assigned\ndate: '2024-05-01'\n"


def test_an_appended_history_keeps_its_old_lines_and_comments_between_entries() -> None:
    text = ("history:\n- action: new\n  by: dana\n# asked Tariq by phone first\n"
            "- action: assign\n  by: dana\n# the end of the log\nstage: assigned\n")
    old = yamlio.load(text, path="x")
    entry = {"action": "submit", "by": "tariq"}
    spliced = yamledit.splice(text, {"history": [*old["history"], entry], "stage": "editing"})
    assert spliced == ("history:\n- action: new\n  by: dana\n# asked Tariq by phone first\n"
                       "- action: assign\n  by: dana\n- action: submit\n  by: tariq\n"
                       "# the end of the log\nstage: editing\n")


def test_a_removed_key_goes_with_its_lines_but_the_comment_above_it_stays() -> None:
    text = "title: A\n# who asked for this\neditor: hana  # until Monday\nstage: editing\n"
    spliced = yamledit.splice(text, {"title": "A", "stage": "translating"})
    assert spliced == "title: A\n# who asked for this\nstage: translating\n"


def test_indented_list_items_get_new_items_at_the_same_indent() -> None:
    text = "corrections:\n    - one\n    # keep\n    - two\n"
    spliced = yamledit.splice(text, {"corrections": ["one", "two", "three"]})
    assert spliced == "corrections:\n    - one\n    # keep\n    - two\n    - three\n"


def test_values_python_finds_equal_but_yaml_writes_differently_are_written_again() -> None:
    # 1 == True, 0.0 == -0.0 and one moment in two zones are equal in Python; kept as read,
    # the file would say the old value.
    moment = datetime(2024, 5, 1, 9, 30, tzinfo=UTC)
    in_beirut = moment.astimezone(timezone(timedelta(hours=3)))
    text = ("count: 1  # one\nscore: 0.0\nat: 2024-05-01T09:30:00+00:00\n"
            "history:\n- done: 1\n")
    new = {"count": True, "score": -0.0, "at": in_beirut, "history": [{"done": True}, 2]}
    spliced = yamledit.splice(text, new)
    loaded = yamlio.load(spliced, path="x")
    assert loaded["count"] is True and loaded["history"] == [{"done": True}, 2]
    assert str(loaded["score"]) == "-0.0" and loaded["at"].utcoffset() == timedelta(hours=3)
    assert "true  # one" in spliced


def test_a_key_added_after_text_kept_with_its_blank_lines_keeps_them_and_the_comments() -> None:
    # The blank line is the end of the history entry's `|+` text, not a gap before the
    # next key: the new key goes after it, and nothing is dumped again.
    text = "editor: ''  # check spelling\n# waiting\nhistory:\n  - action: |2+\n\n"
    new = {"editor": "", "history": [{"action": "\n"}], "corrections": None}
    assert yamledit.splice(text, new) == text + "corrections: null\n"


def test_text_the_splice_cannot_follow_is_dumped_whole() -> None:
    assert yamledit.splice("{title: A, stage: new}\n", {"title": "B"}) == "title: B\n"
    # A form feed ends a line for Python, not for YAML: line numbers would not agree.
    assert yamledit.splice("# a\fb\ntitle: A\n", {"title": "B"}) == "title: B\n"


# -- through the commands, on a real newsroom ------------------------------------------------

ABOVE = "# waiting for the outlet's permission to publish the photos"
AFTER = "  # check spelling with the outlet"
BETWEEN = "# registered twice by mistake, see the desk chat"


def _comment(text: str) -> str:
    lines = text.split("\n")
    title = next(n for n, line in enumerate(lines) if line.startswith("title:"))
    lines[title] = ABOVE + "\n" + lines[title] + AFTER
    # After the first history entry, before the next one (added by `assign`).
    first_entry_end = next(n for n, line in enumerate(lines)
                           if line.startswith("history:")) + 1
    while lines[first_entry_end + 1].startswith("  "):
        first_entry_end += 1
    lines.insert(first_entry_end + 1, BETWEEN)
    return "\n".join(lines)


def test_a_persons_comments_survive_every_step(newsroom: Newsroom) -> None:
    article_id = newsroom.new_article()
    newsroom.edit_text(article_id, _comment)
    newsroom.commit_all("note why the article waits")
    written = newsroom.article_path(article_id).read_text(encoding="utf-8")
    assert ABOVE in written and BETWEEN in written  # the hand edit went where meant

    def still_there(after: str) -> None:
        text = newsroom.article_path(article_id).read_text(encoding="utf-8")
        for comment in (ABOVE, AFTER, BETWEEN):
            assert comment in text, (after, comment, text)

    # Every step of the workflow's way to the site, then the steps that change a
    # published article's front matter.
    workflow = newsroom.workflow()
    live = workflow.live_stage
    assert live is not None
    for transition in workflow.way(workflow.initial, live):
        newsroom.take(article_id, transition)
        still_there(transition.action)
    newsroom.ok("correct", article_id, "--type", "clarification",
                "--note", "the number of families")
    still_there("correct")
    newsroom.ok("set", article_id, "title=No", as_person="hana")
    still_there("set")
    text = newsroom.article_path(article_id).read_text(encoding="utf-8")
    # The changed title keeps the comment after it, and `No` stays a string.
    assert f"{ABOVE}\ntitle: 'No'{AFTER}\n" in text
    assert newsroom.meta(article_id)["title"] == "No"
    assert newsroom.errors_by_rule() == {}


def test_lines_that_would_join_block_text_before_them_are_not_kept_after_it() -> None:
    # `|+` text keeps the blank lines after it: once `editor` goes, the blank line that
    # followed it would come after the note and be read into it.
    text = "note: |+\n  first\n\neditor: hana\n\n# the desk\nstage: editing\n"
    spliced = yamledit.splice(text, {"note": "first\n\n", "stage": "editing"})
    assert spliced == "note: |+\n  first\n\n# the desk\nstage: editing\n"
