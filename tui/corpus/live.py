"""A corpus that follows its files on disk, keeping the last good version of each scenario.

The explorer polls `changed()` (a stat of each corpus file: cheap, no new
dependency) and calls `reload()` when it is true. A scenario file saved broken
does not take its scenario off the screen: the last version that loaded cleanly
stays viewable and its current errors are reported as `problems()` until the file
is fixed. Nothing here ever writes to a file.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .batch_load import Loaded, assembled, load_in_batches
from .diagnostics import Diagnostic, sort_key
from .fingerprint import Fingerprint, fingerprint
from .layout import CATALOGS, RESERVED, scenario_files
from .load import Corpus, ScenarioEntry, gc_paused, load_scenario
from .reading import FileReport

if TYPE_CHECKING:
    from .model import ScenarioFile



@dataclass(frozen=True, slots=True)
class ScenarioView:
    """A valid scenario together with the corpus it was loaded with (its sources and actors)."""

    entry: ScenarioEntry
    corpus: Corpus

    @property
    def id(self) -> str:
        return self.entry.id


@dataclass(frozen=True, slots=True)
class Row:
    """One scenario file as the home screen lists it."""

    path: Path
    current: ScenarioEntry  # the file as it is now
    view: ScenarioView | None  # what opening it shows: the current version, or the last good one

    @property
    def held(self) -> bool:
        """True when the file is broken now and an earlier good version is shown instead."""
        return self.view is not None and not self.current.valid


@dataclass(frozen=True, slots=True)
class CatalogRow:
    """A shared file (sources, actors or series) with errors, as the home screen lists it: first,
    since it is usually why the scenarios after it fail. It opens on its errors, as a broken scenario does."""

    report: FileReport
    view: None = None  # nothing to show but its errors
    held: bool = False

    @property
    def path(self) -> Path:
        return self.report.path

    @property
    def current(self) -> FileReport:
        return self.report


def _as_read(entry: ScenarioEntry, read: tuple[int, ScenarioFile | None]) -> ScenarioEntry:
    """A file's entry as it was read, before the checks between files added to it.

    A copy: the screens still hold the old one until the reload is taken in."""
    count, scenario = read
    return ScenarioEntry(entry.path, _as_read_report(entry.report, count), scenario)


def _as_read_report(report: FileReport, count: int) -> FileReport:
    return replace(report, diagnostics=report.diagnostics[:count])


@dataclass(frozen=True, slots=True)
class Reloaded:
    """A reload worked out (off the explorer's thread), to be taken in at once by `apply`."""

    stamp: Fingerprint
    loaded: Loaded
    reread: int  # how many files were read again


class LiveCorpus:
    def __init__(self, root: Path, loaded: Loaded | None = None, stamp: Fingerprint | None = None) -> None:
        """`loaded` and `stamp` when the caller loaded the corpus itself (in batches), the stamp taken before."""
        # Absolute, so a file is the same key however a caller spells its path.
        self.root = root.resolve()
        self._stamp = fingerprint(self.root) if stamp is None else stamp
        self._loaded = load_in_batches(self.root, parallel=False) if loaded is None else loaded
        self.corpus = self._loaded.corpus
        self._good: dict[Path, ScenarioView] = {}
        self._good_catalogs: set[Path] = set()
        self._remember()

    @property
    def stamp(self) -> Fingerprint:
        return self._stamp

    def changed(self) -> bool:
        """Whether any corpus file was added, removed or modified since the last load."""
        return fingerprint(self.root) != self._stamp

    def reload(self) -> None:
        self.apply(self.prepare_reload())

    def prepare_reload(self) -> Reloaded:
        """Read again what changed on disk, without touching what the screens show (safe off their thread).

        Only the scenario files that changed are read again, when nothing else did: a change to a
        catalog or a document, or a catalog with errors (whose references every file counts), reads all.
        """
        stamp = fingerprint(self.root)
        before = {path: (size, mtime) for path, size, mtime in self._stamp}
        now = {path: (size, mtime) for path, size, mtime in stamp}
        changed = {Path(path) for path in before.keys() | now.keys() if before.get(path) != now.get(path)}
        scenarios = self.root / "scenarios"
        context = self._loaded.context
        if context.roots or any(path.parent != scenarios or path.name in RESERVED or path.suffix != ".toml" for path in changed):
            loaded = load_in_batches(self.root, parallel=False)
            return Reloaded(stamp, loaded, len(loaded.corpus.scenarios))
        with gc_paused():
            old = {entry.path: entry for entry in self.corpus.scenarios}
            entries = []
            for path in scenario_files(scenarios, RESERVED):
                entry = old.get(path)
                if entry is None or path in changed:
                    entries.append(load_scenario(path, context))
                else:
                    entries.append(_as_read(entry, self._loaded.read[path]))
            # The catalogs' reports as read, before the checks across files warned on them.
            context.reports = [_as_read_report(report, self._loaded.catalogs_read.get(report.path, len(report.diagnostics))) for report in context.reports]
            loaded = assembled(context, entries)
        return Reloaded(stamp, loaded, sum(entry.path in changed or entry.path not in old for entry in entries))

    def apply(self, reloaded: Reloaded) -> None:
        self._stamp = reloaded.stamp
        self._loaded = reloaded.loaded
        self.corpus = reloaded.loaded.corpus
        present = {entry.path for entry in self.corpus.scenarios}
        self._good = {path: view for path, view in self._good.items() if path in present}
        self._remember()

    def _remember(self) -> None:
        for entry in self.corpus.scenarios:
            if entry.scenario is not None:
                self._good[entry.path] = ScenarioView(entry, self.corpus)
        catalogs = {self.root / name for name in CATALOGS}
        self._good_catalogs.update(r.path for r in self.corpus.reports if r.path in catalogs and not r.has_errors)

    def rows(self) -> list[Row]:
        """Every scenario file: the viewable ones by date, then those with nothing to show."""
        rows = [Row(entry.path, entry, self._good.get(entry.path)) for entry in self.corpus.scenarios]
        viewable = [row for row in rows if row.view is not None]
        viewable.sort(key=lambda row: (row.view.entry.scenario.scenario.date, row.view.id))  # type: ignore[union-attr]
        return viewable + [row for row in rows if row.view is None]

    def broken_catalogs(self) -> list[CatalogRow]:
        """The shared files that have errors now, in the order a corpus is read: sources, actors, series."""
        return broken_catalogs(self.root, self.corpus.reports)

    def report(self, path: Path) -> FileReport | None:
        """The diagnostics of any file of the corpus, a scenario's or a catalog's."""
        path = path.resolve()
        return next((r for r in self.corpus.reports if r.path.resolve() == path), None)

    def is_catalog(self, path: Path) -> bool:
        return path.resolve() in {self.root / name for name in CATALOGS}

    def view(self, path: Path) -> ScenarioView | None:
        return self._good.get(path.resolve())

    def view_by_id(self, scenario_id: str) -> ScenarioView | None:
        return next((view for view in self._good.values() if view.id == scenario_id), None)

    def entry(self, path: Path) -> ScenarioEntry | None:
        path = path.resolve()
        return next((entry for entry in self.corpus.scenarios if entry.path == path), None)

    def problems(self) -> list[Diagnostic]:
        """Errors hidden behind a last good version: in a scenario shown as it was, or in a catalog that was clean."""
        # A broken catalog comes first: it is usually why the scenarios after it fail.
        catalogs, scenarios = self._hidden_errors()
        return [d for group in (catalogs, scenarios) for d in sorted((d for _, errors in group for d in errors), key=sort_key)]

    def problem_files(self) -> list[Path]:
        """The files of `problems`, in the same order."""
        return [path for group in self._hidden_errors() for path, _ in sorted(group, key=lambda found: sort_key(found[1][0]))]

    def _hidden_errors(self) -> tuple[list[tuple[Path, list[Diagnostic]]], list[tuple[Path, list[Diagnostic]]]]:
        def errors(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
            return [d for d in diagnostics if d.is_error]

        catalogs = [(r.path, errors(r.diagnostics)) for r in self.corpus.reports if r.path in self._good_catalogs]
        scenarios = [(e.path, errors(e.diagnostics)) for e in self.corpus.scenarios if e.scenario is None and e.path in self._good]
        return [found for found in catalogs if found[1]], [found for found in scenarios if found[1]]


def broken_catalogs(root: Path, reports: list[FileReport]) -> list[CatalogRow]:
    """The shared files of the corpus at `root` with errors, in the order a corpus is read: sources, actors, series."""
    by_path = {report.path: report for report in reports}
    found = (by_path.get(root / name) for name in CATALOGS)
    return [CatalogRow(report) for report in found if report is not None and report.has_errors]
