"""The shape shared by the commands that take one workflow action on one article."""

from __future__ import annotations

from typing import Any

from editorial.cli.app import App


def take_action(app: App, reference: str, action: str, verb: str, *, note: str | None = None,
                commit: bool = True, options: dict[str, Any] | None = None) -> None:
    outcome = app.desk(commit=commit).take(reference, action, note=note, options=options)
    app.report(outcome, verb)
