"""`drawdown export`: one scenario as Markdown, HTML or JSON."""

from __future__ import annotations

import argparse
import sys

from .corpus_option import add_corpus_option, corpus_for
from .failure import fail

HELP = "export a scenario as Markdown, HTML, JSON or W3C Web Annotations"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scenario", help="a scenario id, or a path to a scenario .toml file")
    parser.add_argument("--format", choices=("markdown", "html", "json", "annotations"), required=True)
    add_corpus_option(parser)


def run(options: argparse.Namespace) -> int:
    from ..corpus.discover import corpus_label
    from ..corpus.export import RENDERERS, ExportError, find_scenario
    from ..corpus.export.target import looks_like_path

    # A file path names its own corpus; an id is looked up in the corpus the rule picks.
    corpus = options.corpus
    where = None
    if corpus is None and not looks_like_path(options.scenario):
        choice = corpus_for(None)
        corpus, where = choice.root, choice.label
    try:
        resolved = find_scenario(options.scenario, corpus, where=where)
    except ExportError as exc:
        for diagnostic in exc.diagnostics:
            print(diagnostic.format(), file=sys.stderr)
        return fail(exc.message)
    text = RENDERERS[options.format](resolved)
    # UTF-8 whatever the terminal's locale: the HTML page declares it, and JSON and Markdown expect it.
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.flush()
    root = resolved.corpus.root
    source = where or (corpus_label(root) if root else "its files")
    # On standard error, so the export itself can be piped or redirected clean.
    print(f"exported '{resolved.id}' as {options.format} from {source}", file=sys.stderr)
    return 0
