"""Diagnostics: one problem at one place in one file, as text or JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Iterable, Literal

from .counted import counted

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Closest:
    """The passage of a document that comes closest to a quote not found in it."""

    text: str
    line: int
    col: int


@dataclass(frozen=True, slots=True)
class Diagnostic:
    path: str
    line: int
    col: int
    severity: Severity
    code: str
    message: str
    # What to write instead, when there is one thing to write (an id, a key, `"""`).
    suggestion: str | None = None
    closest: Closest | None = None
    # Lines shown under the message: a quote against its closest passage, with a caret.
    detail: tuple[str, ...] = ()
    # References elsewhere that this root cause left unchecked: "path:line:col" each.
    folded: tuple[str, ...] = ()
    folded_note: str = ""  # the line saying so, shown under the message

    def format(self) -> str:
        lines = [f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message} [{self.code}]"]
        lines += [f"    {line}" for line in self.detail]
        if self.folded_note:
            lines.append(f"    … {self.folded_note}")
        return "\n".join(lines)

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
        }
        if self.suggestion is not None:
            out["suggestion"] = self.suggestion
        if self.closest is not None:
            out["closest"] = {"text": self.closest.text, "line": self.closest.line, "col": self.closest.col}
        if self.folded:
            out["folded"] = {"count": len(self.folded), "note": self.folded_note, "refs": list(self.folded)}
        return out


def sort_key(diagnostic: Diagnostic) -> tuple[bool, str, int, int, str]:
    # A root cause (one that left references elsewhere unchecked) comes before everything else.
    return (not diagnostic.folded, diagnostic.path, diagnostic.line, diagnostic.col, diagnostic.message)


def render_text(diagnostics: Iterable[Diagnostic], scenario_files: int, where: str | None = None, catalogs: int = 0) -> str:
    """Every diagnostic, then a summary line; `where` names what was read (`./`, `the bundled corpus`).
    Scenario files and catalogs are counted apart: two files named beside '5 files' read as a miscount."""
    ordered = sorted(diagnostics, key=sort_key)
    errors = sum(d.is_error for d in ordered)
    warnings = len(ordered) - errors
    lines = [d.format() for d in ordered]
    files = counted(scenario_files, "scenario file")
    if catalogs:
        files += f", {counted(catalogs, 'catalog')}"
    counts = f"{counted(errors, 'error')}, {counted(warnings, 'warning')}"
    lines.append(f"checked {where} ({files}): {counts}" if where else f"{files} checked: {counts}")
    return "\n".join(lines)


def render_json(diagnostics: Iterable[Diagnostic]) -> str:
    return json.dumps([d.as_json() for d in sorted(diagnostics, key=sort_key)], indent=2, ensure_ascii=False)
