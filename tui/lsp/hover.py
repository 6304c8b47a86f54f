"""textDocument/hover: a quote in its passage, with the citation; an id's definition (tui/corpus/hover_text.py)."""

from __future__ import annotations

from lsprotocol import types

from ..corpus.hover_text import definition_hover, key_hover, quote_hover
from ..corpus.id_refs import definitions, id_at
from ..corpus.quote_at import quote_at
from .request_at import request_at
from .server import DrawdownServer, server


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: DrawdownServer, params: types.HoverParams) -> types.Hover | None:
    here = request_at(ls, params.text_document.uri, params.position)
    if here is None:
        return None
    layout = here.layout
    quote = quote_at(layout, here.offset) if here.kind == "scenario" else None
    if quote is not None:
        text = quote_hover(quote, here.context)
        pair = layout.pair_at(here.offset)
    else:
        found = id_at(layout, here.offset, scenario=here.kind == "scenario")
        if found is None:
            key = layout.key_at(here.offset)
            text = key_hover(here.kind, key.path) if key is not None else None
            if key is None or text is None:
                return None
            return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text), range=here.range(key.key_start, key.key_end))
        kind, pair = found
        definition = definitions(kind, layout if here.kind == "scenario" else None, here.context).get(pair.string or "")
        text = definition_hover(definition) if definition is not None else None
    if text is None or pair is None:
        return None
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text), range=here.range(pair.value_start, pair.value_end))
