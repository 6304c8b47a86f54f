"""`drawdown add-source FILE`: copy a document into seeds/ and append its [[sources]] entry."""

from __future__ import annotations

import argparse
from pathlib import Path

from .corpus_option import add_corpus_option, corpus_for
from .failure import CommandError

HELP = "copy a document into seeds/ unchanged and append its entry to seeds/sources.toml (never overwrites)"
BASIS = ("stated", "inferred")
KINDS = ("news", "opinion", "aggregation", "analysis")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE", help="the document, as UTF-8 text")
    parser.add_argument("--id", required=True, help="the source's id: lower-case letters, digits and single hyphens")
    parser.add_argument("--title", required=True, help="the document's headline")
    parser.add_argument("--title-basis", choices=BASIS, default="stated", help="'inferred' when the document prints no headline (default: stated)")
    parser.add_argument("--kind", choices=KINDS, required=True, help="what sort of document it is (opinion is marked as opinion)")
    parser.add_argument("--outlet", help="the outlet as the document names it; omit if it names none")
    parser.add_argument("--author", help="the author as printed")
    parser.add_argument("--published", metavar="YYYY-MM-DD", help="when the document was published")
    parser.add_argument("--published-basis", choices=BASIS, help="with --published: 'stated' only if the document prints the date")
    parser.add_argument("--url", help="where the document was published (http:// or https://)")
    parser.add_argument("--note", help="who the document relays, and anything a reader should know")
    parser.add_argument("--file-name", metavar="NAME", help="its file name in seeds/ (default: FILE's own name)")
    add_corpus_option(parser, writes=True)


def run(options: argparse.Namespace) -> int:
    from ..corpus.add_source import AddSourceError, add_source, parse_date
    from ..corpus.reading import display_path

    choice = corpus_for(options.corpus, writes=True)
    fields = {
        "id": options.id,
        "title": options.title,
        "title_basis": options.title_basis,
        "outlet": options.outlet,
        "author": options.author,
        "kind": options.kind,
        "url": options.url,
        "note": options.note,
        "published_basis": options.published_basis,
    }
    try:
        if options.published is not None:
            fields["published"] = parse_date(options.published)
        added = add_source(choice.root, options.file, fields, file_name=options.file_name)
    except AddSourceError as exc:
        raise CommandError(f"{exc} (nothing was written)") from None
    print(f"copied {options.file} to {display_path(added.document)} (corpus {choice.label})")
    print(f"appended to {display_path(added.catalog)}:")
    print()
    print(added.entry, end="")
    return 0
