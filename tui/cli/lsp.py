"""`drawdown lsp`: the validator as a Language Server Protocol server, on standard input and output."""

from __future__ import annotations

import argparse
import logging
import sys

HELP = "run a language server on stdio: validate's diagnostics in your editor, as you type (docs/editors.md)"

_DESCRIPTION = (
    "Start a Language Server Protocol server on standard input and output, for the scenario files, "
    "scenarios/actors.toml, scenarios/series.toml and seeds/sources.toml of the corpus each open file "
    "belongs to. Your editor starts it; see docs/editors.md for VS Code, Neovim, Helix and Emacs."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = _DESCRIPTION
    parser.add_argument("--log-level", choices=("error", "warning", "info", "debug"), default="warning", help="what to log on standard error (default: warning)")


def run(options: argparse.Namespace) -> int:
    # Standard output is the protocol: anything else printed there would break it, so the server writes
    # to the real stdout and everything else (a stray print, a warning) goes to standard error.
    protocol_out = sys.stdout.buffer
    sys.stdout = sys.stderr
    logging.basicConfig(stream=sys.stderr, level=options.log_level.upper(), format="drawdown lsp: %(levelname)s: %(name)s: %(message)s")
    from ..lsp.server import server

    server.start_io(sys.stdin.buffer, protocol_out)
    return 0
