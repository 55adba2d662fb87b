"""The browser toolkit itself: it must see what a page asks of the network and what it logs,
or every page test built on it would pass for the wrong reason."""

from pathlib import Path

import pytest

from testing.browser import needs_chromium, visit


@needs_chromium
@pytest.mark.slow  # starts Chromium
def test_a_visit_records_network_requests_console_errors_and_layout(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        '<!doctype html><html><body><p id="ar" lang="ar" dir="rtl">خبر عاجل</p>'
        '<img src="http://127.0.0.1:9/pixel.png">'
        '<script>console.error("broken on purpose")</script></body></html>', encoding="utf-8")
    with visit(page) as seen:
        direction = seen.evaluate("() => getComputedStyle(document.getElementById('ar')).direction")
    assert direction == "rtl"
    assert seen.network_requests == ["http://127.0.0.1:9/pixel.png"]
    assert "broken on purpose" in seen.console_errors


@needs_chromium
@pytest.mark.slow  # starts Chromium
def test_a_self_contained_page_makes_no_network_request(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text('<!doctype html><html><body><p dir="ltr">Plain</p>'
                    '<style>p{color:#333}</style></body></html>', encoding="utf-8")
    with visit(page) as seen:
        assert seen.evaluate("() => document.querySelector('p').textContent") == "Plain"
    assert seen.network_requests == []
    assert seen.console_errors == []
