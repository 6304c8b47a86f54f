"""Read one TOML file into data, turning every way it can fail into diagnostics.

Only a regular file is read, and no more of it than the limit; encoding is checked
before parsing, and positions are computed only when there is something to report.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from difflib import get_close_matches
from pathlib import Path
from typing import TYPE_CHECKING, Any

import tomli

from . import control_chars
from .diagnostics import Diagnostic, Severity
from .layout import scenario_files  # noqa: F401  (where the loaders have always found it)
from .positions import KeyPath, Positions, offset_line_col
from .regular_file import ReadRefused, read_regular, refuse_larger

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError

MIB = 1024 * 1024


def display_path(path: Path) -> str:
    """The path as a user would type it: relative to the working directory when it is below it.

    A symbolic link is named where it is (a link in the corpus to /dev/zero is scenarios/zero.toml,
    as its neighbours are), and a path through a linked folder as the folder's real place."""
    try:
        here = Path.cwd()
        for place, base in ((Path(os.path.abspath(path)), Path(os.path.abspath(here))), (path.resolve(), here.resolve())):
            if place.is_relative_to(base):
                return str(place.relative_to(base))
    except OSError:
        pass
    return str(path)


@dataclass
class FileReport:
    """The diagnostics of one file, placed by key path."""

    path: Path
    text: str | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    _positions: Positions | None = None
    _shown: str | None = None
    _left_out: int | None = field(default=None, compare=False)  # the read limit, when left out clean (leave_out_clean_text)

    @property
    def shown(self) -> str:
        if self._shown is None:
            self._shown = display_path(self.path)
        return self._shown

    @property
    def positions(self) -> Positions:
        if self._positions is None:
            self._positions = Positions(self.text or "")
        return self._positions

    @property
    def has_errors(self) -> bool:
        return any(d.is_error for d in self.diagnostics)

    def drop_text_if_clean(self) -> None:
        """Forget the file's text when it has nothing to report: it is kept only to place diagnostics
        and show their lines, and a corpus of 3,000 files would hold about 110 MB of it."""
        if not self.diagnostics:
            self.text = None
            self._positions = None

    def leave_out_clean_text(self, limit: int) -> None:
        """Leave out the text of a file with nothing to report (read with `limit`): a worker checking it
        does not send it (half of what it sends, most of the time the explorer waits for its counts).
        Should the checks between files find something in it, it is read again (`report`), as
        `drawdown validate` does; a file changed since is placed in its new text, which the next poll
        of the files checks again."""
        if not self.diagnostics and self.text is not None:
            self._left_out = limit
        self.drop_text_if_clean()

    def at(self, line: int, col: int, severity: Severity, code: str, message: str, **extra: Any) -> Diagnostic:
        diagnostic = Diagnostic(self.shown, line, col, severity, code, message, **extra)
        if diagnostic not in self.diagnostics:
            self.diagnostics.append(diagnostic)
        return diagnostic

    def report(self, loc: KeyPath, severity: Severity, code: str, message: str, *, value: bool = True, **extra: Any) -> Diagnostic:
        """Add a diagnostic at `loc`; `extra` are Diagnostic's optional fields (suggestion, closest, detail)."""
        if self._left_out is not None:
            self.text = _text_of(self.path, FileReport(self.path), self._left_out)
            self._left_out = None
        line, col = self.positions.find(loc, value=value) if self.text is not None else (1, 1)
        return self.at(line, col, severity, code, message, **extra)

    def error(self, loc: KeyPath, code: str, message: str, *, value: bool = True, **extra: Any) -> Diagnostic:
        return self.report(loc, "error", code, message, value=value, **extra)

    def warning(self, loc: KeyPath, code: str, message: str, *, value: bool = True, **extra: Any) -> Diagnostic:
        return self.report(loc, "warning", code, message, value=value, **extra)


def read_toml(path: Path, report: FileReport, *, limit: int = MIB, text: str | None = None) -> dict[str, Any] | None:
    """Parse `path`, or record why it cannot be parsed and return None.

    `text`, when given, is the file's content as an editor holds it, unsaved: it is read instead
    of the disk, and reported exactly as the same content saved would be.
    """
    text = _text_of(path, report, limit) if text is None else _unsaved(text, report, limit)
    if text is None:
        return None
    report.text = text
    if not text or text.isspace():  # as `not text.strip()`, without copying the text
        report.at(1, 1, "error", "empty-file", "file is empty")
        return None
    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None) or 1
        col = getattr(exc, "colno", None) or 1
        message = getattr(exc, "msg", None) or str(exc)
        hint, suggestion = _syntax_hint(message, text, line)
        opened = _still_open(text, line, col)
        if opened is not None:
            # tomli stops where the unclosed value runs into the next thing; the author's mistake is where it opens.
            (open_line, open_col), what = opened
            message = f"{what} is never closed (reading stopped at line {line}, column {col}: {message})"
            line, col = open_line, open_col
        report.at(line, col, "error", "toml-syntax", f"invalid TOML: {message}{hint}", suggestion=suggestion)
        return None
    except RecursionError:
        line, col = _too_deep_at(text)
        report.at(line, col, "error", "too-deep", "arrays or tables are nested too deeply to read")
        return None
    if control_chars.may_contain(text):
        for loc, message in control_chars.find_in(data):
            report.error(loc, "control-char", message)
    return data


def _text_of(path: Path, report: FileReport, limit: int) -> str | None:
    try:
        raw = read_regular(path, limit)
    except ReadRefused as refused:
        report.at(1, 1, "error", refused.code, refused.message)
        return None
    return decode(raw, report)


def _unsaved(text: str, report: FileReport, limit: int) -> str | None:
    """An editor's text, held to the rules of a read: the size limit (in UTF-8 bytes) and no BOM."""
    try:
        refuse_larger(len(text.encode("utf-8", errors="surrogatepass")), limit)
    except ReadRefused as refused:
        report.at(1, 1, "error", refused.code, refused.message)
        return None
    return text[1:] if text.startswith("\ufeff") else text


def _syntax_hint(message: str, text: str, line: int) -> tuple[str, str | None]:
    """What to write instead, for the syntax errors an author makes most."""
    if message == "Illegal character '\\n'":
        # A line break inside a one-line string: the string's opening quote is on this line.
        row = text.split("\n", line)[line - 1] if line <= text.count("\n") + 1 else ""
        delimiter = "'''" if "'" in row and ('"' not in row or row.index("'") < row.index('"')) else '"""'
        return f"; a string in {delimiter[0]}…{delimiter[0]} must end on the line it starts: use {delimiter}…{delimiter} for text over several lines", delimiter
    return "", None


def decode(raw: bytes, report: FileReport) -> str | None:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", errors="replace")) + 1
        report.at(line, col, "error", "encoding", f"file is not valid UTF-8: byte 0x{raw[exc.start]:02x} cannot start a character")
        return None
    return text[1:] if text.startswith("\ufeff") else text


_CLOSERS = {"[": ("]", "an array"), "{": ("}", "an inline table")}


def _still_open(text: str, line: int, col: int) -> tuple[tuple[int, int], str] | None:
    """The array, inline table or multi-line string still open at `line`:`col`, when it opened on
    an earlier line: where it opens and what it is. Run on the error path only (a rough scan, not a parser)."""
    end = sum(len(row) + 1 for row in text.split("\n")[: line - 1]) + col - 1
    stack: list[tuple[int, str]] = []
    offset = 0
    at_line_start = True
    while offset < min(end, len(text)):
        c = text[offset]
        if c == "\n":
            at_line_start = True
            offset += 1
            continue
        if c in " \t\r":
            offset += 1
            continue
        if c == "#":
            offset = _line_end(text, offset)
            continue
        if at_line_start and not stack and c == "[":
            offset = _line_end(text, offset)  # a table header, not a value
            continue
        at_line_start = False
        if c in "\"'":
            quote = text[offset : offset + 3] if text.startswith(c * 3, offset) else c
            close = text.find(quote, offset + len(quote)) if len(quote) == 3 else _string_end(text, offset, c)
            if close < 0 or close >= end:
                if len(quote) == 3:
                    return _position(text, offset), "a multi-line string"
                return None  # a one-line string ends on its line: tomli already points there
            offset = close + len(quote)
            continue
        if c in _CLOSERS:
            stack.append((offset, c))
        elif stack and c == _CLOSERS[stack[-1][1]][0]:
            stack.pop()
        offset += 1
    if not stack:
        return None
    start, bracket = stack[0]
    where = _position(text, start)
    return (where, _CLOSERS[bracket][1]) if where[0] < line else None


def _line_end(text: str, offset: int) -> int:
    end = text.find("\n", offset)
    return len(text) if end < 0 else end


def _string_end(text: str, offset: int, quote: str) -> int:
    """Where a one-line string opened at `offset` closes, or -1 when it does not close on its line."""
    stop = _line_end(text, offset)
    index = offset + 1
    while index < stop:
        if text[index] == "\\" and quote == '"':
            index += 2
            continue
        if text[index] == quote:
            return index
        index += 1
    return -1


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _too_deep_at(text: str, limit: int = 100) -> tuple[int, int]:
    """Where bracket nesting first passes `limit` (strings are ignored: this is a pointer, not a parser)."""
    depth = 0
    for offset, c in enumerate(text):
        if c in "[{":
            depth += 1
            if depth > limit:
                return offset_line_col(text, offset)
        elif c in "]}":
            depth = max(0, depth - 1)
    return 1, 1


# -- pydantic errors ------------------------------------------------------------------

_TYPE_NAMES = {
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "string_type": "a string",
    "date_type": "a TOML date such as 2020-01-05 (unquoted)",
    "date_parsing": "a TOML date such as 2020-01-05 (unquoted)",
    "list_type": "an array",
    "dict_type": "a table",
    "model_type": "a table",
    "model_attributes_type": "a table",
    "bool_type": "true or false",
}
_RANGE_FIELDS = {"troops", "value"}


def validate_model(model: type[BaseModel], data: Any, report: FileReport, prefix: KeyPath = ()) -> Any | None:
    # Imported here so that a first look at a corpus (first_look.py) reads TOML without pydantic.
    from pydantic import ValidationError

    from .model import share_fields_sets

    try:
        parsed = model.model_validate(data)
    except ValidationError as exc:
        add_validation_errors(exc, report, prefix)
        return None
    share_fields_sets(parsed)
    return parsed


def add_validation_errors(exc: ValidationError, report: FileReport, prefix: KeyPath = ()) -> None:
    described = [_describe(error, prefix) for error in exc.errors(include_url=False)]
    # "unknown key 'questio' (did you mean 'question'?)" says all that "missing key 'question'" would.
    meant = {loc[:-1] + (suggestion,) for loc, _, code, _, suggestion in described if code == "unknown-key" and suggestion}
    for loc, message, code, on_value, suggestion in described:
        if code == "missing-key" and loc in meant:
            continue
        report.error(prefix + loc, code, message, value=on_value, suggestion=suggestion)


def _describe(error: Any, prefix: KeyPath = ()) -> tuple[KeyPath, str, str, bool, str | None]:
    loc: KeyPath = tuple(error["loc"])
    kind = error["type"]
    for index, part in enumerate(loc[:-1]):
        if part in _RANGE_FIELDS and isinstance(loc[index + 1], str):
            # A union's branch names ('int', 'list[int]'...) are noise to an author.
            loc = loc[: index + 1]
            return loc, f"{key_path_name(prefix + loc)} must be a whole number or [low, high] with low <= high", "type", True, None
    if kind == "extra_forbidden":
        message, suggestion = unknown_key_message(prefix + loc)
        return loc, message, "unknown-key", False, suggestion
    if kind == "missing":
        key = str(loc[-1])
        if key.endswith("_basis"):
            # The same words as a step's date without its basis (checks.py), at the date itself.
            return loc[:-1] + (key[: -len("_basis")],), missing_basis_message(key[: -len("_basis")]), "missing-basis", False, key
        return loc, f"missing required key '{key}'" + _where(prefix + loc[:-1]), "missing-key", False, None
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        suggestion = _literal_suggestion(error)
        hint = f" (did you mean '{suggestion}'?)" if suggestion else ""
        return loc, f"{key_path_name(prefix + loc)} must be {expected}; got {_short(error.get('input'))}{hint}", "value", True, suggestion
    if kind == "string_pattern_mismatch":
        return loc, f"{key_path_name(prefix + loc)} must be a slug (lower-case letters, digits and single hyphens); got {_short(error.get('input'))}", "value", True, None
    if kind in _TYPE_NAMES:
        return loc, f"{key_path_name(prefix + loc)} must be {_TYPE_NAMES[kind]}; got {_toml_type(error.get('input'))}", "type", True, None
    return loc, f"{key_path_name(prefix + loc)}: {error['msg']}", "value", True, None


def missing_basis_message(key: str) -> str:
    return f"'{key}' needs '{key}_basis' (\"stated\" if the document prints it, else \"inferred\")"


def _literal_suggestion(error: Any) -> str | None:
    """"public" for "Public": the choice that differs only in case, else the closest one."""
    given = error.get("input")
    if not isinstance(given, str):
        return None
    choices = re.findall(r"'([^']*)'", str(error.get("ctx", {}).get("expected", "")))
    same = [choice for choice in choices if choice.casefold() == given.casefold()]
    close = same or get_close_matches(given.casefold(), choices, n=1)
    return close[0] if close else None


# Arrays of tables, named as the explorer names their items: steps are counted from 1.
_ITEM = {"steps": "step", "options": "option", "figures": "figure", "actors": "actor", "series": "series", "sources": "source", "quotes": "quote", "aliases": "alias", "tags": "tag"}


def key_path_name(loc: KeyPath) -> str:
    """('steps', 5, 'stance') -> "step 6 stance"; ('scenario', 'date') -> "scenario.date"."""
    words: list[str] = []
    keys: list[str] = []
    index = 0
    while index < len(loc):
        part = loc[index]
        following = loc[index + 1] if index + 1 < len(loc) else None
        if isinstance(part, str) and part in _ITEM and isinstance(following, int):
            if keys:
                words.append(".".join(keys))
                keys = []
            words.append(f"{_ITEM[part]} {following + 1}")
            index += 2
            continue
        if isinstance(part, int):
            keys[-1:] = [f"{keys[-1] if keys else ''}[{part}]"]
        else:
            keys.append(part)
        index += 1
    if keys:
        words.append(".".join(keys))
    return " ".join(words) or "file"


def _where(loc: KeyPath) -> str:
    return f" in {key_path_name(loc)}" if loc else ""


# -- keys in the wrong table ----------------------------------------------------------

# The table a key path ends in, by the array or table that holds it.
_TABLES = {
    "steps": ("Step", "a step ([[steps]])"),
    "options": ("Option", "an option ([[options]])"),
    "figures": ("Figure", "a figure ([[figures]])"),
    "actors": ("Actor", "an actor ([[actors]])"),
    "series": ("Series", "a series ([[series]])"),
    "sources": ("Source", "a source ([[sources]] in seeds/sources.toml)"),
    "quotes": ("Quote", "a quote"),
    "quote": ("Quote", "a quote"),
    "scenario": ("ScenarioMeta", "[scenario]"),
    "": ("ScenarioFile", "the top level of a scenario file"),
}
# A key that is right elsewhere, and what this table has instead: (table, key) -> (its key, how it is written).
_INSTEAD = {
    ("Step", "quote"): ("quotes", "`quotes = [{ source, text }]`"),
    ("Option", "quote"): ("quotes", "`quotes = [{ source, text }]`"),
    ("Figure", "quotes"): ("quote", "one `quote = { source, text }`"),
    ("Figure", "date"): ("as_of", "`as_of` (with `as_of_basis`)"),
    ("Figure", "date_basis"): ("as_of_basis", "`as_of_basis`"),
    ("Source", "date"): ("published", "`published` (with `published_basis`)"),
    ("Source", "date_basis"): ("published_basis", "`published_basis`"),
    ("ScenarioMeta", "published"): ("date", "`date` (with `date_basis`)"),
    ("Step", "option"): ("toward", "`toward` (a pressure) or `enacts` (an outcome)"),
}


def _table_of(loc: KeyPath) -> tuple[str, str]:
    containers = [part for part in loc[:-1] if isinstance(part, str)]
    return _TABLES.get(containers[-1] if containers else "", ("", "this table"))


def unknown_key_message(loc: KeyPath) -> tuple[str, str | None]:
    """Where a key that is unknown here belongs, and what this table has instead; never the key itself."""
    from . import model

    key = str(loc[-1])
    table, noun = _table_of(loc)
    models = {name: item for name, item in vars(model).items() if isinstance(item, type) and hasattr(item, "model_fields")}
    own = list(models[table].model_fields) if table in models else []
    homes = [described for _, (other, described) in _TABLES.items() if other != table and other in models and key in models[other].model_fields]
    homes = list(dict.fromkeys(homes))
    where = key_path_name(loc[:-1])
    message = f"unknown key '{key}' on {where if isinstance(loc[-2:-1] and loc[-2], int) else noun}"
    instead = _INSTEAD.get((table, key))
    if homes:
        message += f": `{key}` belongs on {' or '.join(homes)}"
    if instead is not None:
        return message + f"; {noun.split(' (')[0]} has {instead[1]}", instead[0]
    hint = [field for field in get_close_matches(key, own, n=2) if field != key]
    if hint:
        return message + f" (did you mean '{hint[0]}'?)", hint[0]
    if not homes and own:
        message += f"; its keys are {', '.join(own)}"
    return message, None


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _toml_type(value: Any) -> str:
    import datetime as dt

    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return f"the number {value}"
    if isinstance(value, float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the string {_short(value)}"
    if isinstance(value, dt.datetime):
        return "a date-time"
    if isinstance(value, dt.date):
        return "a date"
    if isinstance(value, dt.time):
        return "a time"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__
