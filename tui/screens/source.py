"""The source reader: a whole document, every quoted passage highlighted, and who cites each."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import OptionList, Static

from ..corpus.control_chars import visible
from ..corpus.crossref import Passage, citations_by_source, date_text, passage_at, passages, quote_with_citation
from ..corpus.live import LiveCorpus
from ..corpus.load import Corpus, SourceDoc
from ..corpus.quote_entry import quote_entry
from ..navigation import OpenScenario
from ..widgets.citing_list import CitingList
from ..widgets.source_link import SourceLink
from ..widgets.source_text import SourceText
from ..widgets.title_bar import TitleBar
from ..widgets.key_footer import KeyFooter
from .corpus_screen import BackScreen
from ..step_labels import one_line
from ..corpus.counted import counted


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) without the whitespace at either end: a quote starts and ends on words."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _start_at(found: list[Passage], span: tuple[int, int] | None) -> int | None:
    if not found:
        return None
    if span is None:
        return 0
    exact = next((i for i, p in enumerate(found) if (p.start, p.end) == span), None)
    if exact is not None:
        return exact
    covering = passage_at(found, span[0])
    if covering is not None:
        return covering
    return min(range(len(found)), key=lambda i: abs(found[i].start - span[0]))


class SourceScreen(BackScreen):
    PANES: ClassVar[tuple[tuple[str, str], ...]] = (("#source-text", "Document"), ("#source-side", "Cited by"))
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (100, "-wide")]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-short"), (32, "-tall")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right_square_bracket", "next_passage", "Next quote", id="source.next-passage", tooltip="Hop to the next quoted passage"),
        Binding("left_square_bracket", "previous_passage", "Prev quote", id="source.previous-passage", tooltip="Hop to the previous quoted passage"),
        Binding("c", "copy_passage", "Copy", id="source.copy-quote", tooltip="Copy the current passage with its citation"),
        Binding("q", "copy_quote_entry", "Copy as quote", id="source.copy-quote-entry", tooltip="Copy the selection (or the current passage) as a quote entry to paste into a scenario: { source, text, prefix }, unique in the document"),
        Binding("u", "open_url", "Open link", id="source.open-url", tooltip="Open the document on the web"),
    ]

    def __init__(self, live: LiveCorpus, corpus: Corpus, source_id: str, span: tuple[int, int] | None = None) -> None:
        super().__init__(live)
        self.corpus = corpus
        self.source_id = source_id
        self._span = span
        self._opened_span = span
        self.passages: list[Passage] = []

    @property
    def opened_on(self) -> tuple[str, tuple[int, int] | None]:
        """What this screen was opened on, so the app does not open it twice on a double tap."""
        return (self.source_id, self._opened_span)

    @property
    def doc(self) -> SourceDoc:
        return self.corpus.sources[self.source_id]

    def compose(self) -> ComposeResult:
        yield TitleBar(id="title-bar")
        yield Static(id="source-citation")
        yield Static(id="source-note")
        url = self.doc.meta.url
        if url:
            yield SourceLink(url, id="source-url")
        with Horizontal(id="source-body"):
            yield SourceText(id="source-text")
            with Vertical(id="source-side"):
                yield Static(id="passage-heading")
                yield CitingList(id="citing-list")
        yield self.reload_panel()
        yield KeyFooter()

    def on_mount(self) -> None:
        self._show(self._span)
        self.query_one(SourceText).focus()

    async def corpus_changed(self) -> None:
        corpus = self.live.corpus
        doc = corpus.sources.get(self.source_id)
        if corpus is self.corpus or doc is None or doc.text is None:
            return  # the document left the catalog or cannot be read: keep the last good reading
        current = self.current_passage
        self.corpus = corpus
        self._show((current.start, current.end) if current else None)

    @property
    def current_passage(self) -> Passage | None:
        index = self.query_one(SourceText).current
        return self.passages[index] if index is not None else None

    def _show(self, span: tuple[int, int] | None) -> None:
        doc = self.doc
        meta = doc.meta
        self.query_one(TitleBar).set_path("Source", meta.title)
        self.query_one("#source-citation", Static).update(self._citation(doc))
        note = self.query_one("#source-note", Static)
        note.update(Content(visible(meta.note or "")))
        note.set_class(not meta.note, "-empty")
        self.passages = passages(citations_by_source(self.corpus).get(self.source_id, []))
        text_view = self.query_one(SourceText)
        counted = "not read" if doc.text is None else f"{len(self.passages)} quoted passages"
        text_view.border_title = Content(f"{one_line(Path(meta.file).name)} · {counted}")
        # A span no quote covers exactly (a search result) is marked and shown, the nearest passage made current.
        found = span if span is not None and all((p.start, p.end) != span for p in self.passages) else None
        text_view.set_document(doc.text or "", self.passages, _start_at(self.passages, span), found)
        self._show_current()

    def _citation(self, doc: SourceDoc) -> Content:
        meta = doc.meta
        first: list[str | tuple[str, str]] = []
        if meta.kind == "opinion":
            first.append(("OPINION  ", ".screen--strong"))
        first.append((one_line(meta.outlet) if meta.outlet else "No outlet named", ".screen--strong"))
        if meta.author:
            first.append(f" · {one_line(meta.author)}")
        first.append(f" · {date_text(meta.published, meta.published_basis)} · {meta.kind}")
        if meta.title_basis == "inferred":
            first.append(" · the title is descriptive, the document prints none")
        return Content.assemble(*first)

    def _show_current(self) -> None:
        index = self.query_one(SourceText).current
        heading = self.query_one("#passage-heading", Static)
        citing = self.query_one(CitingList)
        heading.set_class(self.doc.text is None, "-unread")
        if index is None:
            heading.update(self._no_passage_heading())
            citing.show_citations((), self.corpus)
            return
        passage = self.passages[index]
        count = len(passage.citations)
        heading.update(
            Content.assemble(
                (f"Passage {index + 1} of {len(self.passages)}", ".screen--strong"),
                f" · cited {counted(count, 'time')}",
            )
        )
        citing.show_citations(passage.citations, self.corpus)

    def _no_passage_heading(self) -> Content:
        problem = self.doc.problem if self.doc.text is None else None
        if problem is None:
            return Content("No scenario quotes this document yet.")
        # The quotes of a document that cannot be read were never checked: say so, not "none".
        return Content.assemble((f"✖ {visible(problem)}", ".screen--error"), "\nNone of the quotes from it could be checked.")

    def _hop(self, delta: int) -> None:
        if not self.passages:
            self.notify("No scenario quotes this document.", severity="warning", markup=False)
            return
        text_view = self.query_one(SourceText)
        current = text_view.current
        index = 0 if current is None else (current + delta) % len(self.passages)
        text_view.set_current(index)
        self._show_current()

    def action_next_passage(self) -> None:
        self._hop(1)

    def action_previous_passage(self) -> None:
        self._hop(-1)

    def on_source_text_passage_clicked(self, event: SourceText.PassageClicked) -> None:
        self.query_one(SourceText).set_current(event.index)
        self._show_current()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        citation = self.query_one(CitingList).current
        if citation is None:
            return
        view = self.live.view_by_id(citation.scenario_id)
        if view is not None:
            self.drawdown.open_now(OpenScenario(view.entry.path, citation.index if citation.kind == "step" else 0))

    def action_copy_passage(self) -> None:
        passage = self.current_passage
        text = self.doc.text
        if passage is None or text is None:
            self.notify("No quoted passage here to copy.", severity="warning", markup=False)
            return
        self.app.copy_to_clipboard(quote_with_citation(text[passage.start : passage.end], self.doc.meta))
        self.notify("Copied the passage and its citation.", markup=False)

    def action_copy_quote_entry(self) -> None:
        text_view = self.query_one(SourceText)
        span = text_view.selection
        if span is None:
            passage = self.current_passage
            span = (passage.start, passage.end) if passage else None
        text = self.doc.text
        if span is None or text is None:
            self.notify("Nothing selected: press v, or drag with the mouse, to select text.", severity="warning", markup=False)
            return
        start, end = _trimmed(text, *span)
        entry = quote_entry(self.source_id, self.doc.normalised, start, end) if start < end else None
        if entry is None:
            self.notify("No prefix or suffix nearby singles this text out; select a longer passage.", severity="warning", markup=False)
            return
        self.app.copy_to_clipboard(entry)
        self.notify(f"Copied a quote entry ({end - start} characters, unique in the document): paste it into a step's quotes.", markup=False)

    def action_open_url(self) -> None:
        if self.doc.meta.url:
            self.app.open_url(self.doc.meta.url)

    def unavailable(self, action: str) -> str | None:
        if action == "open_url" and not self.doc.meta.url:
            return "This source has no url to open."
        return super().unavailable(action)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_url":
            return self.doc.meta.url is not None
        return super().check_action(action, parameters)
