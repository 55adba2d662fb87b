"""Front matter and YAML: what is written reads back as it was, bodies untouched."""

from __future__ import annotations

import math
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from editorial.core import frontmatter, yamlio
from editorial.core.frontmatter import Document

# Text as people type it, and the odd characters they paste: no surrogates, which no UTF-8
# file can hold.
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)

AMBIGUOUS = ["No", "no", "NO", "On", "on", "Off", "yes", "Yes", "y", "n", "Y", "N", "true",
             "False", "2016-08-07", "2016-08-07T10:00:00Z", "2016-08-07 10:00:00",
             "1e3", "1E3", "1.5e3", "-1e-3", "0x10", "0o17", "017", "0b101", "1_000",
             "12:30", "190:20:30", "+1", "-1", "42", "3.14", ".5", ".inf", "-.inf", ".NaN",
             "~", "null", "Null", "NULL", "", " ", "=", "<<"]


def values() -> st.SearchStrategy[Any]:
    scalars = st.one_of(
        TEXT, st.sampled_from(AMBIGUOUS), st.integers(),
        st.floats(allow_nan=False), st.booleans(), st.none())
    return st.recursive(
        scalars,
        lambda children: st.one_of(st.lists(children, max_size=4),
                                   st.dictionaries(TEXT, children, max_size=4)),
        max_leaves=12)


def same(left: Any, right: Any) -> bool:
    """Equal, with -0.0 and 0.0 told apart and types compared too (True is not 1)."""
    if type(left) is not type(right):
        return False
    if isinstance(left, float):
        return left == right and math.copysign(1, left) == math.copysign(1, right)
    if isinstance(left, list):
        return len(left) == len(right) and all(map(same, left, right))
    if isinstance(left, dict):
        return list(left) == list(right) and all(same(left[k], right[k]) for k in left)
    return bool(left == right)


@given(meta=st.dictionaries(TEXT.filter(bool), values(), max_size=6),
       body=st.text(st.characters(exclude_categories=["Cs"])),
       newline=st.sampled_from(["\n", "\r\n"]))
def test_front_matter_round_trips(meta: dict[str, Any], body: str, newline: str) -> None:
    document = Document(meta=meta, body=body, newline=newline)
    data = document.to_bytes()
    again = frontmatter.parse(data, path="article.md")
    assert same(again.meta, meta)
    assert again.body == body
    assert again.newline == newline
    # And writing what was read gives the very same bytes.
    assert again.to_bytes() == data


@given(body=st.text(st.characters(exclude_categories=["Cs"])))
def test_a_file_without_front_matter_is_all_body(body: str) -> None:
    if body.startswith("---"):
        return
    assert frontmatter.parse(body.encode(), path="source.md").body == body


@pytest.mark.parametrize("value", AMBIGUOUS)
def test_an_ambiguous_string_is_written_quoted_and_read_back_as_a_string(value: str) -> None:
    text = yamlio.dump({"title": value})
    written = text[len("title: "):].strip()
    assert written[:1] in ("'", '"'), text
    loaded = yaml.safe_load(text)["title"]
    assert isinstance(loaded, str)
    assert loaded == value
    assert yamlio.load(text, path="x.yaml")["title"] == value


@given(title=TEXT)
def test_any_title_reads_back_as_the_same_string(title: str) -> None:
    document = Document(meta={"id": "x", "title": title}, body="body\n")
    meta = frontmatter.parse(document.to_bytes(), path="article.md").meta
    assert isinstance(meta["title"], str)
    assert meta["title"] == title


def test_keys_keep_their_order() -> None:
    meta = {"zeta": 1, "alpha": 2, "id": "x", "middle": {"b": 1, "a": 2}}
    again = frontmatter.parse(Document(meta=meta).to_bytes(), path="a.md").meta
    assert list(again) == ["zeta", "alpha", "id", "middle"]
    assert list(again["middle"]) == ["b", "a"]


@given(body=st.text(st.characters(exclude_categories=["Cs"])))
def test_a_byte_order_mark_before_the_front_matter_is_ignored(body: str) -> None:
    data = b"\xef\xbb\xbf---\nid: x\ntitle: A title\n---\n" + body.encode("utf-8")
    document = frontmatter.parse(data, path="article.md")
    assert document.meta == {"id": "x", "title": "A title"}
    assert document.body == body
    assert document.to_bytes() == data[3:]
