"""Where a newsroom is: the folder holding its editorial.yaml.

Apart from the newsroom model, which needs YAML and the workflows, so that a command can find
the newsroom before it loads those.
"""

from __future__ import annotations

from pathlib import Path

from editorial.errors import NotANewsroomError

CONFIG_FILE = "editorial.yaml"
GLOSSARY_FILE = "glossary.yaml"


def find_root(start: Path) -> Path:
    """The nearest folder at or above `start` holding editorial.yaml."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    raise NotANewsroomError(
        f"{start} is not inside a newsroom repository (no {CONFIG_FILE} here or above)",
        hint="run 'editorial init --publication NAME' to make one, or pass --repo PATH",
    )
