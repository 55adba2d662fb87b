"""Rewrite a front matter mapping by splicing keys into the text as read, so that what a
person wrote around the values (comments, blank lines) survives a step.

Dumping the whole mapping again, as `yamlio.dump` does, writes a file the safe loader reads
back as it should, but YAML comments are not part of the loaded data, so a note such as
`# waiting for the outlet's permission` above `title:` would be lost by the next `assign`.
Here each top-level key owns the lines of its value; a key whose value is unchanged keeps
its lines byte for byte, and only changed keys are dumped again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from editorial.core import yamlio


@dataclass
class _Key:
    """One top-level key of the text as read: the comment and blank lines above it (kept
    even when the key goes), and the lines of the key and its value."""

    name: str
    above: list[str]
    lines: list[str]
    value: yaml.Node


def splice(old_text: str, new: Mapping[str, Any]) -> str:
    """YAML text (lines ended with \\n) that loads to exactly `new`, keeping `old_text`'s
    lines wherever they still say the same thing.

    `old_text` must be YAML the safe loader accepts, with a block mapping at the top, as
    front matter read by `frontmatter.parse` is. Whatever the splice cannot vouch for is
    dumped whole: the result is checked by loading it back.
    """
    try:
        spliced = _splice(old_text, new)
    except (_CannotSplice, yaml.YAMLError):
        return _dumped_whole(new)
    try:
        loaded = yamlio.load(spliced, path="<front matter>")
    except Exception:  # any failure to read back means the splice is not to be trusted
        return _dumped_whole(new)
    return spliced if _same_mapping(loaded, new) else _dumped_whole(new)


def _dumped_whole(new: Mapping[str, Any]) -> str:
    return yamlio.dump(dict(new)) if new else ""


def _same_mapping(loaded: Any, new: Mapping[str, Any]) -> bool:
    """The same keys with the same values, in any order at the top (the text keeps its own)."""
    return (isinstance(loaded, dict) and set(loaded) == set(new)
            and all(_same_value(name, loaded[name], new[name]) for name in new))


def _same_value(name: str, one: Any, other: Any) -> bool:
    """Whether two values are written the same. Mostly decided without dumping, which costs
    a step more than the rest of the splice: a value that reads back as the same types
    holding the same values is written the same."""
    return _identical(one, other) or _dump_key(name, one) == _dump_key(name, other)


def _identical(one: Any, other: Any) -> bool:
    # Not ==, which holds for 1 and True, for 0.0 and -0.0 and for one time in two zones,
    # each of which YAML writes differently.
    if type(one) is not type(other):
        return False
    if isinstance(one, dict):
        return (len(one) == len(other)
                and all(_identical(key, other_key) and _identical(value, other_value)
                        for (key, value), (other_key, other_value)
                        in zip(one.items(), other.items(), strict=True)))
    if isinstance(one, list):
        return (len(one) == len(other)
                and all(_identical(a, b) for a, b in zip(one, other, strict=True)))
    if isinstance(one, (str, int)):
        return bool(one == other)
    return repr(one) == repr(other)


class _CannotSplice(Exception):
    """The text as read is not laid out in a way the splice understands."""


# Characters str.splitlines() ends a line at but YAML does not, or the reverse (a lone \r):
# with any of them, lines here and YAML's line numbers would not agree.
_OTHER_BREAKS = frozenset("\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")


def _splice(old_text: str, new: Mapping[str, Any]) -> str:
    if not _OTHER_BREAKS.isdisjoint(old_text):
        raise _CannotSplice
    lines = old_text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    root = yaml.compose(old_text, Loader=yamlio.SafeLoader)
    if root is None:
        return "".join(lines) + (yamlio.dump(dict(new)) if new else "")
    if not isinstance(root, yaml.MappingNode) or root.flow_style:
        raise _CannotSplice
    keys, tail = _keys(root, lines)
    old_names = [key.name for key in keys]
    # A new key goes after the key that precedes it in `new`, so the canonical order holds.
    added_after: dict[str | None, list[str]] = {}
    previous: str | None = None
    for name in new:
        if name in old_names:
            previous = name
        else:
            added_after.setdefault(previous, []).append(name)
    old = yamlio.load(old_text, path="<front matter>")
    out: list[str] = []
    # Blank and indented lines after block text (`|`, `|+`) are part of that text. Lines that
    # followed something else as read are dropped when they would come after one: a `|`
    # anywhere in the key before may be one (or be in a quoted value, costing a blank line).
    last_key, as_read = "", True

    def add(text: str, *, unchanged: bool = False) -> None:
        nonlocal last_key, as_read
        out.append(text)
        last_key, as_read = text, unchanged

    def keep(lines: list[str]) -> None:
        out.extend(lines if as_read or "|" not in last_key else _from_column_0(lines))

    for name in added_after.get(None, []):
        add(_dump_key(name, new[name]))
    for key in keys:
        keep(key.above)
        if key.name in new:
            rewritten = _rewrite(key, old[key.name], new[key.name])
            add(rewritten, unchanged=rewritten == "".join(key.lines))
        else:
            as_read = False
        for name in added_after.get(key.name, []):
            add(_dump_key(name, new[name]))
    keep(tail)
    return "".join(out)


def _from_column_0(lines: list[str]) -> list[str]:
    start = 0
    while start < len(lines) and (not lines[start].strip() or lines[start][0] in " \t"):
        start += 1
    return lines[start:]


def _keys(root: yaml.MappingNode, lines: list[str]) -> tuple[list[_Key], list[str]]:
    keys: list[_Key] = []
    taken = 0  # lines before this belong to a key already
    for key_node, value_node in root.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.start_mark.column != 0:
            raise _CannotSplice
        start = key_node.start_mark.line
        end = _last_line(value_node, lines) + 1
        keys.append(_Key(str(key_node.value), lines[taken:start], lines[start:end], value_node))
        taken = end
    return keys, lines[taken:]


def _last_line(node: yaml.Node, lines: list[str]) -> int:
    """The last line of a value, without the comments and blank lines after it (which are
    then the next key's, or the end's)."""
    if isinstance(node, yaml.SequenceNode | yaml.MappingNode) and node.value \
            and not node.flow_style:
        # A block collection ends where its last value does; its own end mark is at the next
        # token, past blank lines that may belong to that value (block text kept with |+).
        last_value = node.value[-1]
        return _last_line(last_value[1] if isinstance(last_value, tuple) else last_value, lines)
    end = node.end_mark
    last = end.line if end.column > 0 else end.line - 1
    if isinstance(node, yaml.ScalarNode):
        # A scalar's end is exact: a block scalar's blank lines may be part of its text.
        return last
    while last > node.start_mark.line and _is_blank_or_comment(lines[last]):
        last -= 1
    return last


def _is_blank_or_comment(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _dump_key(name: str, value: Any) -> str:
    # PyYAML ends a document whose last value is open-ended text (`|+`) with `...`; here the
    # key may have others after it, and the end of the front matter ends the text anyway.
    return yamlio.dump({name: value}).removesuffix("...\n")


def _rewrite(key: _Key, old: Any, new: Any) -> str:
    if _identical(old, new):
        return "".join(key.lines)
    if (isinstance(old, list) and isinstance(new, list) and old and len(new) > len(old)
            and _identical(new[:len(old)], old) and isinstance(key.value, yaml.SequenceNode)
            and not key.value.flow_style):
        return "".join(key.lines) + _more_items(key, new[len(old):])
    dumped = _dump_key(key.name, new)
    if _dump_key(key.name, old) == dumped:
        return "".join(key.lines)
    if len(key.lines) == 1 and dumped.count("\n") == 1:
        # One line before and after: the comment after the old value stays after the new.
        comment = key.lines[0].rstrip("\n")[key.value.end_mark.column:]
        if comment.strip().startswith("#"):
            return dumped.rstrip("\n") + comment + "\n"
    return dumped


def _more_items(key: _Key, items: list[Any]) -> str:
    """Items dumped after an append-only list's old ones, indented as its old items are (a
    block sequence starts at its first dash)."""
    indent = key.value.start_mark.column
    dumped = _dump_key(key.name, items).splitlines(keepends=True)[1:]
    # yamlio.dump indents list items by two spaces under their key; an empty line (in block
    # text) has no indent to change.
    return "".join(" " * indent + line[2:] if line.startswith("  ") else line
                   for line in dumped)
