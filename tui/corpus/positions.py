"""Map TOML key paths to line and column, for diagnostics.

tomli returns plain dicts with no positions, so this is a small, forgiving scanner
of its own. It is built only when a file has something to report: a clean file
never pays for it. It never raises; what it cannot read it leaves out, and a
lookup then falls back to the nearest enclosing key it did see.
"""

from __future__ import annotations

import bisect
import re
from typing import Union

PathPart = Union[str, int]
KeyPath = tuple[PathPart, ...]

# Regular expressions, not loops over characters: the scanner reads every character of a file.
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]*")
_BLANK = re.compile(r"(?:[ \t]|#[^\n]*)*")  # spaces and a comment, up to the line's end
_BLANK_LINES = re.compile(r"(?:[ \t\r\n]|#[^\n]*)*")
_MAX_DEPTH = 64
# The rest of a one-line string after its opening quote, up to (not including) its closing quote or line end:
# in a basic string a backslash takes the character after it, whatever it is.
_BASIC_REST = re.compile(r'(?:[^"\\\n]|\\[\s\S]?)*')
_LITERAL_REST = re.compile(r"[^'\n]*")


class _Scanner:
    def __init__(self, text: str) -> None:
        self.s = text
        self.i = 0
        self.keys: dict[KeyPath, int] = {}
        self.values: dict[KeyPath, int] = {}
        self.array_tables: dict[KeyPath, int] = {}  # header path -> last index

    # -- low-level ------------------------------------------------------------
    def peek(self, n: int = 1) -> str:
        return self.s[self.i : self.i + n]

    def skip_blank(self, newlines: bool) -> None:
        self.i = (_BLANK_LINES if newlines else _BLANK).match(self.s, self.i).end()  # type: ignore[union-attr]

    def skip_line(self) -> None:
        j = self.s.find("\n", self.i)
        self.i = len(self.s) if j < 0 else j + 1

    def read_string(self) -> str:
        s = self.s
        for delim in ('"""', "'''"):
            if s.startswith(delim, self.i):
                j = s.find(delim, self.i + 3)
                if delim == '"""':
                    while j > 0 and _escaped(s, j):
                        j = s.find(delim, j + 1)
                end = len(s) if j < 0 else j + 3
                while end < len(s) and s[end] == delim[0]:  # up to two quotes may close the content
                    end += 1
                value = s[self.i + 3 : max(end - 3, self.i + 3)]
                self.i = end
                return value
        quote = s[self.i]
        j = self.i + 1
        out: list[str] = []
        while j < len(s) and s[j] not in "\n" + quote:
            if quote == '"' and s[j] == "\\" and j + 1 < len(s):
                out.append(s[j : j + 2])
                j += 2
                continue
            out.append(s[j])
            j += 1
        self.i = j + 1 if j < len(s) and s[j] == quote else j
        return "".join(out)

    def skip_string(self) -> None:
        """Move past a one-line string, as read_string does, without building its value (a value's
        text is never needed, only where it ends; this runs for every string of a file)."""
        s = self.s
        if s.startswith('"""', self.i) or s.startswith("'''", self.i):
            self.read_string()
            return
        pattern = _BASIC_REST if s[self.i] == '"' else _LITERAL_REST
        j = pattern.match(s, self.i + 1).end()  # type: ignore[union-attr]  (the patterns match the empty string)
        self.i = j + 1 if j < len(s) and s[j] == s[self.i] else j

    def read_key(self) -> list[tuple[str, int]]:
        parts: list[tuple[str, int]] = []
        while True:
            self.skip_blank(newlines=False)
            start = self.i
            c = self.peek()
            if c in ('"', "'"):
                parts.append((self.read_string(), start))
            else:
                j = _BARE_KEY.match(self.s, self.i).end()  # type: ignore[union-attr]
                if j == self.i:
                    return parts
                parts.append((self.s[self.i : j], start))
                self.i = j
            self.skip_blank(newlines=False)
            if self.peek() != ".":
                return parts
            self.i += 1

    # -- structure ------------------------------------------------------------
    def resolve(self, names: list[str]) -> KeyPath:
        """Turn a header's names into a path, descending into the latest element of arrays of tables."""
        path: KeyPath = ()
        for name in names:
            path = path + (name,)
            if path in self.array_tables:
                path = path + (self.array_tables[path],)
        return path

    def scan(self) -> None:
        s, n = self.s, len(self.s)
        table: KeyPath = ()
        while self.i < n:
            self.skip_blank(newlines=True)
            if self.i >= n:
                return
            start = self.i
            if s.startswith("[[", self.i):
                self.i += 2
                names = [k for k, _ in self.read_key()]
                parent = self.resolve(names[:-1]) if len(names) > 1 else ()
                base = parent + tuple(names[-1:])
                index = self.array_tables.get(base, -1) + 1
                self.array_tables[base] = index
                self.keys.setdefault(base, start)
                table = base + (index,)
                self.keys[table] = start
                self.skip_line()
            elif s[self.i] == "[":
                self.i += 1
                table = self.resolve([k for k, _ in self.read_key()])
                self.keys.setdefault(table, start)
                self.skip_line()
            else:
                before = self.i
                self.key_value(table, depth=0)
                if self.i == before:
                    self.skip_line()

    def key_value(self, table: KeyPath, depth: int) -> None:
        parts = self.read_key()
        if not parts:
            return
        path = table
        for name, pos in parts:
            path = path + (name,)
            self.keys.setdefault(path, pos)
        self.skip_blank(newlines=False)
        if self.peek() != "=":
            return
        self.i += 1
        self.value(path, depth)

    def value(self, path: KeyPath, depth: int) -> None:
        self.skip_blank(newlines=False)
        self.values[path] = self.i
        if depth > _MAX_DEPTH:
            self.i = len(self.s)
            return
        c = self.peek()
        if c in ('"', "'"):
            self.skip_string()
        elif c == "[":
            self.i += 1
            index = 0
            while self.i < len(self.s):
                self.skip_blank(newlines=True)
                c = self.peek()
                if c == "]":
                    self.i += 1
                    return
                if c == ",":
                    self.i += 1
                    index += 1
                    continue
                if not c:
                    return
                before = self.i
                self.keys.setdefault(path + (index,), self.i)
                self.value(path + (index,), depth + 1)
                if self.i == before:
                    self.i += 1
        elif c == "{":
            self.i += 1
            while self.i < len(self.s):
                self.skip_blank(newlines=False)
                c = self.peek()
                if c == "}":
                    self.i += 1
                    return
                if c == ",":
                    self.i += 1
                    continue
                if not c or c == "\n":
                    return
                before = self.i
                self.key_value(path, depth + 1)
                if self.i == before:
                    self.i += 1
        else:
            s, j = self.s, self.i
            while j < len(s) and s[j] not in ",]}\n#":
                j += 1
            self.i = j


def line_starts(text: str) -> list[int]:
    """The offset at which each line of `text` starts (line 1 at 0)."""
    starts = [0]
    at = text.find("\n")
    while at >= 0:
        starts.append(at + 1)
        at = text.find("\n", at + 1)
    return starts


def _escaped(s: str, j: int) -> bool:
    backslashes = 0
    while j - 1 - backslashes >= 0 and s[j - 1 - backslashes] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


class Positions:
    """Line and column (both 1-based, columns in characters) of keys and values in one TOML text."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._line_starts = line_starts(text)
        scanner = _Scanner(text)
        try:
            scanner.scan()
        except (IndexError, ValueError, RecursionError):
            pass  # keep what was seen; lookups fall back to enclosing keys
        self._keys = scanner.keys
        self._values = scanner.values

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def line_text(self, line: int) -> str:
        if not 1 <= line <= len(self._line_starts):
            return ""
        start = self._line_starts[line - 1]
        end = self._text.find("\n", start)
        return self._text[start : end if end >= 0 else len(self._text)].rstrip("\r")

    def find(self, path: KeyPath, *, value: bool = False) -> tuple[int, int]:
        """Position of `path` (its value if asked and known), else of its nearest enclosing key."""
        for cut in range(len(path), 0, -1):
            prefix = tuple(path[:cut])
            first, second = (self._values, self._keys) if value and cut == len(path) else (self._keys, self._values)
            if prefix in first:
                return self.line_col(first[prefix])
            if prefix in second:
                return self.line_col(second[prefix])
        return 1, 1


def offset_line_col(text: str, offset: int) -> tuple[int, int]:
    """Line and column of a character offset, without building a whole index."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1
