"""The README is the newcomer's reference: it must name every command, rule, gate and effect."""

from __future__ import annotations

import re
from pathlib import Path

from editorial.cli.main import COMMANDS
from editorial.core import effects, gates
from editorial.core.checks import load_rules

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _table_first_cells() -> set[str]:
    return set(re.findall(r"^\| `([^`]+)`", README, flags=re.M))


def test_every_command_is_in_the_command_table() -> None:
    documented = {cell.split()[1] for cell in _table_first_cells()
                  if cell.startswith("editorial ")}
    assert set(COMMANDS) <= documented


def test_every_rule_is_in_the_rule_table() -> None:
    assert set(load_rules()) <= _table_first_cells()


def test_every_gate_and_effect_is_described() -> None:
    for name in [*gates.GATES, *effects.EFFECTS]:
        assert f"`{name}" in README, name
