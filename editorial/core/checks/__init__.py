"""The rules of `editorial check`: each a small function registered under a stable id.

A rule looks at one article (its files now and, with --base, at the base revision) and yields
findings; the runner turns them into `Problem`s with the rule's id and the severity the
newsroom configured (`rules: {numbers: warning, glossary: off}` in editorial.yaml).

Every module of this package other than `base` and `runner` holds rules and is imported by
`load_rules`, so adding a rule is adding a module (or a function to one) and nothing else.
"""

from __future__ import annotations

import importlib
import pkgutil

from editorial.core.checks.base import RULES, Rule
from editorial.core.registry import Registry

FRAMEWORK_MODULES = frozenset({"base", "runner"})


def rule_modules() -> list[str]:
    return sorted(info.name for info in pkgutil.iter_modules(__path__)
                  if info.name not in FRAMEWORK_MODULES and not info.name.startswith("_"))


def load_rules() -> Registry[Rule]:
    """Import every rule module once; the registry of all rules, by id."""
    for name in rule_modules():
        importlib.import_module(f"{__name__}.{name}")
    return RULES
