"""`drawdown new`: a scenario skeleton that validates, with a schema line that resolves."""

from __future__ import annotations

import argparse

from .corpus_option import add_corpus_option, corpus_for
from .failure import CommandError

HELP = "write a scenario skeleton that validates"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("id", help="the new scenario's id (also its file name)")
    parser.add_argument("--source", required=True, metavar="SOURCE_ID", help="id of the source in seeds/sources.toml")
    add_corpus_option(parser, writes=True)


def run(options: argparse.Namespace) -> int:
    from ..corpus.reading import display_path
    from ..corpus.skeleton import SkeletonError, write_skeleton

    choice = corpus_for(options.corpus, writes=True)
    try:
        written = write_skeleton(choice.root, options.id, options.source)
    except SkeletonError as exc:
        raise CommandError(str(exc)) from None
    print(f"wrote {display_path(written.path)} (corpus {choice.label})")
    print(written.schema_note)
    return 0
