"""A scenario resolved against its corpus: what every export format shows.

Ids become the objects they name (actors, options, series, sources) and each quote
becomes an `Anchor`: its offsets in the document, the document's own words there,
and the surrounding passage. The renderers only lay these out.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ..crossref import scenario_quotes
from ..load import Corpus, SourceDoc
from ..model import Actor, Option, Quote, ScenarioFile, Series
from ..quotes import passage_bounds

# W3C TextQuoteSelector context: enough to single out a quote, short enough to read.
CONTEXT = 32


class Unanchored(ValueError):
    """A quote the loader could not pin to its document (its document is missing or unreadable)."""


@dataclass(frozen=True)
class Anchor:
    """A quote pinned to [start, end) of its document's text."""

    quote: Quote
    doc: SourceDoc
    text: str  # the whole document, as loaded
    start: int
    end: int

    @property
    def exact(self) -> str:
        """The document's own words: typographic quotes and spacing as printed, not as the author typed them."""
        return self.text[self.start : self.end]

    @property
    def prefix(self) -> str:
        return self.text[max(0, self.start - CONTEXT) : self.start]

    @property
    def suffix(self) -> str:
        return self.text[self.end : self.end + CONTEXT]

    @cached_property
    def passage(self) -> tuple[int, int]:
        """The sentence around the quote, as the explorer's side pane shows it."""
        return passage_bounds(self.text, self.start, self.end)


def anchor(quote: Quote, sources: dict[str, SourceDoc]) -> Anchor:
    doc = sources.get(quote.source)
    if doc is None or doc.text is None or quote.span is None:
        raise Unanchored(f"quote from '{quote.source}' is not located in its document")
    start, end = quote.span
    return Anchor(quote, doc, doc.text, start, end)


@dataclass(frozen=True)
class Resolved:
    """One valid scenario and the corpus it was loaded from."""

    scenario: ScenarioFile
    corpus: Corpus

    @property
    def id(self) -> str:
        return self.scenario.scenario.id

    def anchor(self, quote: Quote) -> Anchor:
        return anchor(quote, self.corpus.sources)

    def actor(self, actor_id: str | None) -> Actor | None:
        return self.corpus.actors.get(actor_id) if actor_id else None

    def option(self, option_id: str | None) -> Option | None:
        return self._options.get(option_id) if option_id else None

    def series(self, series_id: str) -> Series | None:
        return self.corpus.series.get(series_id)

    @cached_property
    def _options(self) -> dict[str, Option]:
        return {option.id: option for option in self.scenario.options}

    @cached_property
    def actors(self) -> list[Actor]:
        """The actors the steps name, in order of first appearance, then any the file defines but no step names."""
        ids = dict.fromkeys(step.actor for step in self.scenario.steps if step.actor)
        ids.update(dict.fromkeys(actor.id for actor in self.scenario.actors))
        return [self.corpus.actors[i] for i in ids if i in self.corpus.actors]

    @cached_property
    def sources(self) -> list[SourceDoc]:
        """The documents listed in [scenario] sources, then any quoted without being listed."""
        ids = dict.fromkeys(self.scenario.scenario.sources)
        ids.update(dict.fromkeys(quote.source for quote in all_quotes(self.scenario)))
        return [self.corpus.sources[i] for i in ids if i in self.corpus.sources]

    def unanchored(self) -> list[Quote]:
        """Quotes that cannot be exported with offsets (their document could not be read)."""
        return [quote for quote in all_quotes(self.scenario) if quote.span is None]


def all_quotes(scenario: ScenarioFile) -> list[Quote]:
    return [quote for _, _, _, quote in scenario_quotes(scenario)]
