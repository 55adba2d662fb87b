"""editorial's own verdict on the shipped JSON Schemas agrees with jsonschema's, document for
document, and refuses a schema it would not fully understand."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft7Validator

from editorial.core.schema_verdict import DRAFT_07, SchemaNotInterpreted, compile_schema
from editorial.core.schemas import SCHEMA_FILES, as_json, schema, verdict, violations

Strategy = st.SearchStrategy[Any]
NAMES = sorted(SCHEMA_FILES)
ANY_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)
DRAFT = "http://json-schema.org/draft-07/schema#"


def texts_in(node: object) -> list[str]:
    """Every enum and const text of a schema: the values a generated document should hit
    (and miss) so that an `if` or an `enum` is exercised both ways."""
    found: list[str] = []
    if isinstance(node, Mapping):
        for key, value in node.items():
            if key in ("enum", "const"):
                found += [item for item in (value if key == "enum" else [value])
                          if isinstance(item, str)]
            else:
                found += texts_in(value)
    elif isinstance(node, list):
        for item in node:
            found += texts_in(item)
    return found


def property_names(node: object) -> list[str]:
    found: list[str] = []
    if isinstance(node, Mapping):
        found += list(node.get("properties", {})) if isinstance(node.get("properties"),
                                                                Mapping) else []
        for value in node.values():
            found += property_names(value)
    elif isinstance(node, list):
        for item in node:
            found += property_names(item)
    return found


class Documents:
    """Documents built from one schema: valid ones, then mutated."""

    def __init__(self, root: Mapping[str, Any]) -> None:
        self.root = root
        known = sorted(set(texts_in(root)))
        self.texts = st.sampled_from(known) if known else ANY_TEXT
        self.keys = st.sampled_from(sorted(set(property_names(root))))
        # Near misses of every type: the wrong type, empty and blank text, a bool where text
        # is wanted, a one-item list, an object.
        self.wild: Strategy = st.one_of(
            st.sampled_from([None, True, False, 0, 1, 2.5, "", " ", "x", "Bad Id", [], {},
                             ["x"], [""], {"x": 1}, "translation", "a" * 81]),
            self.texts, ANY_TEXT)

    def around(self, node: object) -> Strategy:
        """A value valid by `node`, or now and then a near miss of it, at any depth."""
        @st.composite
        def build(draw: st.DrawFn) -> object:
            if draw(st.integers(0, 15)) == 0:
                return draw(self.near(node))
            return draw(self.valid(node))
        return build()

    def near(self, node: object) -> Strategy:
        """Values just outside `node`: blank or too long text, an enum's text in capitals,
        the wrong type."""
        misses: list[object] = ["", " ", "\n", "x y", "Bad_Id"]
        if isinstance(node, Mapping):
            if "maxLength" in node:
                misses.append("a" * (node["maxLength"] + 1))
            misses += [text.upper() for text in texts_in(node)]
        return st.one_of(st.sampled_from(misses), self.wild)

    def valid(self, node: object) -> Strategy:
        if node is True or node is None:
            return self.wild
        assert isinstance(node, Mapping)
        if "$ref" in node:
            target: Any = self.root
            for part in node["$ref"][2:].split("/"):
                target = target[part]
            return self.around(target)
        if "enum" in node:
            return st.sampled_from(node["enum"])
        if "const" in node:
            return st.just(node["const"])
        if "anyOf" in node:
            return st.one_of([self.around(sub) for sub in node["anyOf"]])
        if "type" not in node:
            return self.wild
        types = node["type"] if isinstance(node["type"], list) else [node["type"]]
        return st.one_of([self.of_type(name, node) for name in types])

    def of_type(self, name: str, node: Mapping[str, Any]) -> Strategy:
        if name == "null":
            return st.none()
        if name == "boolean":
            return st.booleans()
        if name == "string":
            return self.text(node)
        if name == "array":
            return st.lists(self.around(node.get("items", True)),
                            min_size=node.get("minItems", 0), max_size=2)
        assert name == "object", name
        return self.mapping(node)

    def text(self, node: Mapping[str, Any]) -> Strategy:
        made = (st.from_regex(node["pattern"]) if "pattern" in node
                else st.one_of(self.texts, ANY_TEXT))
        shortest, longest = node.get("minLength", 0), node.get("maxLength", 10**6)
        return made.filter(lambda text: shortest <= len(text) <= longest)

    def mapping(self, node: Mapping[str, Any]) -> Strategy:
        properties = node.get("properties", {})
        required = {key: self.around(properties.get(key, True))
                    for key in node.get("required", ())}
        optional = {key: self.around(sub) for key, sub in properties.items()
                    if key not in required}
        others = node.get("additionalProperties", True)
        names = node.get("propertyNames", {})
        keys = st.from_regex(names["pattern"]) if "pattern" in names else ANY_TEXT
        extra = (st.just({}) if others is False
                 else st.dictionaries(keys, self.around(others), max_size=2))
        fewest, most = node.get("minProperties", 0), node.get("maxProperties", 3)

        @st.composite
        def build(draw: st.DrawFn) -> dict[str, Any]:
            made: dict[str, Any] = draw(st.fixed_dictionaries(required, optional=optional))
            for key, value in draw(extra).items():
                made.setdefault(key, value)
            while len(made) < fewest:
                made[draw(keys)] = draw(self.valid(others))
            return made if len(made) <= most or "maxProperties" not in node else {}
        return build()

    def mutated(self) -> Strategy:
        @st.composite
        def build(draw: st.DrawFn) -> object:
            document = draw(self.around(self.root))
            for _ in range(draw(st.integers(0, 3))):
                document = self.mutate(draw, document)
            return document
        return build()

    def mutate(self, draw: st.DrawFn, value: object) -> object:
        """One change somewhere in `value`: a value replaced by a near miss, a key taken out,
        a key added."""
        if isinstance(value, dict) and value and draw(st.booleans()):
            key = draw(st.sampled_from(sorted(value)))
            return {**value, key: self.mutate(draw, value[key])}
        if isinstance(value, list) and value and draw(st.booleans()):
            index = draw(st.integers(0, len(value) - 1))
            return [*value[:index], self.mutate(draw, value[index]), *value[index + 1:]]
        action = draw(st.sampled_from(["replace", "remove", "add"]))
        if action == "remove" and isinstance(value, dict) and value:
            key = draw(st.sampled_from(sorted(value)))
            return {name: item for name, item in value.items() if name != key}
        if action == "add" and isinstance(value, dict):
            return {**value, draw(st.one_of(self.keys, ANY_TEXT)): draw(self.wild)}
        return draw(self.wild)


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_the_verdict_is_jsonschemas_on_documents_around_each_schema(name: str) -> None:
    rules = schema(name)
    judge = Draft7Validator(rules)
    ours = verdict(name)
    seen: set[bool] = set()

    # Derandomized: the same documents every run, so that the count of each verdict below
    # cannot come out differently on another day.
    @settings(max_examples=200, deadline=2000, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
    @given(Documents(rules).mutated())
    def agrees(document: object) -> None:
        expected = judge.is_valid(document)
        assert ours(document) == expected, document
        seen.add(expected)
    agrees()
    # The agreement means something only if the documents were both valid and invalid.
    assert seen == {True, False}


ARTICLE = {"id": "a", "title": "A", "stage": "proofing", "source": {"language": "ar"},
           "created_at": "2024-05-01T09:30:00Z", "updated_at": "2024-05-01T09:30:00Z",
           "history": []}


def test_the_if_of_the_article_schema_is_applied() -> None:
    """A stage outside the built-in workflow's is invalid only under that workflow."""
    assert verdict("article")(ARTICLE)
    assert not verdict("article")({**ARTICLE, "workflow": "translation"})
    assert verdict("article")({**ARTICLE, "workflow": "translation", "stage": "editing"})
    assert verdict("article")({**ARTICLE, "workflow": "features"})


def test_yaml_times_are_judged_as_their_text() -> None:
    """PyYAML reads an unquoted time as a datetime, which is no JSON string: `violations`
    judges the text it was, as check-jsonschema does."""
    when = datetime(2024, 5, 1, 9, 30, tzinfo=UTC)
    article = {**ARTICLE, "created_at": when, "updated_at": when}
    assert not verdict("article")(article)
    assert verdict("article")(as_json(article))
    assert violations("article", article) == []


@pytest.mark.parametrize(("rules", "words"), [
    ({"properties": {"a": {"type": "array", "uniqueItems": True}}},
     "#/properties/a: keyword 'uniqueItems' is not interpreted"),
    ({"patternProperties": {"^x": {"type": "string"}}}, "'patternProperties'"),
    ({"oneOf": [{"type": "string"}, {"type": "null"}]}, "'oneOf'"),
    ({"type": "integer"}, "#/type: 'integer' is not interpreted"),
    ({"enum": [1, 2]}, "#/enum: only a list of text"),
    ({"items": [{"type": "string"}]}, "#/items: a list of schemas"),
    ({"then": {"type": "string"}}, "then/else without if"),
    ({"definitions": {"a": {"type": "string"}},
      "properties": {"b": {"$ref": "#/definitions/a", "minLength": 2}}},
     "'minLength' beside $ref"),
    ({"properties": {"b": {"$ref": "other.json#/a"}}}, "only a pointer into this schema"),
    ({"properties": {"b": {"$ref": "#/definitions/none"}}}, "points at nothing"),
    ({"definitions": {"a": {"items": {"$ref": "#/definitions/a"}}},
      "$ref": "#/definitions/a"}, "refers to itself"),
])
def test_a_keyword_it_does_not_interpret_is_refused_when_built(rules: dict[str, Any],
                                                                words: str) -> None:
    with pytest.raises(SchemaNotInterpreted) as refused:
        compile_schema({"$schema": DRAFT, **rules})
    assert words in str(refused.value)


def test_only_draft_07_is_interpreted() -> None:
    assert DRAFT in DRAFT_07
    for dialect in (None, "https://json-schema.org/draft/2020-12/schema"):
        with pytest.raises(SchemaNotInterpreted, match="only draft-07"):
            compile_schema({"$schema": dialect, "type": "string"} if dialect
                           else {"type": "string"})


def test_every_shipped_schema_is_interpreted() -> None:
    for name in NAMES:
        compile_schema(schema(name))
