"""Who may change the desk's own configuration, and how `editorial check --base` knows who
made a commit.

With a base, the articles are judged by the base's editorial.yaml, workflows and rules, so a
pull request cannot loosen the rules it is judged by. Its change to the configuration is
judged here instead: every commit that makes it must come from a person the base's
configuration lets change it (`governance: {config: [publisher]}`, by default the
publishers). Who made a commit is told by its author and committer emails, or, with
`authorship: signed`, by its signature checked against the keys the base lists.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import PurePosixPath

from editorial.core.checks.base import ChangeCheck, Finding, change_rule
from editorial.core.config import Config, Person
from editorial.core.newsroom_root import CONFIG_FILE, GLOSSARY_FILE
from editorial.core.ports import CommitInfo, Signature
from editorial.core.publishing.targets.html import NEWSROOM_TEMPLATE
from editorial.core.workflow import WORKFLOWS_DIR

GOVERNANCE_KEY = "governance"
DEFAULT_CONFIG_ROLES = ("publisher",)
AUTHORSHIP_KEY = "authorship"
EMAIL, SIGNED = "email", "signed"
# The files that decide how every article is judged or rendered; paths in the newsroom.
CONFIGURATION_FILES = (CONFIG_FILE, GLOSSARY_FILE)
CONFIGURATION_FOLDERS = (f"{WORKFLOWS_DIR}/", f"{PurePosixPath(NEWSROOM_TEMPLATE).parent}/")


def is_configuration(path: str) -> bool:
    """Whether `path` (relative to the newsroom) is part of the desk's configuration."""
    return path in CONFIGURATION_FILES or path.startswith(CONFIGURATION_FOLDERS)


def config_roles(config: Config) -> tuple[str, ...]:
    """The roles whose people may change the configuration: `governance.config`."""
    roles = config.section(GOVERNANCE_KEY).get("config", list(DEFAULT_CONFIG_ROLES))
    if (not isinstance(roles, list) or not roles
            or not all(isinstance(role, str) and role for role in roles)):
        raise config.error("governance.config must list the roles whose people may change "
                           "the desk's configuration, e.g. [publisher]",
                           (GOVERNANCE_KEY, "config"))
    return tuple(roles)


def authorship_mode(config: Config) -> str:
    """`authorship: email` (the default) or `authorship: signed`."""
    mode = config.data.get(AUTHORSHIP_KEY, EMAIL)
    if mode not in (EMAIL, SIGNED):
        raise config.error(f"authorship: {mode!r} is not one of {EMAIL}, {SIGNED}",
                           (AUTHORSHIP_KEY,))
    return str(mode)


def signing_keys(config: Config) -> dict[str, tuple[str, ...]]:
    return {person.id: person.signing_keys for person in config.people.values()
            if person.signing_keys}


def signer_problem(signature: Signature | None, person: Person) -> str | None:
    """Why a commit does not prove that `person` made it, None when it does."""
    if signature is None or signature.signer is None:
        problem = signature.problem if signature is not None else "not verified"
        return f"{problem}, not signed by {person.id}"
    if signature.signer != person.id:
        return f"signed by {signature.signer}, not by {person.id}"
    return None


def people_of(config: Config, commit: CommitInfo) -> tuple[Person | None, Person | None]:
    """The people whose emails a commit names as its author and committer."""
    return (config.person_by_email(commit.author_email),
            config.person_by_email(commit.committer_email))


@change_rule("governance", summary="the desk's configuration (editorial.yaml, workflows/, "
                                   "glossary.yaml, templates/) changes only in commits by a "
                                   "person with a role `governance.config` names (default: "
                                   "publisher); the base's configuration judges the change")
def governance(check: ChangeCheck) -> Iterator[Finding]:
    config = check.newsroom.config
    roles = config_roles(config)
    allowed = " or ".join(roles)
    for path, commits in sorted(check.changed.items()):
        if not commits:
            yield Finding(path, None, f"{path} is changed but not committed, so who changed "
                          f"it cannot be told: commit it as a person with the role {allowed}")
            continue
        for commit in commits:
            reason = _not_allowed(config, roles, commit, check.signatures)
            if reason is not None:
                yield Finding(path, None, f"{path} was changed in commit {commit.sha[:8]} "
                              f"{reason}: the desk's configuration is changed only by a "
                              f"person with the role {allowed} (governance.config); until "
                              "then the base's configuration judges this change")


def _not_allowed(config: Config, roles: tuple[str, ...], commit: CommitInfo,
                 signatures: Mapping[str, Signature] | None) -> str | None:
    def holds_role(person: Person | None) -> bool:
        return person is not None and any(person.has_role(role) for role in roles)

    if signatures is not None:
        signature = signatures.get(commit.sha)
        signer = config.people.get(signature.signer) if signature and signature.signer else None
        if signer is None:
            return f"({signature.problem if signature else 'not verified'})"
        return (None if holds_role(signer)
                else f"signed by {signer.id}, who lacks the role {' or '.join(roles)}")
    author, committer = people_of(config, commit)
    if holds_role(author) and holds_role(committer):
        return None
    if commit.author_email.lower() == commit.committer_email.lower():
        return (f"by {commit.author_email}, who is not a person of editorial.yaml with the "
                f"role {' or '.join(roles)}")
    return (f"by {commit.author_email} (author) and {commit.committer_email} (committer), who "
            f"are not both people of editorial.yaml with the role {' or '.join(roles)}")
