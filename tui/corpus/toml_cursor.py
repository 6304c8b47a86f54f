"""Where a cursor is in a TOML text that may not be valid TOML: the editor's view of a file.

An editor asks for completions while a line is half-written (`actor = "mah`, `{ source = `), so
this never parses the file. It scans it lexically, forgiving what is broken: a string that does not
end stops at the end of its line, an inline table at the end of its line, an array at the next line
that looks like a table header or a `key =`. What it records is enough to say, for any offset, which
table and key it is in (the nearest table header before it, the line's `key =`), and to find each
key's value again (hover, go to definition, code actions).

Offsets are Python string indices (code points); an editor's UTF-16 columns are converted elsewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal, Union

import tomli

from . import positions
from .positions import _BARE_KEY, _LITERAL_REST, _escaped

PathPart = Union[str, int]
KeyPath = tuple[PathPart, ...]

_BARE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_MAX_DEPTH = 64
# A line that ends an array left open: a table header, or `key =` (arrays hold no bare `=`).
_ENDS_ARRAY = re.compile(r"[ \t]*(?:\[\[?[ \t]*[A-Za-z0-9_.\-\"' ]+\]\]?[ \t]*(?:#.*)?\r?$|[A-Za-z0-9_\-]+[ \t]*=)", re.MULTILINE)
# A one-line string's content: up to its closing quote or the end of the line. Unlike the position
# scanner's, a backslash at the end of a line does not take the line break: a string being typed
# stops on its own line.
_BASIC = re.compile(r'(?:[^"\\\n]|\\[^\n])*\\?')
_KEY_SO_FAR = re.compile(r"[ \t]*([A-Za-z0-9_\-]*)")
_HEADER_SO_FAR = re.compile(r"[ \t]*(\[\[?)[ \t]*([A-Za-z0-9_.\-]*)")


@dataclass(frozen=True, slots=True)
class Pair:
    """One value: `key = value`, or an element of an array (then the key span is empty)."""

    path: KeyPath  # ("steps", 2, "quotes", 0, "text"); an array element ends with its index
    key_start: int
    key_end: int
    value_start: int
    value_end: int  # exclusive; a string that does not end runs to the end of its line
    string: str | None  # the decoded text, when the value is a string
    delimiter: str = ""  # the string's quote: '"', "'", '\"\"\"' or "'''"
    closed: bool = True
    container: bool = False  # an array or an inline table (its elements are pairs of their own)

    @property
    def content_start(self) -> int:
        return self.value_start + len(self.delimiter)

    @property
    def content_end(self) -> int:
        return self.value_end - len(self.delimiter) if self.closed and self.delimiter else self.value_end


@dataclass(frozen=True, slots=True)
class Span:
    """A table (from its header to the next), an inline table or an array."""

    path: KeyPath
    start: int
    end: int  # exclusive
    closed: bool = True
    header_end: int = 0  # tables: the end of the header's line


@dataclass
class Layout:
    text: str
    pairs: list[Pair] = field(default_factory=list)
    tables: list[Span] = field(default_factory=list)  # the root table first, then each header in order
    inline_tables: list[Span] = field(default_factory=list)
    arrays: list[Span] = field(default_factory=list)

    _by_parent: dict[KeyPath, list[Pair]] | None = field(default=None, repr=False, compare=False)

    def under(self, container: KeyPath) -> list[Pair]:
        """The values directly under a table, inline table or array, in the order written."""
        if self._by_parent is None:
            self._by_parent = {}
            for pair in self.pairs:
                self._by_parent.setdefault(pair.path[:-1], []).append(pair)
            for items in self._by_parent.values():
                items.sort(key=lambda p: p.value_start)
        return self._by_parent.get(container, [])

    def children(self, container: KeyPath) -> dict[str, Pair]:
        """The keys directly in a table or inline table, by name (the first, if one is written twice)."""
        out: dict[str, Pair] = {}
        for pair in self.under(container):
            if isinstance(pair.path[-1], str):
                out.setdefault(pair.path[-1], pair)
        return out

    def strings(self, container: KeyPath) -> dict[str, str]:
        return {key: pair.string for key, pair in self.children(container).items() if pair.string is not None}

    def elements(self, array: KeyPath) -> list[str]:
        """The strings of an array, in order."""
        return [p.string for p in self.under(array) if isinstance(p.path[-1], int) and p.string is not None]

    def table_at(self, offset: int) -> Span:
        found = self.tables[0]
        for table in self.tables[1:]:
            if table.start <= offset:
                found = table
            else:
                break
        return found

    def inline_at(self, offset: int) -> Span | None:
        """The innermost inline table the offset is inside (after its `{`, up to its `}`)."""
        inside = [s for s in self.inline_tables if s.start < offset and (offset < s.end or not s.closed and offset <= s.end)]
        return max(inside, key=lambda s: s.start, default=None)

    def pair_at(self, offset: int) -> Pair | None:
        """The innermost scalar value the offset is on (its quotes included), if any."""
        best: Pair | None = None
        for pair in self.pairs:
            if pair.value_start <= offset <= pair.value_end and (best is None or pair.value_start >= best.value_start):
                if not pair.container:
                    best = pair
        return best

    def key_at(self, offset: int) -> Pair | None:
        """The `key = value` whose key the offset is on."""
        return next((p for p in self.pairs if p.key_start <= offset < p.key_end), None)


def scan(text: str) -> Layout:
    layout = Layout(text)
    scanner = _Scanner(text, layout)
    try:
        scanner.run()
    except RecursionError:
        pass  # keep what was seen
    scanner.close_table(len(text))
    return layout


class _Scanner(positions._Scanner):
    """The validator's position scanner's reading of blanks and comments, with spans recorded and
    broken lines forgiven (that one needs only where keys start, in text that parsed)."""

    def __init__(self, text: str, layout: Layout) -> None:
        super().__init__(text)
        self.layout = layout
        self.table_path: KeyPath = ()
        self.table_start = 0
        self.header_end = 0

    def line_end(self, at: int) -> int:
        end = self.s.find("\n", at)
        return len(self.s) if end < 0 else end

    def close_table(self, end: int) -> None:
        self.layout.tables.append(Span(self.table_path, self.table_start, end, True, self.header_end))

    def run(self) -> None:
        s, n = self.s, len(self.s)
        while True:
            self.skip_blank(newlines=True)
            if self.i >= n:
                return
            if s[self.i] == "[":
                self.header()
                continue
            before = self.i
            self.key_value(self.table_path, 0)
            # What is left of the line (a comment, or what a half-written line holds) is not a key.
            self.i = max(self.i, before + 1)
            if self.i <= n and (self.i == n or s[self.i - 1] != "\n"):
                self.i = self.line_end(self.i)

    def header(self) -> None:
        start = self.i
        double = self.s.startswith("[[", self.i)
        self.i += 2 if double else 1
        names = [name for name, _, _ in self.read_key()]
        self.close_table(start)
        if double and names:
            parent = self.resolve(names[:-1])
            base = parent + (names[-1],)
            index = self.array_tables.get(base, -1) + 1
            self.array_tables[base] = index
            self.table_path = base + (index,)
        else:
            self.table_path = self.resolve(names)
        self.table_start = start
        self.i = self.line_end(self.i)
        self.header_end = self.i

    def read_key(self) -> list[tuple[str, int, int]]:
        parts: list[tuple[str, int, int]] = []
        while True:
            self.skip_blank(newlines=False)
            start = self.i
            c = self.s[self.i : self.i + 1]
            if c in ('"', "'"):
                string, _, _ = self.read_string()
                parts.append((string, start, self.i))
            else:
                j = _BARE_KEY.match(self.s, self.i).end()  # type: ignore[union-attr]
                if j == self.i:
                    return parts
                parts.append((self.s[self.i : j], start, j))
                self.i = j
            self.skip_blank(newlines=False)
            if self.s[self.i : self.i + 1] != ".":
                return parts
            self.i += 1

    def read_string(self) -> tuple[str, str, bool]:
        """(decoded text, delimiter, closed) of the string at self.i, which it moves past."""
        s, start = self.s, self.i
        for delim in ('"""', "'''"):
            if s.startswith(delim, start):
                j = s.find(delim, start + 3)
                while delim == '"""' and j > 0 and _escaped(s, j):
                    j = s.find(delim, j + 1)
                if j < 0:
                    self.i = len(s)
                    return s[start + 3 :], delim, False
                end = j + 3
                while end < len(s) and s[end] == delim[0] and end - j < 5:  # up to two quotes may close the content
                    end += 1
                self.i = end
                return _decode(s[start:end], s[start + 3 : end - 3]), delim, True
        quote = s[start]
        j = (_BASIC if quote == '"' else _LITERAL_REST).match(s, start + 1).end()  # type: ignore[union-attr]
        if j < len(s) and s[j] == quote:
            self.i = j + 1
            return _decode(s[start : j + 1], s[start + 1 : j]), quote, True
        while j > start + 1 and s[j - 1] == "\r":
            j -= 1  # a line break written \r\n is not what was typed
        self.i = j
        return s[start + 1 : j], quote, False

    def key_value(self, parent: KeyPath, depth: int) -> None:
        parts = self.read_key()
        if not parts:
            return
        path = parent + tuple(name for name, _, _ in parts)
        self.skip_blank(newlines=False)
        if self.s[self.i : self.i + 1] != "=":
            return
        self.i += 1
        self.skip_blank(newlines=False)
        self.value(path, parts[0][1], parts[-1][2], depth)

    def value(self, path: KeyPath, key_start: int, key_end: int, depth: int) -> None:
        s, start = self.s, self.i
        c = s[start : start + 1]
        layout = self.layout
        if depth > _MAX_DEPTH:
            self.i = len(s)
        elif c in ('"', "'"):
            string, delim, closed = self.read_string()
            layout.pairs.append(Pair(path, key_start, key_end, start, self.i, string, delim, closed))
        elif c == "[":
            self.array(path, depth)
            layout.pairs.append(Pair(path, key_start, key_end, start, self.i, None, container=True))
        elif c == "{":
            self.inline_table(path, depth)
            layout.pairs.append(Pair(path, key_start, key_end, start, self.i, None, container=True))
        else:
            j = start
            while j < len(s) and s[j] not in ",]}\n#":
                j += 1
            end = j
            while end > start and s[end - 1] in " \t\r":
                end -= 1
            self.i = end
            layout.pairs.append(Pair(path, key_start, key_end, start, end, None))

    def array(self, path: KeyPath, depth: int) -> None:
        s, start = self.s, self.i
        self.i += 1
        index = 0
        closed = False
        while self.i < len(s):
            at_line = self.i
            self.skip_blank(newlines=True)
            if self.i > at_line and "\n" in s[at_line : self.i]:
                line_start = s.rfind("\n", 0, self.i) + 1
                if _ENDS_ARRAY.match(s, line_start):
                    self.i = line_start - 1  # the array was left open: its end is the line before
                    break
            c = s[self.i : self.i + 1]
            if not c:
                break
            if c == "]":
                self.i += 1
                closed = True
                break
            if c == ",":
                self.i += 1
                index += 1
                continue
            before = self.i
            self.value(path + (index,), before, before, depth + 1)
            if self.i == before:
                self.i += 1
        self.layout.arrays.append(Span(path, start, max(self.i, start + 1), closed))

    def inline_table(self, path: KeyPath, depth: int) -> None:
        s, start = self.s, self.i
        self.i += 1
        closed = False
        while self.i < len(s):
            self.skip_blank(newlines=False)
            c = s[self.i : self.i + 1]
            if c == "}":
                self.i += 1
                closed = True
                break
            if not c or c in "\r\n":
                break  # an inline table ends on its line (TOML 1.0)
            if c == ",":
                self.i += 1
                continue
            before = self.i
            self.key_value(path, depth + 1)
            if self.i == before:
                self.i += 1
        self.layout.inline_tables.append(Span(path, start, self.i, closed))


def _decode(literal: str, content: str) -> str:
    """A string's value: TOML's own reading of its escapes (the content as written when it has none)."""
    if "\\" not in content or literal.startswith("'"):
        return content[1:] if content.startswith("\n") and len(literal) - len(content) == 6 else content
    try:
        return tomli.loads(f"v = {literal}")["v"]
    except tomli.TOMLDecodeError:
        return content


# -- the cursor -------------------------------------------------------------------------------

SpotKind = Literal["value", "key", "header"]


@dataclass(frozen=True, slots=True)
class Spot:
    """What the cursor is on, for completion."""

    kind: SpotKind
    # value: the key's path (an array element's ends with its index); key: the table or inline table
    # the key goes in; header: the table the cursor's line is the header of, as far as it is typed
    path: KeyPath
    prefix: str  # what is typed before the cursor
    start: int  # the range a completion replaces
    end: int
    quoted: bool = False  # a value inside its string's quotes (a completion goes in without quotes)
    brackets: str = ""  # header: "[" or "[["


def spot_at(layout: Layout, offset: int) -> Spot | None:
    text = layout.text
    offset = max(0, min(offset, len(text)))
    line_start = text.rfind("\n", 0, offset) + 1
    pair = layout.pair_at(offset)
    if pair is not None:
        spot = _value_spot(text, pair, offset)
        if spot is not None:
            return spot
    inline = layout.inline_at(offset)
    if inline is not None:
        lead = max(text.rfind("{", inline.start, offset), text.rfind(",", inline.start, offset))
        typed = _KEY_SO_FAR.fullmatch(text, lead + 1, offset)
        if typed and not _inside_string(layout, offset):
            return Spot("key", inline.path, typed.group(1), typed.start(1), _word_end(text, offset))
        array = _array_at(layout, offset, inline.start)
        return _element_spot(layout, array, offset) if array is not None else None
    array = _array_at(layout, offset, -1)
    if array is not None:
        return _element_spot(layout, array, offset)
    if _inside_string(layout, offset):
        return None
    header = _HEADER_SO_FAR.fullmatch(text, line_start, offset)
    if header:
        end = _word_end(text, offset)
        while text[end : end + 1] == "]":
            end += 1
        return Spot("header", tuple(header.group(2).split(".")) if header.group(2) else (), header.group(2), header.start(1), end, brackets=header.group(1))
    typed = _KEY_SO_FAR.fullmatch(text, line_start, offset)
    if typed:
        table = layout.table_at(offset)
        return Spot("key", table.path, typed.group(1), typed.start(1), _word_end(text, offset))
    return None


def _value_spot(text: str, pair: Pair, offset: int) -> Spot | None:
    if pair.string is not None:
        if not pair.content_start <= offset <= pair.content_end:
            return None  # outside its quote marks
        return Spot("value", pair.path, text[pair.content_start : offset], pair.content_start, pair.content_end, quoted=True)
    if offset > pair.value_end:
        return None
    return Spot("value", pair.path, text[pair.value_start : offset], pair.value_start, pair.value_end)


def _inside_string(layout: Layout, offset: int) -> bool:
    return any(p.string is not None and p.value_start < offset < p.value_end for p in layout.pairs)


def _array_at(layout: Layout, offset: int, after: int) -> Span | None:
    inside = [a for a in layout.arrays if a.start > after and a.start < offset and (offset < a.end or not a.closed and offset <= a.end)]
    return max(inside, key=lambda a: a.start, default=None)


def _element_spot(layout: Layout, array: Span, offset: int) -> Spot:
    """The cursor between elements of an array: a value that is not written yet."""
    text = layout.text
    index = text.count(",", array.start, offset)  # commas inside strings are rare in id arrays
    start = offset
    while start > array.start + 1 and text[start - 1] in _BARE:
        start -= 1
    return Spot("value", array.path + (index,), text[start:offset], start, _word_end(text, offset))


def _word_end(text: str, offset: int) -> int:
    end = offset
    while end < len(text) and text[end] in _BARE:
        end += 1
    return end
