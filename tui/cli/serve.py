"""`drawdown serve [PATH]`: the explorer in a web browser, through textual-serve."""

from __future__ import annotations

import argparse
from pathlib import Path

from .corpus_option import RULE, corpus_for
from .failure import CommandError

HELP = "serve the explorer to a web browser"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", nargs="?", type=Path, metavar="PATH", help=f"a corpus directory ({RULE})")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")


def run(options: argparse.Namespace) -> int:
    if options.path is not None and not options.path.exists():
        raise CommandError(f"{options.path}: no such file or directory")
    choice = corpus_for(options.path)
    if not 0 < options.port < 65536:
        raise CommandError(f"--port {options.port}: a port is a number from 1 to 65535")
    from ..web.server import serve

    print(f"serving {choice.label} on http://{options.host}:{options.port}/")
    serve(choice.root.resolve(), options.host, options.port)
    return 0
