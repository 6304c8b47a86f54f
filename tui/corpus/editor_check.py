"""What `drawdown validate FILE` says of one file, for the text an editor holds, unsaved.

`check_file` is the whole check, read afresh; `CorpusCheck` gives the same diagnostics while
keeping what does not change between keystrokes (the catalogs, the normalised documents, the
other scenarios' local actors), read again only when a file of the corpus changes on disk
(its fingerprint) or an editor's text of a catalog changes.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from . import checks
from .diagnostics import Diagnostic, sort_key
from .layout import CATALOGS, RESERVED, is_catalog, scenario_files
from .live import Fingerprint, fingerprint
from .load import Context, find_root, load_context, load_files, local_actors
from .reading import FileReport
from .unsaved import Unsaved, unsaved_text


def is_corpus_file(path: Path, root: Path) -> bool:
    """Whether `path` is one the validator checks in the corpus at `root`: a catalog or scenarios/<id>.toml."""
    path = path.resolve()
    if path.suffix != ".toml":
        return False
    return path in {root / name for name in CATALOGS} or (path.parent == root / "scenarios" and path.name not in RESERVED)


def own_diagnostics(reports_of: list[FileReport], path: Path) -> list[Diagnostic]:
    """The diagnostics of the report of `path` among `reports_of` (FileReports), in validate's order."""
    path = path.resolve()
    found = [d for report in reports_of if report.path.resolve() == path for d in report.diagnostics]
    return sorted(set(found), key=sort_key)


def check_file(path: Path, texts: Unsaved | None = None) -> list[Diagnostic]:
    """The diagnostics `drawdown validate PATH` prints for `path` itself, when the files in `texts`
    (absolute path -> text, `path` among them if it is open) hold those texts and the others are as on disk."""
    corpus = load_files([path], texts)
    return own_diagnostics(corpus.reports, path)


@dataclass
class _Catalogs:
    stamp: tuple[Fingerprint, tuple[str | None, ...]]
    context: Context


class CorpusCheck:
    """`check_file` for the files of one corpus, with what it read cached between calls.

    Thread-safe: a language server checks on a worker thread while its handlers ask for the context.
    """

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self._lock = threading.RLock()
        self._catalogs: _Catalogs | None = None
        self._disk_stamp: Fingerprint | None = None
        self._disk_actors: dict[Path, checks.Elsewhere] = {}
        self._open_actors: dict[Path, tuple[str, checks.Elsewhere]] = {}

    def context(self, texts: Unsaved | None = None) -> Context:
        """The corpus's catalogs as the editor holds them (shared: treat as read-only; a check uses a fresh copy)."""
        with self._lock:
            stamp = (self._refresh(), tuple(unsaved_text(texts, self.root / name) for name in CATALOGS))
            if self._catalogs is None or self._catalogs.stamp != stamp:
                context = load_context(self.root, texts)
                self._catalogs = _Catalogs(stamp, context)
            return self._catalogs.context

    def check(self, path: Path, texts: Unsaved | None = None) -> list[Diagnostic]:
        """Exactly `check_file(path, texts)`, from the cache where it can."""
        return self.check_with_catalogs(path, texts)[path.resolve()]

    def check_with_catalogs(self, path: Path, texts: Unsaved | None = None) -> dict[Path, list[Diagnostic]]:
        """`check(path)`, and what the same `drawdown validate PATH` says of each catalog: a broken
        catalog's error, with the references in `path` it left unchecked counted under it."""
        path = path.resolve()
        with self._lock:
            context = self.context(texts).fresh_copy()
            elsewhere = [] if is_catalog(path) else self._elsewhere(path, texts)
        corpus = load_files([path], texts, context=context, elsewhere=elsewhere)
        found = {report.path.resolve(): own_diagnostics([report], report.path) for report in context.reports}
        found[path] = own_diagnostics(corpus.reports, path)
        return found

    def local_actors_of(self, path: Path, texts: Unsaved | None = None) -> checks.Elsewhere:
        """The [[actors]] scenario file `path` defines, as the editor holds it."""
        with self._lock:
            self._refresh()
            return self._actors_of(path.resolve(), unsaved_text(texts, path))

    def _refresh(self) -> Fingerprint:
        """The files' fingerprint; what was read from disk is forgotten when it changed."""
        stamp = fingerprint(self.root)
        if stamp != self._disk_stamp:
            self._disk_stamp = stamp
            self._disk_actors = {}
        return stamp

    def _elsewhere(self, checked: Path, texts: Unsaved | None) -> checks.Elsewhere:
        found: checks.Elsewhere = []
        for path in scenario_files(self.root / "scenarios", RESERVED):
            if path.resolve() != checked:
                found += self._actors_of(path, unsaved_text(texts, path))
        return found

    def _actors_of(self, path: Path, text: str | None) -> checks.Elsewhere:
        if text is None:
            if path not in self._disk_actors:
                self._disk_actors[path] = local_actors(path)
            return self._disk_actors[path]
        held = self._open_actors.get(path)
        if held is None or held[0] != text:
            held = (text, local_actors(path, text))
            self._open_actors[path] = held
        return held[1]


def root_of(path: Path) -> Path | None:
    """The corpus `path` is a file of, by the validator's rule (load.find_root), if it is one it checks."""
    root = find_root(path) if path.suffix == ".toml" else None
    return root if root is not None and is_corpus_file(path, root) else None
