"""The range of a diagnostic: the whole TOML token at the validator's line and column, in the client's units."""

from __future__ import annotations

import pytest
from lsprotocol import types

from tui.lsp.ranges import LineIndex, code_units, token_end, token_range

TEXT = '''[[steps]]
kind = "event"
summary = """Two
lines"""
quotes = [
  { source = "time-2020", text = "a ] quote" },
]
date = 2020-01-05
troops = 5200
'it''s' = 'literal'
bad = "never closed
'''


def _token(line: int, col: int) -> str:
    index = LineIndex(TEXT)
    start = index.offset(line, col)
    return TEXT[start : token_end(TEXT, start)]


@pytest.mark.parametrize(
    ("line", "col", "token"),
    [
        (1, 1, "[[steps]]"),  # a table header
        (2, 1, "kind"),  # a bare key
        (2, 8, '"event"'),  # a string, its quotes included
        (3, 11, '"""Two\nlines"""'),  # a multi-line string
        (5, 10, '[\n  { source = "time-2020", text = "a ] quote" },\n]'),  # an array, a bracket in a string skipped
        (6, 3, '{ source = "time-2020", text = "a ] quote" }'),  # an inline table
        (8, 8, "2020-01-05"),  # a date
        (9, 10, "5200"),  # a number
        (10, 11, "'literal'"),
        (11, 7, '"never closed'),  # unterminated: to the end of its line
    ],
)
def test_the_range_covers_the_token(line: int, col: int, token: str) -> None:
    assert _token(line, col) == token


def test_columns_are_counted_in_the_negotiated_encoding() -> None:
    text = 'name = "🙂 é" = x\n'
    index = LineIndex(text)
    start = text.index("= x") + 1
    line, col = 1, start + 1
    assert code_units("🙂 é", types.PositionEncodingKind.Utf16) == 4
    assert code_units("🙂 é", types.PositionEncodingKind.Utf8) == 7
    assert code_units("🙂 é", types.PositionEncodingKind.Utf32) == 3
    assert token_range(index, line, col, types.PositionEncodingKind.Utf16).start.character == start + 1
    assert token_range(index, line, col, types.PositionEncodingKind.Utf32).start.character == start
    assert token_range(index, line, col, types.PositionEncodingKind.Utf8).start.character == start + 4


def test_a_position_past_the_end_is_clamped_not_raised() -> None:
    index = LineIndex("a = 1\n")
    assert token_range(index, 9, 9, "utf-16") == types.Range(start=types.Position(line=1, character=0), end=types.Position(line=1, character=0))
    assert token_range(index, 1, 99, "utf-16").start == types.Position(line=0, character=5)
