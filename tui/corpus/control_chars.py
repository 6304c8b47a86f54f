"""Control characters in text from files.

A terminal escape sequence in a quote could repaint or retitle the user's terminal,
and bidirectional overrides can make text read differently from what it is. Tab and
newline are ordinary text; everything else in C0, DEL, C1 and the bidi controls is
refused wherever a file carries text.
"""

from __future__ import annotations

import re
from typing import Any, Iterator, Union

BAD = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

# Cheap test on a raw TOML text: could parsing it yield a control character at all?
# True also for harmless text such as "C:\\build"; the exact walk then decides.
_ESCAPES = frozenset("bfreuUx")  # TOML escapes that can produce a control character
# The raw controls that are not ASCII, by the first byte of their UTF-8 form and the bytes after it:
# U+0080-U+009F are C2 80-9F; U+202A-U+202E are E2 80 AA-AE; U+2066-U+2069 are E2 81 A6-A9.
_C1_LEAD, _BIDI_LEAD = 0xC2, 0xE2
_BIDI = frozenset({b"\x80\xaa", b"\x80\xab", b"\x80\xac", b"\x80\xad", b"\x80\xae", b"\x81\xa6", b"\x81\xa7", b"\x81\xa8", b"\x81\xa9"})


def may_contain(raw_toml: str) -> bool:
    # Runs on every file: hop from backslash to backslash (a file has few) rather than scan with a
    # regular expression, and look for raw controls only in a text that is not plain ASCII.
    at = raw_toml.find("\\")
    while at >= 0:
        if raw_toml[at + 1 : at + 2] in _ESCAPES:
            return True
        at = raw_toml.find("\\", at + 2)  # "\\\\" is an escaped backslash: skip both
    return not raw_toml.isascii() and _has_raw_control(raw_toml)


def _has_raw_control(text: str) -> bool:
    """Whether `text` holds DEL, a C1 control or a bidi control, as written (not escaped).

    A regular expression's character class tests every character of the text: a tenth of what
    parsing a scenario file costs. In UTF-8 these controls start with one of three bytes, which
    `bytes.find` hops between, and a file has few of those (E2 starts curly quotes and dashes).
    """
    raw = text.encode("utf-8", "surrogatepass")  # an editor's unsaved text may hold a lone surrogate
    if b"\x7f" in raw:
        return True
    at = raw.find(_C1_LEAD)
    while at >= 0:
        if 0x80 <= raw[at + 1] <= 0x9F:
            return True
        at = raw.find(_C1_LEAD, at + 2)
    at = raw.find(_BIDI_LEAD)
    while at >= 0:
        if raw[at + 1 : at + 3] in _BIDI:
            return True
        at = raw.find(_BIDI_LEAD, at + 3)
    return False


def describe(text: str) -> str | None:
    """A message naming the first control character in `text`, or None."""
    match = BAD.search(text)
    if match is None:
        return None
    return f"control character U+{ord(match.group()):04X} in text"


PathPart = Union[str, int]


def find_in(data: Any, path: tuple[PathPart, ...] = ()) -> Iterator[tuple[tuple[PathPart, ...], str]]:
    """Yield (key path, message) for each string value or key in parsed TOML that holds a control character."""
    if isinstance(data, str):
        message = describe(data)
        if message:
            yield path, message
    elif isinstance(data, dict):
        for key, value in data.items():
            message = describe(key)
            if message:
                yield path + (key,), message.replace("in text", "in a key")
            yield from find_in(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from find_in(value, path + (index,))


def visible(text: str) -> str:
    """Text with each control character replaced by its visible Unicode picture (for display only)."""
    return BAD.sub(_picture, text)


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"
