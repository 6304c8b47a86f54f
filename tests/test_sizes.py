"""Every screen at 40x12, 60x20, 80x24 and 120x40: its main content on screen, the footer whole.

Also the long corpus, whose every text field is 5,000 characters: the title bar shows the
beginning of the title and an ellipsis, and the main content is still there below it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from explorer_support import FIXTURE, make_app, screen_text, write_long_corpus

from textual.widget import Widget
from textual.widgets._footer import FooterKey

from tui.app import DrawdownApp
from tui.navigation import OpenScenario

SIZES = [(40, 12), (60, 20), (80, 24), (120, 40)]
SIZE_IDS = [f"{w}x{h}" for w, h in SIZES]
# Each screen: its main widget and words that must show inside it.
MAIN: dict[str, tuple[str, str]] = {
    "home": ("#scenario-list", "How many troops stay"),
    "scenario": ("#step-list", "Donald Trump"),
    "source": ("#source-text", "threatened"),
    "errors": ("#diagnostic-list", "unknown actor"),
    "help": ("#help-body", "Next pane"),
    "matrix": ("#pressure-table", "Donald Trump"),
    "gaps": ("#gap-list", "Panetta"),
    "actors": ("#actor-table", "Ali Khamenei"),
    "path": ("#path-steps", "Step 10"),
    "figures": ("#figure-list", "45,000"),
    "search": ("#search-results", "Abu Mahdi"),
    "reload": ("#reload-panel", "error"),
}


async def go(app: DrawdownApp, pilot, route: str, root: Path = FIXTURE) -> None:  # type: ignore[no-untyped-def]
    """Bring up one screen on the 2020 scenario's Trump step (or the broken draft, for its errors)."""
    app.theme = "textual-dark"
    name = "2022-unfinished-draft" if route == "errors" else "2020-expulsion-vote"
    if route != "home":
        app.post_message(OpenScenario((root / "scenarios" / f"{name}.toml").resolve(), 9))
        await pilot.pause()
    keys = {"gaps": ["g"], "actors": ["a"], "matrix": ["m"], "figures": ["f"], "source": ["o"], "path": ["A"], "search": ["slash", *"Mahdi"], "help": ["question_mark"]}
    await pilot.press(*keys.get(route, []))
    if route == "reload":
        path = root / "scenarios" / "2020-expulsion-vote.toml"
        path.write_text(path.read_text(encoding="utf-8").replace('actor = "mahdi"', 'actor = "nobody"', 1), encoding="utf-8")
        assert app.check_for_changes()
    await pilot.pause()
    await pilot.pause()


def visible_region(app: DrawdownApp, widget: Widget):  # type: ignore[no-untyped-def]
    """The part of the widget on screen: a pane scrolled inside another is cut to its viewport."""
    return app.screen.find_widget(widget).visible_region


def shown_in(app: DrawdownApp, widget: Widget) -> str:
    """The characters on screen inside the widget's region."""
    region = visible_region(app, widget)
    lines = screen_text(app).splitlines()[region.y : region.bottom]
    return "\n".join(line[region.x : region.right] for line in lines)


def assert_main_content(app: DrawdownApp, route: str, words: str | None = None) -> None:
    selector, usual = MAIN[route]
    words = words or usual
    widget = app.screen.query_one(selector)
    width, height = app.size
    assert widget.display and widget.size.width > 0 and widget.size.height > 0, f"{selector} is {widget.size}"
    region = visible_region(app, widget)
    assert region.x >= 0 and region.y >= 0 and region.right <= width and region.bottom <= height - 1, region  # above the footer
    assert words in shown_in(app, widget), f"{words!r} not in {selector}:\n{screen_text(app)}"


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
@pytest.mark.parametrize("route", list(MAIN))
async def test_every_screen_shows_its_main_content(route: str, size: tuple[int, int], tmp_path: Path) -> None:
    root = FIXTURE
    if route == "reload":
        root = tmp_path / "corpus"
        shutil.copytree(FIXTURE, root)
    app = make_app(root)
    async with app.run_test(size=size) as pilot:
        await go(app, pilot, route, root)
        assert_main_content(app, route)
        if route == "reload":
            assert_main_content(app, "scenario")  # the panel leaves the steps their room


@pytest.mark.parametrize("size", [(40, 12), (60, 20)], ids=["40x12", "60x20"])
async def test_a_narrow_terminal_shows_one_pane_at_a_time_and_tab_moves_on(size: tuple[int, int]) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await go(app, pilot, "scenario")
        screen = app.screen
        panes = [("#step-list", "Steps 1/3 · tab: Step, Quotes", "Donald Trump"), ("#step-view", "Step 2/3 · tab: Quotes, Steps", "Donald Trump"), ("#quote-list", "Quotes 3/3 · tab: Steps, Step", "Trump")]
        for number, (selector, hint, words) in enumerate([*panes, panes[0]]):
            if number:
                await pilot.press("tab")
                await pilot.pause()
            pane = screen.query_one(selector)
            others = [screen.query_one(s) for s, _, _ in panes if s != selector]
            assert pane.outer_size.width == size[0] and pane.size.height > 3, pane.size  # the whole width, not a sliver
            assert all(other.region.area == 0 for other in others)
            assert screen.focused is pane
            assert words in shown_in(app, pane)
            assert hint in screen_text(app)
        await pilot.press("shift+tab")
        await pilot.pause()
        assert screen.focused is screen.query_one("#quote-list") and "Quotes 3/3" in screen_text(app)


async def test_a_wide_terminal_shows_every_pane_and_no_hint() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await go(app, pilot, "scenario")
        assert all(app.screen.query_one(s).size.width > 30 for s in ("#step-list", "#step-view", "#quote-list"))
        assert "tab:" not in screen_text(app)


@pytest.mark.parametrize("size", [(40, 12), (60, 20), (120, 40)], ids=["40x12", "60x20", "120x40"])
async def test_a_narrow_home_says_how_to_reach_the_summary_and_the_figures(size: tuple[int, int]) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await go(app, pilot, "home")
        screen = app.screen
        lines = screen_text(app).splitlines()
        if size[0] >= 80:
            # The summary is in sight, and the chart beside the list (the footer has room for f).
            assert "tab:" not in "\n".join(lines) and screen.query_one("#home-figures").size.width > 30
            return
        assert lines[-2].strip() == "Scenarios · tab: Summary · f: Figures"
        # Both shown, one above the other: the hint takes none away.
        assert screen.query_one("#scenario-list").size.height > 2 and screen.query_one("#scenario-summary").size.height > 1
        await pilot.press("tab")
        await pilot.pause()
        assert screen.focused is screen.query_one("#scenario-summary")
        assert screen_text(app).splitlines()[-2].strip() == "Summary · tab: Scenarios · f: Figures"
        await pilot.press("tab")
        await pilot.pause()
        assert screen.focused is screen.query_one("#scenario-list")
        assert screen_text(app).splitlines()[-2].strip() == "Scenarios · tab: Summary · f: Figures"


async def test_help_at_40x12_lists_every_key_readably_and_scrolls() -> None:
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await go(app, pilot, "help")
        body = app.screen.query_one("#help-body")
        seen = shown_in(app, body)
        assert "tab  Next pane" in seen and "Move to the next pane" in seen
        assert "esc closes help" in screen_text(app)
        lines = [line for line in seen.splitlines() if line.strip("│ ")]
        assert len(lines) == len(seen.splitlines()), f"blank rows in help:\n{seen}"
        body.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        assert "Figures" in shown_in(app, body)  # the last key of the last section, Everywhere


@pytest.mark.parametrize("route", [r for r in MAIN if r != "help"])
async def test_the_footer_ends_at_the_edge_with_whole_keys(route: str, tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    shutil.copytree(FIXTURE, root)
    for size in [(80, 24), (40, 12), (120, 40)]:
        app = make_app(root)
        async with app.run_test(size=size) as pilot:
            await go(app, pilot, route, root)
            last = screen_text(app).splitlines()[-1]
            assert last.endswith("Jump to…" if size[0] >= 60 else "Jump"), f"{size}: {last!r}"  # nothing after it
            keys = list(app.screen.query(FooterKey))
            palette = next(k for k in keys if k.has_class("-command-palette"))
            shown = [k for k in keys if k is not palette]
            assert any(k.action == "help" for k in shown) and (route == "home" or any(k.action == "back" for k in shown))
            assert all(k.region.right <= palette.region.x for k in shown), f"{size}: a key under the palette key: {last!r}"
            for key in shown:
                assert f"{key.key_display} {key.description}" in last
        if route == "reload":
            shutil.rmtree(root)
            shutil.copytree(FIXTURE, root)


LONG_TITLES = {"scenario": "› Iraq votes", "source": "› Despite U.S.", "path": "› Donald Trump", "matrix": "› 2020 · Iraq"}


@pytest.mark.parametrize("size", [(80, 24), (40, 12)], ids=["80x24", "40x12"])
@pytest.mark.parametrize("route", [r for r in MAIN if r != "reload"])
async def test_five_thousand_character_fields_are_cut_and_leave_the_content_visible(route: str, size: tuple[int, int], tmp_path: Path) -> None:
    root = write_long_corpus(tmp_path)
    app = make_app(root)
    async with app.run_test(size=size) as pilot:
        await go(app, pilot, route, root)
        # An actor's path: the current card can be taller than the pane, which then shows its end.
        assert_main_content(app, route, "troop" if route == "path" else None)
        text = screen_text(app)
        if route in LONG_TITLES:
            top = text.splitlines()[0].strip()
            assert LONG_TITLES[route] in " ".join(top.split()) and top.endswith("…"), top
        # However long a field, no screen is a wall of it.
        assert text.count("and then some") < size[0] * size[1] // 28, text


async def test_palette_entries_of_a_long_corpus_are_cut(tmp_path: Path) -> None:
    app = make_app(write_long_corpus(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Iraq")
        await pilot.pause(0.5)  # the palette searches in the background
        await pilot.pause()
        text = screen_text(app)
        # Several hits, each a line or two, rather than one title filling the list.
        assert sum(line.lstrip().startswith(("Scenario: ", "Step ", "Actor: ", "Source: ")) for line in text.splitlines()) >= 3, text
        lines = [line.strip(" ▂▁▇▆▅▄▃") for line in text.splitlines()]
        title = next(n for n, line in enumerate(lines) if line.startswith("Scenario: Iraq votes to expel US troops"))
        assert any(line.endswith("…") for line in lines[title : title + 2]), text  # the title, cut
        assert any(line.startswith("2020 · After the Soleimani") for line in lines[title + 1 : title + 3]), text  # then its year and question
