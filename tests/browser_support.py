"""A real browser on the served explorer: Debian's chromium through selenium, and the screen it shows.

The terminal in the page draws on a canvas, so the screen cannot be read from the page's DOM.
A script laid in the page before it loads keeps a copy of every byte the server sends to the
terminal; pyte, a terminal emulator, replays them into the screen a reader sees.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pyte
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
INSTALL_HINT = "Debian's chromium and chromium-driver are needed: apt-get install chromium chromium-driver (.ci/run does)"

TEE = """
window.__drawdown = {bytes: [], sizes: []};
const NativeSocket = window.WebSocket;
window.WebSocket = class extends NativeSocket {
  constructor(url, ...rest) {
    super(url, ...rest);
    const query = new URL(url).searchParams;
    window.__drawdown.sizes.push([+query.get("width"), +query.get("height")]);
    this.addEventListener("message", (event) => {
      if (typeof event.data !== "string") window.__drawdown.bytes.push(Array.from(new Uint8Array(event.data)));
    });
  }
  send(data) {
    if (typeof data === "string" && data.startsWith('["resize"')) {
      const size = JSON.parse(data)[1];
      window.__drawdown.bytes.push({resize: [size.width, size.height]});
    }
    return super.send(data);
  }
};
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def served(root: Path | None, config_dir: Path) -> Iterator[str]:
    """`drawdown serve` on a free loopback port; its address, until the block ends."""
    port = free_port()
    env = {**os.environ, "DRAWDOWN_CONFIG_DIR": str(config_dir)}
    args = [sys.executable, "-m", "tui", "serve", *([str(root)] if root else []), "--port", str(port)]
    server = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"drawdown serve did not start: {server.stderr.read().decode() if server.stderr else ''}")
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/"
    finally:
        os.killpg(server.pid, 15)  # the server and the app sessions it started
        server.wait(timeout=15)


class Browser:
    def __init__(self) -> None:
        missing = [path for path in (CHROMIUM, CHROMEDRIVER) if not shutil.which(path)]
        assert not missing, f"{missing} not found. {INSTALL_HINT}"
        options = Options()
        # As the workplace's probe runs it: no sandbox as root, and nothing that reaches outside.
        for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--window-size=1280,900"):
            options.add_argument(flag)
        options.binary_location = CHROMIUM
        self.driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        self.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": TEE})
        self.screen: pyte.Screen | None = None
        self.stream: pyte.ByteStream | None = None

    def open(self, url: str) -> None:
        self.driver.get(url)
        self.screen = None

    def _drain(self) -> None:
        found = self.driver.execute_script("const d = window.__drawdown; return d ? {bytes: d.bytes.splice(0), sizes: d.sizes} : null")
        if not found:
            return
        if self.screen is None and found["sizes"]:
            width, height = found["sizes"][0]
            self.screen = pyte.Screen(width, height)
            self.stream = pyte.ByteStream(self.screen)
        for chunk in found["bytes"]:
            if isinstance(chunk, dict):
                assert self.screen is not None
                self.screen.resize(lines=chunk["resize"][1], columns=chunk["resize"][0])
            elif self.stream is not None:
                self.stream.feed(bytes(chunk))

    def text(self) -> str:
        self._drain()
        return "\n".join(self.screen.display) if self.screen else ""

    def wait_for(self, needle: str, timeout: float = 20) -> str:
        deadline = time.monotonic() + timeout
        while True:
            text = self.text()
            if needle in text:
                return text
            if time.monotonic() > deadline:
                raise AssertionError(f"{needle!r} never appeared on the page's screen:\n{text}")
            time.sleep(0.1)

    def keys(self, *keys: str) -> None:
        from selenium.webdriver.common.action_chains import ActionChains

        chain = ActionChains(self.driver)
        for key in keys:
            chain.send_keys(key)
        chain.perform()

    def page_requests(self) -> list[str]:
        """Every address the page asked for, from the browser's own record."""
        return json.loads(self.driver.execute_script("return JSON.stringify(performance.getEntriesByType('resource').map(e => e.name))"))

    def close(self) -> None:
        self.driver.quit()

