"""JSON for programs: one document, UTF-8 as is, keys in the order given.

A string that holds `##[` has its bracket written as `\\u005b`: the same JSON value, but
not a line the GitHub runner takes for a workflow command (see editorial.render.escape).
Outside strings JSON has no `#`, and its strings hold no line break, so no line of it can
start with `::` either."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from editorial.render.escape import OLD_COMMAND


def _default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _inert(text: str) -> str:
    return text.replace(OLD_COMMAND, "##\\u005b")


def dumps(document: Any) -> str:
    return _inert(json.dumps(document, ensure_ascii=False, indent=2, default=_default))


def dumps_list(key: str, records: Sequence[Any]) -> str:
    """`{key: [records]}` with one record per line.

    Indenting inside each record would need json's pure-Python encoder, far slower than its
    C encoder on a large newsroom's `status --all --json` (docs/performance.md); records on
    lines of their own use the C encoder and stay easy to read and to grep.
    """
    if not records:
        return dumps({key: []})
    lines = ",\n".join("  " + json.dumps(record, ensure_ascii=False, default=_default)
                        for record in records)
    return _inert("{" + json.dumps(key) + ": [\n" + lines + "\n]}")
