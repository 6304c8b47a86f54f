"""`drawdown lsp` end to end over stdio: validate's diagnostics, as the editor's text changes."""

from __future__ import annotations

from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from lsp_support import SCENARIO_2020, SERVER, RecordingClient, copy_corpus, open_file, replace_all

from tui.corpus.validate import validate_paths


@pytest_lsp.fixture(config=SERVER)
async def client(lsp_client: RecordingClient):
    await lsp_client.initialize_session(types.InitializeParams(capabilities=types.ClientCapabilities()))
    yield
    await lsp_client.shutdown_session()


def _bad_quote(text: str) -> str:
    return text.replace('text = "', 'text = "Not in the document: ', 1)


async def test_a_bad_quote_is_reported_where_validate_puts_it_and_clears_when_fixed(client: RecordingClient, tmp_path: Path) -> None:
    root = copy_corpus(tmp_path)
    path = root / "scenarios" / f"{SCENARIO_2020}.toml"
    good = path.read_text(encoding="utf-8")
    uri = open_file(client, path, _bad_quote(good))
    published = await client.next_diagnostics(uri)
    path.write_text(_bad_quote(good), encoding="utf-8")
    [expected] = [d for d in validate_paths([path])[0] if d.is_error]
    [got] = [d for d in published.diagnostics if d.severity == types.DiagnosticSeverity.Error]
    assert (got.code, got.message, got.source) == (expected.code, expected.message, "drawdown")
    assert (got.range.start.line + 1, got.range.start.character + 1) == (expected.line, expected.col)
    replace_all(client, uri, good, 2)
    fixed = await client.next_diagnostics(uri, version=2)
    assert [d for d in fixed.diagnostics if d.severity == types.DiagnosticSeverity.Error] == []
