"""`drawdown quote SOURCE TEXT`: the passage, as a quote entry ready to paste into a scenario."""

from __future__ import annotations

import argparse
import sys

from .corpus_option import add_corpus_option, corpus_for
from .failure import CommandError

HELP = "find words in a source and print them as a quote entry to paste, unique in the document"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", metavar="SOURCE", help="id of the source in seeds/sources.toml")
    parser.add_argument("text", nargs="+", metavar="TEXT", help="the words to find (several arguments are joined with spaces)")
    parser.add_argument("--all", action="store_true", help="list every place the words are found, each with its line:col")
    add_corpus_option(parser)


def run(options: argparse.Namespace) -> int:
    from ..corpus.load import load_context
    from ..corpus.positions import offset_line_col
    from ..corpus.quote_entry import find_passages, quote_entry
    from ..corpus.reading import display_path

    choice = corpus_for(options.corpus)
    context = load_context(choice.root)
    doc = context.sources.get(options.source)
    if doc is None:
        known = ", ".join(sorted(context.sources)) or "none"
        raise CommandError(f"unknown source '{options.source}' in {choice.label} (known: {known})")
    if doc.text is None:
        raise CommandError(f"the document of '{options.source}' cannot be read; run: drawdown validate")
    text = " ".join(options.text)
    passages = find_passages(doc.normalised, text)
    where = f"'{options.source}' ({display_path(doc.path)}) in {choice.label}"
    if not passages:
        raise CommandError(f"no passage of {where} says or comes close to: {text}")

    def line_col(offset: int) -> str:
        line, col = offset_line_col(doc.text or "", offset)
        return f"{line}:{col}"

    shown = passages if options.all else passages[:1]
    for passage in shown:
        entry = quote_entry(options.source, doc.normalised, passage.start, passage.end)
        if entry is None:
            entry = "(no prefix or suffix within reach singles this one out)"
        print(f"{display_path(doc.path)}:{line_col(passage.start)}: {entry}" if options.all else entry)
    first = passages[0]
    if first.how == "closest":
        note = f"not found as typed in {where}; the closest passage is at line {line_col(first.start)}: check it says what you mean"
    elif len(passages) == 1:
        note = f"found once in {where}, line {line_col(first.start)}" + (" (as normalised: spacing or quote marks differ)" if first.how == "normalised" else "")
    else:
        note = f"found {len(passages)} times in {where}" + ("" if options.all else f"; this is the first (line {line_col(first.start)}); --all lists every one")
    print(note, file=sys.stderr)
    # Words the document does not say are a miss, even with a passage to offer: a script that
    # pastes the output must not take words the author did not ask for as found.
    return 1 if first.how == "closest" else 0
