"""Whether a document is valid by one of the shipped JSON Schemas: a yes or no, cheaply.

`editorial check` validates every article it looks at, and nearly all of them are valid. The
jsonschema library says why a document is invalid in check-jsonschema's own words, but costs
a fifth of a second to import and about 2 ms per article; this module answers only "valid or
not" with closures built once from the schema dict, so jsonschema is loaded only for a
document this says is invalid (`schemas.violations`).

It interprets exactly the draft-07 keywords the shipped schemas use, with jsonschema's
meaning, and refuses any other when it builds (`SchemaNotInterpreted`): a schema edit that
uses a new keyword fails loudly in the tests rather than being silently ignored here. A test
generates documents around each shipped schema and compares this verdict with jsonschema's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

Verdict = Callable[[object], bool]

DRAFT_07 = {"http://json-schema.org/draft-07/schema#", "http://json-schema.org/draft-07/schema"}
# Keywords that never change a verdict. `format` is one: jsonschema, as `violations` builds
# it, asserts no format (no format checker), so neither does this.
ANNOTATIONS = frozenset({"$schema", "$comment", "title", "description", "default", "examples",
                         "definitions", "format"})
# Python's types for JSON's, as jsonschema's draft-07 type checker has them; the shipped
# schemas use no number type.
TYPES: dict[str, type | tuple[type, ...]] = {
    "string": str, "object": dict, "array": list, "boolean": bool, "null": type(None),
}
OBJECT_KEYWORDS = ("required", "properties", "additionalProperties", "propertyNames",
                   "minProperties", "maxProperties")
KEYWORDS = frozenset({"type", "enum", "const", "pattern", "minLength", "maxLength", "items",
                      "minItems", "anyOf", "allOf", "if", "then", "else", "$ref",
                      *OBJECT_KEYWORDS})


class SchemaNotInterpreted(ValueError):
    """The schema says something this module does not interpret."""


def compile_schema(root: Mapping[str, Any]) -> Verdict:
    """The verdict of the draft-07 schema `root`: a function from a JSON-like document (the
    values `json.loads` gives) to whether it is valid."""
    dialect = root.get("$schema")
    if dialect not in DRAFT_07:
        raise SchemaNotInterpreted(f"$schema {dialect!r}: only draft-07 is interpreted")
    return _Compiler(root).build(root, "#")


def _always(value: object) -> bool:
    return True


def _never(value: object) -> bool:
    return False


def _all(checks: list[Verdict]) -> Verdict:
    if not checks:
        return _always
    if len(checks) == 1:
        return checks[0]

    def every(value: object) -> bool:
        return all(check(value) for check in checks)
    return every


class _Compiler:
    def __init__(self, root: Mapping[str, Any]) -> None:
        self.root = root
        self.refs: dict[str, Verdict] = {}
        self.building: set[str] = set()

    def build(self, node: object, where: str) -> Verdict:
        if node is True:
            return _always
        if node is False:
            return _never
        if not isinstance(node, Mapping):
            raise SchemaNotInterpreted(f"{where}: a schema must be an object or a boolean")
        if "$ref" in node:
            # Draft-07 ignores every keyword beside $ref: one there would be silently dropped.
            beside = set(node) - ANNOTATIONS - {"$ref"}
            if beside:
                raise SchemaNotInterpreted(f"{where}: {sorted(beside)[0]!r} beside $ref, "
                                           "which draft-07 ignores")
            return self.ref(node["$ref"], where)
        unknown = set(node) - KEYWORDS - ANNOTATIONS
        if unknown:
            raise SchemaNotInterpreted(f"{where}: keyword {sorted(unknown)[0]!r} is not "
                                       "interpreted by editorial.core.schema_verdict")
        if ("then" in node or "else" in node) and "if" not in node:
            raise SchemaNotInterpreted(f"{where}: then/else without if, which draft-07 ignores")
        checks = []
        if "type" in node:
            checks.append(self.type_check(node["type"], where))
        if "enum" in node:
            checks.append(self.enum_check(node["enum"], f"{where}/enum"))
        if "const" in node:
            checks.append(self.enum_check([node["const"]], f"{where}/const"))
        checks += self.string_checks(node, where)
        if "items" in node or "minItems" in node:
            checks.append(self.array_check(node, where))
        if any(keyword in node for keyword in OBJECT_KEYWORDS):
            checks.append(self.object_check(node, where))
        if "anyOf" in node:
            alternatives = [self.build(sub, f"{where}/anyOf/{index}")
                            for index, sub in enumerate(node["anyOf"])]
            checks.append(lambda value: any(check(value) for check in alternatives))
        if "allOf" in node:
            checks += [self.build(sub, f"{where}/allOf/{index}")
                       for index, sub in enumerate(node["allOf"])]
        if "if" in node:
            checks.append(self.condition(node, where))
        return _all(checks)

    def ref(self, pointer: object, where: str) -> Verdict:
        if not isinstance(pointer, str) or not pointer.startswith("#/"):
            raise SchemaNotInterpreted(f"{where}: $ref {pointer!r}: only a pointer into this "
                                       "schema (#/...) is interpreted")
        if pointer in self.refs:
            return self.refs[pointer]
        if pointer in self.building:
            raise SchemaNotInterpreted(f"{where}: $ref {pointer!r} refers to itself")
        target: object = self.root
        for part in pointer[2:].split("/"):
            part = part.replace("~1", "/").replace("~0", "~")
            if not isinstance(target, Mapping) or part not in target:
                raise SchemaNotInterpreted(f"{where}: $ref {pointer!r} points at nothing")
            target = target[part]
        self.building.add(pointer)
        self.refs[pointer] = self.build(target, pointer)
        self.building.discard(pointer)
        return self.refs[pointer]

    def type_check(self, names: object, where: str) -> Verdict:
        listed = names if isinstance(names, list) else [names]
        unknown = [name for name in listed if not isinstance(name, str) or name not in TYPES]
        if unknown:
            raise SchemaNotInterpreted(f"{where}/type: {unknown[0]!r} is not interpreted")
        # No number type is interpreted, so a bool (an int in Python) matches only "boolean".
        types = tuple(TYPES[str(name)] for name in listed)
        return lambda value: isinstance(value, types)

    def enum_check(self, options: object, where: str) -> Verdict:
        # Only text: jsonschema's equality of other values (1 == 1.0 but not True) is not
        # needed by the shipped schemas.
        if not isinstance(options, list) or not all(isinstance(item, str) for item in options):
            raise SchemaNotInterpreted(f"{where}: only a list of text is interpreted")
        texts = frozenset(options)
        return lambda value: isinstance(value, str) and value in texts

    def string_checks(self, node: Mapping[str, Any], where: str) -> list[Verdict]:
        checks: list[Verdict] = []
        if "pattern" in node:
            # jsonschema uses re.search with the pattern as written: so does this.
            search = re.compile(node["pattern"]).search
            checks.append(lambda value: not isinstance(value, str) or search(value) is not None)
        shortest = node.get("minLength")
        if shortest is not None:
            checks.append(lambda value: not isinstance(value, str) or len(value) >= shortest)
        longest = node.get("maxLength")
        if longest is not None:
            checks.append(lambda value: not isinstance(value, str) or len(value) <= longest)
        return checks

    def array_check(self, node: Mapping[str, Any], where: str) -> Verdict:
        items = node.get("items", True)
        if isinstance(items, list):
            raise SchemaNotInterpreted(f"{where}/items: a list of schemas is not interpreted")
        each = self.build(items, f"{where}/items")
        fewest = node.get("minItems", 0)

        def array(value: object) -> bool:
            if not isinstance(value, list):
                return True
            if len(value) < fewest:
                return False
            return each is _always or all(each(item) for item in value)
        return array

    def object_check(self, node: Mapping[str, Any], where: str) -> Verdict:
        required = tuple(node.get("required", ()))
        properties = {name: self.build(sub, f"{where}/properties/{name}")
                      for name, sub in node.get("properties", {}).items()}
        others = self.build(node.get("additionalProperties", True),
                            f"{where}/additionalProperties")
        names = self.build(node.get("propertyNames", True), f"{where}/propertyNames")
        fewest = node.get("minProperties", 0)
        most = node.get("maxProperties")

        def mapping(value: object) -> bool:
            if not isinstance(value, dict):
                return True
            if len(value) < fewest or (most is not None and len(value) > most):
                return False
            for name in required:
                if name not in value:
                    return False
            for key, item in value.items():
                check = properties.get(key, others)
                if not check(item) or not names(key):
                    return False
            return True
        return mapping

    def condition(self, node: Mapping[str, Any], where: str) -> Verdict:
        test = self.build(node["if"], f"{where}/if")
        then = self.build(node.get("then", True), f"{where}/then")
        otherwise = self.build(node.get("else", True), f"{where}/else")
        return lambda value: then(value) if test(value) else otherwise(value)
