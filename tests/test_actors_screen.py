"""The Actors list and an actor's path, driven like a reader would: keys, palette, filter, clicks, reload.

Expectations come from the scenario files themselves (read with tomllib here), not from the
screens' own code, so a wrong order or a missing spelling on screen fails the test.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

from explorer_support import FIXTURE, copy_corpus, flat, make_app, reload, screen_text, write_markup_corpus
from test_reload import touch
from textual.command import CommandPalette

from tui.app import DrawdownApp
from tui.corpus.load import load_corpus
from tui.navigation import OpenActor, OpenScenario
from tui.screens.actor_path import ActorPathScreen
from tui.screens.actors import ActorsScreen
from tui.screens.home import HomeScreen
from tui.screens.scenario import ScenarioScreen
from tui.screens.source import SourceScreen
from tui.widgets.actor_table import ActorTable
from tui.widgets.path_step_list import PathStepList
from tui.widgets.quote_list import QuoteList
from tui.widgets.step_view import StepView

# -- what the files say ------------------------------------------------------------------


def read_toml(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def valid_scenarios(root: Path) -> list[dict[str, Any]]:
    """The scenario files that load without errors (the views leave the broken ones out), parsed as TOML."""
    valid = {entry.path.resolve() for entry in load_corpus(root).scenarios if entry.scenario is not None}
    return [read_toml(path) for path in sorted((root / "scenarios").glob("*.toml")) if path.resolve() in valid]


def actors_in_files(root: Path) -> dict[str, dict[str, Any]]:
    found = {actor["id"]: actor for actor in read_toml(root / "scenarios" / "actors.toml")["actors"]}
    for data in valid_scenarios(root):
        found.update({actor["id"]: actor for actor in data.get("actors", [])})
    return found


def expected_path(root: Path, actor_id: str) -> list[tuple[str, int, str]]:
    """(scenario id, step index, summary) of every step naming the actor, in the documented date order."""
    keys: list[tuple[dt.date, str, dt.date, int, str]] = []
    for data in valid_scenarios(root):
        meta = data["scenario"]
        carried = dt.date.min  # an undated step sorts with the nearest dated step above it
        for index, step in enumerate(data.get("steps", [])):
            carried = step.get("date", carried)
            if step.get("actor") == actor_id:
                keys.append((meta["date"], meta["id"], carried, index, step["summary"]))
    return [(scenario, index, summary) for _, scenario, _, index, summary in sorted(keys)]


def scenario_file(root: Path, scenario_id: str) -> Path:
    return (root / "scenarios" / f"{scenario_id}.toml").resolve()


# -- driving the app ---------------------------------------------------------------------


async def type_text(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press(*["space" if c == " " else c for c in text])
    await pilot.pause()


async def open_list(app: DrawdownApp, pilot) -> ActorsScreen:  # type: ignore[no-untyped-def]
    await pilot.press("a")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ActorsScreen)
    return screen


async def open_path(app: DrawdownApp, pilot, actor_id: str) -> ActorPathScreen:  # type: ignore[no-untyped-def]
    app.post_message(OpenActor(actor_id))
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ActorPathScreen)
    return screen


def listed(screen: ActorsScreen) -> list[str]:
    return [row.summary.actor.id for row in screen.query_one(ActorTable).rows_shown]


def path_steps(screen: ActorPathScreen) -> list[tuple[str, int, str]]:
    return [(step.scenario_id, step.index, step.step.summary) for step in screen.path.steps]


def shown_options(screen: ActorPathScreen) -> str:
    steps = screen.query_one(PathStepList)
    return "\n".join(steps.get_option_at_index(i).prompt.plain for i in range(steps.option_count))  # type: ignore[union-attr]


# -- the list ------------------------------------------------------------------------------


async def test_key_a_lists_every_actor_by_name_with_its_counts() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_list(app, pilot)
        actors = actors_in_files(FIXTURE)
        expected = sorted(actors, key=lambda actor_id: (actors[actor_id]["name"].casefold(), actor_id))
        assert listed(screen) == expected
        # Counts and years from the files: Donald Trump is named by 4 steps of 3 scenarios.
        named = [(data["scenario"]["date"].year, data["scenario"]["id"]) for data in valid_scenarios(FIXTURE) for step in data.get("steps", []) if step.get("actor") == "trump"]
        years = sorted({year for year, _ in named})
        row = next(r for r in screen.query_one(ActorTable).rows_shown if r.summary.actor.id == "trump")
        assert (row.summary.steps, row.summary.scenarios, list(row.summary.years)) == (len(named), len({s for _, s in named}), years)
        assert (len(named), years) == (4, [2020, 2021, 2024])
        line = next(line for line in screen_text(app).splitlines() if "Donald Trump" in line)
        assert line.split()[1:] == ["▌Donald", "Trump", "us-executive", "person", "3", "4", "2020,", "2021,", "2024", "│"]
        # The first actor is highlighted and previewed.
        assert "Iraqi deputy commander who led the Popular Mobilization Forces" in flat(screen_text(app))


async def test_the_palette_opens_the_list_by_name() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await type_text(pilot, "Actors")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ActorsScreen)


async def test_filtering_by_an_alias_finds_the_actor_and_says_which_spelling() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_list(app, pilot)
        await type_text(pilot, "Moktada")
        assert listed(screen) == ["al-sadr"]
        text = screen_text(app)
        assert "Moqtada al-Sadr  Moktada al-Sadr" in text  # the name, then the alias it was found by
        assert "1 of 50" in text
        # Case and curly quotes do not matter, as everywhere in the explorer.
        await pilot.press(*["backspace"] * 7)
        await type_text(pilot, "iraq's parl")
        assert listed(screen) == ["iraqi-parliament"]
        await pilot.press(*["backspace"] * 11)
        await type_text(pilot, "PMU")
        assert listed(screen) == ["pmf"]
        await type_text(pilot, "zz")
        assert listed(screen) == []
        assert "No actor's name or spelling contains “PMUzz”." in flat(screen_text(app))
        await pilot.press("enter")  # nothing highlighted: it says so and stays
        assert isinstance(app.screen, ActorsScreen)


async def test_arrows_move_the_list_under_the_filter_and_enter_opens_the_path() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_list(app, pilot)
        assert app.focused is screen.query_one("#actor-filter")
        await pilot.press("down", "down")
        table = screen.query_one(ActorTable)
        assert table.current is not None and table.current.summary.actor.id == listed(screen)[2]
        assert "Ayatollah Ali Khamenei" in screen_text(app)  # the preview follows the highlight
        await pilot.press("up")
        assert table.current.summary.actor.id == listed(screen)[1]
        await type_text(pilot, "sadr")
        await pilot.press("enter")
        await pilot.pause()
        path = app.screen
        assert isinstance(path, ActorPathScreen) and path.actor_id == "al-sadr"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and screen.query_one("#actor-filter").value == "sadr"  # type: ignore[attr-defined]


async def test_clicking_a_row_highlights_it_and_a_second_click_opens_it() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_list(app, pilot)
        table = screen.query_one(ActorTable)
        # Row 0 is the border, row 1 the header: row 4 is the third actor.
        await pilot.click(ActorTable, offset=(10, 4))
        await pilot.pause()
        third = listed(screen)[2]
        assert table.current is not None and table.current.summary.actor.id == third
        assert isinstance(app.screen, ActorsScreen)
        await pilot.click(ActorTable, offset=(10, 4))
        await pilot.pause()
        assert isinstance(app.screen, ActorPathScreen) and app.screen.actor_id == third


async def test_an_actor_no_step_names_is_listed_dimmed_and_says_there_is_nothing_to_show(tmp_path: Path) -> None:
    root = copy_corpus(tmp_path)
    catalog = root / "scenarios" / "actors.toml"
    catalog.write_text(
        catalog.read_text(encoding="utf-8")
        + '\n[[actors]]\nid = "aardvark"\nname = "Aardvark Council"\nside = "zoo"\nkind = "group"\ndescription = "Named by no step."\n',
        encoding="utf-8",
    )
    app = make_app(root)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_list(app, pilot)
        assert listed(screen)[0] == "aardvark"
        table = screen.query_one(ActorTable)
        name_cell = table.cells_of(0)[0]
        dimmed = table.get_component_rich_style("actor-table--unused", partial=True)
        assert any(span.style == dimmed for span in name_cell.spans)
        assert "dimmed: named by no step" in screen_text(app)
        assert "No step of any scenario names this actor" in flat(screen_text(app))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ActorsScreen)
        assert any("Nothing to show: no step of any scenario names Aardvark Council." in n.message for n in app._notifications)
        # Reached another way (the palette), its path says the same plainly.
        path = await open_path(app, pilot, "aardvark")
        assert "No step of any scenario names Aardvark Council: there is nothing to show." in shown_options(path)
        assert path.query_one(QuoteList).quotes == []


# -- the path ------------------------------------------------------------------------------


async def test_the_path_shows_every_spelling_and_which_the_quotes_print() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_path(app, pilot, "al-sadr")
        actor = actors_in_files(FIXTURE)["al-sadr"]
        header = flat(screen_text(app))
        spellings = [actor["name"], *actor["aliases"]]
        assert "Spellings " + " · ".join(f"“{s}”" for s in spellings) in header  # all three are printed
        assert actor["description"][:60] in header
        assert "iraq-shia-politics · person · shared across scenarios" in header
        options = shown_options(screen)
        # Each step says the spelling its quotes print: the 2011 document writes two, the 2021 one a third.
        for scenario, index, summary in expected_path(FIXTURE, "al-sadr"):
            data = read_toml(scenario_file(FIXTURE, scenario))
            quotes = " ".join(q["text"] for q in data["steps"][index]["quotes"])
            printed = [s for s in spellings if s in quotes]
            assert printed, summary
            assert f"Step {index + 1}" in options and summary in options
            assert "prints " + ", ".join(f"“{s}”" for s in printed) in options


async def test_a_catalog_spelling_no_quote_prints_is_shown_plain() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_path(app, pilot, "obama")
        actor = actors_in_files(FIXTURE)["obama"]
        quotes = " ".join(q["text"] for data in valid_scenarios(FIXTURE) for s in data.get("steps", []) if s.get("actor") == "obama" for q in s["quotes"])
        assert actor["name"] in quotes and actor["aliases"][0] not in quotes
        header = flat(screen_text(app))
        assert f"Spellings “{actor['name']}” · {actor['aliases'][0]} plain: printed in no quote" in header
        assert screen.path.spellings_printed == (actor["name"],)


async def test_steps_come_in_date_order_across_scenarios(tmp_path: Path) -> None:
    root = copy_corpus(tmp_path)
    path = root / "scenarios" / "2020-expulsion-vote.toml"
    # A dated al-Sadr step added at the end of the 2020 file, dated before his undated step there.
    early = "Al-Sadr, dated before the vote, added last in the file."
    touch(
        path,
        path.read_text(encoding="utf-8")
        + f'\n[[steps]]\nkind = "pressure"\nactor = "al-sadr"\nstance = "public"\ndate = 2020-01-02\ndate_basis = "inferred"\nsummary = "{early}"\n'
        + 'quotes = [{ source = "time-2020", text = "Muqtada al-Sadr" }]\n',
    )
    app = make_app(root)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_path(app, pilot, "al-sadr")
        expected = expected_path(root, "al-sadr")
        assert path_steps(screen) == expected
        assert [s for s, _, _ in expected] == ["2011-troop-levels", "2011-troop-levels", "2020-expulsion-vote", "2020-expulsion-vote", "2021-combat-mission-end"]
        assert expected[2][2] == early  # it comes before the step above it in the file
        # On screen too: each scenario's heading, then its steps, in that order.
        options = shown_options(screen)
        positions = [options.index(summary) for _, _, summary in expected]
        assert positions == sorted(positions)
        headings = ["2011 · How many troops stay after 2011?", "2020 · Iraq votes to expel US troops", "2021 · The 2021 \"end\" of the US combat mission"]
        heading_positions = [options.index(h) for h in headings]
        assert heading_positions == sorted(heading_positions)
        assert heading_positions[1] < positions[2] and heading_positions[2] > positions[3]
        assert "2020-01-02 (inferred)" in options


async def test_enter_on_a_step_lands_on_that_step_in_its_scenario() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_path(app, pilot, "al-sadr")
        steps = screen.query_one(PathStepList)
        assert app.focused is steps
        expected = expected_path(FIXTURE, "al-sadr")
        await pilot.press("down", "down")
        scenario, index, summary = expected[2]
        assert screen.current is not None and (screen.current.scenario_id, screen.current.index) == (scenario, index)
        quotes = screen.query_one(QuoteList)
        data = read_toml(scenario_file(FIXTURE, scenario))
        assert [q.text for q in quotes.quotes] == [q["text"] for q in data["steps"][index]["quotes"]]
        await pilot.press("enter")
        await pilot.pause()
        scenario_screen = app.screen
        assert isinstance(scenario_screen, ScenarioScreen)
        assert scenario_screen.scenario.scenario.id == scenario and scenario_screen.index == index
        assert summary in flat(scenario_screen.query_one(StepView).text)


async def test_o_and_a_double_clicked_quote_open_the_source_at_the_quote() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_path(app, pilot, "al-sadr")
        quote = screen.query_one(QuoteList).current
        assert quote is not None and quote.span is not None
        await pilot.press("o")
        await pilot.pause()
        source = app.screen
        assert isinstance(source, SourceScreen) and source.source_id == quote.source
        assert source.current_passage is not None and (source.current_passage.start, source.current_passage.end) == quote.span
        await pilot.press("escape")
        await pilot.pause()
        await pilot.double_click(QuoteList, offset=(5, 1))
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)


async def test_clicking_a_step_selects_it_and_shows_its_quotes() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_path(app, pilot, "al-sadr")
        steps = screen.query_one(PathStepList)
        second = expected_path(FIXTURE, "al-sadr")[1]
        # The second step's block starts a separator line below the end of the first one.
        region = steps.region
        target = next(y for y in range(region.y, region.bottom) if f"Step {second[1] + 1} " in screen_text(app).splitlines()[y])
        await pilot.click(PathStepList, offset=(10, target - region.y))
        await pilot.pause()
        assert screen.current is not None and (screen.current.scenario_id, screen.current.index) == second[:2]
        assert "Muqtada al-Sadr is threatening" in flat(screen_text(app))
        assert isinstance(app.screen, ActorPathScreen)  # a click selects; enter or a second click opens
        await pilot.click(PathStepList, offset=(10, target - region.y))
        await pilot.pause()
        scenario = app.screen
        assert isinstance(scenario, ScenarioScreen) and (scenario.scenario.scenario.id, scenario.index) == second[:2]


async def test_the_palette_opens_an_actor_at_its_path() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "Actor: Moqtada al-Sadr")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ActorPathScreen) and app.screen.actor_id == "al-sadr"


async def test_the_scenario_screen_opens_the_current_steps_actor() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        app.post_message(OpenScenario(scenario_file(FIXTURE, "2020-expulsion-vote"), 23))
        await pilot.pause()
        scenario = app.screen
        assert isinstance(scenario, ScenarioScreen) and scenario.scenario.steps[23].actor == "al-sadr"
        await pilot.press("A")
        await pilot.pause()
        path = app.screen
        assert isinstance(path, ActorPathScreen) and path.actor_id == "al-sadr"
        await pilot.press("escape")
        await pilot.pause()
        app.post_message(OpenScenario(scenario_file(FIXTURE, "2011-troop-levels"), 0))
        await pilot.pause()
        first = app.screen
        assert isinstance(first, ScenarioScreen) and first.scenario.steps[0].actor is None
        await pilot.press("A")  # an event that names no actor: it says so, and nothing opens
        await pilot.pause()
        assert app.screen is first
        assert any(n.message == "This step names no actor." for n in app._notifications)


# -- reload and literal text -------------------------------------------------------------


async def test_a_reload_refreshes_the_list_and_the_path_in_place(tmp_path: Path) -> None:
    root = copy_corpus(tmp_path)
    catalog = root / "scenarios" / "actors.toml"
    scenario = root / "scenarios" / "2021-combat-mission-end.toml"
    app = make_app(root)
    async with app.run_test(size=(120, 40)) as pilot:
        listing = await open_list(app, pilot)
        await type_text(pilot, "sadr")
        touch(catalog, catalog.read_text(encoding="utf-8").replace('name = "Moqtada al-Sadr"', 'name = "Sayyid Moqtada al-Sadr"'))
        assert await reload(app, pilot)
        assert listed(listing) == ["al-sadr"]
        assert "Sayyid Moqtada al-Sadr" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ActorPathScreen)
        await pilot.press("down")
        before = screen.current
        assert before is not None and before.index == 20
        # A new al-Sadr step in 2021: the path grows, and the reader stays on the same step.
        touch(
            scenario,
            scenario.read_text(encoding="utf-8")
            + '\n[[steps]]\nkind = "event"\nactor = "al-sadr"\nsummary = "A new step for the reload test."\n'
            + 'quotes = [{ source = "inlakesh-2021", text = "Moqtada al-Sadr" }]\n',
        )
        assert await reload(app, pilot)
        assert path_steps(screen) == expected_path(root, "al-sadr")
        assert len(screen.path.steps) == 5
        assert screen.current is not None and (screen.current.scenario_id, screen.current.index) == (before.scenario_id, before.index)
        assert "A new step for the reload test." in shown_options(screen)
        assert "Sayyid Moqtada al-Sadr" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is listing and "5" in screen_text(app).split("Sayyid Moqtada al-Sadr")[1].split("\n")[0]


async def test_markup_in_the_files_is_shown_literally(tmp_path: Path) -> None:
    app = make_app(write_markup_corpus(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_list(app, pilot)
        text = screen_text(app)
        assert "▌[@click=app.quit]Quit Actor[/]" in text
        assert "An actor whose [b]description[/b] is markup." in text
        await type_text(pilot, "[@click")
        assert listed(screen) == ["clicker"]
        await pilot.click(ActorTable, offset=(6, 2))  # the highlighted row: a click on it opens it
        await pilot.pause()
        assert isinstance(app.screen, ActorPathScreen)
        text = screen_text(app)
        assert "Drawdown  ›  Actors  ›  [@click=app.quit]Quit Actor[/]" in text
        assert "Title [bold]bold?[/bold] [@click=app.quit]quit?[/]" in text
        assert "Step summary [@click=app.quit]click me[/] and [red]x[/]" in text
        assert "toward Stay [bold]put[/bold] · 3,000 troops" in text
        assert "[@click=app.quit]do not quit[/]" in text  # the quote, in its passage
        for y, line in enumerate(text.splitlines()[:3]):  # the title bar and the header print the actor's name
            if "[@click" in line:
                await pilot.click(offset=(line.index("[@click") + 2, y))
        await pilot.click(PathStepList, offset=(12, 1))  # the scenario's heading
        await pilot.pause()
        assert app.is_running and app.return_code is None


async def test_escape_goes_back_to_where_the_reader_was() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_list(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ActorPathScreen)
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_a_narrow_list_keeps_the_name_readable() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_list(app, pilot)
        text = screen_text(app)
        header = next(line for line in text.splitlines() if "Actor" in line and "Side" in line)
        assert "Kind" not in header and "Years" in header  # the kind moves to the preview
        assert "Adel Abdul Mahdi" in text
        assert "Donald Trump" in text and "2020–2024" in text  # three years shown as their span


async def test_a_theme_switch_recolours_the_sides() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        app.theme = "textual-dark"
        screen = await open_list(app, pilot)
        table = screen.query_one(ActorTable)
        dark_bar = table.cells_of(0)[0].spans[0].style
        app.theme = "textual-light"
        await pilot.pause()
        light_bar = table.cells_of(0)[0].spans[0].style
        assert light_bar != dark_bar
        assert table.current is not None and table.current.summary.actor.id == listed(screen)[0]


def test_an_event_with_no_actor_says_so_plainly() -> None:
    from tui.step_labels import actor_name

    assert actor_name({}, None) == "No actor given"
