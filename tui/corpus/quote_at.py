"""The quote at a cursor, read lexically, and where its document says it.

A quote is an inline table (`{ source = …, text = … }`) in a step's or option's `quotes`, or a
figure's `quote`, or (TOML allows it) a `[[steps.quotes]]` table. Finding it goes through
quotes.locate, so the editor finds a quote where the validator does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .quotes import Location, locate
from .toml_cursor import KeyPath, Layout, Pair, Span

if TYPE_CHECKING:
    from .load import Context, SourceDoc

QUOTE_KEYS = ("source", "text", "prefix", "suffix")


def quote_container(path: KeyPath) -> KeyPath | None:
    """("steps", 2, "quotes", 0, "text") -> ("steps", 2, "quotes", 0); None when `path` is not a quote's key."""
    if len(path) < 2 or path[-1] not in QUOTE_KEYS:
        return None
    container = path[:-1]
    if len(container) >= 3 and isinstance(container[-1], int) and container[-2] == "quotes" and container[0] in ("steps", "options"):
        return container
    if len(container) == 3 and container[0] == "figures" and container[-1] == "quote":
        return container
    return None


@dataclass(frozen=True, slots=True)
class QuoteAt:
    container: KeyPath
    pairs: dict[str, Pair]  # its keys as written
    inline: Span | None  # the inline table; None for a quote written as a table of its own

    def value(self, key: str) -> str | None:
        pair = self.pairs.get(key)
        return pair.string if pair is not None else None

    @property
    def source(self) -> str | None:
        return self.value("source")

    @property
    def text(self) -> str | None:
        return self.value("text")


def quote_at(layout: Layout, offset: int, *, keys: tuple[str, ...] = ("text", "prefix", "suffix")) -> QuoteAt | None:
    """The quote whose value (one of `keys`) the offset is on."""
    pair = layout.pair_at(offset)
    if pair is None or pair.path[-1] not in keys:
        return None
    return quote_of(layout, pair.path)


def quote_of(layout: Layout, path: KeyPath) -> QuoteAt | None:
    container = quote_container(path)
    if container is None:
        return None
    inline = next((s for s in layout.inline_tables if s.path == container), None)
    return QuoteAt(container, layout.children(container), inline)


def where_found(quote: QuoteAt, context: Context | None) -> tuple[SourceDoc, Location] | None:
    """The quote's document and what locating it there gives; None when it names no readable document."""
    if context is None or quote.source is None or not quote.text:
        return None
    doc = context.sources.get(quote.source)
    if doc is None or doc.text is None:
        return None
    return doc, locate(doc.normalised, quote.text, quote.value("prefix"), quote.value("suffix"))
