"""A new newsroom's first files."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from editorial.core import yamlio
from editorial.core.article import ARTICLES_DIR
from editorial.core.config import DEFAULT_DISCLAIMER
from editorial.core.files import ChangeSet
from editorial.core.newsroom_root import CONFIG_FILE
from editorial.errors import RefusedError

ROLES = ("translator", "editor", "publisher")


def person_id_for(email: str) -> str:
    local = email.split("@", 1)[0].lower()
    return re.sub(r"[^a-z0-9_.-]+", "-", local).strip("-.") or "me"


def config_text(publication: str, people: Mapping[str, Mapping[str, object]]) -> str:
    """editorial.yaml as a person would write it, with a word on each setting."""
    people_text = yamlio.dump({"people": dict(people)}) if people else "people: {}\n"
    return (
        "# The desk's settings; see the README of editorial for every key.\n"
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
    return changes
