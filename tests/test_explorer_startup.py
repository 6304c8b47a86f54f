"""Start-up: the first frame lists the scenarios without pydantic; an app that quits at once quits cleanly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_the_first_screen_imports_no_data_layer() -> None:
    code = (
        "import sys\n"
        "import tui.app, tui.screens.home\n"
        "print(sorted(m for m in ('pydantic', 'tomli', 'tui.corpus.load', 'tui.corpus.model') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_first_frame_lists_every_scenario_before_pydantic_is_imported() -> None:
    # The check waits for the first frame (an Event), so the worker cannot race it.
    code = (
        "import sys, threading\n"
        "from pathlib import Path\n"
        "from tui.app import DrawdownApp\n"
        "from tui.widgets.scenario_list import ScenarioList\n"
        "drawn = threading.Event()\n"
        "class First(DrawdownApp):\n"
        "    def on_mount(self):\n"
        "        self.call_after_refresh(self.check)\n"
        "    def _load_corpus(self):\n"
        "        drawn.wait(30)\n"
        "    def check(self):\n"
        "        listed = self.screen.query_one(ScenarioList).option_count\n"
        "        heavy = sorted(m for m in ('pydantic', 'tui.corpus.model', 'tui.corpus.load') if m in sys.modules)\n"
        "        drawn.set()\n"
        "        self.exit((listed, heavy))\n"
        f"print(First(Path({str(REPO / 'tests' / 'fixtures' / 'corpus')!r}), poll=False).run(headless=True))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "(6, [])"


def test_quitting_on_the_first_frame_is_clean() -> None:
    # What a start-up benchmark does: run headless, quit as soon as the first frame is drawn.
    code = (
        "from pathlib import Path\n"
        "from tui.app import DrawdownApp\n"
        "class Once(DrawdownApp):\n"
        "    def on_mount(self):\n"
        "        self.call_after_refresh(self.exit)\n"
        f"Once(Path({str(REPO / 'tests' / 'fixtures' / 'corpus')!r}), poll=False).run(headless=True)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "" and "Error" not in result.stdout
