"""`drawdown actors [PATH]`: every actor id, name and alias, and where it is defined."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .corpus_option import RULE, corpus_for
from ..corpus.counted import counted

HELP = "list every actor: id, name, aliases and where it is defined"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", nargs="?", type=Path, metavar="PATH", help=f"a corpus directory ({RULE})")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")


def run(options: argparse.Namespace) -> int:
    from ..corpus.actor_list import actor_rows

    choice = corpus_for(options.path)
    rows, unread = actor_rows(choice.root)
    if unread:
        print(f"not read, for their errors (see drawdown validate): {', '.join(unread)}", file=sys.stderr)
    if options.format == "json":
        print(json.dumps([row.as_json() for row in rows], indent=2, ensure_ascii=False))
        return 0
    from ..corpus.control_chars import visible

    table = [("id", "name", "aliases", "defined at")] + [
        (row.id, visible(row.name), ", ".join(visible(a) for a in row.aliases), f"{row.path}:{row.line}") for row in rows
    ]
    widths = [max(len(cells[i]) for cells in table) for i in range(3)]
    for cells in table:
        print("  ".join(cell.ljust(width) for cell, width in zip(cells, widths)) + "  " + cells[3])
    print(f"{counted(len(rows), 'actor')} in {choice.label}")
    return 0
