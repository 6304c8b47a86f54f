"""Which scenario `drawdown export SCENARIO` means: an id in a corpus, or the path of a scenario file.

Every way the argument can fail is an `ExportError` carrying a message and, for a
broken file, its diagnostics, so the command line prints them and never a traceback.
"""

from __future__ import annotations

import os
from difflib import get_close_matches
from pathlib import Path

from ..bundled import bundled_root
from ..diagnostics import Diagnostic, sort_key
from ..load import SOURCES_FILE, Corpus, ScenarioEntry, find_root, load_corpus
from ..reading import display_path
from .resolve import Resolved
from ..counted import counted


class ExportError(Exception):
    def __init__(self, message: str, diagnostics: list[Diagnostic] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.diagnostics = sorted(diagnostics or [], key=sort_key)


def looks_like_path(target: str) -> bool:
    # Scenario ids are slugs: a dot or a separator can only mean a file.
    separators = {os.sep, os.altsep or os.sep, "/"}
    return target.endswith(".toml") or any(s in target for s in separators)


def find_scenario(target: str, corpus_dir: Path | None = None, *, where: str | None = None) -> Resolved:
    """The valid scenario `target` names, with its corpus; ExportError otherwise."""
    if looks_like_path(target):
        corpus, entry = _by_path(Path(target), corpus_dir)
    else:
        corpus, entry = _by_id(target, corpus_dir, where)
    if entry.scenario is None:
        errors = [d for d in entry.diagnostics if d.is_error]
        count = counted(len(errors), "error")
        raise ExportError(f"{display_path(entry.path)} has {count}; fix it and export again", errors)
    resolved = Resolved(entry.scenario, corpus)
    missing = sorted({quote.source for quote in resolved.unanchored()})
    if missing:
        names = ", ".join(f"'{m}'" for m in missing)
        raise ExportError(f"scenario '{resolved.id}' quotes documents that cannot be read ({names}); fix seeds/sources.toml", _catalog_errors(corpus))
    return resolved


def _catalog_errors(corpus: Corpus) -> list[Diagnostic]:
    # Why a document cannot be read is reported on the catalog entry that names it.
    catalog = corpus.root / SOURCES_FILE if corpus.root else None
    return [d for report in corpus.reports if report.path == catalog for d in report.diagnostics if d.is_error]


def _corpus_root(corpus_dir: Path | None) -> Path:
    if corpus_dir is None:
        return bundled_root()
    if not corpus_dir.exists():
        raise ExportError(f"{corpus_dir}: no such directory")
    root = find_root(corpus_dir)
    if root is None:
        raise ExportError(f"{corpus_dir}: not a corpus (expected seeds/sources.toml and scenarios/)")
    return root


def _by_id(scenario_id: str, corpus_dir: Path | None, where: str | None) -> tuple[Corpus, ScenarioEntry]:
    corpus = load_corpus(_corpus_root(corpus_dir))
    entry = corpus.entry(scenario_id)
    if entry is None:
        where = where or ("the bundled corpus" if corpus_dir is None else display_path(corpus_dir))
        hint = get_close_matches(scenario_id, [e.id for e in corpus.scenarios], n=1)
        suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
        raise ExportError(f"no scenario '{scenario_id}' in {where}{suggestion}")
    return corpus, entry


def _by_path(path: Path, corpus_dir: Path | None) -> tuple[Corpus, ScenarioEntry]:
    if not path.exists():
        raise ExportError(f"{path}: no such file or directory")
    if path.is_dir():
        raise ExportError(f"{path}: is a directory; give a scenario .toml file or a scenario id")
    root = _corpus_root(corpus_dir) if corpus_dir is not None else find_root(path)
    if root is None:
        raise ExportError(f"{path}: not inside a corpus (expected seeds/sources.toml and scenarios/ around it)")
    corpus = load_corpus(root)
    entry = corpus.entry_for_path(path)
    if entry is None:
        raise ExportError(f"{path}: not a scenario file of the corpus at {root} (scenario files are scenarios/<id>.toml)")
    return corpus, entry
