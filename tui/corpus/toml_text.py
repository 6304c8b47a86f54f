"""Values written as TOML text, for what `drawdown` appends or prints for pasting."""

from __future__ import annotations

import datetime as dt

from .control_chars import BAD

# TOML basic strings allow every character but these unescaped.
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def basic_string(text: str) -> str:
    """`text` as a one-line TOML basic string that parses back to exactly `text`."""
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or BAD.match(char):
            # Controls TOML allows raw (C1, bidi) are escaped too: this text goes to a terminal.
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def value(item: str | dt.date | int) -> str:
    if isinstance(item, str):
        return basic_string(item)
    if isinstance(item, dt.date):
        return item.isoformat()
    return str(item)


def inline_table(pairs: dict[str, str | dt.date | int]) -> str:
    """`{ key = value, ... }` in the order given."""
    return "{ " + ", ".join(f"{key} = {value(item)}" for key, item in pairs.items()) + " }"
