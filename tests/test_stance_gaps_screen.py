"""The stance gaps screen, driven like a reader would: keys, the palette, the two sides, clicks, reloads.

The steps each side must hold are read here from the scenario file itself, not from the screen.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import tomli
from explorer_support import FIXTURE, copy_corpus, flat, make_app, palette_command, reload, screen_text, write_markup_corpus
from test_reload import touch

from tui.app import DrawdownApp
from tui.screens.pressure_matrix import PressureMatrixScreen
from tui.screens.scenario import ScenarioScreen
from tui.screens.source import SourceScreen
from tui.screens.stance_gaps import StanceGapsScreen
from tui.widgets.gap_list import GapList
from tui.widgets.step_quotes import StepQuotes

PATH_2024 = (FIXTURE / "scenarios" / "2024-sudani-committee.toml").resolve()


def pressures(path: Path, actor: str, stance: str) -> list[int]:
    """0-based indexes of an actor's pressure steps of one stance, read from the file."""
    steps = tomli.loads(path.read_text(encoding="utf-8"))["steps"]
    return [i for i, s in enumerate(steps) if s["kind"] == "pressure" and s.get("actor") == actor and s.get("stance") == stance]


async def open_gaps(app: DrawdownApp, pilot) -> StanceGapsScreen:  # type: ignore[no-untyped-def]
    await pilot.press("g")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, StanceGapsScreen)
    return screen


async def highlight(pilot, screen: StanceGapsScreen, scenario: str, actor: str, stance: str) -> None:  # type: ignore[no-untyped-def]
    assert screen.query_one(GapList).highlight_gap((scenario, actor, stance))
    await pilot.pause()


def sides(screen: StanceGapsScreen) -> tuple[StepQuotes, StepQuotes]:
    return screen.query_one("#gap-public", StepQuotes), screen.query_one("#gap-other", StepQuotes)


async def test_g_and_the_palette_open_the_list_of_every_gap_by_scenario() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_gaps(app, pilot)
        text = screen_text(app)
        assert "Stance gaps" in text and "5 gaps in 4 scenarios" in text
        assert "2011 · How many troops stay after 2011?" in text  # each scenario heads its gaps, with its year
        assert "Leon Panetta" in text and "Adel Abdul Mahdi" in text
        assert screen.query_one(GapList).current is not None  # the first gap is shown at once
        await pilot.press("escape")
        await palette_command(pilot, "Stance gaps")
        assert isinstance(app.screen, StanceGapsScreen)


async def test_a_gap_shows_its_public_and_private_steps_side_by_side_with_their_quotes() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_gaps(app, pilot)
        await highlight(pilot, screen, "2024-sudani-committee", "al-sudani", "private")
        public, private = sides(screen)
        assert [ref.index for ref in public.refs] == pressures(PATH_2024, "al-sudani", "public") == [6]
        assert [ref.index for ref in private.refs] == pressures(PATH_2024, "al-sudani", "private") == [7]
        assert "al-Sudani’s office announced the formation of a bilateral committee" in public.prompt(0).plain
        assert "expressed privately to American officials his desire to negotiate" in private.prompt(0).plain
        assert "Step 7 PUBLIC → End the coalition's presence and remove US forces" in flat(public.text)
        assert "Step 8 PRIVATE → Negotiate a continued US presence" in flat(private.text)
        # Each quote with its citation: this document names no outlet and prints no title.
        assert "— no outlet named, “Iraq's prime minister privately seeks continued US presence, cable says” (descriptive title)" in private.prompt(0).plain
        # Side by side at 120 columns: the public side on the left, at the same height.
        assert public.region.x < private.region.x and public.region.y == private.region.y
        assert "Mohammed Shia al-Sudani in 2024 · " in flat(screen_text(app))


async def test_the_sides_stack_on_a_narrow_terminal() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_gaps(app, pilot)
        public, other = sides(screen)
        assert public.region.x == other.region.x and public.region.y < other.region.y
        assert public.region.height >= 4 and other.region.bottom <= 23  # both readable, above the footer


async def test_enter_opens_a_side_step_and_o_its_quote_in_the_reader() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_gaps(app, pilot)
        await highlight(pilot, screen, "2024-sudani-committee", "al-sudani", "private")
        await pilot.press("enter")  # from the list, into the public side
        public, private = sides(screen)
        assert app.focused is public
        await pilot.press("tab")
        assert app.focused is private
        await pilot.press("down")  # the second quote of the private step
        quote = private.current
        assert quote is not None and quote.span is not None and "senior advisers" in quote.text
        await pilot.press("o")
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, SourceScreen)
        passage = reader.current_passage
        assert passage is not None and (passage.start, passage.end) == quote.span
        await pilot.press("escape")
        assert app.screen is screen and app.focused is private
        await pilot.press("enter")
        await pilot.pause()
        scenario = app.screen
        assert isinstance(scenario, ScenarioScreen)
        assert scenario.path == PATH_2024 and scenario.index == 7


async def test_m_opens_the_matrix_of_the_highlighted_gap() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_gaps(app, pilot)
        await highlight(pilot, screen, "2024-sudani-committee", "al-sudani", "private")
        await pilot.press("m")
        await pilot.pause()
        matrix = app.screen
        assert isinstance(matrix, PressureMatrixScreen) and matrix.scenario_path == PATH_2024


async def test_clicking_a_gap_selects_it() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_gaps(app, pilot)
        lines = screen_text(app).splitlines()
        y = next(i for i, line in enumerate(lines) if "Adel Abdul Mahdi" in line)
        await pilot.click(offset=(lines[y].index("Adel"), y))
        await pilot.pause()
        gap = screen.query_one(GapList).current
        assert gap is not None and (gap.actor_id, gap.stance) == ("mahdi", "private")
        path_2020 = FIXTURE / "scenarios" / "2020-expulsion-vote.toml"
        assert [ref.index for ref in sides(screen)[1].refs] == pressures(path_2020, "mahdi", "private")


async def test_a_reload_keeps_the_gap_and_drops_one_that_closed(tmp_path: Path) -> None:
    root = copy_corpus(tmp_path)
    path = root / "scenarios" / "2024-sudani-committee.toml"
    app = make_app(root)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_gaps(app, pilot)
        await highlight(pilot, screen, "2024-sudani-committee", "al-sudani", "private")
        text = path.read_text(encoding="utf-8")
        touch(path, text.replace("Al-Sudani has reportedly expressed privately", "Al-Sudani has, it is said, expressed privately"))
        assert await reload(app, pilot)
        gap = screen.query_one(GapList).current
        assert gap is not None and (gap.scenario_id, gap.actor_id) == ("2024-sudani-committee", "al-sudani")
        assert "Al-Sudani has, it is said, expressed privately" in flat(sides(screen)[1].text)
        # In private he now wants what he says in public: no gap any more.
        old = 'stance = "private"\ntoward = "continued-presence"'
        touch(path, text.replace(old, 'stance = "private"\ntoward = "end-coalition-presence"'))
        assert await reload(app, pilot)
        assert "4 gaps in 3 scenarios" in screen_text(app)
        assert all(g.actor_id != "al-sudani" for g in screen.query_one(GapList).gaps)
        assert screen.query_one(GapList).current is not None


# The markup corpus's one actor speaks only in private: no gap. A public step toward no option makes one.
PUBLIC_STEP = textwrap.dedent('''
    [[steps]]
    kind = "pressure"
    actor = "clicker"
    stance = "public"
    summary = "Public [bold]step[/bold] [@click=app.quit]quit[/]"
    quotes = [{ source = "markup-doc", text = "A colour tag [red]x[/]" }]
''')


async def test_no_gap_says_so_plainly_until_one_appears(tmp_path: Path) -> None:
    root = write_markup_corpus(tmp_path)
    app = make_app(root)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_gaps(app, pilot)
        assert screen.query_one(GapList).current is None
        text = flat(screen_text(app))
        assert "Stance gaps › no gaps" in text
        assert "No stance gaps. In every scenario that loads" in text
        assert "Source" not in text and "Sides" not in text  # nothing to open: no such keys in the footer
        path = root / "scenarios" / "markup.toml"
        touch(path, path.read_text(encoding="utf-8") + PUBLIC_STEP)
        assert await reload(app, pilot)
        gap = screen.query_one(GapList).current
        assert gap is not None and gap.actor_id == "clicker"
        assert app.focused is screen.query_one(GapList)
        assert "1 gap in 1 scenario" in screen_text(app) and "No stance gaps" not in screen_text(app)


async def test_text_from_files_is_shown_as_typed(tmp_path: Path) -> None:
    root = write_markup_corpus(tmp_path)
    with (root / "scenarios" / "markup.toml").open("a", encoding="utf-8") as file:
        file.write(PUBLIC_STEP)
    app = make_app(root)
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_gaps(app, pilot)
        text = flat(screen_text(app))
        assert "2020 · Title [bold]bold?[/bold] [@click=app.quit]quit?[/]" in text
        assert "[@click=app.quit]Quit Actor[/]" in text
        assert "Stay [bold]put[/bold]" in text
        public, private = sides(screen)
        assert "Public [bold]step[/bold] [@click=app.quit]quit[/]" in flat(public.text)
        assert "Step summary [@click=app.quit]click me[/] and [red]x[/]" in flat(private.text)
        assert "[@click=app.quit]do not quit[/]" in flat(private.text)
        assert app.is_running


@pytest.mark.parametrize("size", [(120, 40), (80, 24), (40, 12)])
async def test_the_gap_list_is_built_once_as_the_view_opens(size: tuple[int, int], monkeypatch: pytest.MonkeyPatch) -> None:
    # Built before the first layout for a width of 0, then again for the real one: at 3,000
    # scenarios each build of the 7,000 options was half the open.
    widths: list[int] = []
    rebuild = GapList._rebuild
    monkeypatch.setattr(GapList, "_rebuild", lambda self, keep: (rebuild(self, keep), widths.append(self._width))[0])
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen = await open_gaps(app, pilot)
        await pilot.pause()
        gap_list = screen.query_one(GapList)
        assert widths == [gap_list.scrollable_content_region.width]
