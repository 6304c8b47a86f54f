"""Cross-references across a loaded corpus: who cites which passage, and how a quote is cited.

The explorer asks these questions on every hop through a source, so they are
answered once per loaded corpus and cached on nothing but the caller's variable.
Pure data: no Textual, no Rich.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from .load import Corpus
from .model import Quote, ScenarioFile, Source, Step

CiteKind = Literal["step", "option", "figure"]


@dataclass(frozen=True, slots=True)
class Citation:
    """One quote, in one scenario, that points into a source."""

    scenario_id: str
    scenario_title: str
    kind: CiteKind
    index: int  # step index, option index or figure index in the scenario file
    label: str  # what cites it, for a list: a step's summary, an option's label, a figure's label
    quote: Quote
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Passage:
    """A span of a source that at least one quote covers, with every quote that covers exactly it."""

    start: int
    end: int
    citations: tuple[Citation, ...]


def scenario_quotes(scenario: ScenarioFile) -> list[tuple[CiteKind, int, str, Quote]]:
    """Every quote in a scenario file, with what holds it."""
    out: list[tuple[CiteKind, int, str, Quote]] = []
    for index, step in enumerate(scenario.steps):
        out.extend(("step", index, step.summary, quote) for quote in step.quotes)
    for index, option in enumerate(scenario.options):
        out.extend(("option", index, option.label, quote) for quote in option.quotes)
    for index, figure in enumerate(scenario.figures):
        out.append(("figure", index, figure.label, figure.quote))
    return out


def citations_by_source(corpus: Corpus) -> dict[str, list[Citation]]:
    """Every resolved quote of every valid scenario, grouped by source id, in document order."""
    found: dict[str, list[Citation]] = {}
    for entry in corpus.scenarios:
        scenario = entry.scenario
        if scenario is None:
            continue
        for kind, index, label, quote in scenario_quotes(scenario):
            if quote.span is None:
                continue
            start, end = quote.span
            found.setdefault(quote.source, []).append(
                Citation(scenario.scenario.id, scenario.scenario.title, kind, index, label, quote, start, end)
            )
    for citations in found.values():
        citations.sort(key=lambda c: (c.start, c.end, c.scenario_id, c.kind, c.index))
    return found


def passages(citations: list[Citation]) -> list[Passage]:
    """Group citations by the exact span they quote, in document order."""
    grouped: dict[tuple[int, int], list[Citation]] = {}
    for citation in citations:
        grouped.setdefault((citation.start, citation.end), []).append(citation)
    return [Passage(start, end, tuple(group)) for (start, end), group in sorted(grouped.items())]


def passage_at(found: list[Passage], offset: int) -> int | None:
    """Index of the passage that covers `offset` (the shortest one when passages overlap)."""
    best: int | None = None
    for index, passage in enumerate(found):
        if passage.start <= offset < passage.end:
            if best is None or passage.end - passage.start < found[best].end - found[best].start:
                best = index
    return best


def date_text(date: dt.date | None, basis: str | None) -> str:
    """"2020-01-07 (date inferred)", "2020-01-07 (date stated)" or "no date"."""
    if date is None:
        return "no date"
    return f"{date.isoformat()} (date {basis})" if basis else date.isoformat()


def citation_text(source: Source) -> str:
    """A one-line plain-text citation: outlet, author, title, date and how the date is known, then the address."""
    text = citation_words(source)
    if source.url:
        text += f". {source.url}"
    return text


def citation_words(source: Source) -> str:
    """The citation without the web address, for formats that write the address as a link."""
    parts: list[str] = []
    if source.kind == "opinion":
        parts.append("Opinion")
    if source.outlet:
        parts.append(source.outlet)
    if source.author:
        parts.append(source.author)
    title = f"“{source.title}”"
    if source.title_basis == "inferred":
        title += " (descriptive title)"
    parts.append(title)
    parts.append(date_text(source.published, source.published_basis))
    return ", ".join(parts)


def quote_with_citation(words: str, source: Source) -> str:
    """What `c` copies: the quoted words as the document prints them, then where they come from."""
    return f"“{words}”\n— {citation_text(source)}"


def step_matches(old: Step, new: Step) -> bool:
    """Whether two versions of a step are recognisably the same step (for keeping a position across a reload)."""
    return old.kind == new.kind and old.actor == new.actor and old.summary == new.summary
