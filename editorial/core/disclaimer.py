"""The disclaimer at the end of a published translation.

The text sits between two HTML comments, which Markdown renderers do not show, so that
`disclaim` can find it again: running it twice changes nothing, and a changed template
replaces the old text instead of adding a second one. A translation often arrives with the
disclaimer already typed as its last paragraph: `disclaim` takes that paragraph over rather than
adding a second copy, and the checks count it as a copy when the block is there too.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping

from editorial.errors import ConfigError

START = "<!-- editorial:disclaimer -->"
END = "<!-- /editorial:disclaimer -->"
# The text may not hold another start marker, so a stray marker typed into the body never
# swallows the real block that follows it.
_BLOCK = re.compile(re.escape(START) + r"\r?\n((?:(?!" + re.escape(START) + r").)*?)\r?\n"
                    + re.escape(END) + r"(\r?\n)?", re.S)
PLACEHOLDERS = ("publication", "outlet", "author", "language")
# A paragraph break: a line holding nothing but whitespace.
_BREAK = re.compile(r"\n(?:[ \t]*\r?\n)+")


def render(template: str, values: Mapping[str, str]) -> str:
    """Fill `{publication}`, `{outlet}`, `{author}`, `{language}`; other braces are an error."""
    parsed = [(name, spec, conversion) for _, name, spec, conversion
              in string.Formatter().parse(template) if name is not None]
    fields = [name for name, _, _ in parsed]
    if any(spec or conversion for _, spec, conversion in parsed):
        # A format spec ({publication:>999999999}) is a way to make a huge text, not a
        # disclaimer: placeholders are plain.
        raise ConfigError("disclaimer template placeholders take no format or conversion: "
                          "write {publication}, {outlet}, {author} or {language}")
    unknown = sorted(set(fields) - set(PLACEHOLDERS))
    if unknown:
        raise ConfigError(f"disclaimer template uses unknown placeholder(s) {unknown}; "
                          f"known: {', '.join(PLACEHOLDERS)}")
    return template.format_map({name: values.get(name, "") for name in PLACEHOLDERS}).strip()


def blocks(body: str) -> list[str]:
    """The disclaimer texts found in a body, in order."""
    return [match.group(1) for match in _BLOCK.finditer(body)]


def without(body: str) -> str:
    """The body with every disclaimer block and the blank line before it removed."""
    stripped = body
    for match in reversed(list(_BLOCK.finditer(body))):
        start = match.start()
        head = stripped[:start]
        # Drop the blank line `insert` put before the block: its line end, whichever style
        # it has, when the line before it ended too (a body may mix CRLF and LF).
        for line_end in ("\r\n", "\n"):
            if head.endswith(line_end) and head[: -len(line_end)].endswith("\n"):
                head = head[: -len(line_end)]
                break
        stripped = head + stripped[match.end():]
    return stripped


def _words(text: str) -> list[str]:
    # Pasted text differs in its line breaks, spacing, quotes, full stops and emphasis
    # (`_..._` too, hence no underscore in a word), not its words.
    return re.findall(r"[^\W_]+", text.casefold())


def _plain_start(body: str, texts: list[str]) -> int | None:
    """Where the last paragraphs of `body` start when they are one of `texts` typed as plain
    text, with as many paragraphs as it has; None when they are not."""
    trimmed = body.rstrip()
    for text in texts:
        wanted = _words(text)
        if not wanted:
            continue
        breaks = [match.end() for match in _BREAK.finditer(trimmed)]
        count = len(_BREAK.findall(text.strip())) + 1
        start = breaks[-count] if len(breaks) >= count else 0
        if _words(trimmed[start:]) == wanted:
            return start
    return None


def _newline(body: str) -> str:
    return "\r\n" if "\r\n" in body else "\n"


def _cut(base: str, start: int, newline: str) -> str:
    """`base` up to a plain copy of the disclaimer starting at `start`, without the blank
    lines before the copy."""
    kept = base[:start].rstrip(" \t\r\n")
    return kept + newline if kept else ""


def has_plain_copy(body: str, text: str) -> bool:
    """Whether the body, its disclaimer blocks aside, ends with `text` as plain paragraphs."""
    return _plain_start(without(body), [text]) is not None


def text_of(body: str, texts: list[str]) -> str:
    """The body without its disclaimer: the blocks, and a plain copy of one of `texts` at the
    end; what an editor's work is measured on."""
    base = without(body)
    start = _plain_start(base, [*blocks(body), *texts])
    return base if start is None else _cut(base, start, _newline(body))


def insert(body: str, text: str) -> str:
    """The body with exactly one disclaimer block, holding `text`, at its end; a plain copy
    of the disclaimer ending the body (of `text` or of the block it replaces) is taken over."""
    newline = _newline(body)
    existing = list(_BLOCK.finditer(body))
    if (len(existing) == 1 and existing[0].group(1) == text and not body[existing[0].end():].strip()
            and not has_plain_copy(body, text)):
        return body
    base = without(body)
    start = _plain_start(base, [text, *blocks(body)])
    if start is not None:
        base = _cut(base, start, newline)
    if base and not base.endswith("\n"):
        base += newline
    separator = newline if base.strip() else ""
    return f"{base}{separator}{START}{newline}{text}{newline}{END}{newline}"
