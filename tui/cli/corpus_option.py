"""`--corpus DIR` and the one corpus rule, as the commands share them."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..corpus.discover import CorpusChoice, choose_corpus
from ..corpus.layout import find_root  # not load: that imports pydantic, which the explorer's first frame does not need
from .failure import CommandError

RULE = "default: the nearest folder at or above this one with seeds/sources.toml or scenarios/, else the bundled corpus"


def add_corpus_option(parser: argparse.ArgumentParser, *, writes: bool = False) -> None:
    default = RULE.split(", else")[0] if writes else RULE
    parser.add_argument("--corpus", type=Path, default=None, metavar="DIR", help=f"corpus directory ({default})")


def corpus_for(given: Path | None, *, writes: bool = False) -> CorpusChoice:
    """The corpus a command reads or writes; CommandError when `given` is not one.

    A command that writes never falls back to the bundled corpus: that one ships inside
    the installed package, and a new document or scenario belongs in the user's own.
    """
    if given is not None:
        if not given.exists():
            raise CommandError(f"{given}: no such directory")
        root = find_root(given)
        if root is None:
            raise CommandError(f"{given}: not a corpus (expected seeds/sources.toml or scenarios/)")
        return CorpusChoice(root, "given")
    choice = choose_corpus(None)
    if writes and choice.how == "bundled":
        raise CommandError(
            "no corpus here or above (no folder with seeds/sources.toml or scenarios/); "
            "give --corpus DIR, or start one with: mkdir -p seeds scenarios"
        )
    return choice
