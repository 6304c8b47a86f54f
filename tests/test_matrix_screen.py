"""The pressure matrix screen, driven like a reader would: keys, the palette, cells, clicks, reloads.

What a cell should hold is worked out here from the scenario file itself, not from the screen's
own data layer, so a wrong step number on screen cannot agree with a wrong expectation.
"""

from __future__ import annotations

from pathlib import Path

import tomli
from explorer_support import FIXTURE, copy_corpus, flat, make_app, palette_command, reload, screen_text, write_markup_corpus
from test_reload import touch
from textual.coordinate import Coordinate

from tui.app import DrawdownApp
from tui.navigation import OpenScenario
from tui.screens.pressure_matrix import PressureMatrixScreen
from tui.screens.scenario import ScenarioScreen
from tui.screens.source import SourceScreen
from tui.widgets.pressure_table import PressureTable
from tui.widgets.step_quotes import StepQuotes

PATH_2020 = (FIXTURE / "scenarios" / "2020-expulsion-vote.toml").resolve()
SHORT = {"public": "PUB", "private": "PRIV", "reported": "REP"}


def file_steps(path: Path) -> list[dict]:  # type: ignore[type-arg]
    return tomli.loads(path.read_text(encoding="utf-8"))["steps"]


def expected_cell(path: Path, actor: str, option: str | None) -> str:
    """The marks a cell must show, from the TOML: "PUB 18 PRIV 19, 20" (1-based step numbers)."""
    numbers: dict[str, list[int]] = {}
    for number, step in enumerate(file_steps(path), start=1):
        if step["kind"] == "pressure" and step.get("actor") == actor and step.get("toward") == option:
            numbers.setdefault(step["stance"], []).append(number)
    return " ".join(f"{SHORT[s]} {', '.join(map(str, numbers[s]))}" for s in ("public", "private", "reported") if s in numbers)


def cell_text(table: PressureTable, actor: str, option: str | None) -> str:
    return " ".join(table.cell_text(actor, option).plain.split())


async def open_matrix(app: DrawdownApp, pilot, path: Path = PATH_2020, step: int = 0) -> PressureMatrixScreen:  # type: ignore[no-untyped-def]
    """Open a scenario, then the matrix from it with `m`: the matrix opens on the scenario being read."""
    app.post_message(OpenScenario(path, step))
    await pilot.pause()
    await pilot.press("m")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, PressureMatrixScreen)
    return screen


async def select(pilot, screen: PressureMatrixScreen, actor: str, option: str | None) -> None:  # type: ignore[no-untyped-def]
    assert screen.query_one(PressureTable).move_to(actor, option)
    await pilot.pause()


async def test_m_opens_the_matrix_of_the_scenario_being_read() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_matrix(app, pilot)
        assert screen.scenario_path == PATH_2020
        text = screen_text(app)
        assert "Pressure matrix" in text
        assert "Iraq votes to expel US troops: public compliance, private slow-roll" in text
        assert "After the Soleimani strike and the parliament's vote" in text  # the question
        assert "PUB  public" in text and "PRIV  private" in text and "REP  reported" in text  # the legend
        await pilot.press("escape")
        assert isinstance(app.screen, ScenarioScreen)


async def test_m_on_home_opens_the_highlighted_scenario_and_the_palette_finds_it_by_name() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "m")  # the second scenario on the time line: 2020
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PressureMatrixScreen)
        assert screen.scenario_path == PATH_2020
        await pilot.press("escape")
        await palette_command(pilot, "Pressure matrix")
        assert isinstance(app.screen, PressureMatrixScreen)


async def test_cells_show_the_step_numbers_of_the_file() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_matrix(app, pilot)
        table = screen.query_one(PressureTable)
        # Mahdi says one thing in public and others in private and as reported; Trump in public and in private.
        checks = [
            ("mahdi", "full-withdrawal"),
            ("mahdi", "partial-withdrawal"),
            ("mahdi", "extended-drawdown"),
            ("trump", "keep-troops"),
            ("al-sadr", None),
        ]
        for actor, option in checks:
            expected = expected_cell(PATH_2020, actor, option)
            assert expected, (actor, option)  # each of these cells holds something
            assert cell_text(table, actor, option) == expected
        assert expected_cell(PATH_2020, "mahdi", "keep-troops") == ""
        assert cell_text(table, "mahdi", "keep-troops") == "·"
        assert "PRIV  19" in screen_text(app)


async def test_selecting_a_cell_shows_its_steps_and_their_quotes() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_matrix(app, pilot)
        await select(pilot, screen, "mahdi", "extended-drawdown")
        steps = screen.query_one(StepQuotes)
        toml = file_steps(PATH_2020)
        wanted = [i for i, s in enumerate(toml) if s.get("actor") == "mahdi" and s.get("toward") == "extended-drawdown"]
        assert [ref.index for ref in steps.refs] == wanted == [8, 18]
        first_quote = toml[8]["quotes"][0]["text"]
        assert first_quote in steps.prompt(0).plain
        assert "Adel Abdul Mahdi → Stretch the drawdown over months or years" in flat(screen_text(app))
        text = flat(steps.text)
        assert "Step 9 REPORTED" in text and "Step 19 PRIVATE" in text
        assert "— TIME, “Despite U.S.-Iraq Feud" in text
        assert text.count("— TIME") == sum(len(toml[i]["quotes"]) for i in wanted)  # every quote, with its citation


async def test_enter_opens_the_step_and_escape_comes_back_to_the_same_cell() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_matrix(app, pilot)
        await select(pilot, screen, "trump", "keep-troops")
        await pilot.press("enter")
        await pilot.pause()
        scenario = app.screen
        assert isinstance(scenario, ScenarioScreen)
        assert scenario.path == PATH_2020 and scenario.index == 9  # step 10, Trump in public
        await pilot.press("escape")
        assert app.screen is screen
        current = screen.query_one(PressureTable).current
        assert current is not None and (current.actor_id, current.option_id) == ("trump", "keep-troops")
        # In the detail pane, enter opens the step of the current quote: here the second step, in private.
        steps = screen.query_one(StepQuotes)
        steps.focus()
        await pilot.press("end", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ScenarioScreen) and app.screen.index == 10


async def test_o_opens_the_current_quote_in_the_source_reader() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_matrix(app, pilot)
        await select(pilot, screen, "trump", "keep-troops")
        quote = screen.query_one(StepQuotes).current
        assert quote is not None and quote.span is not None
        await pilot.press("o")
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, SourceScreen)
        passage = reader.current_passage
        assert passage is not None and (passage.start, passage.end) == quote.span


async def test_clicking_a_cell_selects_it_and_a_second_click_opens_its_step() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_matrix(app, pilot)
        lines = screen_text(app).splitlines()
        y = next(i for i, line in enumerate(lines) if "William Seely" in line)
        x = lines[y].index("PRIV  12")
        await pilot.click(offset=(x, y))
        await pilot.pause()
        current = screen.query_one(PressureTable).current
        assert current is not None and (current.actor_id, current.option_id) == ("seely", "full-withdrawal")
        assert [ref.index + 1 for ref in screen.query_one(StepQuotes).refs] == [12]
        await pilot.click(offset=(x, y))
        await pilot.pause()
        assert isinstance(app.screen, ScenarioScreen) and app.screen.index == 11


async def test_brackets_switch_scenario_in_place() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_matrix(app, pilot)
        assert "scenario 2 of 5" in screen_text(app)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert app.screen is screen
        assert screen.scenario_path.name == "2021-combat-mission-end.toml"
        assert "scenario 3 of 5" in screen_text(app)
        assert cell_text(screen.query_one(PressureTable), "nato", "increase-forces") == expected_cell(
            screen.scenario_path, "nato", "increase-forces"
        )
        await pilot.press("left_square_bracket", "left_square_bracket")
        await pilot.pause()
        assert screen.scenario_path.name == "2011-troop-levels.toml"
        await pilot.press("left_square_bracket")  # wraps round to the last one
        await pilot.pause()
        assert screen.scenario_path.name == "2024-two-stage-withdrawal.toml"
        # `m` on the matrix does not stack another; escape leaves for where the reader came from.
        await pilot.press("m", "escape")
        assert isinstance(app.screen, ScenarioScreen)


async def test_a_reload_refreshes_the_cells_and_keeps_the_cell(tmp_path: Path) -> None:
    root = copy_corpus(tmp_path)
    path = (root / "scenarios" / "2020-expulsion-vote.toml").resolve()
    app = make_app(root)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_matrix(app, pilot, path)
        await select(pilot, screen, "mahdi", "extended-drawdown")
        table = screen.query_one(PressureTable)
        assert cell_text(table, "mahdi", "extended-drawdown") == "PRIV 19 REP 9"
        # Step 19 now says Mahdi made the same case in public.
        text = path.read_text(encoding="utf-8")
        old = 'actor = "mahdi"\nstance = "private"\ntoward = "extended-drawdown"'
        assert old in text
        touch(path, text.replace(old, old.replace("private", "public")))
        assert await reload(app, pilot)
        assert cell_text(table, "mahdi", "extended-drawdown") == expected_cell(path, "mahdi", "extended-drawdown") == "PUB 19 REP 9"
        current = table.current
        assert current is not None and (current.actor_id, current.option_id) == ("mahdi", "extended-drawdown")
        assert "Step 19 PUBLIC" in flat(screen.query_one(StepQuotes).text)


async def test_text_from_files_is_shown_as_typed(tmp_path: Path) -> None:
    root = write_markup_corpus(tmp_path)
    app = make_app(root)
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_matrix(app, pilot, (root / "scenarios" / "markup.toml").resolve())
        table = screen.query_one(PressureTable)
        assert table.name_text("clicker").plain.replace("\n", " ") == "[@click=app.quit]Quit Actor[/]"
        assert table.header_text(table.option_ids[0]).plain.startswith("Stay [bold]put[/bold]")
        text = flat(screen_text(app))
        assert "Title [bold]bold?[/bold] [@click=app.quit]quit?[/]" in text
        assert "Does [red]x[/] stay literal?" in text
        assert "Step summary [@click=app.quit]click me[/] and [red]x[/]" in text
        assert "[@click=app.quit]do not quit[/]" in text
        assert app.is_running
        assert table.cursor_coordinate == Coordinate(0, 0)


async def test_a_scenario_without_pressures_says_so(tmp_path: Path) -> None:
    root = write_markup_corpus(tmp_path)
    path = (root / "scenarios" / "markup.toml").resolve()
    text = path.read_text(encoding="utf-8")
    pressure = 'kind = "pressure"\nactor = "clicker"\nstance = "private"\ntoward = "stay"'
    assert pressure in text
    path.write_text(text.replace(pressure, 'kind = "event"\nactor = "clicker"'), encoding="utf-8")
    app = make_app(root)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_matrix(app, pilot, path)
        assert screen.query_one(PressureTable).current is None
        assert "No actor in this scenario pushes toward an option" in flat(screen_text(app))
        await pilot.press("enter", "o")  # nothing to open: the screen stays, with a word of why
        assert app.screen is screen


async def test_m_on_a_pressure_starts_on_its_cell_at_that_step() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_matrix(app, pilot, step=18)  # step 19: Mahdi, in private, toward the slow drawdown
        current = screen.query_one(PressureTable).current
        assert current is not None and (current.actor_id, current.option_id) == ("mahdi", "extended-drawdown")
        steps = screen.query_one(StepQuotes)
        assert steps.current_step is not None and steps.current_step.index == 18
        await pilot.press("enter")  # the cell's current step: the one the reader came from
        await pilot.pause()
        assert isinstance(app.screen, ScenarioScreen) and app.screen.index == 18


async def test_clicking_a_step_heading_in_the_detail_makes_it_current() -> None:
    app = make_app()
    async with app.run_test(size=(120, 60)) as pilot:  # tall enough to show both steps of the cell
        screen = await open_matrix(app, pilot)
        await select(pilot, screen, "trump", "keep-troops")
        steps = screen.query_one(StepQuotes)
        assert steps.current_step is not None and steps.current_step.index == 9
        lines = screen_text(app).splitlines()
        y = next(i for i, line in enumerate(lines) if "Step 11" in line and "PRIVATE" in line)
        await pilot.click(offset=(lines[y].index("Step 11"), y))
        await pilot.pause()
        assert steps.current_step is not None and steps.current_step.index == 10
        assert app.focused is steps


async def test_another_scenario_is_found_without_going_through_the_list(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """[ and ] find where the scenario is by its path, not by comparing it with every path before it."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_matrix(app, pilot)
        await pilot.press("left_square_bracket")  # the first scenario's matrix: [ goes round to the last one
        await pilot.pause()
        compared = 0
        original = Path.__eq__

        def counted(self, other):  # type: ignore[no-untyped-def]
            nonlocal compared
            compared += 1
            return original(self, other)

        last = screen.path
        monkeypatch.setattr(Path, "__eq__", counted)
        await pilot.press("left_square_bracket")
        await pilot.pause()
        monkeypatch.undo()
        assert screen.path != last
        assert compared <= 4, compared
