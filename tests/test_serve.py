"""`drawdown serve`: the explorer in a real browser (Debian's chromium), keys from the first one."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest
from browser_support import Browser, served
from selenium.webdriver.common.keys import Keys


@pytest.fixture
def browser() -> Iterator[Browser]:
    found = Browser()
    try:
        yield found
    finally:
        found.close()


def test_the_first_key_works_and_a_scenario_opens_and_steps(browser: Browser, tmp_path: Path) -> None:
    with served(None, tmp_path) as url:
        browser.open(url)
        home = browser.wait_for("Scenarios, by date")
        assert "How many troops stay after 2011?" in home
        # No click first: the page gives the terminal the focus, and the app focuses the list.
        browser.keys("j")
        browser.keys(Keys.ENTER)
        scenario = browser.wait_for("Step 1 of")
        assert "Iraq votes to expel US troops" in scenario  # j moved to the second scenario, 2020
        browser.keys("j", "j")
        browser.wait_for("Step 3 of")
        browser.keys(Keys.ESCAPE)
        browser.wait_for("Scenarios, by date")


def test_the_page_asks_for_nothing_beyond_the_server(browser: Browser, tmp_path: Path) -> None:
    with served(None, tmp_path) as url:
        browser.open(url)
        browser.wait_for("Scenarios, by date")
        requests = browser.page_requests()
        assert requests and all(request.startswith(url.rstrip("/")) or request.startswith("ws://127.0.0.1") for request in requests), requests
        assert any(request.endswith(".ttf") for request in requests)  # the terminal's font, from the server itself
        page = browser.driver.page_source
        assert "googleapis" not in page and "fonts.gstatic" not in page


def test_serve_refuses_what_is_not_a_corpus(tmp_path: Path) -> None:
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "tui", "serve", str(tmp_path / "nowhere")], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and result.stderr.startswith("drawdown: error:") and "Traceback" not in result.stderr
