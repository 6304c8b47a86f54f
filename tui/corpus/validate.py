"""`drawdown validate`: check paths (files or corpus directories) and gather their diagnostics.

A large corpus is checked on two processes: each scenario file stands alone, so the
files split cleanly, and the second process sends back only diagnostics and the few facts
the checks between files need.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterable, NamedTuple

from . import checks
from .bundled import bundled_root
from .diagnostics import Diagnostic, sort_key
from .forked_child import fork_child
from .load import RESERVED, Context, find_root, gc_paused, load_context, load_corpus, load_files, load_scenario
from .reading import FileReport, display_path, scenario_files
from .head_start import PARALLEL_FROM  # the explorer's threshold: below it a second process costs more than it saves
from .root_causes import RefsByRoot, fold, give_refs, take_refs

_context: Context | None = None  # the catalogs, inherited by the forked process
Checked = tuple[list[tuple[checks.ScenarioFacts, list[Diagnostic]]], RefsByRoot]


class FileCounts(NamedTuple):
    """What one run checked: the scenario files named or found, and the catalogs read to check them."""

    scenarios: int
    catalogs: int


def validate_paths(paths: Iterable[Path]) -> tuple[list[Diagnostic], FileCounts]:
    """All diagnostics for `paths` (the bundled corpus when empty), and how many files were checked."""
    paths = list(paths) or [bundled_root()]
    diagnostics: list[Diagnostic] = []
    scenarios = catalogs = 0
    whole: set[Path] = set()
    files_by_root: dict[Path | None, list[Path]] = {}
    for path in paths:
        if not path.exists():
            diagnostics.append(Diagnostic(display_path(path), 1, 1, "error", "missing-file", "no such file or directory"))
            scenarios += 1
        elif path.is_dir():
            root = find_root(path)
            if root is None:
                diagnostics.append(Diagnostic(display_path(path), 1, 1, "error", "not-a-corpus", "not a corpus directory (expected seeds/sources.toml and scenarios/)"))
            elif root not in whole:
                whole.add(root)
                found, count = _validate_corpus(root)
                diagnostics += found
                scenarios += count.scenarios
                catalogs += count.catalogs
        else:
            files_by_root.setdefault(find_root(path), []).append(path)
    for root, files in files_by_root.items():
        if root is not None and root in whole:
            continue  # already checked as part of its whole corpus
        corpus = load_files(files, records=True)
        diagnostics += corpus.diagnostics
        scenarios += len(corpus.scenarios)
        catalogs += corpus.files_checked - len(corpus.scenarios)
    return sorted(set(diagnostics), key=sort_key), FileCounts(scenarios, catalogs)


def _validate_corpus(root: Path) -> tuple[list[Diagnostic], FileCounts]:
    files = scenario_files(root / "scenarios", RESERVED)
    if len(files) < PARALLEL_FROM or (os.cpu_count() or 1) < 2 or not hasattr(os, "fork"):
        corpus = load_corpus(root, records=True)
        return corpus.diagnostics, FileCounts(len(corpus.scenarios), corpus.files_checked - len(corpus.scenarios))

    global _context
    _context = load_context(root, records=True)
    for source in _context.sources.values():
        source.normalised  # noqa: B018 - normalise once here, not once per worker
    half = len(files) // 2
    remote = _forked(files[half:])
    here, here_refs = _check_files(files[:half])
    there, there_refs = remote()
    results = here + there
    # References to broken catalogs were counted in each process: gather them before folding.
    give_refs(_context.roots, here_refs)
    give_refs(_context.roots, there_refs)
    fold(_context.roots)

    facts = [f for f, _ in results]
    diagnostics = [d for _, found in results for d in found]
    reports: dict[int, FileReport] = {}
    for index, loc, severity, code, message in checks.check_across(facts, _context, whole=True):
        # Rare: only now is this file's text needed again, to place the diagnostic (read once per file).
        if index not in reports:
            reports[index] = FileReport(facts[index].path, text=facts[index].path.read_text(encoding="utf-8"))
        reports[index].report(loc, severity, code, message)
    diagnostics += [d for report in reports.values() for d in report.diagnostics]
    diagnostics += [d for report in _context.reports for d in report.diagnostics]  # after check_across's warnings
    return diagnostics, FileCounts(len(files), len(_context.reports))


def _forked(files: list[Path]) -> Callable[[], Checked]:
    """Check `files` in a forked process (forked_child.py); the function returned waits for what it
    found. Should the child fail, its files are checked here."""
    import pickle

    def work(pipe: int) -> None:
        found = pickle.dumps(_check_files(files), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(pipe, "wb") as out:
            out.write(found)

    pid, read_end = fork_child(work)

    def result() -> Checked:
        with os.fdopen(read_end, "rb") as pipe:
            found = pipe.read()
        _, status = os.waitpid(pid, 0)
        return pickle.loads(found) if status == 0 and found else _check_files(files)

    return result


def _check_files(files: list[Path]) -> Checked:
    assert _context is not None
    out = []
    with gc_paused():
        for path in files:
            entry = load_scenario(path, _context)
            out.append((checks.ScenarioFacts.of(path, entry.scenario), entry.diagnostics))
    return out, take_refs(_context.roots)
