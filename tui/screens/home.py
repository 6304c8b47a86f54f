"""The home screen: every scenario of the corpus on a time line."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Callable, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import OptionList

from ..navigation import OpenScenario
from ..stale_highlights import is_stale
from ..widgets.scenario_list import ScenarioList
from ..widgets.scenario_summary import ScenarioSummary
from ..widgets.title_bar import TitleBar
from ..widgets.key_footer import KeyFooter
from .corpus_screen import CorpusScreen
from ..corpus.counted import counted

if TYPE_CHECKING:
    from ..corpus.batch_load import Batch
    from ..corpus.first_look import Glimpse
    from ..corpus.live import CatalogRow, LiveCorpus, Row
    from ..corpus.load import Corpus
    from ..widgets.figures_chart import FiguresChart


class HomeScreen(CorpusScreen):
    # The figures chart needs about 44 cells beside the scenario cards: on a narrower terminal it goes.
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (100, "-wide")]
    # Stacked, never in turns: on a slim terminal the hint line still says that tab reaches the
    # summary, whose card is cut to a few lines there, and which key opens the chart that went.
    PANES: ClassVar[tuple[tuple[str, str], ...]] = (("#scenario-list", "Scenarios"), ("#scenario-summary", "Summary"))
    PANE_HINT_ALSO: ClassVar[str] = "f: Figures"

    def __init__(self, live: LiveCorpus | None, first_look: list[Glimpse] | None = None, *, total: int | None = None) -> None:
        super().__init__(live)
        # Listed until each file is checked, in the order the checked rows take among them.
        self._first_look = sorted(first_look or [], key=_list_order)
        self._total = len(self._first_look) if total is None else total  # scenario files in all
        self._unlisted: list[Row | CatalogRow] = []  # checked, not yet among the cards
        self._drawn: object = None  # the corpus last listed and drawn (see shows_loaded)
        self._drawn_callbacks: list[Callable[[], object]] = []  # to call once the next frame is drawn
        self._summarised: object = None  # the item the summary shows

    def show_batches(self, batches: list[Batch], *, list_them: bool = True) -> None:
        """Take the files checked since the last batch and say how many are checked; with `list_them`,
        put every file taken and not yet listed among the cards, each in its place by date, while the
        rest are read (the explorer lists them less and less often as the list grows: see DrawdownApp)."""
        from ..corpus.live import Row, ScenarioView, broken_catalogs

        last = next((batch for batch in batches if batch.viewable is not None), None)
        for batch in batches:
            for entry in batch.entries:
                view = ScenarioView(entry, batch.preview) if entry.valid else None
                self._unlisted.append(Row(entry.path, entry, view))
        if not self.is_mounted:
            return  # listed with the next batch
        if last is not None:
            # Every file is checked: the counts and badges are final while the models are rebuilt.
            self._show_counts(last.viewable or 0, last.preview)
            list_them = True
            self._unlisted[:0] = broken_catalogs(last.preview.root, last.preview.reports) if last.preview.root is not None else []
        elif batches:
            self.query_one(TitleBar).set_path(self._checking(batches[-1].done))
        if list_them and self._unlisted:
            scenario_list = self.query_one(ScenarioList)
            highlighted = scenario_list.highlighted_item
            # The last batch brings again the files the checks between them changed: the newest row of each.
            scenario_list.place_rows(list({row.path: row for row in self._unlisted}.values()), _list_order)
            self._unlisted = []
            if scenario_list.highlighted_item is not highlighted:  # its first look gave way to its row
                self._show_highlighted()

    @property
    def unlisted(self) -> int:
        """How many checked files are taken in and not yet among the cards."""
        return len(self._unlisted)

    def _checking(self, done: int = 0) -> str:
        count = self._total
        if not count:
            return "reading the corpus…"
        progress = f" {done:,} of {count:,} checked" if done else ""
        return f"checking {counted(count, 'scenario file')}…{progress}"

    def compose(self) -> ComposeResult:
        # Textual 8.2.8 sends a screen its first Resize only after its first frame, and the breakpoint
        # classes it applies then restyled the whole screen and laid it out again, one more frame of
        # the several that followed the first. Set from the app's size before the widgets below are
        # mounted (and styled), they are there for the first frame, and that Resize changes nothing.
        size = self.app.size
        if size.width and size.height:
            self.size_classes(size.width, size.height)
        yield TitleBar(id="title-bar")
        # The figures chart joins #home-main inside #home-body once the corpus is loaded (_show_figures).
        with Horizontal(id="home-body"):
            with Vertical(id="home-main"):
                yield ScenarioList(self._first_look, id="scenario-list")
                yield ScenarioSummary(id="scenario-summary")
        yield self.reload_panel()
        yield KeyFooter()

    def one_pane_at_a_time(self) -> bool:
        return False  # the summary fits under the list at any width

    @property
    def scenario_path(self) -> Path | None:
        """The highlighted scenario, for the views that show one (the pressure matrix)."""
        if not self.is_mounted:
            return None
        row = self.query_one(ScenarioList).highlighted_row
        return row.path if row is not None and row.view is not None else None

    async def on_mount(self) -> None:
        # Explicitly, not through auto focus, which Textual skips while the app is blurred (a browser tab).
        self.query_one(ScenarioList).focus()
        await self._show()

    async def corpus_changed(self) -> None:
        await self._show()

    async def _show(self) -> None:
        if not self.loaded:
            count = self._total
            self.query_one(TitleBar).set_path(self._checking())
            if count:
                self.query_one(ScenarioList).border_title = "Scenarios, by date"
                self._show_highlighted()
            else:
                self.query_one(ScenarioSummary).show_message("Reading and checking the scenario files…")
            return
        rows = self.live.rows()
        corpus = self.live.corpus
        self._show_counts(sum(row.view is not None for row in rows), corpus)
        scenario_list = self.query_one(ScenarioList)
        scenario_list.border_title = "Scenarios, by date"
        # A broken shared file first: it is usually why the scenarios under it have errors.
        scenario_list.set_rows([*self.live.broken_catalogs(), *rows])
        self._show_highlighted()
        # After the frame that shows the counts and badges: plotext is imported here, never at start-up,
        # and with the chart's series it is a fifth of a second at 1,000 scenarios.
        self.after_drawn(self._show_figures)
        self.after_drawn(self._listed_and_drawn, corpus)

    def _show_counts(self, viewable: int, corpus: Corpus) -> None:
        from ..corpus.bundled import bundled_root
        from ..corpus.reading import display_path

        root = corpus.root
        assert root is not None
        self.query_one(TitleBar).set_path(
            f"{counted(viewable, 'scenario')}, {counted(len(corpus.sources), 'source')}",
            "bundled corpus" if root == bundled_root().resolve() else display_path(root),
        )

    def after_drawn(self, callback: Callable[..., object], *args: object) -> None:
        """Call `callback` once this screen has drawn what it shows now (or after the next refresh of
        the screen on top, when this one is not shown)."""
        if self.is_current:
            self._drawn_callbacks.append(partial(callback, *args))
        else:
            self.call_after_refresh(callback, *args)

    def _compositor_refresh(self) -> None:
        # Textual 8.2.8's call_after_refresh runs its callbacks when the screen is next idle, which
        # can come before the frame: the chart's import ran ahead of the frame with the counts.
        super()._compositor_refresh()
        callbacks, self._drawn_callbacks = self._drawn_callbacks, []
        for callback in callbacks:
            self.call_next(callback)

    def _listed_and_drawn(self, corpus: object) -> None:
        self._drawn = corpus

    @property
    def shows_loaded(self) -> bool:
        """Whether the loaded corpus (its newest reload) is listed, its counts and badges drawn."""
        return self.loaded and self._drawn is self.live.corpus

    async def _show_figures(self) -> None:
        if not (self.loaded and self.is_attached):
            return
        from ..corpus.figures import figure_series
        from ..widgets.figures_chart import FiguresChart

        series = figure_series(self.live.corpus)
        chart = self._figures_chart()
        if chart is None:
            chart = FiguresChart(compact=True, id="home-figures")
            chart.tooltip = "Every cited troop figure; f or a click opens the Figures view"
            await self.query_one("#home-body", Horizontal).mount(chart)
        chart.set_class(not series, "-empty")
        chart.show(series)
        self._show_highlighted()

    def _figures_chart(self) -> FiguresChart | None:
        found = self.query("#home-figures")
        return found.first() if found else None  # type: ignore[return-value]

    async def on_click(self, event: events.Click) -> None:
        if event.widget is not None and event.widget.id == "home-figures":
            await self.run_action("app.figures")

    def _show_highlighted(self) -> None:
        scenario_list = self.query_one(ScenarioList)
        row = scenario_list.highlighted_row
        item = scenario_list.highlighted_item
        summary = self.query_one(ScenarioSummary)
        # Shown already (on mount, and again for the list's first Highlighted message, after the first
        # frame): the same item shows the same text, which would only be laid out again.
        if item is None or item is not self._summarised:
            self._summarised = item
            if item is not None and row is None:
                summary.show_glimpse(item)  # type: ignore[arg-type]  # not a Row: a first look
            else:
                summary.show_row(row)
        chart = self._figures_chart()
        if chart is not None:
            listing = row.view.entry.listing if row is not None and row.view is not None else None
            chart.mark(listing.date if listing else None)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if not is_stale(event):
            self._show_highlighted()

    def action_open(self) -> None:
        """Open the highlighted scenario at once: "enter j j" typed fast steps twice in it."""
        path = self.query_one(ScenarioList).highlighted_path
        if path is not None:
            self.drawdown.open_now(OpenScenario(path))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:  # a click
        # The card enter was pressed on (each card's id is its path), not the one highlighted now:
        # "enter j j" typed fast moved the highlight down two before this came round, and opened
        # the scenario two cards below.
        if isinstance(event.option_list, ScenarioList) and event.option.id is not None:
            self.post_message(OpenScenario(Path(event.option.id)))


def _row_order(row: Row) -> tuple[object, ...]:
    listing = row.view.entry.listing if row.view is not None else None  # not its model: it may be rebuilt later
    return (False, listing.date, listing.id) if listing is not None else (True, row.path.name)


def _item_order(item: Row | Glimpse) -> tuple[object, ...]:
    """Checked rows and first looks in one time line: by date, then by id (a file's id is its name)."""
    from ..corpus.first_look import Glimpse

    if isinstance(item, Glimpse):
        return (item.date is None, item.date or 0, item.path.stem)
    return _row_order(item)


def _list_order(item: Row | CatalogRow | Glimpse) -> tuple[object, ...]:
    """Where a card goes while the corpus loads: a broken shared file first, then scenarios that open
    and first looks on one time line, then the files with errors and nothing to show, by name (as the
    loaded corpus lists them)."""
    if hasattr(item, "report"):  # a CatalogRow (not imported: first looks are ordered before pydantic is)
        return (-1,)  # in the order they are placed: sources, actors, series
    if getattr(item, "view", True) is None:  # checked, with nothing to show (a first look has no view)
        return (1, item.path.name)
    return (0, *_item_order(item))
