"""Pages people look at, opened in Debian's headless Chromium through Playwright.

A visit records every request the page made and every console message, so a test can assert
that a self-contained page loads nothing from the network and runs without errors, and can
ask the laid-out DOM where things landed (direction, visibility, boxes).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium phones home at start, which this machine's
# closed network refuses; those requests are Chromium's own, not the page's, and would muddle
# the page's record.
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]
LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:")

# Skipped on a machine without Chromium; in CI (.ci/run installs it) a browser test must run.
needs_chromium = pytest.mark.skipif(
    not (shutil.which("chromium") or os.path.exists(CHROMIUM)) and not os.environ.get("CI"),
    reason="needs Debian's chromium (apt-get install chromium)")


@dataclass
class Visit:
    """One page as Chromium laid it out, with what it asked for and what it logged."""

    page: object  # playwright.sync_api.Page; typed loosely so the toolkit imports without it
    requests: list[str] = field(default_factory=list)
    console: list[tuple[str, str]] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    @property
    def network_requests(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(LOCAL_SCHEMES)]

    @property
    def console_errors(self) -> list[str]:
        return [text for kind, text in self.console if kind == "error"] + self.page_errors

    def evaluate(self, script: str, argument: object = None) -> object:
        return self.page.evaluate(script, argument)  # type: ignore[attr-defined]

    def screenshot(self, path: Path) -> Path:
        self.page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
        return path


@contextmanager
def visit(page: Path, *, width: int = 1280, height: int = 900,
          media: str = "screen") -> Iterator[Visit]:
    """Open a local page file in headless Chromium; `media="print"` lays it out for paper."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            tab = browser.new_page(viewport={"width": width, "height": height})
            seen = Visit(tab)
            tab.on("request", lambda request: seen.requests.append(request.url))
            tab.on("console", lambda message: seen.console.append((message.type, message.text)))
            tab.on("pageerror", lambda error: seen.page_errors.append(str(error)))
            tab.emulate_media(media=media)  # type: ignore[arg-type]
            tab.goto(page.resolve().as_uri(), wait_until="load")
            yield seen
        finally:
            browser.close()
