"""Serve the explorer to a browser: textual-serve runs `drawdown PATH` for each page opened."""

from __future__ import annotations

import shlex
import shutil
import sys
import tempfile
from pathlib import Path

PAGE = Path(__file__).with_name("page.html")


def command(root: Path) -> str:
    """The command each browser session runs: this interpreter, this package, this corpus."""
    return shlex.join([sys.executable, "-m", "tui", str(root)])


def serve(root: Path, host: str, port: int) -> None:
    from textual_serve.server import Server

    # textual-serve reads its page from a templates folder: ours is one file, laid in a folder of its own.
    with tempfile.TemporaryDirectory(prefix="drawdown-serve-") as templates:
        shutil.copyfile(PAGE, Path(templates) / "app_index.html")
        Server(command(root), host=host, port=port, title="Drawdown", templates_path=templates).serve()
