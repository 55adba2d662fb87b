"""Where editorial keeps its own state in the git directory: the newsroom lock and the journal
of a step in flight. Small on purpose: every command asks whether a step was left in flight,
and only a command that finds one loads the code that finishes it."""

from __future__ import annotations

from pathlib import Path

STATE_DIR = "editorial"
JOURNAL_NAME = "step.json"


def state_dir(git_dir: Path) -> Path:
    """editorial's own folder inside the git directory: the lock and the step journal."""
    return git_dir / STATE_DIR


def journal_file(git_dir: Path) -> Path:
    return state_dir(git_dir) / JOURNAL_NAME


def pending_step(git_dir: Path) -> bool:
    """Whether a step was left in flight (one stat, for every command to ask)."""
    return journal_file(git_dir).exists()
