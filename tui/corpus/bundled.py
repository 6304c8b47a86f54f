"""Where the bundled corpus lives: inside the installed package, or at the top of a checkout."""

from __future__ import annotations

from pathlib import Path


def bundled_root() -> Path:
    package = Path(__file__).resolve().parent.parent
    installed = package / "bundled"
    if (installed / "scenarios").is_dir():
        return installed
    return package.parent  # an editable install or a source checkout
