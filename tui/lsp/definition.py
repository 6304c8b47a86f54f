"""textDocument/definition: an id to the table that defines it (this file, actors.toml, series.toml,
sources.toml); a quote to its words in the document (every occurrence, when there are several)."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types
from pygls.uris import from_fs_path

from ..corpus.id_refs import CATALOGS, definitions, find_definition, id_at
from ..corpus.quote_at import quote_at, where_found
from ..corpus.quotes import Ambiguous, Found, NotFound, spans
from ..corpus.toml_cursor import scan
from .request_at import RequestAt, request_at, to_range
from .server import DrawdownServer, server


@server.feature(types.TEXT_DOCUMENT_DEFINITION)
def definition(ls: DrawdownServer, params: types.DefinitionParams) -> list[types.Location] | None:
    here = request_at(ls, params.text_document.uri, params.position)
    if here is not None and here.kind == "sources":
        return _document_of_entry(here)
    if here is None or here.kind != "scenario":
        return None
    quote = quote_at(here.layout, here.offset)
    if quote is not None:
        found = where_found(quote, here.context)
        if found is None:
            return None
        doc, result = found
        text = doc.text or ""
        if isinstance(result, Found):
            places = [(result.start, result.end)]
        elif isinstance(result, Ambiguous):
            places = spans(doc.normalised, quote.text or "")
        elif isinstance(result, NotFound) and result.closest:
            places = [(result.closest_start, result.closest_start + len(result.closest))]
        else:
            return None
        return [_location(doc.path, text, start, end, here.encoding) for start, end in places]
    return _id_definition(ls, here)


def _id_definition(ls: DrawdownServer, here: RequestAt) -> list[types.Location] | None:
    found = id_at(here.layout, here.offset)
    if found is None:
        return None
    kind, pair = found
    item = definitions(kind, here.layout, here.context).get(pair.string or "")
    if item is None:
        return None
    if item.local:
        target = find_definition(here.layout, str(item.table[0]), item.id)
        return [_location(here.path, here.text, target.value_start, target.value_end, here.encoding)] if target else None
    catalog = here.root / CATALOGS[kind][0]
    text = ls.drawdown.text_of(catalog)
    if text is None:
        return None
    target = find_definition(scan(text), CATALOGS[kind][1], item.id)
    return [_location(catalog, text, target.value_start, target.value_end, here.encoding)] if target else None


def _document_of_entry(here: RequestAt) -> list[types.Location] | None:
    """From a [[sources]] entry's `file` to the start of its document."""
    pair = here.layout.pair_at(here.offset)
    if pair is None or len(pair.path) != 3 or pair.path[2] != "file" or here.context is None:
        return None
    doc = next((d for d in here.context.sources.values() if d.meta.file == pair.string), None)
    if doc is None or doc.text is None:
        return None
    return [_location(doc.path, doc.text, 0, 0, here.encoding)]


def _location(path: Path, text: str, start: int, end: int, encoding: str) -> types.Location:
    return types.Location(uri=from_fs_path(str(path)) or "", range=to_range(text, start, end, encoding))
