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
        where = ", ".join(dict.fromkeys(_label(path) for path in paths))
    else:
        choice = corpus_for(None)
        paths, where = [choice.root], choice.label
    diagnostics, files_checked = validate_paths(paths)
    if options.format == "json":
        from ..corpus.diagnostics import render_json

        print(render_json(diagnostics))
    else:
        from ..corpus.diagnostics import render_text

        print(render_text(diagnostics, files_checked, where))
    return 1 if any(d.is_error for d in diagnostics) else 0


def _label(path: Path) -> str:
    """A directory is named as its corpus; a file with the corpus whose catalogs it is checked against."""
    from ..corpus.discover import corpus_label
    from ..corpus.load import find_root
    from ..corpus.reading import display_path

    root = find_root(path) if path.exists() else None
    if path.is_dir():
        return corpus_label(root or path)
    return f"{display_path(path)} in {corpus_label(root)}" if root else display_path(path)
