"""Where a diagnostic sits, as an LSP range: the whole TOML token at the validator's line and column.

The validator places a diagnostic at the first character of the offending key or value; an editor
underlines a range. The range ends where that token ends: a string with its quotes (a multi-line
one included), an array or inline table to its closing bracket, a table header, a bare key, a
number or a date. Columns are counted in the code units the client and server agreed on
(UTF-16 unless negotiated otherwise), so a character outside the BMP before it does not shift it.
"""

from __future__ import annotations

import bisect

from lsprotocol import types

from ..corpus.positions import line_starts

# Where a bare token (key, number, date, boolean) ends.
_BARE_END = frozenset(" \t\r\n,]}#=[{")


class LineIndex:
    """Offsets of line starts in one text, to turn a 1-based line and column into an offset and back."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = line_starts(text)

    def offset(self, line: int, col: int) -> int:
        """The offset of a 1-based line and column (in characters), clamped to the text."""
        line = min(max(line, 1), len(self.starts))
        start = self.starts[line - 1]
        end = self.starts[line] - 1 if line < len(self.starts) else len(self.text)
        return min(start + max(col, 1) - 1, end)

    def position(self, offset: int, encoding: str) -> types.Position:
        line = bisect.bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        return types.Position(line=line, character=code_units(self.text[start:offset], encoding))


def code_units(chars: str, encoding: str) -> int:
    """How many code units `chars` are in the negotiated position encoding ("utf-8", "utf-16", "utf-32")."""
    if encoding == types.PositionEncodingKind.Utf32:
        return len(chars)
    if encoding == types.PositionEncodingKind.Utf8:
        return len(chars.encode("utf-8", errors="surrogatepass"))
    return len(chars) + sum(1 for c in chars if ord(c) > 0xFFFF)


def token_end(text: str, offset: int) -> int:
    """The offset just past the TOML token that starts at `offset` (`offset` itself when none does)."""
    if offset >= len(text):
        return offset
    for delimiter in ('"""', "'''"):
        if text.startswith(delimiter, offset):
            return _multiline_end(text, offset, delimiter)
    c = text[offset]
    if c in "\"'":
        return _string_end(text, offset)
    if c in "[{":
        return _bracket_end(text, offset)
    end = offset
    while end < len(text) and text[end] not in _BARE_END:
        end += 1
    if end == offset and text[offset] not in "\r\n":
        return offset + 1  # a lone character (a stray '=' or ','): underline it
    return end


def _string_end(text: str, offset: int) -> int:
    quote = text[offset]
    at = offset + 1
    while at < len(text) and text[at] not in "\r\n":
        if quote == '"' and text[at] == "\\":
            at += 2
            continue
        if text[at] == quote:
            return at + 1
        at += 1
    return min(at, len(text))  # unterminated: to the end of its line


def _multiline_end(text: str, offset: int, delimiter: str) -> int:
    at = offset + 3
    while True:
        found = text.find(delimiter, at)
        if found < 0:
            return len(text)
        if delimiter == '"""' and _escaped(text, found):
            at = found + 1
            continue
        end = found + 3
        while end < len(text) and end - found < 5 and text[end] == delimiter[0]:
            end += 1  # up to two quotes of the content may come before the closing three
        return end


def _escaped(text: str, at: int) -> bool:
    backslashes = 0
    while at - 1 - backslashes >= 0 and text[at - 1 - backslashes] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def _bracket_end(text: str, offset: int) -> int:
    """Past the bracket that closes the one at `offset`, skipping strings and comments; the end of the
    line when it never closes (an inline table cannot span lines, and a broken array should not paint the file)."""
    depth = 0
    at = offset
    while at < len(text):
        c = text[at]
        if text.startswith('"""', at) or text.startswith("'''", at):
            at = _multiline_end(text, at, text[at : at + 3])
            continue
        if c in "\"'":
            at = _string_end(text, at)
            continue
        if c == "#":
            newline = text.find("\n", at)
            at = len(text) if newline < 0 else newline
            continue
        if c in "[{":
            depth += 1
        elif c in "]}":
            depth -= 1
            if depth == 0:
                return at + 1
        at += 1
    newline = text.find("\n", offset)
    return len(text) if newline < 0 else newline


def token_range(index: LineIndex, line: int, col: int, encoding: str) -> types.Range:
    """The range of the token at the validator's 1-based `line`:`col`, in the client's code units."""
    start = index.offset(line, col)
    end = token_end(index.text, start)
    return types.Range(start=index.position(start, encoding), end=index.position(end, encoding))
