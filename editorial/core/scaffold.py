"""A new newsroom's first files."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path

from editorial.core import yamlio
from editorial.core.article import ARTICLES_DIR
from editorial.core.config import DEFAULT_DISCLAIMER
from editorial.core.files import ChangeSet
from editorial.core.newsroom_root import CONFIG_FILE, GLOSSARY_FILE
from editorial.core.schemas import SCHEMA_FILES, schema_path
from editorial.core.workflow import WORKFLOWS_DIR
from editorial.errors import RefusedError

ROLES = ("translator", "editor", "publisher")
# Copies of the shipped schemas inside the newsroom: an editor finds them offline, at the
# version the desk committed, wherever editorial is installed (or if it is not).
SCHEMAS_FOLDER = ".editorial/schemas"
VSCODE_SETTINGS = ".vscode/settings.json"
# The files VS Code's YAML extension validates with each schema. Not article.md: it reads
# no front matter of Markdown files (redhat-developer/vscode-yaml#207).
SCHEMA_GLOBS = {"editorial.yaml": CONFIG_FILE, "glossary": GLOSSARY_FILE,
                "workflow": f"{WORKFLOWS_DIR}/*.yaml"}


def modeline(name: str) -> str:
    """The comment that points yaml-language-server (VS Code, Neovim, Helix...) at a schema,
    from a file at the newsroom's top."""
    return f"# yaml-language-server: $schema={SCHEMAS_FOLDER}/{SCHEMA_FILES[name]}\n"


def person_id_for(email: str) -> str:
    local = email.split("@", 1)[0].lower()
    return re.sub(r"[^a-z0-9_.-]+", "-", local).strip("-.") or "me"


def config_text(publication: str, people: Mapping[str, Mapping[str, object]]) -> str:
    """editorial.yaml as a person would write it, with a word on each setting."""
    people_text = yamlio.dump({"people": dict(people)}) if people else "people: {}\n"
    return (
        modeline("editorial.yaml")
        + "# The desk's settings; see the README of editorial for every key.\n"
        + yamlio.dump({"publication": publication})
        + "target_language: en\n"
        "# The workflow new articles follow: a built-in one, or workflows/<name>.yaml here.\n"
        "workflow: translation\n"
        "# Everyone who acts on the desk: their git email tells editorial who is at the keyboard.\n"
        + people_text
        + "# Inserted by 'editorial disclaim'; placeholders: {publication} {outlet} {author} "
        "{language}.\n"
        + yamlio.dump({"disclaimers": {"translated": DEFAULT_DISCLAIMER}})
        + "# Where 'editorial publish' writes published articles (types: hugo, jekyll, html,\n"
        "# feed), and where 'publish --push' pushes; without targets, publishing only records\n"
        "# the stage. For example:\n"
        "# publish:\n"
        "#   targets:\n"
        "#     - {type: hugo, path: site/content/articles}\n"
        "#     - {type: feed, path: site/static/feed.xml}\n"
    )


def founder_entry(name: str | None, email: str) -> dict[str, dict[str, object]]:
    """The person who creates a newsroom, with every role, named after their git identity."""
    person_id = person_id_for(email)
    return {person_id: {"name": name or person_id, "email": email, "roles": list(ROLES)}}


def scaffold(root: Path, publication: str,
             people: Mapping[str, Mapping[str, object]]) -> ChangeSet:
    if (root / CONFIG_FILE).exists():
        raise RefusedError(f"{root / CONFIG_FILE} already exists: this is a newsroom already")
    changes = ChangeSet(root)
    changes.write(root / CONFIG_FILE, config_text(publication, people).encode("utf-8"))
    changes.write(root / ARTICLES_DIR / ".gitkeep", b"")
    add_editor_schemas(changes, root)
    return changes


def add_editor_schemas(changes: ChangeSet, root: Path) -> None:
    """The schemas, and VS Code's settings naming the files each one validates (unless the
    folder has settings of its own, which are left alone)."""
    for name, file_name in SCHEMA_FILES.items():
        changes.write(root / SCHEMAS_FOLDER / file_name, schema_path(name).read_bytes())
    if (root / VSCODE_SETTINGS).exists():
        return
    settings = {"yaml.schemas": {f"./{SCHEMAS_FOLDER}/{SCHEMA_FILES[name]}": glob
                                 for name, glob in SCHEMA_GLOBS.items()}}
    changes.write(root / VSCODE_SETTINGS,
                  (json.dumps(settings, indent=2) + "\n").encode("utf-8"))
