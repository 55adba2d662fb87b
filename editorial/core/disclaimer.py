"""The disclaimer at the end of a published translation.

The text sits between two HTML comments, which Markdown renderers do not show, so that
`disclaim` can find it again: running it twice changes nothing, and a changed template
replaces the old text instead of adding a second one.
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


def insert(body: str, text: str) -> str:
    """The body with exactly one disclaimer block, holding `text`, at its end."""
    newline = "\r\n" if "\r\n" in body else "\n"
    existing = list(_BLOCK.finditer(body))
    if len(existing) == 1 and existing[0].group(1) == text and not body[existing[0].end():].strip():
        return body
    base = without(body)
    if base and not base.endswith("\n"):
        base += newline
    separator = newline if base.strip() else ""
    return f"{base}{separator}{START}{newline}{text}{newline}{END}{newline}"
