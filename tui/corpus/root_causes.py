"""Root causes and what they leave unchecked.

A broken catalog (a syntax error in actors.toml) or a broken entry (one [[sources]] table of the
wrong shape) would otherwise show up a second time at every reference to it, as "unknown actor"
after "unknown actor", with the cause last. Instead each reference to a broken thing is counted
under the error that broke it, and that error is listed first.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from .diagnostics import Diagnostic
from .reading import FileReport

Kind = str  # "source", "actor", "series", "option"
_PLURAL = {"source": "sources", "actor": "actors", "series": "series", "option": "options"}


@dataclass
class Root:
    """One broken catalog or entry, and the references to it seen so far."""

    report: FileReport
    diagnostic: Diagnostic
    kind: Kind
    why: str  # "scenarios/actors.toml is broken", "source 'doc' in seeds/sources.toml is broken"
    refs: list[str] = field(default_factory=list)  # "path:line:col" of each reference


Roots = dict[tuple[Kind, "str | None"], Root]  # (kind, id) for one entry, (kind, None) for a whole catalog


def add_root(roots: Roots, report: FileReport, kind: Kind, item_id: str | None, why: str, first: int = 0, cause: Diagnostic | None = None) -> None:
    """Record that `item_id` (every id of `kind` when None) is broken; its cause is `cause`, else the
    report's first error from index `first` on."""
    cause = cause or next((d for d in report.diagnostics[first:] if d.is_error), None)
    if cause is not None and (kind, item_id) not in roots:
        roots[(kind, item_id)] = Root(report, cause, kind, why)


def root_for(roots: Roots, kind: Kind, item_id: str) -> Root | None:
    return roots.get((kind, item_id)) or roots.get((kind, None))


def note_reference(root: Root, report: FileReport, loc: tuple[Any, ...]) -> None:
    line, col = report.positions.find(loc, value=True) if report.text is not None else (1, 1)
    root.refs.append(f"{report.shown}:{line}:{col}")


RefsByRoot = dict[tuple[Kind, "str | None"], list[str]]


def take_refs(roots: Roots) -> RefsByRoot:
    """The references recorded so far, cleared from the roots (what a worker process sends back)."""
    taken = {key: root.refs[:] for key, root in roots.items() if root.refs}
    for root in roots.values():
        root.refs.clear()
    return taken


def give_refs(roots: Roots, refs: RefsByRoot) -> None:
    for key, found in refs.items():
        if key in roots:
            roots[key].refs += found


def fold(roots: Roots) -> None:
    """Put each root's count of references under its error, in its report."""
    for root in roots.values():
        if not root.refs:
            continue
        # In file order, each file's as checked: the workers' chunks come in whichever order they
        # finish, and the files named first must not depend on that.
        root.refs.sort(key=lambda ref: ref.rsplit(":", 2)[0])
        files = list(dict.fromkeys(ref.rsplit(":", 2)[0] for ref in root.refs))
        where = ", ".join(files[:3]) + (f" and {len(files) - 3} more files" if len(files) > 3 else "")
        where = "this file" if files == [root.report.shown] else where
        count = len(root.refs)
        noun = "reference" if count == 1 else "references"
        note = f"{count} {noun} to {_PLURAL.get(root.kind, root.kind)} in {where} could not be checked because {root.why}"
        folded = dataclasses.replace(root.diagnostic, folded=tuple(root.refs), folded_note=note)
        diagnostics = root.report.diagnostics
        at = next((i for i, d in enumerate(diagnostics) if d is root.diagnostic or d == root.diagnostic), None)
        if at is None:
            diagnostics.append(folded)
        else:
            diagnostics[at] = folded
        root.diagnostic = folded
