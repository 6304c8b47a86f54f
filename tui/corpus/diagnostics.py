"""Diagnostics: one problem at one place in one file, as text or JSON."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Iterable, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    path: str
    line: int
    col: int
    severity: Severity
    code: str
    message: str

    def format(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message} [{self.code}]"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def sort_key(diagnostic: Diagnostic) -> tuple[str, int, int, str]:
    return (diagnostic.path, diagnostic.line, diagnostic.col, diagnostic.message)


def render_text(diagnostics: Iterable[Diagnostic], files_checked: int, where: str | None = None) -> str:
    """Every diagnostic, then a summary line; `where` names what was read (`./`, `the bundled corpus`)."""
    ordered = sorted(diagnostics, key=sort_key)
    errors = sum(d.is_error for d in ordered)
    warnings = len(ordered) - errors
    lines = [d.format() for d in ordered]
    files = f"{files_checked} file{'s' * (files_checked != 1)}"
    counts = f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
    lines.append(f"checked {where} ({files}): {counts}" if where else f"{files} checked: {counts}")
    return "\n".join(lines)


def render_json(diagnostics: Iterable[Diagnostic]) -> str:
    return json.dumps([asdict(d) for d in sorted(diagnostics, key=sort_key)], indent=2, ensure_ascii=False)
