"""textDocument/completion: ids in scope, a key's choices, the keys a table lacks (tui/corpus/completions.py)."""

from __future__ import annotations

from lsprotocol import types

from ..corpus.completions import Candidate, complete
from .request_at import RequestAt, request_at
from .server import DrawdownServer, server

_KINDS = {
    "actor": types.CompletionItemKind.Reference,
    "option": types.CompletionItemKind.Reference,
    "source": types.CompletionItemKind.Reference,
    "series": types.CompletionItemKind.Reference,
    "choice": types.CompletionItemKind.EnumMember,
    "key": types.CompletionItemKind.Property,
    "header": types.CompletionItemKind.Module,
}


@server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=['"', "[", "=", ","]))
def completion(ls: DrawdownServer, params: types.CompletionParams) -> types.CompletionList | None:
    here = request_at(ls, params.text_document.uri, params.position)
    if here is None:
        return None
    candidates = complete(here.kind, here.layout, here.offset, here.context)
    return types.CompletionList(is_incomplete=False, items=[_item(here, number, c) for number, c in enumerate(candidates)])


def _item(here: RequestAt, number: int, candidate: Candidate) -> types.CompletionItem:
    return types.CompletionItem(
        label=candidate.label,
        kind=_KINDS[candidate.kind],
        detail=candidate.detail or None,
        documentation=types.MarkupContent(kind=types.MarkupKind.PlainText, value=candidate.documentation) if candidate.documentation else None,
        text_edit=types.TextEdit(range=here.range(candidate.start, candidate.end), new_text=candidate.insert),
        filter_text=candidate.label,
        sort_text=f"{number:05d}",  # the order given: this file's own ids first, required keys as the model lists them
    )
