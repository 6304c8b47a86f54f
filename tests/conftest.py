from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

from tui.corpus import head_start

sys.path.insert(0, str(Path(__file__).parent))
REPO = Path(__file__).resolve().parent.parent
# The explorer's command keeps its parsed stylesheet in the reader's cache folder (stylesheet_cache.py):
# the commands the tests run (and each process they start) keep theirs in a folder of the test run.
os.environ.setdefault("DRAWDOWN_CACHE_DIR", tempfile.mkdtemp(prefix="drawdown-test-cache-"))


@pytest.fixture(autouse=True)
def _snapshot_cwd(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    # Paths on screen are relative to the working directory: snapshots pin it so they do not depend on it.
    if request.module.__name__.startswith("test_snapshots"):
        monkeypatch.chdir(REPO)


@pytest.fixture(autouse=True)
def _stylesheet_parsed_as_textual_does() -> object:
    # A test that runs the explorer's command installs the stylesheet cache for the whole process:
    # the tests after it parse as Textual does, so a fault of the cache shows only in its own tests.
    yield
    cache = sys.modules.get("tui.stylesheet_cache")
    if cache is not None:
        cache.uninstall()


# Enough scenario files for the load's workers, whose checking the cache folder keeps (checked_cache.py).
KEPT_CORPUS_FILES = head_start.PARALLEL_FROM + 2


@pytest.fixture
def kept_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A corpus large enough for the load's workers, which are forked on any machine with fork, one
    core or many: the checking kept in the cache folder is theirs."""
    from tui.corpus import batch_load

    sys.path.insert(0, str(Path(__file__).parent / "bench"))
    from corpus_copies import make_copies

    monkeypatch.setattr(batch_load, "_can_fork", lambda count: count >= head_start.PARALLEL_FROM and hasattr(os, "fork"))
    root = tmp_path / "large"
    make_copies(root, KEPT_CORPUS_FILES)
    return root.resolve()
