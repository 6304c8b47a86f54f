"""Shared by the language server's tests: a real `drawdown lsp` process, a client that keeps every
diagnostics notification, and a private copy of the bundled corpus to edit."""

from __future__ import annotations

import asyncio
import shutil
import sys
from pathlib import Path

from lsprotocol import types
from lsprotocol.converters import get_converter
from pygls.uris import from_fs_path
from pytest_lsp import ClientServerConfig, LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES

REPO = Path(__file__).resolve().parent.parent
SCENARIO_2020 = "2020-expulsion-vote"


class RecordingClient(LanguageClient):
    """pytest-lsp's client, also keeping every publishDiagnostics in the order it came."""

    def __init__(self) -> None:
        super().__init__(converter_factory=get_converter)
        self.published: list[types.PublishDiagnosticsParams] = []
        self.arrived = asyncio.Event()
        for method, handler in DEFAULT_CLIENT_FEATURES.items():
            if method != types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS:
                self.feature(method)(handler)
        self.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)(_record)

    async def next_diagnostics(self, uri: str, *, version: int | None = None, timeout: float = 20, after: int | None = None) -> types.PublishDiagnosticsParams:
        """The next publishDiagnostics for `uri` (at `version`, when given) after those already seen,
        or after the first `after` ones when given (a mark taken before a message that causes several)."""
        start = len(self.published) if after is None else after

        async def wait() -> types.PublishDiagnosticsParams:
            seen = start
            while True:
                for params in self.published[seen:]:
                    if params.uri == uri and (version is None or params.version == version):
                        return params
                seen = len(self.published)
                self.arrived.clear()
                await self.arrived.wait()

        return await asyncio.wait_for(wait(), timeout)


def _record(client: RecordingClient, params: types.PublishDiagnosticsParams) -> None:
    client.diagnostics[params.uri] = params.diagnostics
    client.published.append(params)
    client.arrived.set()


SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "tui", "lsp"], client_factory=RecordingClient)


def copy_corpus(tmp_path: Path) -> Path:
    """A private copy of the bundled corpus, safe to edit."""
    root = tmp_path / "corpus"
    shutil.copytree(REPO / "scenarios", root / "scenarios")
    shutil.copytree(REPO / "seeds", root / "seeds")
    return root


def uri_of(path: Path) -> str:
    uri = from_fs_path(str(path.resolve()))
    assert uri is not None
    return uri


def open_file(client: LanguageClient, path: Path, text: str | None = None, version: int = 1) -> str:
    """Open `path` in the editor (with `text`, unsaved, when given); its URI."""
    uri = uri_of(path)
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(uri=uri, language_id="toml", version=version, text=path.read_text(encoding="utf-8") if text is None else text))
    )
    return uri


def replace_all(client: LanguageClient, uri: str, text: str, version: int) -> None:
    """The editor's whole text becomes `text` (a full-text change)."""
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def close_file(client: LanguageClient, uri: str) -> None:
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
