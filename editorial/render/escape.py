"""Text of a newsroom made safe to print. A title, a folder name or a line of a source text
is data written by whoever opened the pull request: printed as it is, an escape sequence
in it would act on the terminal that shows it, and a line break followed by `::` would
be run by the GitHub Actions runner that reads the log as a workflow command."""

from __future__ import annotations

import re

# C0, DEL and C1: every character a terminal may act on rather than show. The second
# pattern spares the tab and the line break of a text printed as several lines.
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
CONTROL_BUT_LAYOUT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# The GitHub runner's older command syntax, which it finds anywhere in a line.
OLD_COMMAND = "##["


def _escaped(match: re.Match[str]) -> str:
    character = match.group()
    return NAMED.get(character) or f"\\x{ord(character):02x}"


def visible(text: str, *, multiline: bool = False) -> str:
    """`text` with each control character written out as an escape (`\\n`, `\\x1b`), so
    that it is shown, never acted on; with `multiline`, tabs and line breaks are kept."""
    return (CONTROL_BUT_LAYOUT if multiline else CONTROL).sub(_escaped, text)


def inert(line: str) -> str:
    """One line (without a line break) that the GitHub runner cannot take for a workflow
    command: it reads one where a line starts with `::` once blanks are stripped, or holds
    `##[` anywhere. The first character of each is written as an escape instead."""
    stripped = line.lstrip()
    if stripped.startswith("::"):
        line = line[: len(line) - len(stripped)] + "\\x3a" + stripped[1:]
    return line.replace(OLD_COMMAND, "##\\x5b")


def safe_line(text: str) -> str:
    """A message for a terminal or a CI log, as one line that can only be read."""
    return inert(visible(text))
