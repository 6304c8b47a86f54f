from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _snapshot_cwd(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    # Paths on screen are relative to the working directory: snapshots pin it so they do not depend on it.
    if request.module.__name__.startswith("test_snapshots"):
        monkeypatch.chdir(REPO)
