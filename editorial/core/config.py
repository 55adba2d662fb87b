"""The desk's configuration, `editorial.yaml`: publication, people and their roles, disclaimers."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from editorial.core import yamlio
from editorial.core.files import refuse_links
from editorial.errors import ConfigError

PERSON_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
# A public key as `ssh-keygen` writes it, "<type> <base64> [comment]", with no options: it
# becomes a line of git's allowed signers file.
SIGNING_KEY = re.compile(r"^(?:ssh-|ecdsa-|sk-)[A-Za-z0-9@.-]+ [A-Za-z0-9+/]+=*(?: [^\n\r]*)?$")
DEFAULT_DISCLAIMER = (
    "This article was translated and edited by {publication}. Responsibility for the "
    "information and views set out in this article lies entirely with the author."
)


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    email: str
    roles: frozenset[str]
    signing_keys: tuple[str, ...] = ()

    def has_role(self, role: str) -> bool:
        return role in self.roles


@dataclass(frozen=True)
class Conversion:
    """A unit the English may convert a source quantity to (`numbers.conversions`): a number
    followed by a `source_units` word is rendered by `factor` times it, within `tolerance`
    (a fraction of it), followed by an `english_units` word."""

    source_units: tuple[str, ...]
    english_units: tuple[str, ...]
    factor: float
    tolerance: float = 0.02


@dataclass
class Config:
    path: Path
    publication: str
    target_language: str = "en"
    workflow: str = "translation"
    people: dict[str, Person] = field(default_factory=dict)
    disclaimers: dict[str, str] = field(default_factory=dict)
    conversions: tuple[Conversion, ...] = ()
    # Every key of the file, for the sections other parts of editorial own (publish, rules).
    data: dict[str, Any] = field(default_factory=dict)

    def person_by_email(self, email: str) -> Person | None:
        wanted = email.strip().lower()
        for person in self.people.values():
            if person.email.lower() == wanted:
                return person
        return None

    def section(self, key: str) -> dict[str, Any]:
        value = self.data.get(key) or {}
        if not isinstance(value, dict):
            raise self.error(f"'{key}' must be a mapping", (key,))
        return value

    def error(self, message: str, keys: tuple[str | int, ...]) -> ConfigError:
        try:
            text = self.path.read_text(encoding="utf-8")
        except OSError:
            text = ""
        return ConfigError(message, path=self.path, line=yamlio.line_of(text, keys))


def load_config(path: Path) -> Config:
    refuse_links(path.parent, [path])
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError("file not found", path=path) from None
    except UnicodeDecodeError as error:
        raise ConfigError(f"not UTF-8 text ({error.reason})", path=path) from None
    try:
        data = yamlio.load(text, path=path)
    except Exception as error:  # re-raised as a configuration error: exit 2
        raise ConfigError(str(getattr(error, "message", error)), path=path,
                          line=getattr(error, "line", None),
                          hint=getattr(error, "hint", None)) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError("must be a mapping of settings", path=path, line=1)

    def fail(message: str, *keys: str | int) -> ConfigError:
        return ConfigError(message, path=path, line=yamlio.line_of(text, keys))

    publication = data.get("publication")
    if not isinstance(publication, str) or not publication.strip():
        raise fail("'publication' must name the publication, e.g. publication: The Example "
                   "Observer", "publication")
    target_language = data.get("target_language", "en")
    if not isinstance(target_language, str):
        raise fail("'target_language' must be a language code such as en", "target_language")
    workflow = data.get("workflow", "translation")
    if not isinstance(workflow, str):
        raise fail("'workflow' must be a workflow name such as translation", "workflow")

    people_data = data.get("people") or {}
    if not isinstance(people_data, dict):
        raise fail("'people' must map person ids to {name, email, roles}", "people")
    people: dict[str, Person] = {}
    emails: dict[str, str] = {}
    for person_id, entry in people_data.items():
        if not isinstance(person_id, str) or not PERSON_ID.match(person_id):
            raise fail(f"person id {person_id!r} must be lowercase letters, digits, '-', '_' "
                       "or '.'", "people", str(person_id))
        if not isinstance(entry, dict):
            raise fail(f"people.{person_id} must be a mapping with name, email and roles",
                       "people", person_id)
        name = entry.get("name", person_id)
        email = entry.get("email")
        roles = entry.get("roles", [])
        if not isinstance(name, str):
            raise fail(f"people.{person_id}.name must be text", "people", person_id, "name")
        if not isinstance(email, str) or "@" not in email:
            raise fail(f"people.{person_id}.email must be an email address", "people",
                       person_id, "email")
        if not isinstance(roles, list) or not all(isinstance(role, str) for role in roles):
            raise fail(f"people.{person_id}.roles must be a list of role names", "people",
                       person_id, "roles")
        if email.lower() in emails:
            raise fail(f"people.{person_id}.email is also the email of "
                       f"{emails[email.lower()]}", "people", person_id, "email")
        keys = entry.get("signing_keys", [])
        if not isinstance(keys, list) or not all(isinstance(key, str) and SIGNING_KEY.match(key)
                                                 for key in keys):
            raise fail(f"people.{person_id}.signing_keys must list public SSH keys, e.g. "
                       "'ssh-ed25519 AAAA...' (the line of key.pub)", "people", person_id,
                       "signing_keys")
        emails[email.lower()] = person_id
        people[person_id] = Person(person_id, name, email, frozenset(roles), tuple(keys))

    disclaimers = data.get("disclaimers") or {"translated": DEFAULT_DISCLAIMER}
    if not isinstance(disclaimers, dict) or not all(
        isinstance(key, str) and isinstance(value, str) for key, value in disclaimers.items()
    ):
        raise fail("'disclaimers' must map template names to text", "disclaimers")

    return Config(path=path, publication=publication.strip(), target_language=target_language,
                  workflow=workflow, people=people, disclaimers=dict(disclaimers),
                  conversions=_conversions(data.get("numbers"), fail), data=data)


def _conversions(numbers: object, fail: Callable[..., ConfigError]) -> tuple[Conversion, ...]:
    """`numbers: {conversions: [{from: km, to: miles, factor: 0.621371, tolerance: 0.02}]}`:
    `from` and `to` a unit word or a list of them."""
    if numbers is None:
        return ()
    if not isinstance(numbers, dict) or not set(numbers) <= {"conversions"}:
        raise fail("'numbers' must be a mapping with 'conversions'", "numbers")
    entries = numbers.get("conversions") or []
    if not isinstance(entries, list):
        raise fail("numbers.conversions must be a list of {from, to, factor, tolerance}",
                   "numbers", "conversions")
    found = []
    for index, entry in enumerate(entries):
        where = ("numbers", "conversions", index)
        example = "e.g. {from: km, to: miles, factor: 0.621371, tolerance: 0.02}"
        if not isinstance(entry, dict) or not {"from", "to", "factor"} <= set(entry) \
                or not set(entry) <= {"from", "to", "factor", "tolerance"}:
            raise fail(f"numbers.conversions[{index}] must have from, to and factor (and "
                       f"optionally tolerance), {example}", *where)
        units = []
        for key in ("from", "to"):
            value = entry[key]
            names = [value] if isinstance(value, str) else value
            if not isinstance(names, list) or not names or not all(
                    isinstance(name, str) and name.strip() for name in names):
                raise fail(f"numbers.conversions[{index}].{key} must be a unit word or a "
                           "list of them, e.g. km", *where, key)
            units.append(tuple(name.strip().casefold() for name in names))
        factor, tolerance = entry["factor"], entry.get("tolerance", 0.02)
        if isinstance(factor, bool) or not isinstance(factor, int | float) or factor <= 0:
            raise fail(f"numbers.conversions[{index}].factor must be a positive number, "
                       "e.g. 0.621371", *where, "factor")
        if isinstance(tolerance, bool) or not isinstance(tolerance, int | float) \
                or not 0 <= tolerance < 1:
            raise fail(f"numbers.conversions[{index}].tolerance must be a fraction from 0 "
                       "to 1, e.g. 0.02 for 2%", *where, "tolerance")
        found.append(Conversion(units[0], units[1], float(factor), float(tolerance)))
    return tuple(found)
