"""The scenario screen's side pane: each quote of the step, inside its passage, with its citation."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.style import Style
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..corpus.control_chars import visible
from ..corpus.crossref import date_text
from ..corpus.load import SourceDoc
from ..corpus.model import Quote
from ..corpus.quotes import passage_bounds
from ..literal_text import shown

_QUOTED = "quote-list--quoted"
_CONTEXT = ".quote-list--context"
_CITATION = ".quote-list--citation"
_OUTLET = ".quote-list--outlet"
_OPINION = ".quote-list--opinion"
_LEAD = 90  # at most this much of the passage before the quote, so the quoted words show in a small pane


def _lead_start(text: str, begin: int, start: int) -> int:
    """Where the shown passage starts: its sentence start, or a word boundary within _LEAD of the quote."""
    if start - begin <= _LEAD:
        return begin
    space = text.find(" ", start - _LEAD, start)
    return space + 1 if space >= 0 else start - _LEAD


class QuoteList(OptionList):
    HELP_TITLE: ClassVar[str] = "Quotes pane"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor_down", "Next quote", id="quotes.down", show=False),
        Binding("up", "cursor_up", "Previous quote", id="quotes.up", show=False),
        Binding("home", "first", "First quote", id="quotes.first", show=False),
        Binding("end", "last", "Last quote", id="quotes.last", show=False),
        Binding("pagedown", "page_down", "Page down", id="quotes.page-down", show=False),
        Binding("pageup", "page_up", "Page up", id="quotes.page-up", show=False),
        Binding("enter", "select", "Open in source", id="quotes.open", tooltip="Read the quote in its source document"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        _QUOTED,
        _CONTEXT[1:],
        _CITATION[1:],
        _OUTLET[1:],
        _OPINION[1:],
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.quotes: list[Quote] = []
        self._sources: dict[str, SourceDoc] = {}
        self._quoted: Style | None = None

    def show_quotes(self, quotes: list[Quote], sources: dict[str, SourceDoc]) -> None:
        self.quotes, self._sources = quotes, sources
        self._rebuild()

    @property
    def current(self) -> Quote | None:
        if not self.quotes:
            return None
        return self.quotes[self.highlighted if self.highlighted is not None else 0]

    def notify_style_update(self) -> None:
        super().notify_style_update()
        # The quoted words carry a background; see StepList.notify_style_update.
        if self.is_mounted and self.quotes and self.get_visual_style(_QUOTED) != self._quoted:
            highlighted = self.highlighted
            self._rebuild()
            self.highlighted = highlighted

    def _rebuild(self) -> None:
        self._quoted = self.get_visual_style(_QUOTED)
        options: list[Option | None] = []
        for index, quote in enumerate(self.quotes):
            if index:
                options.append(None)  # a rule between quotes
            options.append(Option(self._prompt(quote)))
        self.set_options(options)
        self.highlighted = 0 if self.quotes else None
        self.scroll_home(animate=False)

    def _prompt(self, quote: Quote) -> Content:
        doc = self._sources.get(quote.source)
        if doc is None or doc.text is None or quote.span is None:
            passage = Content.assemble(("“", _CONTEXT), (shown(quote.text), self._quoted or ""), ("” (not located in the source)", _CONTEXT))
        else:
            text = doc.text
            start, end = quote.span
            begin, finish = passage_bounds(text, start, end)
            lead = _lead_start(text, begin, start)
            passage = Content.assemble(
                ("…" if lead > begin else "", _CONTEXT),
                (shown(text[lead:start]), _CONTEXT),
                (shown(text[start:end]), self._quoted or ""),
                (shown(text[end:finish]).rstrip(), _CONTEXT),
            )
        return Content("\n").join([passage, self._citation(quote, doc)])

    def _citation(self, quote: Quote, doc: SourceDoc | None) -> Content:
        if doc is None:
            return Content.styled(f"— unknown source '{visible(quote.source)}'", _CITATION)
        meta = doc.meta
        parts: list[str | tuple[str, str]] = [("— ", _CITATION)]
        if meta.kind == "opinion":
            parts.append(("OPINION", _OPINION))
            parts.append((" · ", _CITATION))
        parts.append((visible(meta.outlet) if meta.outlet else "no outlet named", _OUTLET))
        if meta.author:
            parts.append((f", {visible(meta.author)}", _CITATION))
        title = f", “{visible(meta.title)}”" + (" (descriptive title)" if meta.title_basis == "inferred" else "")
        parts.append((title, _CITATION))
        parts.append((f", {date_text(meta.published, meta.published_basis)}", _CITATION))
        return Content.assemble(*parts)
