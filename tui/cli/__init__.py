"""The `drawdown` command line: one module per command, the parser in `main`.

Only `drawdown [PATH]` (the explorer) imports Textual, and only when it runs:
every other command stays fast and works where no terminal UI could.
"""

from __future__ import annotations

from .main import main

__all__ = ["main"]
