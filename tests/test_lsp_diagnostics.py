"""`drawdown lsp` end to end over stdio: validate's diagnostics, as the editor's text changes.

Each test starts the real server (`python -m tui lsp`) and drives it with pytest-lsp's client, as
an editor would: open, change, save and close files of a copy of the bundled corpus.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from lsp_support import SCENARIO_2020, SERVER, RecordingClient, close_file, copy_corpus, open_file, replace_all, uri_of

from tui.corpus.diagnostics import Diagnostic
from tui.corpus.validate import validate_paths

ERROR = types.DiagnosticSeverity.Error


@pytest_lsp.fixture(config=SERVER)
async def client(lsp_client: RecordingClient):
    await lsp_client.initialize_session(types.InitializeParams(capabilities=types.ClientCapabilities()))
    yield
    await asyncio.wait_for(lsp_client.shutdown_session(), 20)


def _bad_quote(text: str) -> str:
    return text.replace('text = "troops are not leaving"', 'text = "troops are not leaving at all"', 1)


def _validated(path: Path, text: str) -> list[Diagnostic]:
    """What `drawdown validate PATH` says of `path` holding `text` (written to disk for it)."""
    path.write_text(text, encoding="utf-8")
    resolved = str(path.resolve())
    return [d for d in validate_paths([path])[0] if str(Path(d.path).resolve()) == resolved]


def _errors(params: types.PublishDiagnosticsParams) -> list[types.Diagnostic]:
    return [d for d in params.diagnostics if d.severity == ERROR]


async def test_a_bad_quote_is_reported_where_validate_puts_it_and_clears_when_fixed(client: RecordingClient, tmp_path: Path) -> None:
    root = copy_corpus(tmp_path)
    path = root / "scenarios" / f"{SCENARIO_2020}.toml"
    good = path.read_text(encoding="utf-8")
    uri = open_file(client, path, _bad_quote(good))
    published = await client.next_diagnostics(uri)
    [expected] = [d for d in _validated(path, _bad_quote(good)) if d.is_error]
    [got] = _errors(published)
    assert (got.code, got.message, got.source) == (expected.code, expected.message, "drawdown")
    assert (got.range.start.line + 1, got.range.start.character + 1) == (expected.line, expected.col)
    # The range is the whole string, its quotes included.
    line = _bad_quote(good).splitlines()[expected.line - 1]
    assert line[got.range.start.character : got.range.end.character] == '"troops are not leaving at all"'
    replace_all(client, uri, good, 2)
    fixed = await client.next_diagnostics(uri, version=2)
    assert _errors(fixed) == []


async def test_every_diagnostic_of_a_broken_scenario_matches_validate(client: RecordingClient, tmp_path: Path) -> None:
    root = copy_corpus(tmp_path)
    path = root / "scenarios" / f"{SCENARIO_2020}.toml"
    text = _bad_quote(path.read_text(encoding="utf-8")).replace('actor = "iraqi-parliament"', 'actor = "iraqi-parliment"', 1).replace('kind = "event"', 'kind = "evnt"', 1)
    uri = open_file(client, path, text)
    published = await client.next_diagnostics(uri)
    expected = _validated(path, text)
    assert len(expected) >= 3
    got = [(d.range.start.line + 1, d.range.start.character + 1, d.code, d.message) for d in published.diagnostics]
    assert got == [(d.line, d.col, d.code, d.message) for d in expected]


async def _columns_after_an_emoji(client: RecordingClient, tmp_path: Path, encoding: str) -> None:
    """An unknown source after a character outside the BMP on its line: its column in `encoding`'s units."""
    root = copy_corpus(tmp_path)
    path = root / "scenarios" / f"{SCENARIO_2020}.toml"
    old = '{ source = "time-2020", text = "troops are not leaving" }'
    text = path.read_text(encoding="utf-8").replace(old, '{ text = "troops are not leaving 🙂", source = "time-2020x" }', 1)
    uri = open_file(client, path, text)
    published = await client.next_diagnostics(uri)
    [expected] = [d for d in _validated(path, text) if d.code == "unknown-id"]
    [got] = [d for d in published.diagnostics if d.code == "unknown-id"]
    before = text.splitlines()[expected.line - 1][: expected.col - 1]
    assert "🙂" in before
    units = len(before.encode(encoding)) // (2 if encoding == "utf-16-le" else 1)
    assert got.range.start == types.Position(line=expected.line - 1, character=units)
    assert got.range.end.character == got.range.start.character + len('"time-2020x"')


async def test_a_character_outside_the_bmp_before_the_error_is_counted_in_utf16(client: RecordingClient, tmp_path: Path) -> None:
    await _columns_after_an_emoji(client, tmp_path, "utf-16-le")


@pytest_lsp.fixture(config=SERVER)
async def utf8_client(lsp_client: RecordingClient):
    # Neovim offers UTF-8 first; the server takes the client's first choice.
    capabilities = types.ClientCapabilities(general=types.GeneralClientCapabilities(position_encodings=[types.PositionEncodingKind.Utf8, types.PositionEncodingKind.Utf16]))
    result = await lsp_client.initialize_session(types.InitializeParams(capabilities=capabilities))
    assert result.capabilities.position_encoding == types.PositionEncodingKind.Utf8
    yield
    await asyncio.wait_for(lsp_client.shutdown_session(), 20)


async def test_columns_are_in_utf8_when_the_client_asks_for_it(utf8_client: RecordingClient, tmp_path: Path) -> None:
    await _columns_after_an_emoji(utf8_client, tmp_path, "utf-8")


async def test_an_edit_to_actors_toml_in_the_editor_rechecks_the_open_scenario(client: RecordingClient, tmp_path: Path) -> None:
    root = copy_corpus(tmp_path)
    scenario = root / "scenarios" / f"{SCENARIO_2020}.toml"
    actors = root / "scenarios" / "actors.toml"
    scenario_uri = open_file(client, scenario)
    assert _errors(await client.next_diagnostics(scenario_uri)) == []
    mark = len(client.published)
    actors_uri = open_file(client, actors)
    # Opening a catalog rechecks the open scenarios too: take both publishes, in whichever order they come.
    await client.next_diagnostics(actors_uri, after=mark)
    await client.next_diagnostics(scenario_uri, after=mark)
    renamed = actors.read_text(encoding="utf-8").replace('id = "iraqi-parliament"', 'id = "iraq-parliament"')
    replace_all(client, actors_uri, renamed, 2)  # unsaved: the disk still has the old id
    [unknown] = _errors(await client.next_diagnostics(scenario_uri))
    assert unknown.code == "unknown-id"
    assert unknown.message.startswith("unknown actor 'iraqi-parliament' (did you mean 'iraq-parliament'")
    close_file(client, actors_uri)
    assert _errors(await client.next_diagnostics(scenario_uri)) == []  # closed unsaved: the catalog on disk again


async def test_a_save_rechecks_against_what_changed_on_disk(client: RecordingClient, tmp_path: Path) -> None:
    root = copy_corpus(tmp_path)
    scenario = root / "scenarios" / f"{SCENARIO_2020}.toml"
    uri = open_file(client, scenario)
    assert _errors(await client.next_diagnostics(uri)) == []
    # Another program (`drawdown add-source`, git) changes a catalog that is not open; the author saves.
    sources = root / "seeds" / "sources.toml"
    sources.write_text(sources.read_text(encoding="utf-8").replace('id = "time-2020"', 'id = "time"'), encoding="utf-8")
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    errors = _errors(await client.next_diagnostics(uri))
    assert errors and {d.code for d in errors} == {"unknown-id"}


async def test_a_save_of_a_document_rechecks_the_scenarios_that_quote_it(client: RecordingClient, tmp_path: Path) -> None:
    root = copy_corpus(tmp_path)
    uri = open_file(client, root / "scenarios" / f"{SCENARIO_2020}.toml")
    assert _errors(await client.next_diagnostics(uri)) == []
    document = root / "seeds" / "2020-time-mahdi-delay.txt"
    text = document.read_text(encoding="utf-8")
    document_uri = open_file(client, document)
    assert "troops are not leaving" in text
    document.write_text(text.replace("troops are not leaving", "troops are leaving"), encoding="utf-8")
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=document_uri)))
    assert "quote-not-found" in {d.code for d in _errors(await client.next_diagnostics(uri))}


async def test_a_burst_of_changes_is_checked_once_at_its_last_version(client: RecordingClient, tmp_path: Path) -> None:
    root = copy_corpus(tmp_path)
    path = root / "scenarios" / f"{SCENARIO_2020}.toml"
    text = path.read_text(encoding="utf-8")
    uri = open_file(client, path, text)
    await client.next_diagnostics(uri)
    seen = len(client.published)
    line = next(i for i, row in enumerate(text.splitlines()) if 'text = "troops are not leaving"' in row)
    at = text.splitlines()[line].index("leaving") + len("leaving")
    for offset, letter in enumerate("XXXXXXXXXXXXXXXXXXXX"):  # typed one letter at a time, without waiting
        position = types.Position(line=line, character=at + offset)
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2 + offset),
                content_changes=[types.TextDocumentContentChangePartial(range=types.Range(start=position, end=position), text=letter)],
            )
        )
    last = await client.next_diagnostics(uri, version=21)
    await asyncio.sleep(0.5)  # anything stale would have come by now
    assert [(p.uri, p.version) for p in client.published[seen:]] == [(uri, 21)]
    [error] = _errors(last)
    assert error.code == "quote-not-found"


async def test_closing_a_file_clears_its_diagnostics(client: RecordingClient, tmp_path: Path) -> None:
    root = copy_corpus(tmp_path)
    path = root / "scenarios" / f"{SCENARIO_2020}.toml"
    uri = open_file(client, path, _bad_quote(path.read_text(encoding="utf-8")))
    assert _errors(await client.next_diagnostics(uri))
    close_file(client, uri)
    assert (await client.next_diagnostics(uri)).diagnostics == ()


async def _still_answers(client: RecordingClient, root: Path) -> None:
    """The server is alive and checking: a bad quote in the bundled scenario is reported."""
    path = root / "scenarios" / f"{SCENARIO_2020}.toml"
    uri = open_file(client, path, _bad_quote(path.read_text(encoding="utf-8")))
    assert [d.code for d in _errors(await client.next_diagnostics(uri))] == ["quote-not-found"]


async def test_a_scenario_file_that_is_not_toml_gets_a_syntax_error(client: RecordingClient, tmp_path: Path) -> None:
    root = copy_corpus(tmp_path)
    notes = root / "scenarios" / "notes.toml"
    notes.write_text("These are my notes, not TOML at all.\n", encoding="utf-8")
    uri = open_file(client, notes)
    [error] = _errors(await client.next_diagnostics(uri))
    assert error.code == "toml-syntax"
    readme = root / "README.md"
    readme.write_text("# not a corpus file\n", encoding="utf-8")
    assert (await client.next_diagnostics(open_file(client, readme))).diagnostics == ()
    binary = root / "scenarios" / "binary.toml"
    binary.write_bytes(b"\x00\x01")
    assert (await client.next_diagnostics(open_file(client, binary, "\x00\x01"))).diagnostics != ()
    await _still_answers(client, root)


async def test_a_file_outside_any_corpus_gets_no_diagnostics(client: RecordingClient, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere" / "pyproject.toml"
    elsewhere.parent.mkdir()
    elsewhere.write_text("[project]\nname = 'x'\n", encoding="utf-8")
    assert (await client.next_diagnostics(open_file(client, elsewhere))).diagnostics == ()
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(uri="untitled:Untitled-1", language_id="toml", version=1, text="x = ")))
    await _still_answers(client, copy_corpus(tmp_path))


async def test_a_corpus_with_broken_catalogs_gets_diagnostics_and_the_server_goes_on(client: RecordingClient, tmp_path: Path) -> None:
    root = copy_corpus(tmp_path / "broken")
    (root / "scenarios" / "actors.toml").write_text("[[actors]\nid = \n", encoding="utf-8")
    (root / "seeds" / "sources.toml").write_text("not toml", encoding="utf-8")
    (root / "scenarios" / "series.toml").write_bytes(b"\xff\xfe")
    scenario = root / "scenarios" / f"{SCENARIO_2020}.toml"
    published = await client.next_diagnostics(open_file(client, scenario))
    assert [(d.range.start.line + 1, d.range.start.character + 1, d.code) for d in published.diagnostics] == [
        (d.line, d.col, d.code) for d in _validated(scenario, scenario.read_text(encoding="utf-8"))
    ]
    for name in ("scenarios/actors.toml", "seeds/sources.toml"):
        path = root / name
        [error] = _errors(await client.next_diagnostics(open_file(client, path)))
        assert error.code == "toml-syntax"
    await _still_answers(client, copy_corpus(tmp_path))


async def test_a_broken_catalog_that_is_not_open_shows_its_error_and_what_it_left_unchecked(client: RecordingClient, tmp_path: Path) -> None:
    root = copy_corpus(tmp_path)
    actors = root / "scenarios" / "actors.toml"
    good = actors.read_text(encoding="utf-8")
    actors.write_text(good.replace("[[actors]]", "[[actors]", 1), encoding="utf-8")
    scenario = root / "scenarios" / f"{SCENARIO_2020}.toml"
    uri = open_file(client, scenario)
    shown = await client.next_diagnostics(uri_of(actors))  # never opened: the scenario's check explains it
    [error] = shown.diagnostics
    [expected] = [d for d in validate_paths([scenario])[0] if d.code == "toml-syntax"]  # the same working folder
    assert (error.range.start.line + 1, error.range.start.character + 1, error.message) == (expected.line, expected.col, expected.message)
    assert error.data["folded_note"] == expected.folded_note and "could not be checked" in expected.folded_note
    actors.write_text(good, encoding="utf-8")
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    assert (await client.next_diagnostics(uri_of(actors))).diagnostics == ()


# A server whose check prints (as a stray print or a library's warning would): on stdout, the client
# would read it as a broken message.
NOISY = pytest_lsp.ClientServerConfig(
    server_command=[
        sys.executable,
        "-c",
        "import sys; from tui.corpus import editor_check as e; real = e.CorpusCheck.check\n"
        "def noisy(self, *a, **k):\n    print('a stray word', end=' ', flush=True); return real(self, *a, **k)\n"
        "e.CorpusCheck.check = noisy\nfrom tui.cli import main; sys.exit(main(['lsp']))",
    ],
    client_factory=RecordingClient,
)


@pytest_lsp.fixture(config=NOISY)
async def noisy_client(lsp_client: RecordingClient):
    await lsp_client.initialize_session(types.InitializeParams(capabilities=types.ClientCapabilities()))
    yield
    await asyncio.wait_for(lsp_client.shutdown_session(), 20)


async def test_nothing_but_the_protocol_reaches_stdout(noisy_client: RecordingClient, tmp_path: Path) -> None:
    root = copy_corpus(tmp_path)
    await _still_answers(noisy_client, root)
    await _still_answers(noisy_client, root)
    assert noisy_client.error is None
