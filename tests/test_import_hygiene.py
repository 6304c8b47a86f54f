"""The data layer never imports Textual or Rich (checked in a fresh interpreter), nor does the language server."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import tui.corpus
import tui.lsp

REPO = Path(__file__).resolve().parent.parent


def _imported(modules: list[str], packages: tuple[str, ...]) -> str:
    """Which modules of `packages` importing `modules` loads, in a fresh interpreter."""
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {packages!r}))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_corpus_modules_import_no_ui() -> None:
    modules = [f"tui.corpus.{m.name}" for m in pkgutil.iter_modules(tui.corpus.__path__)]
    assert "tui.corpus.load" in modules
    assert _imported(modules, ("textual", "rich")) == "[]"


def test_language_server_imports_no_ui() -> None:
    """`drawdown lsp` starts in editors, often many times a day: no Textual or Rich."""
    modules = [f"tui.lsp.{m.name}" for m in pkgutil.iter_modules(tui.lsp.__path__)] + ["tui.cli.lsp"]
    assert "tui.lsp.server" in modules
    assert _imported(modules, ("textual", "rich")) == "[]"


def test_data_layer_imports_no_protocol() -> None:
    """The in-memory check lives in tui.corpus, which knows nothing of pygls or lsprotocol."""
    modules = [f"tui.corpus.{m.name}" for m in pkgutil.iter_modules(tui.corpus.__path__)]
    assert "tui.corpus.editor_check" in modules
    assert _imported(modules, ("pygls", "lsprotocol")) == "[]"
