"""How the search results are drawn: as Textual's OptionList would draw them, without its slow pass.

SearchResultList draws each option straight from its Content (no search for links through every
segment's meta, which was most of a key's frame): these tests hold it to the same strips as the
OptionList it replaces that for, in every state an option is drawn in, and to never take that pass.
"""

from __future__ import annotations

import pytest
from textual.strip import Strip
from textual.widgets import OptionList

from test_search_screen import listing, searching, type_query


def _same(ours: list[Strip], theirs: list[Strip]) -> bool:
    return [list(strip) for strip in ours] == [list(strip) for strip in theirs]


@pytest.mark.parametrize("size", [(120, 40), (50, 20)])
async def test_every_option_is_drawn_as_an_option_list_draws_it(size: tuple[int, int]) -> None:
    async with searching("Sadr", size=size) as (app, pilot, screen):
        results = listing(screen)
        states = ["", "option-list--option-highlighted", "option-list--option-hover", "option-list--option-disabled"]
        assert results.option_count > 10
        for index in range(results.option_count):
            option = results.get_option_at_index(index)
            for state in states:
                style = results.get_visual_style("option-list--option", *([state] if state else []))
                ours = results._get_option_render(option, style)
                results._option_render_cache.clear()
                theirs = OptionList._get_option_render(results, option, style)
                results._option_render_cache.clear()
                assert _same(ours, theirs), (index, state, [strip.text for strip in ours])


async def test_a_key_draws_no_option_through_the_link_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    drawing: list[bool] = [False]
    drawn = passes = 0
    original_pass = Strip._apply_link_style

    def counted(strip: Strip, link_style):  # type: ignore[no-untyped-def]
        nonlocal passes
        passes += drawing[0]
        return original_pass(strip, link_style)

    async with searching("Sad") as (app, pilot, screen):
        original_render = type(listing(screen))._get_option_render

        def render(self, option, style):  # type: ignore[no-untyped-def]
            nonlocal drawn
            drawn += 1
            drawing[0] = True
            try:
                return original_render(self, option, style)
            finally:
                drawing[0] = False

        monkeypatch.setattr(Strip, "_apply_link_style", counted)
        monkeypatch.setattr(type(listing(screen)), "_get_option_render", render)
        await type_query(pilot, "r")
        await pilot.pause()
        assert drawn > 5 and passes == 0
