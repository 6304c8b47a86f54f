"""Read one TOML file into data, turning every way it can fail into diagnostics.

Only a regular file is read, and no more of it than the limit; encoding is checked
before parsing, and positions are computed only when there is something to report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import get_close_matches
from pathlib import Path
from typing import TYPE_CHECKING, Any

import tomli

from . import control_chars
from .diagnostics import Diagnostic, Severity
from .layout import scenario_files  # noqa: F401  (where the loaders have always found it)
from .positions import KeyPath, Positions, offset_line_col
from .regular_file import ReadRefused, read_regular

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError

MIB = 1024 * 1024


def display_path(path: Path) -> str:
    """The path as a user would type it: relative to the working directory when it is below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


@dataclass
class FileReport:
    """The diagnostics of one file, placed by key path."""

    path: Path
    text: str | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    _positions: Positions | None = None
    _shown: str | None = None

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

    def at(self, line: int, col: int, severity: Severity, code: str, message: str) -> None:
        diagnostic = Diagnostic(self.shown, line, col, severity, code, message)
        if diagnostic not in self.diagnostics:
            self.diagnostics.append(diagnostic)

    def report(self, loc: KeyPath, severity: Severity, code: str, message: str, *, value: bool = True) -> None:
        line, col = self.positions.find(loc, value=value) if self.text is not None else (1, 1)
        self.at(line, col, severity, code, message)

    def error(self, loc: KeyPath, code: str, message: str, *, value: bool = True) -> None:
        self.report(loc, "error", code, message, value=value)

    def warning(self, loc: KeyPath, code: str, message: str, *, value: bool = True) -> None:
        self.report(loc, "warning", code, message, value=value)


def read_toml(path: Path, report: FileReport, *, limit: int = MIB) -> dict[str, Any] | None:
    """Parse `path`, or record why it cannot be parsed and return None."""
    try:
        raw = read_regular(path, limit)
    except ReadRefused as refused:
        report.at(1, 1, "error", refused.code, refused.message)
        return None
    text = decode(raw, report)
    if text is None:
        return None
    report.text = text
    if not text.strip():
        report.at(1, 1, "error", "empty-file", "file is empty")
        return None
    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None) or 1
        col = getattr(exc, "colno", None) or 1
        message = getattr(exc, "msg", None) or str(exc)
        report.at(line, col, "error", "toml-syntax", f"invalid TOML: {message}")
        return None
    except RecursionError:
        line, col = _too_deep_at(text)
        report.at(line, col, "error", "too-deep", "arrays or tables are nested too deeply to read")
        return None
    if control_chars.may_contain(text):
        for loc, message in control_chars.find_in(data):
            report.error(loc, "control-char", message)
    return data


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

    try:
        return model.model_validate(data)
    except ValidationError as exc:
        add_validation_errors(exc, report, prefix)
        return None


def add_validation_errors(exc: ValidationError, report: FileReport, prefix: KeyPath = ()) -> None:
    for error in exc.errors(include_url=False):
        loc, message, code, on_value = _describe(error)
        report.error(prefix + loc, code, message, value=on_value)


def _describe(error: Any) -> tuple[KeyPath, str, str, bool]:
    loc: KeyPath = tuple(error["loc"])
    kind = error["type"]
    for index, part in enumerate(loc[:-1]):
        if part in _RANGE_FIELDS and isinstance(loc[index + 1], str):
            # A union's branch names ('int', 'list[int]'...) are noise to an author.
            loc = loc[: index + 1]
            return loc, f"{_name(loc)} must be a whole number or [low, high] with low <= high", "type", True
    if kind == "extra_forbidden":
        key = str(loc[-1])
        hint = get_close_matches(key, _all_field_names(), n=1)
        suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
        return loc, f"unknown key '{key}'{suggestion}", "unknown-key", False
    if kind == "missing":
        return loc, f"missing required key '{loc[-1]}'" + _where(loc[:-1]), "missing-key", False
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return loc, f"{_name(loc)} must be {expected}; got {_short(error.get('input'))}", "value", True
    if kind == "string_pattern_mismatch":
        return loc, f"{_name(loc)} must be a slug (lower-case letters, digits and single hyphens); got {_short(error.get('input'))}", "value", True
    if kind in _TYPE_NAMES:
        return loc, f"{_name(loc)} must be {_TYPE_NAMES[kind]}; got {_toml_type(error.get('input'))}", "type", True
    return loc, f"{_name(loc)}: {error['msg']}", "value", True


def _name(loc: KeyPath) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "file"


def _where(loc: KeyPath) -> str:
    return f" in {_name(loc)}" if loc else ""


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


_FIELD_NAMES: list[str] = []


def _all_field_names() -> list[str]:
    if not _FIELD_NAMES:
        from pydantic import BaseModel

        from . import model

        names: set[str] = set()
        for item in vars(model).values():
            if isinstance(item, type) and issubclass(item, BaseModel):
                names.update(item.model_fields)
        _FIELD_NAMES.extend(sorted(names))
    return _FIELD_NAMES
