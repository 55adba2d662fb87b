"""What a gate or an effect sees of the step being taken, and the registries of the gates and
effects a workflow can name.

Gates register in `gates.py` and effects in `effects.py`, each where it is defined; the
newsroom imports both modules before it reads a workflow, so a name a workflow gives is
checked against every gate and effect there is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from editorial.core.config import Person
from editorial.core.files import ChangeSet
from editorial.core.registry import Registry
from editorial.core.workflow import ArgumentCheck, Transition

if TYPE_CHECKING:
    from editorial.core.article import Article
    from editorial.core.newsroom import Newsroom
    from editorial.core.ports import VersionControl


@dataclass
class StepContext:
    newsroom: Newsroom
    article: Article
    transition: Transition
    actor: Person
    now: datetime
    changes: ChangeSet
    note: str | None = None
    options: dict[str, Any] = field(default_factory=dict)
    # To tell files on disk from files committed (None with --no-commit).
    vcs: VersionControl | None = None
    # What the step did that the person should hear about (a repaired file, say).
    messages: list[str] = field(default_factory=list)


# The desk's steps that keep the article in its stage, with the roles that may take them:
# judging a check finding intended is an editor's or a publisher's call.
DESK_STEP_ROLES: dict[str, tuple[str, ...]] = {"accept": ("editor", "publisher"),
                                                "set": ("editor", "publisher"),
                                                "draft": ("translator",)}

# A gate returns the reasons it does not hold (empty when it does), given what follows its
# name in the workflow.
Gate = Callable[[StepContext, Any], list[str]]
Effect = Callable[[StepContext], None]

GATES: Registry[Gate] = Registry("gate")
# What each gate takes after its name in a workflow (`- metadata: [title]`): checked when the
# workflow is read, so that a wrong one is a configuration error with its line.
ARGUMENTS: Registry[ArgumentCheck] = Registry("gate argument")
EFFECTS: Registry[Effect] = Registry("effect")


def gate(name: str, *, argument: ArgumentCheck) -> Callable[[Gate], Gate]:
    """Register a gate under `name`, with the check of what a workflow gives it."""

    def register(function: Gate) -> Gate:
        ARGUMENTS.add(name, argument)
        return GATES.add(name, function)

    return register
