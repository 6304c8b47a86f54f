"""The source reader: opened from a quote at that quote, hopping between passages, citing steps."""

from __future__ import annotations

from explorer_support import FIXTURE, make_app, screen_text
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.navigation import OpenScenario
from tui.screens.scenario import ScenarioScreen
from tui.screens.source import SourceScreen
from tui.widgets.citing_list import CitingList
from tui.widgets.quote_list import QuoteList
from tui.widgets.source_text import SourceText, wrap_offsets

PATH_2020 = (FIXTURE / "scenarios" / "2020-expulsion-vote.toml").resolve()
TRUMP_PRIVATE = "even as Trump administration officials try to stave off the expulsion behind the scenes"


async def open_reader(app, pilot, key: str = "o", step: int = 10) -> SourceScreen:  # type: ignore[no-untyped-def]
    app.post_message(OpenScenario(PATH_2020, step))
    await pilot.pause()
    await pilot.press(key)
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, SourceScreen)
    return screen


def current_words(screen: SourceScreen) -> str:
    passage = screen.current_passage
    assert passage is not None and screen.doc.text is not None
    return screen.doc.text[passage.start : passage.end]


async def test_o_opens_the_document_at_the_quote() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_reader(app, pilot)
        assert screen.source_id == "time-2020"
        assert current_words(screen) == TRUMP_PRIVATE
        text_view = screen.query_one(SourceText)
        line = text_view.line_of(screen.current_passage.start)  # type: ignore[union-attr]
        top = text_view.scroll_offset.y
        assert top <= line < top + text_view.scrollable_content_region.height  # scrolled into view
        assert "TIME · 2020-01-07 (date inferred) · news" in screen_text(app)


async def test_enter_on_a_quote_opens_the_reader_too() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        app.post_message(OpenScenario(PATH_2020, 2))
        await pilot.pause()
        quotes = app.screen.query_one(QuoteList)
        quotes.focus()
        await pilot.press("down", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SourceScreen)
        second = quotes.quotes[1]
        assert (screen.current_passage.start, screen.current_passage.end) == second.span  # type: ignore[union-attr]


async def test_brackets_hop_between_passages_in_document_order() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_reader(app, pilot)
        start = screen.query_one(SourceText).current
        assert start is not None
        await pilot.press("right_square_bracket")
        assert screen.query_one(SourceText).current == start + 1
        assert screen.passages[start + 1].start >= screen.passages[start].start
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert screen.query_one(SourceText).current == start - 1
        assert f"Passage {start} of {len(screen.passages)}" in screen_text(app)


async def test_the_citing_steps_of_the_current_passage_are_listed_and_open() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_reader(app, pilot)
        citing = screen.query_one(CitingList)
        assert [(c.scenario_id, c.kind, c.index) for c in citing.citations] == [("2020-expulsion-vote", "step", 10)]
        assert "Step 11  ▶ PRIVATE ▌Donald Trump" in citing.get_option_at_index(0).prompt.plain
        # A passage quoted by two steps lists both.
        shared = next(i for i, p in enumerate(screen.passages) if len(p.citations) > 1)
        screen.query_one(SourceText).set_current(shared)
        screen._show_current()
        assert len(citing.citations) == len(screen.passages[shared].citations) > 1
        citing.focus()
        await pilot.press("enter")
        await pilot.pause()
        scenario = app.screen
        assert isinstance(scenario, ScenarioScreen)
        first = screen.passages[shared].citations[0]
        assert scenario.scenario.scenario.id == first.scenario_id
        assert first.kind != "step" or scenario.index == first.index


async def test_clicking_a_highlighted_passage_makes_it_current() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_reader(app, pilot)
        text_view = screen.query_one(SourceText)
        target = (text_view.current or 0) + 2
        passage = screen.passages[target]
        line = text_view.line_of(passage.start)
        column = passage.start - text_view._lines[line][0]
        text_view.scroll_to(y=line, animate=False, immediate=True)
        await pilot.pause()
        # The widget's border and padding put its text one row down and two columns right.
        await pilot.click(SourceText, offset=(column + 2 + 1, 1))
        await pilot.pause()
        assert text_view.current == target


async def test_c_in_the_reader_copies_the_passage() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_reader(app, pilot)
        await pilot.press("c")
        assert app.clipboard.startswith(f"“{TRUMP_PRIVATE}”\n— TIME, ")


async def test_narrow_reader_keeps_the_document_readable() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_reader(app, pilot)
        text_view = screen.query_one(SourceText)
        assert text_view.region.width == 80 and text_view.region.height >= 8
        assert screen.query_one(CitingList).region.y > text_view.region.y
        assert "stave off the expulsion" in screen_text(app).replace("\n", " ")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab c\n語"), max_size=200), st.integers(min_value=1, max_value=30))
def test_wrapping_covers_the_text_and_fits_the_width(text: str, width: int) -> None:
    from rich.cells import cell_len

    lines = wrap_offsets(text, width)
    for start, end in lines:
        assert 0 <= start <= end <= len(text)
        assert "\n" not in text[start:end]
        assert cell_len(text[start:end]) <= max(width, 2)  # a wide character alone may overflow width 1
    # Nothing but the spaces and newlines at the breaks is dropped, and order is kept.
    kept = "".join(text[start:end] for start, end in lines)
    assert kept.replace(" ", "") == text.replace(" ", "").replace("\n", "")
    assert [s for s, _ in lines] == sorted(s for s, _ in lines)


def _pasted(screen: SourceScreen, clipboard: str) -> tuple[str, tuple[int, int]]:
    """What a pasted quote entry says, and where the validator's finder puts it (it must be found once)."""
    import tomli

    from tui.corpus.quotes import Found, locate

    item = tomli.loads(f"q = {clipboard}")["q"]
    assert item["source"] == screen.source_id
    found = locate(screen.doc.normalised, item["text"], item.get("prefix"), item.get("suffix"))
    assert isinstance(found, Found), found
    assert screen.doc.text is not None and screen.doc.text[found.start : found.end] == item["text"]
    return item["text"], (found.start, found.end)


async def test_keys_select_from_the_passage_and_q_copies_a_quote_entry() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_reader(app, pilot)
        start = screen.current_passage.start  # type: ignore[union-attr]
        await pilot.press("v", "shift+right", "shift+right")
        text_view = screen.query_one(SourceText)
        assert text_view.selection is not None and text_view.selection[0] == start
        await pilot.press("q")
        await pilot.pause()
        text, span = _pasted(screen, app.clipboard)
        assert text == TRUMP_PRIVATE + ".\n\nBut"  # the rest of the word the passage ends in, then one more
        assert span[0] == start
        await pilot.press("v")  # v again clears the selection
        assert text_view.selection is None


async def test_a_word_found_many_times_is_copied_with_what_singles_it_out() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_reader(app, pilot)
        text_view = screen.query_one(SourceText)
        doc = screen.doc.text or ""
        at = doc.index(" U.S. troops") + 1
        assert doc.count("U.S. troops") > 1
        text_view.select(at, at + len("U.S. troops"))
        await pilot.press("q")
        await pilot.pause()
        text, span = _pasted(screen, app.clipboard)
        assert text == "U.S. troops" and span == (at, at + len(text))
        assert "prefix = " in app.clipboard or "suffix = " in app.clipboard


async def test_the_mouse_selects_by_dragging() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_reader(app, pilot)
        text_view = screen.query_one(SourceText)
        start = screen.current_passage.start  # type: ignore[union-attr]
        y = text_view.line_of(start) - text_view.scroll_offset.y
        line_start, line_end = text_view._lines[text_view.line_of(start)]
        assert line_end - line_start > 30
        await pilot.mouse_down(text_view, offset=(5, y))
        await pilot.hover(text_view, offset=(25, y))
        await pilot.mouse_up(text_view, offset=(25, y))
        await pilot.pause()
        selection = text_view.selection
        assert selection is not None and selection[1] - selection[0] == 20
        assert line_start <= selection[0] < selection[1] <= line_end
        assert screen.current_passage.start == start  # a drag chooses no passage  # type: ignore[union-attr]
        await pilot.press("q")
        await pilot.pause()
        text, span = _pasted(screen, app.clipboard)
        assert span == (selection[0], selection[0] + len(text))
