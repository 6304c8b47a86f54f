"""The home screen: every scenario by date, counts, a badge and readable errors for a broken file."""

from __future__ import annotations

import asyncio
import re
import sys
import threading
from pathlib import Path

from corpus_builder import write_corpus
from explorer_support import FIXTURE, copy_corpus, flat, make_app, screen_text, settle

from tui.widgets.title_bar import TitleBar
from tui.app import DrawdownApp
from tui.screens.file_errors import FileErrorsScreen
from tui.screens.home import HomeScreen
from tui.screens.scenario import ScenarioScreen
from tui.widgets.scenario_list import ScenarioList

sys.path.insert(0, str(Path(__file__).parent / "bench"))
from corpus_copies import make_copies  # noqa: E402


async def test_home_lists_scenarios_in_date_order_with_counts() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        names = [path.stem for path in app.screen.query_one(ScenarioList).paths]
        assert names == [
            "2011-troop-levels",
            "2020-expulsion-vote",
            "2021-combat-mission-end",
            "2024-sudani-committee",
            "2024-two-stage-withdrawal",
            "2022-unfinished-draft",  # broken files come last, whatever their name says
        ]
        text = screen_text(app)
        assert "2011  How many troops stay after 2011?" in text
        assert "23 actors · 29 steps · 70 quotes" in text  # the 2020 scenario
        await pilot.press("end")
        text = screen_text(app)
        assert "2022-unfinished-draft.toml" in text
        assert "✖ 2 errors" in text


async def test_counts_follow_the_file(tmp_path: Path) -> None:
    root = copy_corpus(tmp_path)
    path = root / "scenarios" / "2011-troop-levels.toml"
    text = path.read_text(encoding="utf-8")
    # Drop the last step (an outcome): one step and its quotes fewer.
    cut = text.rindex('[[steps]]\nkind = "outcome"')
    end = text.index("[[figures]]", cut)
    path.write_text(text[:cut] + text[end:], encoding="utf-8")
    app = make_app(root)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "12 actors · 22 steps" in text and "23 steps" not in text


async def test_the_title_counts_in_words_a_reader_would_write(tmp_path: Path) -> None:
    write_corpus(tmp_path)  # one scenario, one source
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.corpus_ready()
        await settle(pilot)
        assert "1 scenario, 1 source  ›" in screen_text(app)


async def test_opening_a_broken_file_shows_each_error_with_its_line() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("end", "enter")
        await pilot.pause()
        assert isinstance(app.screen, FileErrorsScreen)
        text = screen_text(app)
        assert "2022-unfinished-draft.toml:16:9: error: unknown actor 'nobody-we-know'" in text
        assert '   16 │ actor = "nobody-we-know"' in text
        assert "      │         ^" in text  # the caret sits under column 9
        assert "2022-unfinished-draft.toml:20:34: error: quote not found in 'time-2020'" in flat(text)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_enter_opens_the_highlighted_scenario_and_escape_returns() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ScenarioScreen)
        assert app.screen.path.name == "2020-expulsion-vote.toml"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        highlighted = app.screen.query_one(ScenarioList).highlighted_path
        assert highlighted is not None and highlighted.name == "2020-expulsion-vote.toml"


async def test_clicking_a_card_opens_it() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        # Click the third card's title where it is on screen.
        row = next(y for y, line in enumerate(screen_text(app).split("\n")) if "2021  The 2021" in line)
        await pilot.click(offset=(12, row))
        await pilot.pause()
        assert isinstance(app.screen, ScenarioScreen)
        assert app.screen.path.stem == "2021-combat-mission-end"


async def test_the_home_body_has_the_figures_chart_as_its_second_column() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        body = app.screen.query_one("#home-body")
        assert body.styles.layout is not None and body.styles.layout.name == "horizontal"
        assert [child.id for child in body.children] == ["home-main", "home-figures"]


def test_a_long_offending_line_is_cut_to_keep_the_column_in_view() -> None:
    from tui.widgets.diagnostic_list import excerpt

    line, caret = excerpt("x" * 100 + "ERR here", 3, 101)
    assert line.index("ERR") == caret.index("^")
    assert line.startswith("    3 │ …") and len(line) < 60
    line, caret = excerpt("key\t= 1", 12, 7)  # a tab is one column wide, as the diagnostic counts it
    assert line == "   12 │ key = 1" and caret.index("^") == line.rindex("1")


class GatedApp(DrawdownApp):
    """The real app, with the full check held back until the test lets it run."""

    def __init__(self, root: Path) -> None:
        super().__init__(root, poll=False)
        self.gate = threading.Event()

    def _load_corpus(self) -> None:
        self.gate.wait(30)
        super()._load_corpus()


async def test_before_the_check_the_list_shows_each_file_as_it_describes_itself() -> None:
    app = GatedApp(FIXTURE)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "checking 6 scenario files…" in text
        assert "2011  How many troops stay after 2011?" in text
        assert "checking…" in text and "actors ·" not in text  # no counts until they are checked
        assert "Checking the scenario files" in text
        # Enter before the check is done opens the scenario as soon as it is.
        await pilot.press("down", "enter")
        assert isinstance(app.screen, HomeScreen)
        app.gate.set()
        await asyncio.wait_for(app.corpus_ready(), 10)
        for _ in range(20):
            await pilot.pause(0.05)
            if isinstance(app.screen, ScenarioScreen):
                break
        assert isinstance(app.screen, ScenarioScreen)
        assert app.screen.path.name == "2020-expulsion-vote.toml"


async def test_the_views_data_is_built_only_once_the_counts_are_drawn(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # Built at once, the views' data (a thread holding the interpreter lock half the time) slowed
    # the home screen's listing of the loaded corpus and the frame that shows its counts.
    from tui.corpus import view_data

    app = make_app()
    titles: list[str] = []
    prepare = view_data.prepare

    def noting(*args, **kwargs):  # type: ignore[no-untyped-def]
        # On the preparing thread: what the home screen has drawn, read rather than rendered (a
        # render from this thread raced the app's own, and the thread died before preparing).
        home = app.screen_stack[0]
        titles.append(f"{' › '.join(home.query_one(TitleBar)._parts)} drawn={home.shows_loaded}")
        prepare(*args, **kwargs)

    monkeypatch.setattr(view_data, "prepare", noting)
    async with app.run_test(size=(120, 40)) as pilot:
        live = await app.corpus_ready()
        await settle(pilot)
        # Waited for off the event loop: the thread is started from it (after the frame with the
        # counts), and a wait that held the loop could outlast it on a slow machine (CI).
        assert await asyncio.to_thread(view_data.wait_prepared, live.corpus, 20)
        assert len(titles) == 1 and "5 scenarios, 5 sources" in titles[0] and titles[0].endswith("drawn=True"), titles


async def test_the_chart_is_built_after_the_frame_with_the_counts(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # Asked for with call_after_refresh, the chart (plotext's import, every series) came before the
    # frame that shows the loaded corpus's counts: Textual 8.2.8 ran it when the screen was next idle
    # (seen with sixty files read on the workers, not with the fixture's six read on one process).
    from textual.screen import Screen

    from tui.corpus import figures

    make_copies(tmp_path / "copies", 60)
    app = make_app(tmp_path / "copies")
    painted: list[str] = []
    paint = Screen._compositor_refresh
    series = figures.figure_series
    counts_drawn: list[bool] = []

    def noting_paint(self: Screen) -> None:  # type: ignore[type-arg]
        paint(self)
        painted.append(screen_text(app).split("\n", 1)[0])

    def noting_series(corpus):  # type: ignore[no-untyped-def]
        counts_drawn.append(any(re.search(r"[\d,]+ scenarios, [\d,]+ sources", line) for line in painted))
        return series(corpus)

    monkeypatch.setattr(Screen, "_compositor_refresh", noting_paint)
    monkeypatch.setattr(figures, "figure_series", noting_series)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert counts_drawn and all(counts_drawn), (counts_drawn, painted)
        assert app.screen.query("#home-figures")


async def test_tab_reaches_the_summary_which_grows_and_scrolls() -> None:
    # The highlighted scenario's summary was cut at its pane's height, with no way to read the rest.
    from tui.widgets.scenario_summary import ScenarioSummary

    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await settle(pilot)
        summary = app.screen.query_one(ScenarioSummary)
        before = summary.size.height
        assert summary.max_scroll_y > 0, "the summary does not fit at 40x12"
        await pilot.press("tab")
        await settle(pilot)
        assert app.focused is summary and summary.size.height > before
        await pilot.press("down", "down")
        await settle(pilot)
        assert summary.scroll_y == 2
        await pilot.press("shift+tab")
        await settle(pilot)
        assert isinstance(app.focused, ScenarioList) and summary.size.height == before
        await pilot.press("j")  # the next scenario's summary, from its top
        await settle(pilot)
        assert summary.scroll_y == 0
