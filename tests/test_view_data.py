"""What the views derive from a corpus is built once per loaded corpus, and a reload starts it afresh.

At 3,000 scenarios the views keep their data on the corpus (tui/corpus/view_data.py); these tests
check that what they show still follows the files: after a reload every view shows the change,
and a burst of filter keys on a large corpus ends idle on the right rows.
"""

from __future__ import annotations

import sys
from pathlib import Path
from contextlib import asynccontextmanager
from typing import Any, AsyncIterator

from explorer_support import copy_corpus, make_app, reload, screen_text
from key_bursts import assert_idle, burst
from test_reload import touch

from tui.commands import palette_targets
from tui.corpus.actor_filter import actor_filter
from tui.corpus.figures import corpus_figures
from tui.corpus.folding import fold
from tui.corpus.live import LiveCorpus
from tui.corpus.search import search_index
from tui.corpus.spellings import actor_spellings
from tui.corpus.stance_gaps import corpus_gaps
from tui.corpus.view_data import prepare, wait_prepared
from tui.screens.actors import ActorsScreen
from tui.step_labels import one_line
from tui.widgets.actor_table import ActorTable

sys.path.insert(0, str(Path(__file__).parent / "bench"))
from corpus_copies import make_copies  # noqa: E402

OLD_NAME, NEW_NAME = 'name = "Moqtada al-Sadr"', 'name = "Moqtada al-Sadr Renamed"'
OLD_TITLE = "2020-expulsion-vote"


def test_each_view_builds_once_per_corpus_and_afresh_after_a_reload(tmp_path: Path) -> None:
    root = copy_corpus(tmp_path)
    live = LiveCorpus(root)
    builders = (actor_filter, corpus_gaps, corpus_figures, lambda _: palette_targets(live), search_index)
    prepare(live.corpus, builders)
    assert wait_prepared(live.corpus, 0)
    before = [build(live.corpus) for build in builders]
    assert all(again is first for again, first in zip((build(live.corpus) for build in builders), before))

    actors = root / "scenarios" / "actors.toml"
    touch(actors, actors.read_text(encoding="utf-8").replace(OLD_NAME, NEW_NAME))
    scenario = root / "scenarios" / f"{OLD_TITLE}.toml"
    text = scenario.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title = "))
    touch(scenario, text.replace(title, 'title = "A retitled scenario"', 1))
    live.reload()

    after = [build(live.corpus) for build in builders]
    assert all(new is not old for new, old in zip(after, before))
    assert not wait_prepared(live.corpus, 0)  # the new corpus is not prepared until prepare runs on it
    names = [summary.actor.name for summary in actor_filter(live.corpus).listing]
    assert "Moqtada al-Sadr Renamed" in names and "Moqtada al-Sadr" not in names
    texts = [target.text for target in palette_targets(live).every()]
    assert "Actor: Moqtada al-Sadr Renamed" in texts and "Scenario: A retitled scenario" in texts
    gap_scenarios = {gap.scenario_id for gap in corpus_gaps(live.corpus)}
    assert OLD_TITLE in gap_scenarios
    assert live.corpus.entry(OLD_TITLE).scenario.scenario.title == "A retitled scenario"  # type: ignore[union-attr]
    assert search_index(live.corpus).search("Renamed").named is not None  # the new spelling names the actor


async def test_the_actors_list_shows_a_renamed_actor_after_a_reload(tmp_path: Path) -> None:
    root = copy_corpus(tmp_path)
    app = make_app(root)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.corpus_ready()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ActorsScreen)
        await pilot.press(*"sadr")
        await pilot.pause()
        actors = root / "scenarios" / "actors.toml"
        touch(actors, actors.read_text(encoding="utf-8").replace(OLD_NAME, NEW_NAME))
        assert await reload(app, pilot)
        shown = [row.summary.actor.name for row in app.screen.query_one(ActorTable).rows_shown]
        assert "Moqtada al-Sadr Renamed" in shown and "Moqtada al-Sadr" not in shown


def expected_rows(app_root: Path, query: str, live: LiveCorpus) -> list[str]:
    """The actor ids the list should show for `query`, worked out here: any spelling holding it, by name, every one."""
    actors = sorted(live.corpus.actors.values(), key=lambda actor: (actor.name.casefold(), actor.id))
    return [a.id for a in actors if any(fold(query) in fold(s) for s in actor_spellings(a))]


@asynccontextmanager
async def actors_of_copies(tmp_path: Path, copies: int) -> AsyncIterator[tuple[Any, Any, LiveCorpus, ActorTable]]:
    """The actors list of the app on `copies` copies of the bundled corpus, under tmp_path/large."""
    root = tmp_path / "large"
    make_copies(root, copies)
    app = make_app(root)
    async with app.run_test(size=(120, 40)) as pilot:
        live = await app.corpus_ready()
        await pilot.press("a")
        await pilot.pause()
        yield app, pilot, live, app.screen.query_one(ActorTable)


async def test_a_filter_burst_on_a_large_corpus_ends_idle_on_the_right_rows(tmp_path: Path) -> None:
    async with actors_of_copies(tmp_path, 150) as (app, pilot, live, table):  # about 1,100 actors
        root = tmp_path / "large"
        total = len(live.corpus.actors)
        # Every actor is listed (the list once stopped at 500), and the title counts them all.
        assert total > 500 and len(table.rows_shown) == total
        assert str(table.border_title) == f"Actors, by name: {total:,}"
        for keys, query in ((tuple("mahdi"), "mahdi"), (("backspace",) * 4, "m"), (tuple("uq"), "muq")):
            await burst(pilot, *keys)
            await assert_idle(app, pilot)
            assert app.screen.query_text == query
            assert [row.summary.actor.id for row in table.rows_shown] == expected_rows(root, query, live)


async def test_the_filter_finds_an_actor_far_down_the_list_and_end_reaches_the_last(tmp_path: Path) -> None:
    async with actors_of_copies(tmp_path, 150) as (app, pilot, live, table):
        root = tmp_path / "large"
        every = expected_rows(root, "", live)
        last = live.corpus.actors[every[-1]]
        assert every.index(last.id) >= 500  # past where the list once stopped
        table.focus()
        await burst(pilot, "end")
        await assert_idle(app, pilot)
        assert table.current == table.rows_shown[-1] and table.current.summary.actor.id == last.id
        assert one_line(last.name) in screen_text(app)  # the preview follows the highlight
        app.screen.query_one("#actor-filter").focus()
        await burst(pilot, *last.name)
        await assert_idle(app, pilot)
        assert last.id in [row.summary.actor.id for row in table.rows_shown]


async def test_a_filter_key_draws_only_the_rows_on_screen(tmp_path: Path, monkeypatch: Any) -> None:
    # A DataTable made every matching row's cells on each key (seconds at 21,000 actors): the
    # list draws the lines it shows, a screenful, however many actors match.
    async with actors_of_copies(tmp_path, 40) as (app, pilot, live, table):
        root = tmp_path / "large"
        drawn: list[object] = []
        cells = ActorTable._cells
        monkeypatch.setattr(ActorTable, "_cells", lambda self, row, *a: (drawn.append(row), cells(self, row, *a))[1])
        await burst(pilot, *"al", "backspace")
        await assert_idle(app, pilot)
        assert app.screen.query_text == "a"
        assert [row.summary.actor.id for row in table.rows_shown] == expected_rows(root, "a", live)
        assert len(table.rows_shown) > 3 * 40 and table.row_count == len(table.rows_shown)
        assert len(drawn) <= 3 * table.scrollable_content_region.height  # three keys, a screenful each at most


async def test_a_closed_view_is_freed_with_its_widgets() -> None:
    import gc
    import weakref

    from tui.screens.figures import FiguresScreen
    from tui.screens.pressure_matrix import PressureMatrixScreen
    from tui.screens.scenario import ScenarioScreen
    from tui.screens.search import SearchScreen
    from tui.screens.stance_gaps import StanceGapsScreen

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.corpus_ready()
        closed: list[weakref.ref[object]] = []
        widgets: list[tuple[str, weakref.ref[object]]] = []
        for key, kind in (("g", StanceGapsScreen), ("f", FiguresScreen), ("a", ActorsScreen), ("m", PressureMatrixScreen), ("enter", ScenarioScreen), ("slash", SearchScreen)):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, kind)
            closed.append(weakref.ref(app.screen))
            # Each widget too: a list subscribed to the theme's signal outlived its screen (FollowsTheme).
            widgets.extend((f"{kind.__name__}:{type(widget).__name__}", weakref.ref(widget)) for widget in app.screen.query("*"))
            await pilot.press("escape")
            await pilot.pause()
        # A timer of a closed widget (the search field's cursor blink) holds it until its next tick.
        for _ in range(40):
            await pilot.pause(0.05)
            gc.collect()
            if all(ref() is None for _, ref in widgets):
                break
        assert [ref() for ref in closed] == [None] * len(closed)
        assert [name for name, ref in widgets if ref() is not None] == []


async def test_the_wheel_scrolls_the_long_list_and_a_click_then_takes_the_row_under_it(tmp_path: Path) -> None:
    from textual import events

    async with actors_of_copies(tmp_path, 40) as (app, pilot, live, table):
        assert table.scroll_y == 0
        for _ in range(5):
            table.post_message(events.MouseScrollDown(table, 10, 5, 0, 0, 0, False, False, False, screen_x=10, screen_y=5))
        await pilot.pause()
        top = round(table.scroll_y)
        assert top > 0 and table.cursor_row == 0  # the wheel scrolls the view, not the highlight
        # Row 0 of the widget is its border, row 1 the header: row 4 shows the list's row top + 2.
        await pilot.click(ActorTable, offset=(10, 4))
        await pilot.pause()
        assert table.cursor_row == top + 2 and table.current == table.rows_shown[top + 2]
        assert one_line(table.rows_shown[top + 2].summary.actor.name) in screen_text(app)
        await pilot.press("pagedown")  # the screen's keys move the highlight a page, in view
        await pilot.pause()
        assert table.cursor_row > top + 2 and round(table.scroll_y) <= table.cursor_row < round(table.scroll_y) + table.scrollable_content_region.height - 1
