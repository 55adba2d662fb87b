"""YAML in and out: the safe loader only, and output that reads back as it was written."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from editorial.errors import InvalidDataError

# libyaml's loader is several times faster; PyYAML built without libyaml lacks it.
SafeLoader: type[yaml.CSafeLoader] | type[yaml.SafeLoader] = getattr(
    yaml, "CSafeLoader", yaml.SafeLoader)


class _Dumper(yaml.SafeDumper):
    """Block style, keys in the order given, unicode as is.

    SafeDumper quotes any string that PyYAML would resolve to another type (`No`, `on`,
    `2016-08-07`, `0x10`), so titles and dates written as strings stay strings. The resolvers
    added below make it quote, too, what other readers of these files take for a number or a
    boolean: YAML 1.2 floats and octals (`1e3`, `0o17`) and YAML 1.1's `y` and `n`.
    """

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Indent list items under their key, as people write them by hand.
        super().increase_indent(flow, False)


# Only the dumper learns these: what is read back is still resolved by the safe loader alone.
_Dumper.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$"),
    list("-+0123456789."))
_Dumper.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^0o[0-7]+$"), ["0"])
_Dumper.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^[yYnN]$"), list("yYnN"))


# Line breaks to a YAML reader besides \n and \r; PyYAML writes them raw inside single-quoted
# or literal text, where they are read back as a folded space or a newline.
_UNICODE_BREAKS = ("\x85", "\u2028", "\u2029")


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if any(mark in value for mark in _UNICODE_BREAKS):
        # Double quotes escape them (\N, \L, \P), so they come back as they were.
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_str(value)


_Dumper.add_representer(str, _represent_str)


def load(text: str, *, path: Path | str, first_line: int = 1) -> Any:
    """Parse YAML text; errors name the file and the line (counted from `first_line`)."""
    try:
        return yaml.load(text, Loader=SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = first_line + mark.line if mark is not None else first_line
        problem = error.problem or error.context or "invalid YAML"
        raise InvalidDataError(
            f"invalid YAML: {problem}", path=path, line=line,
            hint="fix the YAML syntax" if "tag" not in problem else
            "only plain YAML is allowed: no !!python or other tags",
        ) from None
    except yaml.YAMLError as error:
        raise InvalidDataError(f"invalid YAML: {error}", path=path, line=first_line) from None


def dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10_000,
                     default_flow_style=False)


def load_file(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InvalidDataError("file not found", path=path) from None
    except UnicodeDecodeError as error:
        raise InvalidDataError(f"not UTF-8 text ({error.reason})", path=path) from None
    return load(text, path=path)


def line_of(text: str, keys: tuple[str | int, ...], *, first_line: int = 1) -> int | None:
    """The line where the value at `keys` (mapping keys and list indexes) starts, if found.

    Used only to point an error at the right line, so it parses again rather than carrying
    positions through every load.
    """
    try:
        node = yaml.compose(text, Loader=SafeLoader)
    except yaml.YAMLError:
        return None
    line: int | None = None
    for key in keys:
        if isinstance(node, yaml.MappingNode) and isinstance(key, str):
            for key_node, value_node in node.value:
                if key_node.value == key:
                    line, node = key_node.start_mark.line, value_node
                    break
            else:
                return None if line is None else first_line + line
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line
        else:
            break
    return None if line is None else first_line + line
