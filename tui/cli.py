"""The `drawdown` command line.

Only `drawdown [PATH]` (the explorer) imports Textual, and only when it runs:
`validate`, `schema` and `new` stay fast and work where no terminal UI could.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Sequence

from . import __version__

COMMANDS = ("validate", "schema", "new", "export", "serve")


def _base_parser(epilog: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="drawdown",
        description="Explore how the US troop presence in Iraq was debated, 2011-2024, one scenario at a time.",
        epilog=epilog,
    )
    parser.add_argument("--version", action="version", version=f"drawdown {__version__}")
    return parser


def _parser() -> argparse.ArgumentParser:
    parser = _base_parser("Commands: validate, schema, new, export. Run 'drawdown COMMAND --help' for each.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    validate = sub.add_parser("validate", help="check scenario files; path:line:col diagnostics; exit 1 on errors")
    validate.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="scenario files or corpus directories (default: the bundled corpus)")
    validate.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")

    sub.add_parser("schema", help="print the JSON Schema of a scenario file")

    new = sub.add_parser("new", help="write a scenario skeleton that validates")
    new.add_argument("id", help="the new scenario's id (also its file name)")
    new.add_argument("--source", required=True, metavar="SOURCE_ID", help="id of the source in seeds/sources.toml")
    new.add_argument("--corpus", type=Path, default=Path("."), metavar="DIR", help="corpus directory (default: the current one)")

    export = sub.add_parser("export", help="export a scenario as Markdown, HTML or JSON")
    export.add_argument("scenario", help="a scenario id, or a path to a scenario .toml file")
    export.add_argument("--format", choices=("markdown", "html", "json", "annotations"), required=True)
    export.add_argument("--corpus", type=Path, default=None, metavar="DIR", help="corpus directory (default: the bundled corpus)")

    serve = sub.add_parser("serve", help="serve the explorer to a web browser")
    serve.add_argument("path", nargs="?", type=Path, metavar="PATH", help="a corpus directory (default: the bundled corpus)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    return parser


def _explorer_parser() -> argparse.ArgumentParser:
    parser = _base_parser("Other commands: drawdown validate | schema | new | export (each has --help).")
    parser.add_argument("path", nargs="?", type=Path, metavar="PATH", help="a corpus directory (default: the bundled corpus)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in COMMANDS:
        options = _parser().parse_args(args)
        handler = {"validate": _validate, "schema": _schema, "new": _new, "export": _export, "serve": _serve}[options.command]
        return handler(options)
    options = _explorer_parser().parse_args(args)
    return _explore(options.path)


def _error(message: str) -> int:
    print(f"drawdown: error: {message}", file=sys.stderr)
    return 1


def _validate(options: argparse.Namespace) -> int:
    from .corpus.validate import validate_paths

    diagnostics, files_checked = validate_paths(options.paths)
    if options.format == "json":
        from .corpus.diagnostics import render_json

        print(render_json(diagnostics))
    else:
        from .corpus.diagnostics import render_text

        print(render_text(diagnostics, files_checked))
    return 1 if any(d.is_error for d in diagnostics) else 0


def _schema(options: argparse.Namespace) -> int:
    from .corpus.schema import scenario_schema

    print(json.dumps(scenario_schema(), indent=2, ensure_ascii=False))
    return 0


def _new(options: argparse.Namespace) -> int:
    from .corpus.skeleton import SkeletonError, write_skeleton

    try:
        path = write_skeleton(options.corpus, options.id, options.source)
    except SkeletonError as exc:
        return _error(str(exc))
    print(f"wrote {path}")
    return 0


def _export(options: argparse.Namespace) -> int:
    from .corpus.export import ExportError, export_scenario

    try:
        text = export_scenario(options.scenario, options.format, options.corpus)
    except ExportError as exc:
        for diagnostic in exc.diagnostics:
            print(diagnostic.format(), file=sys.stderr)
        return _error(exc.message)
    try:
        # UTF-8 whatever the terminal's locale: the HTML page declares it, and JSON and Markdown expect it.
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
    except BrokenPipeError:
        # `drawdown export ... | head`: the reader left; say nothing more on a closed pipe.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return 0


def _corpus_root(path: Path | None) -> Path | str:
    """The corpus to open, or the message saying why `path` is none."""
    from .corpus.bundled import bundled_root
    from .corpus.load import find_root

    if path is None:
        return bundled_root()
    if not path.exists():
        return f"{path}: no such file or directory"
    found = find_root(path)
    if found is None:
        return f"{path}: not a corpus (expected seeds/sources.toml and scenarios/)"
    return found


def _serve(options: argparse.Namespace) -> int:
    root = _corpus_root(options.path)
    if isinstance(root, str):
        return _error(root)
    if not 0 < options.port < 65536:
        return _error(f"--port {options.port}: a port is a number from 1 to 65535")
    from .web.server import serve

    serve(root.resolve(), options.host, options.port)
    return 0


def _explore(path: Path | None) -> int:
    root = _corpus_root(path)
    if isinstance(root, str):
        return _error(root)
    from .app import DrawdownApp
    from .settings import load_settings

    DrawdownApp(root, settings=load_settings()).run()
    return 0
