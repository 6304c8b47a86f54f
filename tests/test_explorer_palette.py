"""The command palette jumps to any scenario, step, actor or source; its hits are literal text."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from explorer_support import make_app, screen_text, write_markup_corpus
from rich.cells import cell_len
from textual.command import CommandList, CommandPalette, Hit
from textual.pilot import Pilot

from tui.app import DrawdownApp
from tui.commands import CorpusCommands
from tui.screens.actor_path import ActorPathScreen
from tui.screens.scenario import ScenarioScreen
from tui.screens.source import SourceScreen


async def best_hit(app: DrawdownApp, query: str):  # type: ignore[no-untyped-def]
    provider = CorpusCommands(app.screen)
    hits = [hit async for hit in provider.search(query)]
    assert hits, query
    return max(hits, key=lambda hit: hit.score)


async def type_text(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press(*["space" if c == " " else c for c in text])


async def test_palette_jumps_to_a_step() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await type_text(pilot, "Step 11 PRIVATE Trump")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ScenarioScreen)
        assert screen.scenario.scenario.id == "2020-expulsion-vote" and screen.index == 10


async def test_an_actor_opens_its_path_at_its_first_step() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        hit = await best_hit(app, "Actor Adel Abdul Mahdi")
        assert hit.text == "Actor: Adel Abdul Mahdi"
        hit.command()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ActorPathScreen) and screen.actor_id == "mahdi"
        first = screen.current
        assert first is not None and first.step.actor == "mahdi"
        scenario = app.live.view_by_id(first.scenario_id).entry.scenario  # type: ignore[union-attr]
        assert all(step.actor != "mahdi" for step in scenario.steps[: first.index])


async def test_a_source_opens_the_reader_and_a_scenario_opens_its_first_step() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        (await best_hit(app, "Source Despite U.S.-Iraq Feud")).command()
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen) and app.screen.source_id == "time-2020"
        (await best_hit(app, "Scenario combat mission")).command()
        await pilot.pause()
        assert isinstance(app.screen, ScenarioScreen)
        assert app.screen.scenario.scenario.id == "2021-combat-mission-end" and app.screen.index == 0


async def test_discovery_offers_scenarios_and_sources_before_typing() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        texts = [hit.text async for hit in CorpusCommands(app.screen).discover()]
        assert sum(t.startswith("Scenario: ") for t in texts) == 6  # five scenarios and the broken draft
        assert sum(t.startswith("Source: ") for t in texts) == 5


async def test_hits_show_file_text_literally(tmp_path: Path) -> None:
    app = make_app(write_markup_corpus(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        hit = await best_hit(app, "Actor Quit")
        assert hit.prompt.plain.startswith("Actor: [@click=app.quit]Quit Actor[/]")
        hit = await best_hit(app, "Scenario Title")
        assert "Title [bold]bold?[/bold] [@click=app.quit]quit?[/]" in hit.prompt.plain
        await pilot.press("ctrl+p")
        await type_text(pilot, "Quit Actor")
        await pilot.pause(0.3)
        assert app.is_running and app.return_code is None


def test_a_whole_word_ranks_above_a_longer_word_and_the_kind_label_does_not_count() -> None:
    from tui.commands import PaletteTargets, Target

    def target(text: str) -> Target:
        return Target(text, "", "actor", text, 0, False)

    texts = ["Actor: Iraqi officials", "Scenario: Iraq votes to expel US troops" + " and then some" * 300, "Step 3 REPORTED: US commanders in Iraq"]
    ranked = sorted(PaletteTargets([target(t) for t in texts]).best("iraq"), key=lambda hit: -hit[0])
    assert [hit[2].text[:20] for hit in ranked] == ["Scenario: Iraq votes", "Step 3 REPORTED: US ", "Actor: Iraqi officia"]


async def open_palette(pilot: Pilot[object]) -> CommandPalette:
    await pilot.pause()
    await pilot.press("ctrl+p")
    await pilot.pause()
    palette = pilot.app.screen
    assert isinstance(palette, CommandPalette)
    return palette


async def test_a_search_on_a_palette_whose_list_is_already_gone_does_nothing() -> None:
    # A palette being taken down while still on top (seen once in the key fuzz at 40x12): its list
    # was removed before the search's worker ran, and Textual's search raised NoMatches, ending the app.
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        palette = await open_palette(pilot)
        await palette.query_one(CommandList).remove()
        worker = palette._gather_commands("trump")
        await worker.wait()
        assert app.is_running and worker.error is None


async def test_a_search_whose_list_goes_while_it_runs_does_nothing_more() -> None:
    # CI's failure of 2 Dec 2026 (the key fuzz at 40x12): the list was removed while a search was
    # under way, and the search's end (the list shown or hidden, "No matches found" after a
    # countdown) looked the list up and raised NoMatches, ending the app.
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        palette = await open_palette(pilot)
        assert palette._list_visible, "the discovery hits are listed"
        went = asyncio.Event()

        async def search_after_the_list_went(search_value: str) -> AsyncIterator[Hit]:
            await went.wait()
            for _ in ():
                yield _

        palette._search_for = search_after_the_list_went  # type: ignore[method-assign]
        worker = palette._gather_commands("zzzz")
        await pilot.pause()
        await palette.query_one(CommandList).remove()
        palette._show_busy = True
        went.set()
        await worker.wait()
        await pilot.pause(palette._NO_MATCHES_COUNTDOWN + 0.2)
        assert app.is_running and worker.error is None


@pytest.mark.parametrize("size", [(120, 40), (40, 12)], ids=["120x40", "40x12"])
async def test_a_hit_is_one_line_of_its_name_and_one_of_its_detail_as_wide_as_the_palette(size: tuple[int, int]) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "Huffington")
        await pilot.pause(0.5)  # the palette searches in the background
        await pilot.pause()
        lines = [line.strip(" ▂▁▇▆▅▄▃") for line in screen_text(app).splitlines()]
        at = next(n for n, line in enumerate(lines) if line.startswith("Step 4 EVENT: The New York Times"))
        name, detail = lines[at], lines[at + 1]
        assert detail.startswith("How many troops stay after 2011? · "), lines  # the name was not wrapped
        if size == (120, 40):
            # Cut where the palette ends, not at 60 characters (the name) or at 40 and 60 (the detail).
            assert "Fox News report on the White House" in name and "confirm a Fox News report" in detail, lines
        for line in (name, detail):
            assert line.endswith("…") and cell_len(line) >= size[0] - 6, (line, size)
