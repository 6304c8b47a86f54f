"""`drawdown validate`: check paths (files or corpus directories) and gather their diagnostics."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from .bundled import bundled_root
from .diagnostics import Diagnostic, sort_key
from .load import Corpus, find_root, load_corpus, load_files
from .reading import display_path


def validate_paths(paths: Iterable[Path]) -> tuple[list[Diagnostic], int]:
    """All diagnostics for `paths` (the bundled corpus when empty), and how many files were checked."""
    paths = list(paths) or [bundled_root()]
    diagnostics: list[Diagnostic] = []
    corpora: list[Corpus] = []
    whole: set[Path] = set()
    files_by_root: dict[Path | None, list[Path]] = {}
    for path in paths:
        if not path.exists():
            diagnostics.append(Diagnostic(display_path(path), 1, 1, "error", "missing-file", "no such file or directory"))
        elif path.is_dir():
            root = find_root(path)
            if root is None:
                diagnostics.append(Diagnostic(display_path(path), 1, 1, "error", "not-a-corpus", "not a corpus directory (expected seeds/sources.toml and scenarios/)"))
            elif root not in whole:
                whole.add(root)
                corpora.append(load_corpus(root))
        else:
            files_by_root.setdefault(find_root(path), []).append(path)
    for root, files in files_by_root.items():
        if root is not None and root in whole:
            continue  # already checked as part of its whole corpus
        corpora.append(load_files(files))
    files_checked = sum(c.files_checked for c in corpora) + len(diagnostics)
    for corpus in corpora:
        diagnostics.extend(corpus.diagnostics)
    return sorted(set(diagnostics), key=sort_key), files_checked
