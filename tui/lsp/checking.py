"""When to check: each open file's newest text, once a burst of changes settles, never a stale result.

A change schedules a check of its file after a short pause; a newer change before it runs replaces
it, so a burst of keystrokes costs one check of the newest text. The check runs on one worker
thread (the event loop keeps reading messages meanwhile), and its diagnostics are published only
if the file is still at the version that was checked: a newer version has its own check coming.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable

from lsprotocol import types
from pygls.uris import from_fs_path

from ..corpus.load import find_root
from .diagnostics import to_lsp
from .workspace import Workspace

logger = logging.getLogger(__name__)

# Long enough that the keystrokes of a burst arrive within it, short against the 100 ms budget.
PAUSE = 0.010

Publish = Callable[[types.PublishDiagnosticsParams], None]


class Checks:
    def __init__(self, workspace: Workspace, publish: Publish, encoding: Callable[[], str], pause: float = PAUSE) -> None:
        self.workspace = workspace
        self._publish = publish
        self._encoding = encoding
        self.pause = pause
        self._pending: dict[Path, asyncio.Task[None]] = {}
        self._uris: dict[Path, str] = {}
        # What was last published for a catalog that is not open (its errors explain an open scenario's).
        self._unopened: dict[Path, list[types.Diagnostic]] = {}
        # One thread: checks run one after another, so a cache is never filled twice at once.
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="drawdown-check")

    def soon(self, path: Path, uri: str, *, pause: float | None = None) -> None:
        """Check `path` after the pause, replacing a check of it that has not started."""
        path = path.resolve()
        self._uris[path] = uri
        pending = self._pending.get(path)
        if pending is not None and not pending.done():
            pending.cancel()
        self._pending[path] = asyncio.get_running_loop().create_task(self._check(path, uri, self.pause if pause is None else pause))

    def others_soon(self, changed: Path) -> None:
        """Check again every other open file of `changed`'s corpus (a catalog, or a scenario's local actors,
        changed; or any file of the corpus was saved, a document of seeds/ included)."""
        root = self.workspace.root_for(changed) or find_root(changed)
        if root is None:
            return
        for path in self.workspace.open_paths(root):
            if path != changed.resolve() and path in self._uris:
                self.soon(path, self._uris[path])

    def forget(self, path: Path, uri: str) -> None:
        """The file was closed: drop its pending check and clear what was published for it."""
        path = path.resolve()
        pending = self._pending.pop(path, None)
        if pending is not None:
            pending.cancel()
        self._uris.pop(path, None)
        self._unopened.pop(path, None)  # a catalog's own diagnostics are cleared here; a scenario's check may show them again
        self._publish(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    async def _check(self, path: Path, uri: str, pause: float) -> None:
        if pause > 0:
            await asyncio.sleep(pause)
        version = self.workspace.version_of(path)
        texts = self.workspace.texts()
        text = texts.get(path)
        if text is None:
            return  # closed meanwhile
        encoding = self._encoding()
        try:
            found = await asyncio.get_running_loop().run_in_executor(self._thread, self._diagnostics, path, texts, encoding)
        except Exception:  # a check must never take the server down; the log says what went wrong
            logger.exception("checking %s failed", path)
            found = {path: []}
        if self.workspace.version_of(path) != version or not self.workspace.is_open(path):
            return  # stale: a newer text has its own check coming
        self._publish(types.PublishDiagnosticsParams(uri=uri, diagnostics=found.pop(path, []), version=version))
        for catalog, diagnostics in found.items():
            self._show_unopened(catalog, diagnostics)

    def _diagnostics(self, path: Path, texts: dict[Path, str], encoding: str) -> dict[Path, list[types.Diagnostic]]:
        """The file's diagnostics and its corpus's catalogs', placed in the texts they were checked in."""
        found = {}
        for where, diagnostics in self.workspace.check_with_catalogs(path, texts).items():
            text = texts.get(where)
            if text is None:
                text = self.workspace.text_of(where) or ""
            found[where] = to_lsp(diagnostics, text, encoding)
        return found

    def _show_unopened(self, catalog: Path, diagnostics: list[types.Diagnostic]) -> None:
        """Publish a catalog's diagnostics when it is not open (an open one has its own check), and only
        when they changed: a broken actors.toml is where an open scenario's unchecked references lead."""
        if self.workspace.is_open(catalog) or self._unopened.get(catalog, []) == diagnostics:
            return
        uri = from_fs_path(str(catalog))
        if uri is None:
            return
        self._unopened[catalog] = diagnostics
        self._publish(types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics))

    def shutdown(self) -> None:
        for pending in self._pending.values():
            pending.cancel()
        self._thread.shutdown(wait=False, cancel_futures=True)
