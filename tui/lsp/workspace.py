"""The files a language server knows: those the editor has open, and the corpora they belong to.

This is the API the server's features are built on (diagnostics here; completion, hover,
definitions and code actions in their own modules). Paths are absolute and resolved. Nothing
here speaks the protocol: it turns paths and texts into the data layer's answers.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from ..corpus.diagnostics import Diagnostic
from ..corpus.editor_check import CorpusCheck, root_of
from ..corpus.layout import RESERVED, is_catalog, scenario_files
from ..corpus.load import SCENARIO_LIMIT, SOURCE_TEXT_LIMIT, Context, Corpus, load_files
from ..corpus.reading import FileReport, decode
from ..corpus.regular_file import ReadRefused, read_regular


@dataclass(frozen=True, slots=True)
class OpenFile:
    text: str
    version: int | None


class Workspace:
    """Open editor texts over the corpora on disk, with each corpus's catalogs cached.

    Safe to call from the server's event loop and from its checking thread at once.
    """

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._open: dict[Path, OpenFile] = {}
        self._checks: dict[Path, CorpusCheck] = {}

    # -- what the editor holds ---------------------------------------------------------

    def open(self, path: Path, text: str, version: int | None = None) -> None:
        """Record the editor's text of `path` (on open and on every change)."""
        with self._lock:
            self._open[path.resolve()] = OpenFile(text, version)

    def close(self, path: Path) -> None:
        with self._lock:
            self._open.pop(path.resolve(), None)

    def version_of(self, path: Path) -> int | None:
        """The editor's version of an open file; None when it is not open."""
        held = self._open.get(path.resolve())
        return held.version if held is not None else None

    def is_open(self, path: Path) -> bool:
        return path.resolve() in self._open

    def texts(self) -> dict[Path, str]:
        """A snapshot of every open file's text, by path: what a check reads instead of the disk."""
        with self._lock:
            return {path: held.text for path, held in self._open.items()}

    def open_paths(self, root: Path | None = None) -> list[Path]:
        """The open files (of the corpus at `root`, when given)."""
        with self._lock:
            paths = list(self._open)
        return [p for p in paths if root is None or self.root_for(p) == root.resolve()]

    def text_of(self, path: Path) -> str | None:
        """The editor's text if `path` is open, else the disk's (a regular file, valid UTF-8, within the
        size limit of a scenario file, or of a document for a .txt: tui/corpus/regular_file.py's rules);
        None when it cannot be read."""
        held = self._open.get(path.resolve())
        if held is not None:
            return held.text
        try:
            raw = read_regular(path, SOURCE_TEXT_LIMIT if path.suffix == ".txt" else SCENARIO_LIMIT)
        except ReadRefused:
            return None
        return decode(raw, FileReport(path))

    # -- the corpora -------------------------------------------------------------------

    def root_for(self, path: Path) -> Path | None:
        """The root of the corpus `path` is a checked file of (a scenario or one of the three catalogs), else None."""
        root = root_of(path.resolve())
        return root.resolve() if root is not None else None

    def corpus_check(self, root: Path) -> CorpusCheck:
        """The cache of one corpus (its catalogs, documents and local actors)."""
        root = root.resolve()
        with self._lock:
            if root not in self._checks:
                self._checks[root] = CorpusCheck(root)
            return self._checks[root]

    def context_for(self, path: Path) -> Context | None:
        """The catalogs (sources with their documents, actors, series) of `path`'s corpus, with the
        editor's unsaved catalogs applied; cached, so treat it as read-only. None outside a corpus."""
        root = self.root_for(path)
        return self.corpus_check(root).context(self.texts()) if root is not None else None

    def corpus_for(self, path: Path) -> Corpus | None:
        """Every scenario of `path`'s corpus, checked, as the editor holds them (for actors, options and
        series defined in other scenarios). Built afresh on each call: a whole check, not for every keystroke."""
        root = self.root_for(path)
        if root is None:
            return None
        texts = self.texts()
        context = self.corpus_check(root).context(texts).fresh_copy()
        files = scenario_files(root / "scenarios", RESERVED)
        return load_files(files, texts, context=context) if files else None

    def check(self, path: Path, texts: dict[Path, str] | None = None) -> list[Diagnostic]:
        """What `drawdown validate PATH` says of `path` itself, with the open files as the editor holds
        them (`texts`, a snapshot from `texts()`, when given). Nothing for a file outside any corpus,
        or one that is not a scenario or catalog of its corpus."""
        root = self.root_for(path)
        if root is None:
            return []
        return self.corpus_check(root).check(path, self.texts() if texts is None else texts)

    def check_with_catalogs(self, path: Path, texts: dict[Path, str] | None = None) -> dict[Path, list[Diagnostic]]:
        """`check(path)` under `path`, and beside it what the same check says of each catalog of the
        corpus (a broken catalog's error, with the references it left unchecked in `path`)."""
        root = self.root_for(path)
        if root is None:
            return {path.resolve(): []}
        return self.corpus_check(root).check_with_catalogs(path, self.texts() if texts is None else texts)

    def is_catalog(self, path: Path) -> bool:
        """Whether `path` is a catalog of its corpus: a change to it can change every scenario's diagnostics."""
        return self.root_for(path) is not None and is_catalog(path)
