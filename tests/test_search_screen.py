"""The search screen, driven like a reader would: type, move, open, come back, reload, click."""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path
from typing import AsyncIterator

import pytest
from explorer_support import FIXTURE, copy_corpus, flat, make_app, reload, screen_text, write_markup_corpus
from rich.cells import cell_len
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input

import tui.screens.search as search_screen
from tui.app import DrawdownApp
from tui.corpus.load import load_corpus
from tui.corpus.search import Hit, SearchIndex
from tui.screens.scenario import ScenarioScreen
from tui.screens.search import SearchScreen
from tui.screens.source import SourceScreen
from tui.widgets.quote_list import QuoteList
from tui.widgets.search_result_list import SearchResultList
from tui.widgets.source_text import SourceText


def expected(query: str, root: Path = FIXTURE):  # type: ignore[no-untyped-def]
    """What the data layer finds, computed apart from the screen."""
    return SearchIndex(load_corpus(root)).search(query)


async def open_search(app: DrawdownApp, pilot) -> SearchScreen:  # type: ignore[no-untyped-def]
    await pilot.press("slash")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, SearchScreen)
    return screen


async def type_query(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press(*["space" if c == " " else c for c in text])
    await pilot.pause()


@asynccontextmanager
async def searching(query: str = "", root: Path = FIXTURE, size: tuple[int, int] = (120, 40)) -> AsyncIterator[tuple[DrawdownApp, Pilot[None], SearchScreen]]:
    """The real app with the search open, `query` typed into it."""
    app = make_app(root)
    async with app.run_test(size=size) as pilot:
        screen = await open_search(app, pilot)
        if query:
            await type_query(pilot, query)
        yield app, pilot, screen


async def press_enter(app: DrawdownApp, pilot) -> Screen[object]:  # type: ignore[no-untyped-def]
    await pilot.press("enter")
    await pilot.pause()
    return app.screen


def listing(screen: SearchScreen) -> SearchResultList:
    return screen.query_one(SearchResultList)


async def move_to(pilot, screen: SearchScreen, wanted) -> Hit:  # type: ignore[no-untyped-def]
    """Press down from the input until the current hit is the first one `wanted` accepts."""
    results = listing(screen)
    for _ in range(len(results.hits) + 1):
        hit = results.current
        if hit is not None and wanted(hit):
            return hit
        await pilot.press("down")
    raise AssertionError("no such hit")


async def test_slash_opens_search_with_the_input_focused_and_a_hint() -> None:
    async with searching() as (app, pilot, screen):
        assert isinstance(app.focused, Input)
        assert "summaries, quotes and documents" in (app.focused.placeholder or "")
        text = flat(screen_text(app))
        assert "Drawdown › Search" in text
        assert "Type at least two characters." in text
        assert listing(screen).option_count == 0
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, SearchScreen)


async def test_the_palette_opens_search_by_name() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await type_query(pilot, "Search")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        assert isinstance(app.focused, Input) and app.focused.id == "search-input"


async def test_typing_shows_results_grouped_by_scenario_with_the_data_layers_count() -> None:
    async with searching("Sa") as (app, pilot, screen):
        await type_query(pilot, "dr")  # incremental: every keystroke searches again
        want = expected("Sadr")
        assert want.total == 12
        results = listing(screen)
        assert results.results is not None and results.results.total == want.total
        assert [(h.kind, h.scenario_id, h.index, h.snippet_start) for h in results.hits] == [
            (h.kind, h.scenario_id, h.index, h.snippet_start) for g in want.groups for h in g.hits
        ]
        text = screen_text(app)
        assert "12 results for “Sadr”" in text
        headers = [line.strip() for line in text.splitlines() if " · " in line and "results" in line and "for" not in line]
        assert [h.split("  ")[0] for h in headers] == [
            "2011 · How many troops stay after 2011?",
            "2020 · Iraq votes to expel US troops: public compliance, private slow-roll",
            "2021 · The 2021 \"end\" of the US combat mission in Iraq",
        ]
        assert "Summary  Step 16 ▶  REPORTED  Moqtada al-Sadr" in text
        assert "Document The Wire · 61% into the document" in text
        # Every match marked in each excerpt: the marked words are the query, whatever their case.
        first = results.prompt(1)
        marked = [first.plain[s.start : s.end] for s in first.spans if s.start > first.plain.index("\n")]
        assert marked == ["Sadr"]
        # The cursor starts on the first hit; headers are not selectable.
        assert results.highlighted == 1 and results.current == results.hits[0]
        assert results.is_header(0)


async def test_down_and_up_from_the_input_skip_the_headers() -> None:
    async with searching("Sadr") as (app, pilot, screen):
        results = listing(screen)
        for _ in range(6):
            await pilot.press("down")
        assert isinstance(app.focused, Input)
        hit = results.current
        assert hit is not None and hit.scenario_id == "2020-expulsion-vote"  # the 7th hit, past the 2020 header
        await pilot.press("up")
        assert results.current is not None and results.current.scenario_id == "2011-troop-levels"
        assert screen.query_one(Input).value == "Sadr"


async def test_more_than_two_hundred_results_are_capped_and_counted() -> None:
    async with searching("the") as (app, pilot, screen):
        want = expected("the")
        assert want.total > 200
        assert len(listing(screen).hits) == 200
        assert f"{want.total:,} results for “the” · showing 200 of {want.total:,}" in screen_text(app)


async def test_no_result_says_so() -> None:
    async with searching("Sadr") as (app, pilot, screen):
        assert listing(screen).hits
        await type_query(pilot, "zz")
        text = flat(screen_text(app))
        assert "No result for “Sadrzz”" in text
        assert "Nothing matches “Sadrzz” in any summary, quote or document." in text
        assert listing(screen).option_count == 0 and listing(screen).hits == []
        await pilot.press("enter")  # nothing to open
        await pilot.pause()
        assert app.screen is screen


async def test_enter_on_a_quote_lands_on_its_step_and_escape_comes_back_to_the_same_place() -> None:
    async with searching("insane const") as (app, pilot, screen):
        hit = await move_to(pilot, screen, lambda h: h.kind == "quote")
        assert (hit.scenario_id, hit.holder, hit.index) == ("2011-troop-levels", "step", 21)
        scenario = await press_enter(app, pilot)
        assert isinstance(scenario, ScenarioScreen)
        assert scenario.scenario.scenario.id == "2011-troop-levels" and scenario.index == 21
        assert "the various insane constituencies" in scenario.query_one(QuoteList).prompt(0).plain
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert screen.query_one(Input).value == "insane const"
        assert listing(screen).current == hit
        assert isinstance(app.focused, Input)


async def test_enter_on_a_summary_lands_on_its_step() -> None:
    async with searching("Sadr") as (app, pilot, screen):
        hit = await move_to(pilot, screen, lambda h: h.kind == "summary" and h.scenario_id == "2021-combat-mission-end")
        scenario = await press_enter(app, pilot)
        assert isinstance(scenario, ScenarioScreen)
        assert scenario.scenario.scenario.id == "2021-combat-mission-end" and scenario.index == hit.index == 2


async def test_enter_on_a_document_passage_opens_the_reader_there() -> None:
    async with searching("archive of") as (app, pilot, screen):
        hit = await move_to(pilot, screen, lambda h: h.kind == "source" and "The Wire." in h.snippet)
        reader = await press_enter(app, pilot)
        assert isinstance(reader, SourceScreen)
        assert reader.source_id == hit.source_id == "wire-2011"
        text_view = reader.query_one(SourceText)
        span = (hit.snippet_start, hit.snippet_start + len(hit.snippet))
        assert text_view.found == span
        assert reader.doc.text is not None and reader.doc.text[span[0] : span[1]] == "This article is from the archive of our partner The Wire."
        # The passage is on screen: the document's last line, well below where the reader starts.
        assert "This article is from the archive of our partner The Wire." in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and listing(screen).current == hit


async def test_an_options_quote_opens_in_its_document() -> None:
    async with searching() as (app, pilot, screen):
        want = next(
            h for g in expected("troops").groups for h in g.hits if h.kind == "quote" and h.holder in ("option", "figure")
        )
        await type_query(pilot, "troops")
        hit = await move_to(pilot, screen, lambda h: h.kind == "quote" and h.holder in ("option", "figure"))
        assert (hit.scenario_id, hit.holder, hit.index) == (want.scenario_id, want.holder, want.index)
        reader = await press_enter(app, pilot)
        assert isinstance(reader, SourceScreen)
        assert hit.quote is not None and reader.current_passage is not None
        assert (reader.current_passage.start, reader.current_passage.end) == hit.quote.span


async def test_a_name_finds_its_other_spellings_and_says_through_which() -> None:
    async with searching("Moktada") as (app, pilot, screen):
        results = listing(screen)
        assert results.results is not None and results.results.total == expected("Moktada").total
        late = [h for h in results.hits if h.scenario_id == "2021-combat-mission-end"]
        assert late and all(h.via == "Moqtada al-Sadr" for h in late)
        index = next(i for i in range(results.option_count) if results.is_header(i) and "2021" in results.prompt(i).plain)
        prompt = results.prompt(index + 1).plain
        assert "Moqtada al-Sadr" in prompt and "matched via Moqtada al-Sadr" in prompt
        await move_to(pilot, screen, lambda h: h.scenario_id == "2021-combat-mission-end")
        text = screen_text(app)
        assert "The writer describes Moqtada al-Sadr" in text
        assert "matched via Moqtada al-Sadr" in text
        assert "also searched: Moqtada al-Sadr, Muqtada al-Sadr" in text


async def test_markup_in_a_quote_is_shown_as_typed_and_clicking_it_runs_nothing(tmp_path: Path) -> None:
    async with searching("do not quit", root=write_markup_corpus(tmp_path)) as (app, pilot, screen):
        text = screen_text(app)
        assert "[@click=app.quit]do not quit[/]" in text
        assert "Title [bold]bold?[/bold] [@click=app.quit]quit?[/]" in text  # the group header
        assert "[@click=app.quit]Quit Actor[/]" in text  # the step's actor
        results = listing(screen)
        line = results.line_of(1) + 1  # the excerpt line of the first hit
        for x in range(4, 60, 4):
            await pilot.click(SearchResultList, offset=(x, line))
            await pilot.pause()
            assert app.is_running and app.return_code is None
            if not isinstance(app.screen, SearchScreen):
                await pilot.press("escape")
                await pilot.pause()
        assert app.screen is screen


async def test_clicking_a_result_opens_it() -> None:
    async with searching("Sadr") as (app, pilot, screen):
        results = listing(screen)
        target = next(i for i, h in enumerate(results._hits) if h is not None and h.scenario_id == "2020-expulsion-vote" and h.kind == "quote")
        hit = results._hits[target]
        assert hit is not None
        await pilot.click(SearchResultList, offset=(10, results.line_of(target) - results.scroll_offset.y))
        await pilot.pause()
        scenario = app.screen  # one click opens it, as on the home screen
        assert isinstance(scenario, ScenarioScreen)
        assert scenario.scenario.scenario.id == "2020-expulsion-vote" and scenario.index == hit.index
        await pilot.press("escape")
        await pilot.pause()
        assert listing(screen).current == hit  # the click selected it too
        # A header is not a result: clicking it does nothing.
        await pilot.click(SearchResultList, offset=(10, results.line_of(0) - results.scroll_offset.y))
        await pilot.pause()
        assert app.screen is screen


async def test_a_reload_searches_the_new_text_and_keeps_the_selection(tmp_path: Path) -> None:
    root = copy_corpus(tmp_path)
    async with searching("zebracorn", root=root) as (app, pilot, screen):
        assert "No result for “zebracorn”" in screen_text(app)
        path = root / "scenarios" / "2020-expulsion-vote.toml"
        text = path.read_text(encoding="utf-8")
        old = 'summary = "Muqtada al-Sadr reversed his call'
        assert text.count(old) == 1
        path.write_text(text.replace(old, 'summary = "Muqtada al-Sadr, the zebracorn, reversed his call'), encoding="utf-8")
        assert await reload(app, pilot)
        results = listing(screen)
        assert results.results is not None and results.results.total == expected("zebracorn", root).total == 1
        (hit,) = results.hits
        assert (hit.kind, hit.scenario_id, hit.index) == ("summary", "2020-expulsion-vote", 23)
        assert "1 result for “zebracorn”" in screen_text(app)
        # A reload that takes away a result above the selected one keeps the selection on the same result.
        await pilot.press("ctrl+a", "ctrl+k")
        await type_query(pilot, "Sadr")
        chosen = await move_to(pilot, screen, lambda h: h.scenario_id == "2021-combat-mission-end" and h.kind == "quote")
        place = results.highlighted
        path.write_text(text.replace(old, 'summary = "The cleric reversed his call'), encoding="utf-8")
        assert await reload(app, pilot)
        assert results.results is not None and results.results.total == expected("Sadr", root).total == 11
        assert results.current == chosen and results.highlighted == place - 1  # type: ignore[operator]


async def test_a_big_corpus_is_indexed_in_a_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_screen, "THREAD_ABOVE", 0)
    async with searching() as (app, pilot, screen):
        await type_query(pilot, "Sadr")  # typed while the index may still be building
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.index is not None
        assert listing(screen).results is not None and listing(screen).results.total == expected("Sadr").total  # type: ignore[union-attr]
        assert "12 results for “Sadr”" in screen_text(app)


async def test_a_narrow_terminal_keeps_each_result_on_its_lines() -> None:
    async with searching("Moktada", size=(80, 24)) as (app, pilot, screen):
        results = listing(screen)
        width = results.scrollable_content_region.width
        for index in range(results.option_count):
            for line in results.prompt(index).plain.split("\n"):
                assert len(line) <= width, line
        assert "matched via Muqtada al-Sadr" in screen_text(app)


def statuses(screen: SearchScreen, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every status line the screen shows from now on, as plain text."""
    shown: list[str] = []
    show = screen._show_status

    def recording(status) -> None:  # type: ignore[no-untyped-def]
        shown.append(status.plain)
        show(status)

    monkeypatch.setattr(screen, "_show_status", recording)
    return shown


def behind(monkeypatch: pytest.MonkeyPatch) -> None:
    """Search as a big corpus is searched: the first page at once, the count in small steps behind."""
    import tui.corpus.search as search

    monkeypatch.setattr(search, "AT_ONCE", 0)
    monkeypatch.setattr(search, "_CHUNK", 8)


async def test_a_big_corpus_lists_the_first_results_at_once_and_counts_them_behind(monkeypatch: pytest.MonkeyPatch) -> None:
    behind(monkeypatch)
    async with searching() as (app, pilot, screen):
        shown = statuses(screen, monkeypatch)
        await type_query(pilot, "the")
        await app.workers.wait_for_complete()
        await pilot.pause()
        want = expected("the")
        assert next(status for status in shown if "“the”" in status) == "Counting the results for “the”… · showing the first 200, type more to narrow"
        assert shown[-1] == f"{want.total:,} results for “the” · showing 200 of {want.total:,}, type more to narrow"
        assert f"{want.total:,} results for “the”" in screen_text(app)
        results = listing(screen)
        assert results.results is not None and results.results.counted and results.results.total == want.total
        assert [(h.scenario_id, h.snippet_start) for h in results.hits] == [(h.scenario_id, h.snippet_start) for g in want.groups for h in g.hits]
        await pilot.press("down", "down")
        assert results.highlighted == 3  # moving works while (and after) counting
        assert isinstance(await press_enter(app, pilot), SourceScreen | ScenarioScreen)


async def test_a_newer_query_cancels_the_older_count(monkeypatch: pytest.MonkeyPatch) -> None:
    behind(monkeypatch)
    async with searching() as (app, pilot, screen):
        shown = statuses(screen, monkeypatch)
        await pilot.press("t", "h", "e", "space", "t")  # each key a search; none waits for the one before to be counted
        await app.workers.wait_for_complete()
        await pilot.pause()
        newest = next(n for n, status in enumerate(shown) if "“the t”" in status)
        assert all("“the t”" in status for status in shown[newest:]), shown  # no older count shown after it
        assert shown[-1].startswith(f"{expected('the t').total:,} results for “the t”")


async def test_short_queries_leave_the_hint_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    async with searching() as (app, pilot, screen):
        results = listing(screen)
        updates: list[object] = []
        update = results.show_hint
        monkeypatch.setattr(results, "show_hint", lambda *args, **kwargs: (updates.append(args), update(*args, **kwargs))[1])
        await pilot.press("a", "backspace", "b", "backspace", "c", "backspace")
        await pilot.pause()
        assert updates == []  # drawn already
        await type_query(pilot, "zq")
        assert len(updates) == 1 and "Nothing matches" in flat(screen_text(app))
        await pilot.press("backspace", "backspace")
        await pilot.pause()
        assert len(updates) == 2 and "Type at least two characters." in flat(screen_text(app))


async def test_results_coming_and_going_lay_nothing_out(monkeypatch: pytest.MonkeyPatch) -> None:
    # A query whose results fit without a scrollbar: one coming or going lays the list out (Textual 8.2.8).
    async with searching("Allahpundit") as (app, pilot, screen):
        await pilot.pause()
        assert listing(screen).hits and not listing(screen).show_vertical_scrollbar
        layouts: list[object] = []
        layout = screen._refresh_layout
        monkeypatch.setattr(screen, "_refresh_layout", lambda *args, **kwargs: (layouts.append(args), layout(*args, **kwargs))[1])
        for keys in (["z"], ["backspace"], ["z", "z"], ["backspace", "backspace"]):
            await pilot.press(*keys)
            await pilot.pause()
            # The list stays on screen and says the hint itself: a widget shown or hidden lays the screen out.
            assert layouts == [], keys
        assert "for “Allahpundit”" in screen_text(app) and listing(screen).hits


@pytest.mark.parametrize("size", [(120, 40), (40, 12)], ids=["120x40", "40x12"])
async def test_a_result_row_uses_the_width_of_the_screen_and_is_cut_at_its_end(tmp_path: Path, size: tuple[int, int]) -> None:
    root = copy_corpus(tmp_path)
    sources = root / "seeds" / "sources.toml"
    # A document with no outlet is named by its title, here 61 characters long.
    sources.write_text(sources.read_text(encoding="utf-8").replace('outlet = "The Wire"\n', "", 1), encoding="utf-8")
    async with searching("bureaucratic", root, size) as (app, pilot, screen):
        await pilot.pause()
        width = size[0]
        lines = [line.rstrip("▂▁▇▆▅▄▃█ ") for line in screen_text(app).splitlines()]
        label = next(line for line in lines if line.startswith(" Document "))
        if width == 120:
            assert label == " Document The Bureaucratic Infighting over Withdrawing Troops from Iraq · 0% into the document"
        else:
            assert label.startswith(" Document The Bureau") and label.endswith("…"), label
        cut = [line for line in lines[:-1] if line.endswith("…")]  # not the footer's palette key
        assert cut, lines
        # A cell of padding either side and the scrollbar's gutter: every other cell of the screen is the row's.
        assert {cell_len(line) for line in cut} == {width - 2}, (cut, width)
