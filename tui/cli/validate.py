"""`drawdown validate`: check scenario files or whole corpora; path:line:col diagnostics."""

from __future__ import annotations

import argparse
from pathlib import Path

from .corpus_option import RULE, corpus_for

HELP = "check scenario files; path:line:col diagnostics; exit 1 on errors"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help=f"scenario files or corpus directories ({RULE})")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")


def run(options: argparse.Namespace) -> int:
    from ..corpus.validate import validate_paths

    paths: list[Path] = options.paths
    if paths:
        where = _where(paths)
    else:
        choice = corpus_for(None)
        paths, where = [choice.root], choice.label
    diagnostics, files_checked = validate_paths(paths)
    if options.format == "json":
        from ..corpus.diagnostics import render_json

        print(render_json(diagnostics))
    else:
        from ..corpus.diagnostics import render_text

        print(render_text(diagnostics, files_checked.scenarios, where, catalogs=files_checked.catalogs))
    return 1 if any(d.is_error for d in diagnostics) else 0


def _where(paths: list[Path]) -> str:
    """What was checked, each corpus named once: `./`, or `scenarios/a.toml, scenarios/b.toml in ./`.
    Files named in a corpus also given whole are part of it, so only the corpus is named."""
    from ..corpus.discover import corpus_label
    from ..corpus.load import find_root
    from ..corpus.reading import display_path

    named: dict[str, list[str]] = {}  # corpus label ("" for none) -> the files named in it
    whole: set[str] = set()
    for path in paths:
        root = find_root(path) if path.exists() else None
        if path.is_dir():
            label = corpus_label(root or path)
            whole.add(label)
            named.setdefault(label, [])
        else:
            named.setdefault(corpus_label(root) if root else "", []).append(display_path(path))
    parts = []
    for label, files in named.items():
        names = ", ".join(dict.fromkeys(files))
        if label in whole or not names:
            parts.append(label)
        else:
            parts.append(f"{names} in {label}" if label else names)
    return "; ".join(parts)
