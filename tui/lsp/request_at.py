"""What a request about a place in a file is about: the file, its text as the editor holds it, the
offset of the position, its corpus; and offsets of any text back to LSP ranges.

Positions come in the negotiated encoding (UTF-16 code units unless agreed otherwise): a character
outside the BMP counts as two of them, so it is counted back to one code point here. Lines are split
at "\\n" only, as LSP and the validator do (not at the other breaks str.splitlines knows).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lsprotocol import types

from ..corpus.completions import FileKind, file_kind
from ..corpus.load import Context
from ..corpus.toml_cursor import Layout, scan
from .ranges import LineIndex, code_units

if TYPE_CHECKING:
    from .server import DrawdownServer


@dataclass
class RequestAt:
    path: Path
    root: Path
    text: str
    offset: int
    encoding: str
    context: Context | None
    _layout: Layout | None = None

    @property
    def layout(self) -> Layout:
        if self._layout is None:
            self._layout = layout_of(self.path, self.text)
        return self._layout

    @property
    def kind(self) -> FileKind:
        return file_kind(self.path)

    def range(self, start: int, end: int) -> types.Range:
        return to_range(self.text, start, end, self.encoding)


def request_at(ls: DrawdownServer, uri: str, position: types.Position) -> RequestAt | None:
    """None for what is not a file of a corpus (another scheme, a file outside any corpus, a .txt)."""
    from .server import path_of

    path = path_of(uri)
    if path is None:
        return None
    root = ls.drawdown.root_for(path)
    text = ls.drawdown.text_of(path)
    if root is None or text is None:
        return None
    encoding = ls.position_encoding()
    return RequestAt(path, root, text, offset_at(text, position, encoding), encoding, ls.drawdown.context_for(path))


_LAYOUTS: dict[Path, Layout] = {}  # the last layout of each file: an editor asks several things of one version


def layout_of(path: Path, text: str) -> Layout:
    held = _LAYOUTS.get(path)
    if held is None or held.text != text:
        if len(_LAYOUTS) > 64:
            _LAYOUTS.clear()
        held = _LAYOUTS[path] = scan(text)
    return held


def offset_at(text: str, position: types.Position, encoding: str) -> int:
    """The code point offset of an LSP position (clamped to its line, as LSP asks)."""
    index = LineIndex(text)
    if position.line >= len(index.starts):
        return len(text)
    start = index.starts[position.line]
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    units = 0
    at = start
    while at < end and units < position.character:
        units += code_units(text[at], encoding)
        at += 1
    return at


def to_range(text: str, start: int, end: int, encoding: str) -> types.Range:
    index = LineIndex(text)
    return types.Range(start=index.position(start, encoding), end=index.position(end, encoding))
