"""Markdown files with YAML front matter: `---`, YAML, `---`, then a body kept byte for byte.

Files are read and written as bytes so that CRLF line ends, trailing spaces, a missing final
newline or a `---` rule inside the body come back exactly as they were.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from editorial.core import yamledit, yamlio
from editorial.errors import InvalidDataError

FENCE = "---"


@dataclass
class Document:
    """A front matter mapping and the body after it.

    `newline` is the line end of the fence lines as found (or chosen for a new file), so that
    a CRLF file keeps CRLF fences; the body is never touched.
    """

    meta: dict[str, Any] = field(default_factory=dict)
    body: str = ""
    newline: str = "\n"
    # The front matter text as read, to point problems at the line of a key, and to write
    # the mapping back into it keeping what a person wrote around the values.
    raw_meta: str | None = field(default=None, compare=False, repr=False)

    def to_bytes(self) -> bytes:
        if not self.meta:
            yaml_text = ""
        elif self.raw_meta is None:
            yaml_text = yamlio.dump(self.meta)
        else:
            # assemble() puts the file's line ends back on the \n lines the splice writes.
            yaml_text = yamledit.splice(self.raw_meta.replace("\r\n", "\n"), self.meta)
        return assemble(yaml_text, self.body, self.newline)


def assemble(yaml_text: str, body: str, newline: str) -> bytes:
    """A file of front matter (`yaml_text`, written with \\n) and a body, fences ended with
    `newline`."""
    if newline != "\n":
        yaml_text = yaml_text.replace("\n", newline)
    return (FENCE + newline + yaml_text + FENCE + newline + body).encode("utf-8")


def split(text: str, *, path: Path | str) -> tuple[str, str, str] | None:
    """Return (yaml text, body, newline), or None when the text has no front matter."""
    if not text.startswith(FENCE):
        return None
    first_end = text.find("\n")
    if first_end == -1 or text[:first_end].rstrip("\r") != FENCE:
        return None
    newline = "\r\n" if text[first_end - 1 : first_end] == "\r" else "\n"
    position = first_end + 1
    while position <= len(text):
        line_end = text.find("\n", position)
        line = text[position:] if line_end == -1 else text[position:line_end]
        if line.rstrip("\r") == FENCE:
            body_start = len(text) if line_end == -1 else line_end + 1
            return text[first_end + 1 : position], text[body_start:], newline
        if line_end == -1:
            break
        position = line_end + 1
    raise InvalidDataError(
        "front matter is not closed", path=path, line=1,
        hint="add a line '---' after the YAML",
    )


def parse(data: bytes, *, path: Path | str) -> Document:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _not_utf8(error, path) from None
    # Some Windows editors put a byte order mark before the first `---`; it is not part of
    # the front matter or the body, and is not written back.
    text = text.removeprefix("\ufeff")
    parts = split(text, path=path)
    if parts is None:
        return Document(meta={}, body=text, newline="\r\n" if "\r\n" in text[:200] else "\n")
    yaml_text, body, newline = parts
    return Document(meta=_load_meta(yaml_text, path), body=body, newline=newline,
                    raw_meta=yaml_text)


def _not_utf8(error: UnicodeDecodeError, path: Path | str) -> InvalidDataError:
    return InvalidDataError(f"not UTF-8 text ({error.reason} at byte {error.start})", path=path)


def _load_meta(yaml_text: str, path: Path | str) -> dict[str, Any]:
    loaded = yamlio.load(yaml_text, path=path, first_line=2) if yaml_text.strip() else {}
    if not isinstance(loaded, dict):
        raise InvalidDataError("front matter must be a mapping of keys to values",
                               path=path, line=2)
    for key in loaded:
        if not isinstance(key, str):
            raise InvalidDataError(f"front matter key {key!r} is not a string", path=path, line=2)
    return loaded


def read(path: Path) -> Document:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InvalidDataError("file not found", path=path) from None
    return parse(data, path=path)


# Enough for the front matter of almost every article in one read; the body is never needed.
_HEAD_CHUNK = 16_384


def read_meta(path: Path) -> dict[str, Any]:
    """Only the front matter: reads up to the closing fence and decodes nothing after it.

    Gives the same mapping, and the same errors about the front matter, as `read(path).meta`;
    a body that is not UTF-8 is not its concern.
    """
    try:
        with open(path, "rb") as handle:
            data = handle.read(_HEAD_CHUNK)
            while True:
                yaml_end = _closing_fence(data)
                if yaml_end is not None:
                    break
                more = handle.read(len(data))
                if not more:
                    break
                data += more
    except FileNotFoundError:
        raise InvalidDataError("file not found", path=path) from None
    if yaml_end is None:
        # No front matter, or one that is not closed: the full parse says which, exactly.
        return parse(data, path=path).meta
    first_end = data.index(b"\n") + 1
    try:
        yaml_text = data[first_end:yaml_end].decode("utf-8")
    except UnicodeDecodeError as error:
        error.start += first_end
        raise _not_utf8(error, path) from None
    return _load_meta(yaml_text, path)


def _closing_fence(data: bytes) -> int | None:
    """Where the front matter's YAML ends (the start of the closing `---` line), if `data`
    opens with a fence line and holds a whole closing one; None otherwise (read on, or let the
    full parse decide)."""
    first_end = data.find(b"\n")
    if first_end == -1 or data[:first_end].rstrip(b"\r") != b"---":
        return None
    position = first_end
    while True:
        # `position` is the newline that ends the line before a candidate fence line.
        position = data.find(b"\n---", position)
        if position == -1:
            return None
        line_end = data.find(b"\n", position + 4)
        if line_end == -1:
            return None
        if not data[position + 4 : line_end].rstrip(b"\r"):
            return position + 1
        position = line_end


def key_line(raw_meta: str | None, key: str) -> int | None:
    """The file line of a top-level key in front matter text (the opening fence is line 1)."""
    if raw_meta is None:
        return None
    for number, line in enumerate(raw_meta.splitlines(), start=2):
        if line.startswith(f"{key}:"):
            return number
    return None
