"""Reading only the front matter gives exactly what reading the whole file gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from editorial.core import frontmatter
from editorial.errors import InvalidDataError

LONG_VALUE = "x" * 40_000

CASES = {
    "plain": b"---\nid: a\ntitle: T\n---\nbody\n",
    "crlf": b"---\r\nid: a\r\ntitle: T\r\n---\r\nbody\r\n",
    "rule in body": b"---\nid: a\n---\nbefore\n---\nafter\n",
    "fence at the end": b"---\nid: a\n---",
    "fence with extra carriage returns": b"---\nid: a\n---\r\r\nbody\n",
    "dashes that are no fence": b"---\nid: a\nnote: |\n  ----\n  ---x\n---\nbody\n",
    "empty front matter": b"---\n---\nbody\n",
    "no front matter": b"just a body\n",
    "opening fence with trailing text": b"---x\nid: a\n---\n",
    "front matter larger than one read": f"---\nid: a\nlong: {LONG_VALUE}\n---\nb\n".encode(),
    "arabic": "---\nid: a\ntitle: مدينة\n---\nنص عربي\n".encode(),
    "body not UTF-8": b"---\nid: a\n---\n\xff\xfe body\n",
}

BROKEN = {
    "not closed": b"---\nid: a\ntitle: T\n",
    "bad yaml": b"---\nid: [a\n---\nbody\n",
    "not a mapping": b"---\n- a\n---\n",
    "front matter not UTF-8": b"---\nid: \xff\n---\n",
    "python tag": b"---\nid: !!python/object:os.system ls\n---\n",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_front_matter_alone_equals_the_full_read(tmp_path: Path, name: str) -> None:
    path = tmp_path / "article.md"
    path.write_bytes(CASES[name])
    if name == "body not UTF-8":
        # The full read refuses the file; the front matter alone is still sound.
        with pytest.raises(InvalidDataError):
            frontmatter.read(path)
        assert frontmatter.read_meta(path) == {"id": "a"}
        return
    assert frontmatter.read_meta(path) == frontmatter.read(path).meta


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_front_matter_alone_fails_as_the_full_read_does(tmp_path: Path, name: str) -> None:
    path = tmp_path / "article.md"
    path.write_bytes(BROKEN[name])
    with pytest.raises(InvalidDataError) as full:
        frontmatter.read(path)
    with pytest.raises(InvalidDataError) as head:
        frontmatter.read_meta(path)
    assert str(head.value) == str(full.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InvalidDataError, match="file not found"):
        frontmatter.read_meta(tmp_path / "nothing.md")
