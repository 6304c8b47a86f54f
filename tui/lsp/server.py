"""The language server: `server`, its Drawdown workspace, and the handlers that keep diagnostics current.

Features live in modules of their own that register on `server` (`@server.feature(...)`) and read
files through `server.drawdown` (a tui.lsp.workspace.Workspace); this module imports them at the
bottom, so that importing it gives a server with every feature.
"""

from __future__ import annotations

import logging
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from .. import __version__
from .checking import Checks
from .workspace import Workspace

logger = logging.getLogger(__name__)


class DrawdownServer(LanguageServer):
    """A pygls server with the Drawdown workspace (`drawdown`) and its scheduled checks (`checks`)."""

    def __init__(self) -> None:
        super().__init__("drawdown", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.drawdown = Workspace()
        self.checks = Checks(self.drawdown, self.text_document_publish_diagnostics, self.position_encoding)

    def position_encoding(self) -> str:
        """The encoding of LSP columns the client and server agreed on (UTF-16 unless negotiated)."""
        try:
            return str(self.workspace.position_encoding or types.PositionEncodingKind.Utf16)
        except RuntimeError:  # no workspace before `initialize`
            return types.PositionEncodingKind.Utf16


server = DrawdownServer()


def path_of(uri: str) -> Path | None:
    """The file a `file:` URI names; None for any other scheme (an unsaved `untitled:` buffer)."""
    path = to_fs_path(uri) if uri.startswith("file:") else None
    return Path(path).resolve() if path else None


def _track(ls: DrawdownServer, uri: str) -> Path | None:
    """Take the editor's current text of `uri` into the workspace; its path, when it is a file."""
    path = path_of(uri)
    if path is None:
        return None
    document = ls.workspace.get_text_document(uri)
    ls.drawdown.open(path, document.source, document.version)
    return path


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: DrawdownServer, params: types.DidOpenTextDocumentParams) -> None:
    path = _track(ls, params.text_document.uri)
    if path is not None:
        ls.checks.soon(path, params.text_document.uri, pause=0)
        if ls.drawdown.is_catalog(path):
            ls.checks.others_soon(path)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: DrawdownServer, params: types.DidChangeTextDocumentParams) -> None:
    uri = params.text_document.uri
    path = path_of(uri)
    before = ls.drawdown.text_of(path) if path is not None else None
    path = _track(ls, uri)
    if path is None:
        return
    ls.checks.soon(path, uri)
    if _touches_others(ls, path, before):
        ls.checks.others_soon(path)


def _touches_others(ls: DrawdownServer, path: Path, before: str | None) -> bool:
    """Whether this file's change can change another open file's diagnostics: a catalog's does, and a
    scenario's when its local actors (checked against the other scenarios') changed."""
    if ls.drawdown.is_catalog(path):
        return True
    root = ls.drawdown.root_for(path)
    if root is None or len(ls.drawdown.open_paths(root)) < 2:
        return False
    check = ls.drawdown.corpus_check(root)
    after = ls.drawdown.text_of(path)
    if before is None or after is None:
        return True
    return check.local_actors_of(path, {path: before}) != check.local_actors_of(path, {path: after})


@server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
def did_save(ls: DrawdownServer, params: types.DidSaveTextDocumentParams) -> None:
    # The disk changed: every open file of the corpus may read it (its fingerprint tells the cache).
    path = path_of(params.text_document.uri)
    if path is not None:
        ls.checks.soon(path, params.text_document.uri)
        ls.checks.others_soon(path)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: DrawdownServer, params: types.DidCloseTextDocumentParams) -> None:
    path = path_of(params.text_document.uri)
    if path is None:
        return
    was_catalog = ls.drawdown.is_catalog(path)
    ls.drawdown.close(path)
    ls.checks.forget(path, params.text_document.uri)
    if was_catalog:
        ls.checks.others_soon(path)  # back to the catalog as saved


@server.feature(types.SHUTDOWN)
def shutdown(ls: DrawdownServer, params: None) -> None:
    ls.checks.shutdown()


# Features, each in its module, registered on `server` when imported (keep this list at the bottom).
from . import code_actions, completion, definition, hover  # noqa: E402,F401
