"""YAML in and out: the safe loader only, and output that reads back as it was written."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, ClassVar

import yaml

from editorial.errors import InvalidDataError

TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
MERGE_TAG = "tag:yaml.org,2002:merge"


class StrictnessError(yaml.YAMLError):
    """YAML that parses but that editorial refuses: duplicate keys, anchors and aliases, a
    date that does not exist. Lines count from 0, as PyYAML's marks do; `first_on` is the
    line of the first of two equal keys."""

    def __init__(self, message: str, line: int, hint: str = "", *,
                 first_on: int | None = None) -> None:
        super().__init__(message)
        self.message, self.line, self.hint, self.first_on = message, line, hint, first_on


class _StrictConstructor(yaml.constructor.SafeConstructor):
    """The safe constructor, minus what lets a file say something other than it seems to:
    PyYAML keeps the last of two equal keys, so a person listed twice in editorial.yaml would
    silently get the second entry's roles."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        # The safe constructor's own, without merge keys (`<<`), which only make sense with
        # aliases, and with equal keys refused rather than the last one kept.
        if not isinstance(node, yaml.MappingNode):
            raise yaml.constructor.ConstructorError(
                None, None, f"expected a mapping, but found {node.id}", node.start_mark)
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == MERGE_TAG:
                raise StrictnessError("merge keys (<<) are not allowed in editorial's files",
                                      key_node.start_mark.line, "write the keys out")
            key = self.construct_object(key_node, deep=deep)
            try:
                seen = key in mapping
            except TypeError:
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping", node.start_mark, "found unhashable key",
                    key_node.start_mark) from None
            if seen:
                raise StrictnessError(f"duplicate key {key!r}", key_node.start_mark.line,
                                      first_on=self._first_line_of(node, key))
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping

    def _first_line_of(self, node: yaml.MappingNode, key: object) -> int:
        return next(int(key_node.start_mark.line) for key_node, _ in node.value
                    if self.construct_object(key_node) == key)

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        # The timestamp pattern admits 2024-13-45, which datetime then refuses with a bare
        # ValueError.
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as error:
            raise StrictnessError(f"{node.value!r} is not a real date: {error}",
                                  node.start_mark.line,
                                  "write a real date, e.g. 2024-05-01T09:30:00Z") from None

    # The safe constructor's table holds its own timestamp method, not this override.
    yaml_constructors: ClassVar[dict[Any, Any]] = {
        **yaml.constructor.SafeConstructor.yaml_constructors,
        TIMESTAMP_TAG: construct_yaml_timestamp,
    }


class _PureLoader(_StrictConstructor, yaml.SafeLoader):
    pass


SafeLoader: type[yaml.SafeLoader] | type[yaml.CSafeLoader] = _PureLoader
if hasattr(yaml, "CSafeLoader"):
    # libyaml's parser, in C, is the quicker (docs/performance.md); PyYAML built without
    # libyaml lacks it.
    class _FastLoader(_StrictConstructor, yaml.CSafeLoader):
        pass

    SafeLoader = _FastLoader

NO_ANCHORS = "anchors and aliases are not allowed in editorial's files"


def _refuse_anchors(text: str) -> None:
    """Anchors (`&a`) and aliases (`*a`) share one value between places, which a desk's
    files never need, and a few nested aliases expand to billions of values (an alias bomb).
    Events come before any value is built, so a bomb is refused before it can go off."""
    if "&" not in text and "*" not in text:
        return
    for event in yaml.parse(text, Loader=SafeLoader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            line = event.start_mark.line if event.start_mark is not None else 0
            raise StrictnessError(NO_ANCHORS, line, "write each value out where it is used")


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
        _refuse_anchors(text)
        return yaml.load(text, Loader=SafeLoader)
    except StrictnessError as error:
        hint = (error.hint if error.first_on is None
                else f"the first is on line {first_line + error.first_on}; keep one")
        raise InvalidDataError(error.message, path=path, line=first_line + error.line,
                               hint=hint) from None
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
