"""`drawdown schema`: the JSON Schema of a scenario file, for editors."""

from __future__ import annotations

import argparse

HELP = "print the JSON Schema of a scenario file"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    del parser  # no options


def run(options: argparse.Namespace) -> int:
    from ..corpus.schema import schema_text

    print(schema_text(), end="")
    return 0
