"""Search: summaries, quotes and whole documents, as you type, grouped by scenario.

The query's input keeps the focus the whole time: the arrows, page keys and enter
are the screen's (priority) keys, so the reader types, moves and opens without
leaving it. The index is built once per loaded corpus; a big corpus builds it in a
thread so the screen comes up at once.
"""

from __future__ import annotations

import asyncio
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Input, Static

from ..corpus.control_chars import visible
from ..corpus.folding import fold
from ..corpus.live import LiveCorpus
from ..corpus.load import Corpus
from ..corpus.search import DEFAULT_LIMIT, MIN_QUERY, PendingSearch, SearchIndex, SearchResults, built_index, search_index
from ..navigation import OpenScenario, OpenSource
from ..widgets.filter_input import FilterInput
from ..widgets.search_result_list import HitKey, SearchResultList, hit_key
from ..widgets.title_bar import TitleBar
from ..widgets.key_footer import KeyFooter
from .corpus_screen import HELP_OVER_TEXT, BackScreen

# Above this many scenarios the index is built in a thread (about a quarter second for 1,000).
THREAD_ABOVE = 100

PLACEHOLDER = "Search summaries, quotes and documents; a name finds all its spellings"

HINT = Content.assemble(
    ("Type at least two characters.\n\n", ".screen--strong"),
    "Searches every step summary, every quote (of steps, options and figures) and the full text of "
    "every document. Case, curly or straight quotes and line breaks do not matter.\n\n",
    "A name finds every spelling of its actor: in the bundled corpus, ",
    ("Moktada", ".screen--strong"),
    " also finds “Moqtada al-Sadr” and “Muqtada al-Sadr”.\n\n",
    ("↓ ↑", ".screen--strong"),
    " move through the results · ",
    ("enter", ".screen--strong"),
    " or a click opens one (a step in its scenario, a passage in its document) · ",
    ("esc", ".screen--strong"),
    " goes back",
)


class SearchScreen(BackScreen):
    TYPING_FIELD = "#search-input"
    BINDINGS: ClassVar[list[BindingType]] = [
        HELP_OVER_TEXT,
        Binding("down", "move(1)", "Next", id="search.down", key_display="↓", priority=True, tooltip="Next result"),
        Binding("up", "move(-1)", "Prev", id="search.up", key_display="↑", priority=True, tooltip="Previous result"),
        Binding("pagedown", "page(1)", "Page down", id="search.page-down", show=False, priority=True, tooltip="A page of results down"),
        Binding("pageup", "page(-1)", "Page up", id="search.page-up", show=False, priority=True, tooltip="A page of results up"),
        Binding(
            "enter", "open", "Open", id="search.open", priority=True,
            tooltip="Open the result: a summary or quote at its step, a document passage in the source reader",
        ),
    ]  # fmt: skip

    def __init__(self, live: LiveCorpus) -> None:
        super().__init__(live)
        self.corpus: Corpus | None = None  # the corpus the index (and every hit) comes from
        self.index: SearchIndex | None = None
        self.results: SearchResults | None = None
        self._hint_shows: tuple[str, str] = ("help", "")  # what the list's hint says (HINT, as composed)

    def compose(self) -> ComposeResult:
        yield TitleBar(id="title-bar")
        yield FilterInput(placeholder=PLACEHOLDER, id="search-input")
        yield Static(id="search-status")
        yield SearchResultList(HINT, id="search-results")
        yield self.reload_panel()
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(TitleBar).set_path("Search")
        self.query_one(Input).focus()
        self._index_corpus()

    async def corpus_changed(self) -> None:
        if self.live.corpus is not self.corpus:
            self._index_corpus()

    # -- the index -----------------------------------------------------------------

    def _index_corpus(self) -> None:
        corpus = self.live.corpus
        index = built_index(corpus)  # built in the background once the corpus was loaded, usually
        if index is not None or len(corpus.scenarios) <= THREAD_ABOVE:
            self._indexed(corpus, index or search_index(corpus))
            return
        self.index = None
        self._show_status(Content(f"Indexing {len(corpus.scenarios):,} scenarios…"))
        self._build_index(corpus)

    @work(thread=True, exclusive=True, group="search-index")
    def _build_index(self, corpus: Corpus) -> None:
        index = search_index(corpus)  # waits for the background build, if that is under way
        self.app.call_from_thread(self._indexed, corpus, index)

    def _indexed(self, corpus: Corpus, index: SearchIndex) -> None:
        if corpus is not self.live.corpus:
            return  # a reload came in while this one was building: its own build follows
        self.corpus, self.index = corpus, index
        current = self.query_one(SearchResultList).current
        self._search(self.query_one(Input).value, hit_key(current) if current is not None else None)

    # -- searching -----------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        self._search(event.value)

    def _search(self, query: str, keep: HitKey | None = None) -> None:
        if self.index is None or self.corpus is None:
            return  # still indexing: the search runs when the index is ready
        # The hits to list are found at once; on a big corpus, a short query's count is finished behind.
        pending = self.index.begin(query, DEFAULT_LIMIT)
        results = pending.page
        self.results = results
        if pending.done:
            self.workers.cancel_group(self, "search-count")
        else:
            self._count(pending)
        if results.total:
            self._hint_shows = ("", "")
            self.query_one(SearchResultList).show_results(results, self.corpus, keep)
        else:
            self._show_hint()
        self._show_status(self._status(results))

    @work(exclusive=True, group="search-count")
    async def _count(self, pending: PendingSearch) -> None:
        """Finish a search behind its first page, a step between keys; a newer query cancels it."""
        page = pending.page
        for _ in pending.steps():
            await asyncio.sleep(0)  # each step is about a millisecond: a key waits no longer than that
        if self.results is page and pending.results is not None:
            self.results = pending.results
            self.query_one(SearchResultList).results = pending.results  # the same hits: nothing to list again
            self._show_status(self._status(pending.results))

    def _status(self, results: SearchResults) -> Content:
        query = results.query.strip() if results.query else self.query_one(Input).value.strip()
        if len(query) < MIN_QUERY:
            return Content("")
        if not results.total:
            return Content.assemble(("No result", ".screen--strong"), f" for “{visible(query)}”")
        noun = "result" if results.total == 1 else "results"
        parts: list[str | tuple[str, str]] = [(f"{results.total:,} {noun}", ".screen--strong"), f" for “{visible(query)}”"]
        if not results.counted:
            parts = [
                ("Counting the results", ".screen--strong"),
                f" for “{visible(query)}”…",
                (f" · showing the first {results.shown}, type more to narrow", ".screen--strong"),
            ]
        elif results.truncated:
            parts.append((f" · showing {results.shown} of {results.total:,}, type more to narrow", ".screen--strong"))
        if results.named is not None:
            # The spellings searched besides the query: those that do not contain it already.
            typed = fold(query).strip()
            others = [visible(s.text) for s in results.named.spellings if typed not in s.folded]
            if others:
                parts.append((" · also searched: " + ", ".join(others), ".screen--faint"))
        return Content.assemble(*parts)

    def _show_status(self, status: Content) -> None:
        self.query_one("#search-status", Static).update(status, layout=False)  # one line, always

    def _show_hint(self) -> None:
        """No result: the list says how to search, or that nothing matches."""
        query = self.query_one(Input).value.strip()
        shows = ("help", "") if len(query) < MIN_QUERY else ("nothing", query)
        if shows == self._hint_shows:
            return  # drawn already: every short query would draw it again
        self._hint_shows = shows
        hint = self.query_one(SearchResultList)
        if len(query) < MIN_QUERY:
            hint.show_hint(HINT)
        else:
            hint.show_hint(
                Content.assemble(
                    ("Nothing matches", ".screen--strong"),
                    f" “{visible(query)}” in any summary, quote or document.\n\n",
                    "The query is looked for as one phrase: check the spelling, or try fewer or shorter words. "
                    "Case, quote marks and line breaks do not matter.",
                )
            )

    # -- moving and opening ----------------------------------------------------------

    def action_move(self, delta: int) -> None:
        self.query_one(SearchResultList).move(delta)

    def action_page(self, delta: int) -> None:
        listing = self.query_one(SearchResultList)
        if delta > 0:
            listing.action_page_down()
        else:
            listing.action_page_up()

    def action_open(self) -> None:
        hit = self.query_one(SearchResultList).current
        corpus = self.corpus
        if hit is None or corpus is None:
            if self.results is not None and self.results.total:
                self.notify("Move to a result first.", severity="warning", markup=False)
            return
        if hit.kind == "source":
            assert hit.source_id is not None
            self.drawdown.open_now(OpenSource(hit.source_id, (hit.snippet_start, hit.snippet_start + len(hit.snippet)), corpus))
            return
        entry = corpus.entry(hit.scenario_id or "")
        if entry is None or hit.index is None:
            return
        if hit.holder == "step":
            self.drawdown.open_now(OpenScenario(entry.path, hit.index))
        elif hit.quote is not None and hit.quote.span is not None:
            # An option's or a figure's quote has no step to land on: read it in its document.
            self.drawdown.open_now(OpenSource(hit.quote.source, hit.quote.span, corpus))
        else:
            self.drawdown.open_now(OpenScenario(entry.path, 0))

    def on_search_result_list_chosen(self, event: SearchResultList.Chosen) -> None:
        self.action_open()  # a click on a result opens it, as enter does
