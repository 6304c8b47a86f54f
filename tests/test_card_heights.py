"""A home card's height at a width is counted as Rich wraps its text, without wrapping it
(every card is measured again when the chart joins or the terminal is resized)."""

from __future__ import annotations

import random

import pytest
from rich.console import Console
from rich.table import Table
from rich.text import Text

from tui.widgets.scenario_list import _TEXT_OFFSET, _Card, wrapped_height

WORDS = ["Iraq", "troops", "withdrawal", "al-Maliki", "Nūrī", "二〇一一年", "🇮🇶", "a", "", "SOFA-negotiations-in-Baghdad-and-Washington", "—", "“residual”"]


def _line(rng: random.Random) -> Text:
    words = [rng.choice(WORDS) for _ in range(rng.randint(0, 30))]
    text = "".join(word + " " * rng.choice((1, 1, 1, 2, 0)) for word in words)
    return Text(text.rstrip(" ") if rng.random() < 0.8 else text)


def test_the_count_is_the_number_of_lines_rich_wraps_a_card_into() -> None:
    console = Console(width=200)
    rng = random.Random(13)
    for _ in range(600):
        lines = [_line(rng) for _ in range(rng.randint(1, 4))]
        width = rng.randint(1, 90)
        assert wrapped_height([line.plain for line in lines], width) == len(Text("\n").join(lines).wrap(console, width)), (lines, width)


def test_lines_of_other_rules_are_counted_as_rich_wraps_them_and_a_tab_is_left_to_rich() -> None:
    console = Console(width=200)
    lines = [Text("x" * 50, overflow="ellipsis"), Text("y " * 40, no_wrap=True)]
    for width in (5, 12, 30):
        assert wrapped_height([line.plain for line in lines], width) == len(Text("\n").join(lines).wrap(console, width))
    assert wrapped_height(["one\ttwo three"], 12) is None


def test_a_card_is_measured_at_a_new_width_without_wrapping_its_text(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [Text("How many troops stay after 2011? " * 3), Text("Whether a residual force stays, and how many " * 6), Text("3 actors · 4 steps")]
    expected = {width: len(Text("\n").join(lines).wrap(Console(width=200), width - _TEXT_OFFSET)) + 1 for width in (30, 56, 62, 68)}
    card = _Card(None, Table.grid, [line.plain for line in lines])  # type: ignore[arg-type]  # the widget is asked for nothing here
    monkeypatch.setattr(Text, "wrap", lambda *args, **kwargs: pytest.fail("the card's text was wrapped to count its lines"))
    assert {width: card.get_height({}, width) for width in expected} == expected  # type: ignore[arg-type]


async def test_a_frame_drawn_at_a_new_width_before_the_lists_resize_wraps_the_cards_at_that_width(monkeypatch: pytest.MonkeyPatch) -> None:
    # Textual lays out and draws a frame at a widget's new size before the widget handles its Resize:
    # when the figures chart joined the home screen, that frame drew the cards measured at the old
    # width, cut, and on a busy machine it was the frame a reader (or a snapshot) saw.
    import functools

    from explorer_support import FIXTURE, flat, make_app, screen_text, settle
    from tui.widgets.scenario_list import ScenarioList

    seen: list[str] = []
    on_resize = ScenarioList._on_resize

    @functools.wraps(on_resize)
    def first_seeing_the_screen(self: ScenarioList) -> None:
        # What is drawn of the list before it takes its Resize in.
        region = self.region
        rows = screen_text(self.app).splitlines()[region.y : region.bottom]
        seen.append(flat("\n".join(row[region.x : region.right] for row in rows)))
        on_resize(self)

    monkeypatch.setattr(ScenarioList, "_on_resize", first_seeing_the_screen)
    app = make_app(FIXTURE)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        seen.clear()
        app.screen.query_one("#home-main").styles.width = 50  # narrower, as when the chart joins
        await settle(pilot)
        assert seen, "the list was not resized"
        for shown in seen:
            assert "Iraq votes to expel US troops: public compliance, private slow-roll" in shown, shown
