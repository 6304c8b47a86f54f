"""textDocument/codeAction: fixes for the validator's quote errors, and moving a shared actor.

- `quote-not-found`: replace the quote with its closest passage;
- `quote-ambiguous`, `prefix-mismatch`, `suffix-mismatch`: the shortest prefix or suffix that singles
  out one occurrence (or none, for a quote found once);
- an actor local to one scenario that another needs (`unknown-id` there, `duplicate-id` when it defines
  it too), or the cursor on such an actor's id: move it into scenarios/actors.toml.

The edits come from tui/corpus (quote_fixes, actor_move), in code points, and are turned into ranges
of each file's text as the editor holds it.
"""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types
from pygls.uris import from_fs_path

from ..corpus.actor_move import ActorMove, move_actor
from ..corpus.id_refs import id_at
from ..corpus.quote_at import quote_at
from ..corpus.quote_fixes import Edit, Fix, closest_passage_fix, single_out_fixes
from .request_at import RequestAt, offset_at, request_at, to_range
from .server import DrawdownServer, server

_ACTOR_CODES = ("unknown-id", "duplicate-id")
_QUOTE_CODES = ("quote-not-found", "quote-ambiguous", "prefix-mismatch", "suffix-mismatch")


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
def code_action(ls: DrawdownServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
    here = request_at(ls, params.text_document.uri, params.range.start)
    if here is None or here.kind != "scenario":
        return None
    actions: list[types.CodeAction] = []
    actors: dict[str, list[types.Diagnostic]] = {}
    for diagnostic in params.context.diagnostics:
        at = offset_at(here.text, diagnostic.range.start, here.encoding)
        if diagnostic.code in _QUOTE_CODES:
            quote = quote_at(here.layout, at, keys=("text", "prefix", "suffix"))
            if quote is None:
                continue
            if diagnostic.code == "quote-not-found":
                fixes = [f for f in [closest_passage_fix(here.layout, quote, here.context)] if f is not None]
            else:
                fixes = single_out_fixes(here.layout, quote, here.context)
            actions += [_quote_action(here, params.text_document.uri, fix, diagnostic, first=n == 0) for n, fix in enumerate(fixes)]
        elif diagnostic.code in _ACTOR_CODES:
            actor = _actor_id(here, at)
            if actor is not None:
                actors.setdefault(actor, []).append(diagnostic)
    cursor = _actor_id(here, here.offset)
    if cursor is not None:
        actors.setdefault(cursor, [])
    for actor_id, diagnostics in actors.items():
        move = move_actor(here.root, actor_id, ls.drawdown.text_of, first=here.path)
        if move is not None:
            actions.append(_move_action(ls, move, diagnostics))
    return actions


def _actor_id(here: RequestAt, offset: int) -> str | None:
    found = id_at(here.layout, offset)
    return found[1].string if found is not None and found[0] == "actor" else None


def _quote_action(here: RequestAt, uri: str, fix: Fix, diagnostic: types.Diagnostic, *, first: bool) -> types.CodeAction:
    edits = [types.TextEdit(range=here.range(start, end), new_text=new) for start, end, new in fix.edits]
    return types.CodeAction(
        title=fix.title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        is_preferred=first,
        edit=types.WorkspaceEdit(changes={uri: edits}),
    )


def _move_action(ls: DrawdownServer, move: ActorMove, diagnostics: list[types.Diagnostic]) -> types.CodeAction:
    encoding = ls.position_encoding()
    changes: list[types.TextDocumentEdit | types.CreateFile] = []
    for path, edits in move.edits.items():
        uri = _uri(path)
        text = "" if move.create and path.name == "actors.toml" else ls.drawdown.text_of(path) or ""
        if move.create and path.name == "actors.toml":
            changes.append(types.CreateFile(uri=uri, options=types.CreateFileOptions(overwrite=False, ignore_if_exists=True)))
        changes.append(
            types.TextDocumentEdit(
                text_document=types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=ls.drawdown.version_of(path)),
                edits=[_text_edit(text, edit, encoding) for edit in edits],
            )
        )
    return types.CodeAction(
        title=move.title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=diagnostics or None,
        edit=types.WorkspaceEdit(document_changes=changes),
    )


def _text_edit(text: str, edit: Edit, encoding: str) -> types.TextEdit:
    start, end, new = edit
    return types.TextEdit(range=to_range(text, start, end, encoding), new_text=new)


def _uri(path: Path) -> str:
    return from_fs_path(str(path)) or ""
