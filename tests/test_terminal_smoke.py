"""The explorer in a real terminal (tmux): keys as the terminal sends them, what the pane shows, a clean quit.

The pilot tests drive the app from inside; this one runs `python -m tui` as a reader does,
in tmux on a private server socket, and reads the pane. `.ci/run` installs tmux.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
import sys
import time
from pathlib import Path
from typing import Callable, Iterator

import pytest

REPO = Path(__file__).resolve().parent.parent
WAIT_SECONDS = 60.0  # start-up on a loaded machine can take a while; nothing here waits that long when it works


class Pane:
    def __init__(self, socket: str, width: int, height: int) -> None:
        self.socket = socket
        # A settings folder of its own: the reader's theme or keymap must not change what the test sees.
        config = tempfile.mkdtemp(prefix="drawdown-smoke-settings-")
        # COLUMNS and LINES of another size, as a parent that imported GNU readline hands them down
        # (pytest does): the explorer must size itself by the terminal, or it draws 80x24 in any pane.
        command = (
            f"cd {shlex.quote(str(REPO))} && COLUMNS=80 LINES=24 DRAWDOWN_CONFIG_DIR={shlex.quote(config)} "
            f"{shlex.quote(sys.executable)} -m tui; echo \"exit=$?\"; sleep 600"
        )
        self.tmux("new-session", "-d", "-s", "smoke", "-x", str(width), "-y", str(height), command)

    def tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], check=True, capture_output=True, text=True, timeout=30).stdout

    def keys(self, *keys: str) -> None:
        """Keys in one send-keys call: they reach the app in one read, as a quick double tap does."""
        self.tmux("send-keys", "-t", "smoke", *keys)

    def text(self, styled: bool = False) -> str:
        # Styled, with the colours' escapes: on a slim terminal a step moved is only a highlight moved.
        return self.tmux("capture-pane", "-p", *(["-e"] if styled else []), "-t", "smoke")

    def wait_for(self, what: str, check: Callable[[str], bool], *, styled: bool = False) -> str:
        deadline = time.monotonic() + WAIT_SECONDS
        while True:
            text = self.text(styled)
            if check(text):
                return text
            if "Traceback" in text or time.monotonic() > deadline:
                pytest.fail(f"the pane never showed {what}; it shows:\n{self.text()}")
            time.sleep(0.2)

    def settled(self) -> str:
        """The pane, styled, once it stops changing: a redraw loop left running never settles."""
        previous = self.text(styled=True)
        for _ in range(10):
            time.sleep(0.5)
            text = self.text(styled=True)
            if text == previous:
                return text
            previous = text
        pytest.fail(f"the pane kept changing for 5 s with no key pressed; it shows:\n{self.text()}")


def _fills(text: str, width: int, height: int) -> bool:
    lines = text.splitlines()  # capture-pane leaves out the blank lines at the bottom
    return len(lines) == height and len(lines[1].rstrip()) == width and lines[1].rstrip().endswith("╮")


@pytest.fixture
def pane_factory() -> Iterator[Callable[[int, int], Pane]]:
    if shutil.which("tmux") is None:
        pytest.fail("tmux is not installed: `apt-get install tmux` (.ci/run installs it)")
    socket = f"drawdown-smoke-{os.getpid()}"
    panes: list[Pane] = []

    def make(width: int, height: int) -> Pane:
        panes.append(Pane(socket, width, height))
        return panes[-1]

    yield make
    subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True, timeout=30)


@pytest.mark.parametrize(("width", "height"), [(120, 40), (40, 12)], ids=["120x40", "40x12"])
def test_open_a_scenario_step_read_a_source_and_quit(pane_factory: Callable[[int, int], Pane], width: int, height: int) -> None:
    pane = pane_factory(width, height)
    pane.wait_for("the home screen", lambda text: "╰" in text)  # a pane's border: the app has drawn
    # Drawn for this pane: the scenario list's top right corner in its last column, the footer on its
    # last line (the first frame or two have the footer still empty: it fills in a moment later).
    pane.wait_for(f"the home screen at {width}x{height}", lambda text: _fills(text, width, height) and text.splitlines()[-1].startswith("⏎ Open"))
    if width >= 80:
        pane.wait_for("the checked corpus", lambda text: "sources" in text and "checking" not in text)
    home = pane.settled()  # on a small terminal the title is cut: enter before the check still opens, once it is done
    pane.keys("Enter")
    pane.wait_for("a scenario", lambda text: text != home, styled=True)
    opened = pane.settled()
    pane.keys("j", "j", "j")  # one read, as a held key sends it
    pane.wait_for("the step moving", lambda text: text != opened, styled=True)
    stepped = pane.settled()
    if width >= 80:
        assert "Step 4 of" in pane.text(), pane.text()
    pane.keys("o")
    pane.wait_for("the source reader", lambda text: text != stepped, styled=True)
    source = pane.settled()
    if width >= 80:
        assert "›  Source  ›" in pane.text(), pane.text()
    pane.keys("Escape")
    pane.wait_for("the scenario again", lambda text: text != source, styled=True)
    pane.settled()
    if width >= 80:
        assert "Step 4 of" in pane.text(), pane.text()
    pane.keys("C-q")
    quit_text = pane.wait_for("the app's exit", lambda text: "exit=" in text)
    assert "exit=0" in quit_text, quit_text
    assert "Traceback" not in quit_text
