"""The data layer never imports Textual or Rich (checked in a fresh interpreter)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import tui.corpus

REPO = Path(__file__).resolve().parent.parent


def test_corpus_modules_import_no_ui() -> None:
    modules = [f"tui.corpus.{m.name}" for m in pkgutil.iter_modules(tui.corpus.__path__)]
    assert "tui.corpus.load" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
