"""The JSON Schemas of the desk's files, shipped in `editorial/schemas/`, and validation by them.

The schemas are the one description of what editorial.yaml, article front matter,
glossary.yaml and workflow files may hold: `editorial schema NAME` prints them for editors,
`editorial init` points yaml-language-server at them, and `editorial check` validates with
them. What a schema cannot say (a stage of a newsroom's own workflow, a person who must be in
editorial.yaml, history that must be append-only) stays in the check rules.

To add a key: describe it under `properties` of the file's schema with a `title` and a
`description` (an editor shows both on completion); the schemas allow keys they do not list
(`additionalProperties`), except a glossary term, whose keys are all known, so a new key of a
term must be listed there. A test validates the demo newsroom with every schema.

Written in JSON Schema draft-07: what yaml-language-server and check-jsonschema both fully
support.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from editorial.core import yamlio
from editorial.core.files import read_if_inside
from editorial.core.newsroom_root import CONFIG_FILE, GLOSSARY_FILE
from editorial.core.schema_verdict import Verdict, compile_schema
from editorial.core.workflow import WORKFLOWS_DIR
from editorial.errors import ConfigError, EditorialError, UsageError

SCHEMAS_DIR = Path(__file__).resolve().parent.parent / "schemas"
# The name `editorial schema` takes -> the file in editorial/schemas/.
SCHEMA_FILES = {
    "editorial.yaml": "editorial.yaml.json",
    "article": "article.json",
    "glossary": "glossary.json",
    "workflow": "workflow.json",
}


def schema_path(name: str) -> Path:
    if name not in SCHEMA_FILES:
        raise UsageError(f"no schema named {name!r}; known: {', '.join(SCHEMA_FILES)}")
    return SCHEMAS_DIR / SCHEMA_FILES[name]


@cache
def schema(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(schema_path(name).read_text(encoding="utf-8"))
    return loaded


def as_json(value: object) -> object:
    """YAML's values as JSON has them: PyYAML reads an unquoted time as a datetime, which a
    schema (like check-jsonschema, which reads it as text) sees as the text it was."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    return value


def where(keys: tuple[str | int, ...]) -> str:
    """A JSON path as a person reads it: `history[0].at`, or `the top level` for none."""
    text = "".join(f"[{key}]" if isinstance(key, int) else f".{key}" for key in keys)
    return text.lstrip(".") or "the top level"


@cache
def verdict(name: str) -> Verdict:
    """Whether a document is valid by the schema `name`, built once per process."""
    return compile_schema(schema(name))


def violations(name: str, data: object) -> list[tuple[tuple[str | int, ...], str]]:
    """Where `data` breaks the schema `name` and how, in document order: the path of the
    value and jsonschema's own message, the one check-jsonschema prints too."""
    instance = as_json(data)
    if verdict(name)(instance):
        return []
    # deferred: start-up time, for an invalid document only: jsonschema is slow to import and
    # to run, which a check of thousands of valid articles need not pay.
    # Its messages are check-jsonschema's; when it finds nothing, its verdict (valid) stands.
    from jsonschema.validators import validator_for

    rules = schema(name)
    validator = validator_for(rules)(rules)
    found = [(tuple(error.absolute_path), error.message)
             for error in validator.iter_errors(instance)]
    return sorted(found, key=lambda item: [(0, key, "") if isinstance(key, int) else (1, 0, key)
                                           for key in item[0]])


def validate_file(name: str, data: object, text: str, path: Path) -> None:
    """Refuse a desk file (editorial.yaml, glossary.yaml, a workflow) with its first schema
    violation, at its line."""
    found = violations(name, data)
    if found:
        keys, message = found[0]
        raise ConfigError(f"{where(keys)}: {message}", path=path,
                          line=yamlio.line_of(text, keys) or 1,
                          hint=f"see 'editorial schema {name}'")


def check_desk_files(root: Path, *, settings_only: bool = False) -> None:
    """Refuse the newsroom's editorial.yaml, and unless `settings_only`, its glossary.yaml
    and workflows, with the first schema violation: what `editorial check` reports before it
    looks at any article. A file that is missing, a link or not YAML is left to its loader,
    which says so.

    With a base, the base's glossary and workflows judge the change, and a change to them is
    the governance rule's to report: only the settings are refused now, as before."""
    files = [("editorial.yaml", root / CONFIG_FILE)]
    workflows = root / WORKFLOWS_DIR
    if not settings_only:
        files.append(("glossary", root / GLOSSARY_FILE))
        if workflows.is_dir() and not workflows.is_symlink():
            files += [("workflow", path) for path in sorted(workflows.glob("*.yaml"))]
    for name, path in files:
        try:
            data = read_if_inside(root, path)
            if data is None:
                continue
            text = data.decode("utf-8")
            loaded = yamlio.load(text, path=path)
        except (EditorialError, UnicodeDecodeError):
            continue
        validate_file(name, loaded, text, path)
