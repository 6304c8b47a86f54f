"""How the search results are drawn: only the rows on screen, each in the look of its state.

SearchResultList is a virtual list: a key stores the hits and where each starts, and puts together
only the rows it draws. These tests count the rows a key makes, hold every row to the look of its
state (a header, the highlighted hit, the hit under the mouse, any other hit), and keep the drawing
off Textual's slow pass that looks for links in every segment.
"""

from __future__ import annotations

import pytest
from textual.strip import Strip
from textual.widgets.option_list import Option

from test_search_screen import listing, searching, type_query
from tui.widgets.search_result_list import SearchResultList


def _rows_on_screen(results: SearchResultList) -> int:
    top = results.scroll_offset.y
    bottom = top + results.scrollable_content_region.height
    ends = [results.line_of(row) for row in range(1, results.option_count)] + [results.virtual_size.height]
    return sum(1 for row, end in enumerate(ends) if results.line_of(row) < bottom and end > top)


async def test_a_key_makes_only_the_rows_it_draws(monkeypatch: pytest.MonkeyPatch) -> None:
    made = 0

    def counting(name: str):  # type: ignore[no-untyped-def]
        original = getattr(SearchResultList, name)

        def wrapper(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            nonlocal made
            made += 1
            return original(self, *args, **kwargs)

        return wrapper

    original_option = Option.__init__

    def option(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal made
        made += 1  # a row object made for a hit (as an OptionList needs), drawn or not
        original_option(self, *args, **kwargs)

    async with searching("t") as (app, pilot, screen):
        monkeypatch.setattr(SearchResultList, "_prompt", counting("_prompt"))
        monkeypatch.setattr(SearchResultList, "_header", counting("_header"))
        monkeypatch.setattr(Option, "__init__", option)
        await type_query(pilot, "h")
        await pilot.pause()
        results = listing(screen)
        assert len(results.hits) == 200  # "th" finds more than the list shows
        on_screen = _rows_on_screen(results)
        assert 5 < on_screen < 30
        assert 0 < made <= on_screen, (made, on_screen)
        # Moving down a row draws the two rows whose look changed, and makes none again.
        made = 0
        await pilot.press("down")
        await pilot.pause()
        assert made == 0


async def test_each_row_is_drawn_in_the_look_of_its_state() -> None:
    async with searching("Sadr") as (app, pilot, screen):
        results = listing(screen)
        assert results.is_header(0) and results.highlighted == 1 and not results.is_header(2)
        looks = {
            0: results.get_visual_style("search-result-list--header"),
            1: results.get_visual_style("search-result-list--highlighted"),
            2: results.get_visual_style(),
        }
        for row, style in looks.items():
            for line in range(results.line_of(row), results.line_of(row + 1)):
                strip = results.render_line(line - results.scroll_offset.y)
                assert strip.cell_length == results.scrollable_content_region.width
                last = list(strip)[-1]  # the padding to the edge: in the row's own colours, whatever its text
                assert last.style is not None and last.style.bgcolor == style.rich_style.bgcolor, (row, line)
        hover = results.get_visual_style("search-result-list--hover").rich_style.bgcolor
        assert hover != looks[2].rich_style.bgcolor
        await pilot.hover(SearchResultList, offset=(10, results.line_of(2) - results.scroll_offset.y + 1))
        await pilot.pause()
        strip = results.render_line(results.line_of(2) - results.scroll_offset.y)
        assert list(strip)[-1].style.bgcolor == hover  # type: ignore[union-attr]


async def test_a_theme_change_redraws_the_rows_in_its_colours() -> None:
    async with searching("Sadr") as (app, pilot, screen):
        results = listing(screen)
        line = results.line_of(1) - results.scroll_offset.y
        dark = list(results.render_line(line))[-1].style.bgcolor  # type: ignore[union-attr]
        app.theme = "textual-light"
        await pilot.pause()
        light = list(results.render_line(line))[-1].style.bgcolor  # type: ignore[union-attr]
        assert light == results.get_visual_style("search-result-list--highlighted").rich_style.bgcolor != dark


async def test_a_key_draws_no_row_through_the_link_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    drawing: list[bool] = [False]
    drawn = passes = 0
    original_pass = Strip._apply_link_style

    def counted(strip: Strip, link_style):  # type: ignore[no-untyped-def]
        nonlocal passes
        passes += drawing[0]
        return original_pass(strip, link_style)

    original_render = SearchResultList._row_strips

    def render(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal drawn
        drawn += 1
        drawing[0] = True
        try:
            return original_render(self, *args, **kwargs)
        finally:
            drawing[0] = False

    async with searching("Sad") as (app, pilot, screen):
        monkeypatch.setattr(Strip, "_apply_link_style", counted)
        monkeypatch.setattr(SearchResultList, "_row_strips", render)
        await type_query(pilot, "r")
        await pilot.pause()
        assert drawn > 5 and passes == 0


async def test_a_key_that_keeps_results_shown_lays_nothing_out(monkeypatch: pytest.MonkeyPatch) -> None:
    """The screen's layout stays as it is: the field's text, the list's lines and the hidden hint change, not their sizes."""
    from textual.screen import Screen

    layouts = 0
    original = Screen._refresh_layout

    def counted(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal layouts
        layouts += 1
        return original(self, *args, **kwargs)

    async with searching("tr") as (app, pilot, screen):
        monkeypatch.setattr(Screen, "_refresh_layout", counted)
        # "tro", "troo", then back: more results than the list shows each time, so its scrollbar stays.
        for key in ("o", "o", "backspace", "backspace"):
            await type_query(pilot, key) if key != "backspace" else await pilot.press(key)
            await pilot.pause()
        assert listing(screen).results is not None and listing(screen).results.query == "tr"  # type: ignore[union-attr]
        assert layouts == 0


async def test_a_theme_change_redraws_the_hint_and_the_row_texts_classes_in_its_colours() -> None:
    async with searching("Sadr") as (app, pilot, screen):
        results = listing(screen)
        header = results.render_line(results.line_of(0) - results.scroll_offset.y)
        dark_title = list(header)[0].style.color  # type: ignore[union-attr]
        for _ in range(4):
            await pilot.press("backspace")
        await pilot.pause()
        dark_hint = list(results.render_line(1))[1].style.color  # type: ignore[union-attr]
        app.theme = "textual-light"
        await pilot.pause()
        light_hint = list(results.render_line(1))[1].style.color  # type: ignore[union-attr]
        assert light_hint != dark_hint
        await pilot.press(*"Sadr")
        await pilot.pause()
        header = results.render_line(results.line_of(0) - results.scroll_offset.y)
        assert list(header)[0].style.color != dark_title  # type: ignore[union-attr]
