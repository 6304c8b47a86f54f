"""`drawdown lsp` end to end over stdio: completion, hover, go to definition and code actions, as an
editor asks for them; each code action applied gives a corpus `drawdown validate` accepts."""

from __future__ import annotations

from pathlib import Path

import pytest_lsp
from lsprotocol import types
from lsp_support import SCENARIO_2020, SERVER, RecordingClient, copy_corpus, open_file, replace_all, uri_of

from tui.corpus.quote_fixes import apply
from tui.corpus.validate import validate_paths
from tui.lsp.request_at import offset_at


@pytest_lsp.fixture(config=SERVER)
async def client(lsp_client: RecordingClient):
    await lsp_client.initialize_session(types.InitializeParams(capabilities=types.ClientCapabilities()))
    yield
    await lsp_client.shutdown_session()


def _position(text: str, offset: int) -> types.Position:
    """The UTF-16 position of a code point offset (as an editor counts)."""
    line = text.count("\n", 0, offset)
    start = text.rfind("\n", 0, offset) + 1
    return types.Position(line=line, character=len(text[start:offset].encode("utf-16-le")) // 2)


def _scenario(root: Path) -> Path:
    return root / "scenarios" / f"{SCENARIO_2020}.toml"


def _errors(root: Path) -> list[str]:
    return [d.format() for d in validate_paths([root])[0] if d.is_error]


def _apply_workspace_edit(edit: types.WorkspaceEdit, client_texts: dict[str, str]) -> dict[str, str]:
    """Apply `edit` as an editor does, to the texts by URI (a created file starts empty)."""
    texts = dict(client_texts)
    changes: list[tuple[str, list[types.TextEdit]]] = list((edit.changes or {}).items())
    for change in edit.document_changes or []:
        if isinstance(change, types.CreateFile):
            texts.setdefault(change.uri, "")
        else:
            changes.append((change.text_document.uri, list(change.edits)))  # type: ignore[union-attr]
    for uri, edits in changes:
        text = texts[uri]
        as_offsets = [(offset_at(text, e.range.start, "utf-16"), offset_at(text, e.range.end, "utf-16"), e.new_text) for e in edits]
        texts[uri] = apply(text, as_offsets)
    return texts


def _write(texts: dict[str, str], root: Path) -> None:
    for path in [*root.glob("scenarios/*.toml"), *root.glob("seeds/*.toml")]:
        if uri_of(path) in texts:
            path.write_text(texts[uri_of(path)], encoding="utf-8")


async def _complete(client: RecordingClient, uri: str, text: str, offset: int) -> list[types.CompletionItem]:
    result = await client.text_document_completion_async(types.CompletionParams(text_document=types.TextDocumentIdentifier(uri=uri), position=_position(text, offset)))
    assert isinstance(result, types.CompletionList)
    return result.items


async def _complete_after(client: RecordingClient, tmp_path: Path, tail: str) -> tuple[str, str, list[types.CompletionItem]]:
    """Open a copy of the 2020 scenario with `tail` typed at its end; the completions there."""
    path = _scenario(copy_corpus(tmp_path))
    text = path.read_text(encoding="utf-8") + tail
    uri = open_file(client, path, text)
    return uri, text, await _complete(client, uri, text, len(text))


async def test_completion_offers_actors_in_scope_choices_and_missing_keys_while_the_line_is_half_written(client: RecordingClient, tmp_path: Path) -> None:
    # Not valid TOML: the string is not closed.
    uri, text, items = await _complete_after(client, tmp_path, '\n[[steps]]\nkind = "pressure"\nsummary = "x"\n  actor   =  "mah')
    by_label = {item.label: item for item in items}
    assert "mahdi" in by_label and "al-sadr" in by_label  # its own local actor and a shared one
    assert "maliki" not in by_label  # local to the 2011 scenario: not in scope here
    mahdi = by_label["mahdi"]
    assert mahdi.detail == "Adel Abdul Mahdi"
    assert isinstance(mahdi.text_edit, types.TextEdit) and mahdi.text_edit.new_text == "mahdi"
    end = _position(text, len(text))
    assert mahdi.text_edit.range == types.Range(start=types.Position(line=end.line, character=end.character - 3), end=end)

    stance = text.replace('  actor   =  "mah', "stance = ")
    replace_all(client, uri, stance, 2)
    choices = [item.text_edit.new_text for item in await _complete(client, uri, stance, len(stance)) if isinstance(item.text_edit, types.TextEdit)]
    assert choices == ['"public"', '"private"', '"reported"']

    keys = text.replace('  actor   =  "mah', "to")
    replace_all(client, uri, keys, 3)
    labels = [item.label for item in await _complete(client, uri, keys, len(keys))]
    assert "toward" in labels and "actor" in labels
    assert "kind" not in labels and "summary" not in labels  # already there
    assert "status" not in labels and "enacts" not in labels  # refused on a pressure


async def test_completion_ranges_count_utf16_units_after_a_character_outside_the_bmp(client: RecordingClient, tmp_path: Path) -> None:
    tail = '\n[[steps]]\nkind = "event"\nsummary = "x"\nquotes = [{ source = "time-2020", text = "\U0001d400", prefix = "x" }, { source = "ti'
    _, text, items = await _complete_after(client, tmp_path, tail)
    [time] = [item for item in items if item.label == "time-2020"]
    assert isinstance(time.text_edit, types.TextEdit)
    end = _position(text, len(text))
    assert time.text_edit.range == types.Range(start=types.Position(line=end.line, character=end.character - 2), end=end)
    assert time.detail and time.detail.startswith("Despite U.S.-Iraq Feud")


async def _hover(client: RecordingClient, uri: str, text: str, offset: int) -> types.Hover | None:
    return await client.text_document_hover_async(types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=_position(text, offset)))


async def test_hover_on_a_quote_shows_its_passage_with_the_words_in_bold_and_the_citation(client: RecordingClient, tmp_path: Path) -> None:
    root = copy_corpus(tmp_path)
    path = _scenario(root)
    text = path.read_text(encoding="utf-8")
    uri = open_file(client, path, text)
    hover = await _hover(client, uri, text, text.index("troops are not leaving") + 5)
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    value = hover.contents.value
    assert hover.contents.kind == types.MarkupKind.Markdown
    assert "told reporters the letter was a draft sent in error, and that **troops are not leaving**." in value
    assert "*Despite U.S.-Iraq Feud, Iraqi Prime Minister Privately Mulls Delay of U.S. Troop Departure*" in value
    assert "outlet: TIME" in value and "published: 2020-01-07 (inferred" in value


async def test_hover_on_an_actor_id_shows_its_definition(client: RecordingClient, tmp_path: Path) -> None:
    root = copy_corpus(tmp_path)
    path = _scenario(root)
    text = path.read_text(encoding="utf-8")
    uri = open_file(client, path, text)
    hover = await _hover(client, uri, text, text.index('actor = "soleimani"') + 12)
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert hover.contents.value.startswith("**Qasem Soleimani**")
    assert "defined in scenarios/actors.toml" in hover.contents.value
    assert "side: " in hover.contents.value
    key = await _hover(client, uri, text, text.index("\nstance = ") + 2)
    assert key is not None and isinstance(key.contents, types.MarkupContent)
    assert key.contents.value.startswith("**stance** (optional)")


async def _definition(client: RecordingClient, uri: str, text: str, offset: int) -> list[types.Location]:
    result = await client.text_document_definition_async(types.DefinitionParams(text_document=types.TextDocumentIdentifier(uri=uri), position=_position(text, offset)))
    assert result is None or isinstance(result, list)
    return result or []  # type: ignore[return-value]


async def test_definition_of_an_actor_is_its_id_in_actors_toml(client: RecordingClient, tmp_path: Path) -> None:
    root = copy_corpus(tmp_path)
    path = _scenario(root)
    text = path.read_text(encoding="utf-8")
    uri = open_file(client, path, text)
    [location] = await _definition(client, uri, text, text.index('actor = "soleimani"') + 12)
    actors = root / "scenarios" / "actors.toml"
    assert location.uri == uri_of(actors)
    catalog = actors.read_text(encoding="utf-8")
    at = catalog.index('id = "soleimani"') + 5
    assert location.range == types.Range(start=_position(catalog, at), end=_position(catalog, at + len('"soleimani"')))
    [local] = await _definition(client, uri, text, text.index('actor = "mahdi"') + 10)
    assert local.uri == uri and local.range.start == _position(text, text.index('id = "mahdi"') + 5)
    [option] = await _definition(client, uri, text, text.index('toward = "keep-troops"') + 12)
    assert option.uri == uri and option.range.start == _position(text, text.index('id = "keep-troops"') + 5)
    [source] = await _definition(client, uri, text, text.index('source = "time-2020"') + 12)
    sources = (root / "seeds" / "sources.toml").read_text(encoding="utf-8")
    assert source.uri == uri_of(root / "seeds" / "sources.toml")
    assert source.range.start == _position(sources, sources.index('id = "time-2020"') + 5)
    [series] = await _definition(client, uri, text, text.index('series = "us-troops-iraq"') + 12)
    catalog = (root / "scenarios" / "series.toml").read_text(encoding="utf-8")
    assert series.uri == uri_of(root / "scenarios" / "series.toml")
    assert series.range.start == _position(catalog, catalog.index('id = "us-troops-iraq"') + 5)


async def test_definition_of_a_quote_is_its_words_in_the_document(client: RecordingClient, tmp_path: Path) -> None:
    root = copy_corpus(tmp_path)
    seeds = root / "seeds" / "2020-time-mahdi-delay.txt"
    document = seeds.read_text(encoding="utf-8")
    # A character outside the BMP before the words, on their line: the column counts it as two units.
    document = document.replace("and that troops are not leaving", "and that \U0001f600 troops are not leaving")
    seeds.write_text(document, encoding="utf-8")
    (root / "seeds" / "sources.toml").write_text((root / "seeds" / "sources.toml").read_text(encoding="utf-8").replace('sha256 = "07bc0cdeaf8faf2dfc3f19006a6e93bffe788f909045e4abbf8d31be4f39ac96"\n', ""), encoding="utf-8")
    path = _scenario(root)
    text = path.read_text(encoding="utf-8")
    uri = open_file(client, path, text)
    [location] = await _definition(client, uri, text, text.index("troops are not leaving") + 1)
    assert location.uri == uri_of(seeds)
    start = document.index("troops are not leaving")
    assert location.range == types.Range(start=_position(document, start), end=_position(document, start + len("troops are not leaving")))
    assert location.range.start.character == len(document[document.rfind("\n", 0, start) + 1 : start]) + 1


async def test_definition_of_a_sources_file_is_its_document(client: RecordingClient, tmp_path: Path) -> None:
    root = copy_corpus(tmp_path)
    path = root / "seeds" / "sources.toml"
    text = path.read_text(encoding="utf-8")
    uri = open_file(client, path, text)
    [location] = await _definition(client, uri, text, text.index('file = "2020-time-mahdi-delay.txt"') + 10)
    assert location.uri == uri_of(root / "seeds" / "2020-time-mahdi-delay.txt")
    assert location.range.start == types.Position(line=0, character=0)


async def _actions(client: RecordingClient, uri: str, text: str, offset: int, diagnostics: list[types.Diagnostic]) -> list[types.CodeAction]:
    at = _position(text, offset)
    result = await client.text_document_code_action_async(
        types.CodeActionParams(text_document=types.TextDocumentIdentifier(uri=uri), range=types.Range(start=at, end=at), context=types.CodeActionContext(diagnostics=diagnostics))
    )
    assert result is not None
    return [a for a in result if isinstance(a, types.CodeAction)]


QUOTE = 'text = "troops are not leaving"'


async def _quote_fixes(client: RecordingClient, root: Path, written: str, code: str, at: str) -> tuple[str, str, list[types.CodeAction]]:
    """Open the 2020 scenario with its quote of "troops are not leaving" written as `written`; the code
    actions for the diagnostic of `code` it gets, asked with the cursor at `at`."""
    path = _scenario(root)
    text = path.read_text(encoding="utf-8").replace(QUOTE, written)
    uri = open_file(client, path, text)
    published = await client.next_diagnostics(uri)
    [diagnostic] = [d for d in published.diagnostics if d.code == code]
    return uri, text, await _actions(client, uri, text, text.index(at), [diagnostic])


def _applied_validates(root: Path, action: types.CodeAction, uri: str, text: str) -> str:
    """Apply the action's edit to the open file, save it, and check the corpus validates; the new text."""
    assert action.edit is not None
    fixed = _apply_workspace_edit(action.edit, {uri: text})
    _write(fixed, root)
    assert _errors(root) == [], action.title
    return fixed[uri]


async def test_the_closest_passage_replaces_a_quote_not_found_and_validates(client: RecordingClient, tmp_path: Path) -> None:
    root = copy_corpus(tmp_path)
    uri, text, [action] = await _quote_fixes(client, root, 'text = "the troops are not leavng"', "quote-not-found", "leavng")
    assert action.title.startswith("Replace with the closest passage")
    assert "troops are not leaving" in _applied_validates(root, action, uri, text)


async def test_a_prefix_or_suffix_singles_out_an_ambiguous_quote_and_validates(client: RecordingClient, tmp_path: Path) -> None:
    root = copy_corpus(tmp_path)
    uri, text, actions = await _quote_fixes(client, root, 'text = "U.S. troops"', "quote-ambiguous", "U.S. troops")
    assert len(actions) >= 2
    assert all(a.title.startswith("Add ") for a in actions)
    for action in actions:
        assert 'text = "U.S. troops", ' in _applied_validates(root, action, uri, text)


async def test_a_prefix_that_does_not_match_is_removed_and_validates(client: RecordingClient, tmp_path: Path) -> None:
    root = copy_corpus(tmp_path)
    uri, text, [action] = await _quote_fixes(client, root, QUOTE + ', prefix = "and so"', "prefix-mismatch", '"and so"')
    assert action.title == "Remove the prefix: the quote is found once, on line 21"
    assert QUOTE + " }" in _applied_validates(root, action, uri, text)


async def test_a_local_actor_another_scenario_needs_moves_into_actors_toml_and_validates(client: RecordingClient, tmp_path: Path) -> None:
    root = copy_corpus(tmp_path)
    other = root / "scenarios" / "2021-combat-mission-end.toml"
    other_text = other.read_text(encoding="utf-8")
    start = other_text.index('actor = "', other_text.index("[[steps]]"))
    other_text = other_text[:start] + 'actor = "mahdi"' + other_text[other_text.index("\n", start) :]
    other_uri = open_file(client, other, other_text)
    published = await client.next_diagnostics(other_uri)
    [diagnostic] = [d for d in published.diagnostics if d.code == "unknown-id"]
    [action] = await _actions(client, other_uri, other_text, other_text.index('"mahdi"'), [diagnostic])
    assert action.title.startswith("Move actor 'mahdi' into scenarios/actors.toml")
    # The same move is offered on the actor's own id in the scenario that defines it.
    path = _scenario(root)
    text = path.read_text(encoding="utf-8")
    uri = open_file(client, path, text)
    [on_id] = [a for a in await _actions(client, uri, text, text.index('id = "mahdi"') + 6, []) if a.title.startswith("Move")]
    assert on_id.edit is not None and action.edit is not None
    actors = root / "scenarios" / "actors.toml"
    texts = {other_uri: other_text, uri: text, uri_of(actors): actors.read_text(encoding="utf-8")}
    fixed = _apply_workspace_edit(action.edit, texts)
    assert 'id = "mahdi"' not in fixed[uri] and 'id = "mahdi"' in fixed[uri_of(actors)]
    _write(fixed, root)
    assert _errors(root) == []


async def test_requests_on_a_file_that_is_not_toml_or_outside_a_corpus_answer_empty(client: RecordingClient, tmp_path: Path) -> None:
    root = copy_corpus(tmp_path)
    broken = root / "scenarios" / "broken.toml"
    garbage = '[[steps\nkind = "pre\n{ = = ]] "\'\'\' \x00 [\n actor = "'
    broken.write_text(garbage, encoding="utf-8")
    outside = tmp_path / "elsewhere" / "notes.toml"
    outside.parent.mkdir()
    outside.write_text('actor = "mahdi"\n', encoding="utf-8")
    for path, text in ((broken, garbage), (outside, outside.read_text(encoding="utf-8"))):
        uri = open_file(client, path, text)
        for offset in range(0, len(text) + 1, 3):
            ident = types.TextDocumentIdentifier(uri=uri)
            at = _position(text, offset)
            completion = await client.text_document_completion_async(types.CompletionParams(text_document=ident, position=at))
            hover = await client.text_document_hover_async(types.HoverParams(text_document=ident, position=at))
            definition = await client.text_document_definition_async(types.DefinitionParams(text_document=ident, position=at))
            actions = await client.text_document_code_action_async(
                types.CodeActionParams(text_document=ident, range=types.Range(start=at, end=at), context=types.CodeActionContext(diagnostics=[]))
            )
            if path == outside:
                assert (completion, hover, definition, actions) == (None, None, None, None)
            else:
                assert definition is None and not actions
                assert hover is None or isinstance(hover.contents, types.MarkupContent)  # a key's own description
    # Still serving.
    path = _scenario(root)
    text = path.read_text(encoding="utf-8")
    uri = open_file(client, path, text)
    assert await _hover(client, uri, text, text.index('actor = "soleimani"') + 12) is not None


async def test_a_position_after_a_character_outside_the_bmp_is_read_in_utf16_units(client: RecordingClient, tmp_path: Path) -> None:
    root = copy_corpus(tmp_path)
    path = _scenario(root)
    quote = '{ source = "time-2020", text = "troops are not leaving" }'
    text = path.read_text(encoding="utf-8").replace(quote, '{ source = "time-2020", text = "\U0001f642" }, ' + quote)
    uri = open_file(client, path, text)
    opening = text.index('"troops are not leaving"')
    # The space before the quote's opening mark is on nothing; one unit later is the quote.
    assert await _hover(client, uri, text, opening - 1) is None
    assert await _hover(client, uri, text, opening) is not None


async def test_requests_survive_broken_catalogs(client: RecordingClient, tmp_path: Path) -> None:
    root = copy_corpus(tmp_path)
    for name in ("scenarios/actors.toml", "seeds/sources.toml"):
        (root / name).write_text("[[actors]\nid = ", encoding="utf-8")
    path = _scenario(root)
    text = path.read_text(encoding="utf-8") + '\n[[steps]]\nkind = "pressure"\nactor = "'
    uri = open_file(client, path, text)
    labels = [item.label for item in await _complete(client, uri, text, len(text))]
    assert "mahdi" in labels and "al-sadr" not in labels  # its own actors still; the broken catalog's are not known
    at = text.index("troops are not leaving")
    hover = await _hover(client, uri, text, at)
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert hover.contents.value.startswith("Source 'time-2020' is not known: ") and "sources.toml is broken" in hover.contents.value
    assert await _definition(client, uri, text, text.index('actor = "soleimani"') + 12) == []
    assert await _actions(client, uri, text, at, []) == []

