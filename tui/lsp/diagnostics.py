"""The validator's diagnostics as LSP diagnostics: same code, message and severity, a range over the token."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.uris import from_fs_path

from ..corpus.diagnostics import Diagnostic
from .ranges import LineIndex, token_range

SOURCE = "drawdown"
_SEVERITY = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning}


def to_lsp(diagnostics: list[Diagnostic], text: str, encoding: str) -> list[types.Diagnostic]:
    """`diagnostics` of one file whose text is `text`, in the client's position `encoding`.

    What the validator prints under a message (a quote against its closest passage, a note on the
    references a broken catalog left unchecked) travels in `data`, with the suggestion and the closest
    passage that code actions use; the references themselves are related locations.
    """
    index = LineIndex(text)
    return [_one(d, index, encoding) for d in diagnostics]


def _one(diagnostic: Diagnostic, index: LineIndex, encoding: str) -> types.Diagnostic:
    return types.Diagnostic(
        range=token_range(index, diagnostic.line, diagnostic.col, encoding),
        message=diagnostic.message,
        severity=_SEVERITY[diagnostic.severity],
        code=diagnostic.code,
        source=SOURCE,
        related_information=_related(diagnostic) or None,
        data=_data(diagnostic) or None,
    )


def _data(diagnostic: Diagnostic) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if diagnostic.suggestion is not None:
        data["suggestion"] = diagnostic.suggestion
    if diagnostic.closest is not None:
        closest = diagnostic.closest
        data["closest"] = {"text": closest.text, "line": closest.line, "col": closest.col}
    if diagnostic.detail:
        data["detail"] = list(diagnostic.detail)
    if diagnostic.folded_note:
        data["folded_note"] = diagnostic.folded_note
    return data


def _related(diagnostic: Diagnostic) -> list[types.DiagnosticRelatedInformation]:
    """Each reference left unchecked ("path:line:col", the path as validate shows it), as a location.

    Its column is left at the line's start: the referring file's text is not at hand to count its units."""
    related = []
    for ref in diagnostic.folded:
        name, line, _col = ref.rsplit(":", 2)
        path = Path(name)
        if not path.is_absolute():
            path = Path.cwd() / path
        uri = from_fs_path(str(path))
        if uri is None or not line.isdigit():
            continue
        at = types.Position(line=int(line) - 1, character=0)
        related.append(types.DiagnosticRelatedInformation(location=types.Location(uri=uri, range=types.Range(start=at, end=at)), message=diagnostic.folded_note or "not checked"))
    return related
