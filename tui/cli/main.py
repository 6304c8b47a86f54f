"""The parser: which command runs, with which options."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from types import ModuleType
from typing import Sequence

from .. import __version__
from . import actors, add_source, explore, export, lsp, new, quote, schema, serve, validate
from .corpus_option import RULE
from .failure import CommandError, fail

# In the order `drawdown --help` lists them.
COMMANDS: dict[str, ModuleType] = {
    "validate": validate,
    "new": new,
    "add-source": add_source,
    "quote": quote,
    "actors": actors,
    "schema": schema,
    "export": export,
    "serve": serve,
    "lsp": lsp,
}


def _base_parser(epilog: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="drawdown",
        description="Explore how the US troop presence in Iraq was debated, 2011-2024, one scenario at a time.",
        epilog=epilog,
    )
    parser.add_argument("--version", action="version", version=f"drawdown {__version__}")
    return parser


def _names() -> str:
    return ", ".join(COMMANDS)


def _parser() -> argparse.ArgumentParser:
    parser = _base_parser(f"Commands: {_names()}. Run 'drawdown COMMAND --help' for each.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module in COMMANDS.items():
        module.add_arguments(sub.add_parser(name, help=module.HELP, description=module.HELP))
    return parser


def _explorer_parser() -> argparse.ArgumentParser:
    parser = _base_parser(f"Other commands: {_names()} (each has --help).")
    parser.add_argument("path", nargs="?", type=Path, metavar="PATH", help=f"a corpus directory ({RULE})")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args and args[0] in COMMANDS:
            options = _parser().parse_args(args)
            return COMMANDS[options.command].run(options)
        return explore.run(_explorer_parser().parse_args(args))
    except CommandError as exc:
        return fail(str(exc))
    except BrokenPipeError:
        # `drawdown ... | head`: the reader left; say nothing more on a closed pipe.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
