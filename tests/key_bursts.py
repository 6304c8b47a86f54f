"""Keys as a terminal delivers them, and a check that the app has stopped working afterwards.

Textual's pilot presses one key and waits for the app to settle before the next. A
terminal does not wait: a held key, or a quick double tap over ssh, arrives as several
keys in one read, and the driver queues them all before the app has handled the first.
`burst` does the same (each key posted as the driver posts it, none waited for), then
waits once. `assert_idle` then checks that nothing is still going round: no message
handled anywhere in the app over a quiet interval.
"""

from __future__ import annotations

import asyncio
import time
import unicodedata
from collections import Counter
from typing import Any, Iterable

from textual import events
from textual.app import App
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key
from textual.message import Message
from textual.message_pump import MessagePump
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input

from explorer_support import FIXTURE
from tui.app import DrawdownApp
from tui.navigation import OpenScenario

QUIET_SECONDS = 0.3
WITHIN_SECONDS = 4.0  # work a burst started (a search, a toast) may take this long to end


def key_event(key: str) -> events.Key:
    """The event the driver makes for `key`, named as pilot.press names keys ("j", "down", "ctrl+p", "?")."""
    # As Textual 8.2.8's App._press_keys builds it, without the waits.
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    original = REPLACED_KEYS.get(key, key)
    character: str | None
    try:
        character = unicodedata.lookup(_get_unicode_name_from_key(original))
    except KeyError:
        character = key if len(key) == 1 else None
    return events.Key(key, character)


def post_keys(app: App[Any], keys: Iterable[str]) -> None:
    """Queue every key at once, as the driver does with the keys of one read."""
    for key in keys:
        event = key_event(key)
        event.set_sender(app)
        app.post_message(event)


async def burst(pilot: Pilot[Any], *keys: str) -> None:
    """Send `keys` in one burst, then wait for the app once."""
    post_keys(pilot.app, keys)
    await pilot.pause()
    await pilot.pause()


class _Counting:
    """Counts every message any widget, screen or the app handles while it is active."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self._original = MessagePump._dispatch_message

    def __enter__(self) -> _Counting:
        original, counts = self._original, self.counts

        async def counting(pump: MessagePump, message: Message) -> None:
            counts[f"{type(pump).__name__}:{type(message).__name__}"] += 1
            await original(pump, message)

        MessagePump._dispatch_message = counting  # type: ignore[method-assign]
        return self

    def __exit__(self, *exc: object) -> None:
        MessagePump._dispatch_message = self._original  # type: ignore[method-assign]


async def assert_idle(app: App[Any], pilot: Pilot[Any], quiet: float = QUIET_SECONDS, within: float = WITHIN_SECONDS) -> None:
    """Fail unless, within `within` seconds, the app goes `quiet` seconds without handling a single message.

    Work that ends (a search in a worker, a toast timing out) only delays the quiet
    interval; a loop of messages that feeds itself never gives one.
    """
    assert app.is_running, "the app is no longer running"
    if app._exception is not None:
        raise app._exception
    await pilot.pause()
    # A text cursor blinks on a timer, twice a second: that is not work left over.
    for screen in app.screen_stack:
        for field in screen.query(Input):
            field.cursor_blink = False
    await pilot.pause()
    deadline = time.monotonic() + within
    seen: list[Counter[str]] = []
    while True:
        with _Counting() as counting:
            await asyncio.sleep(quiet)
        if app._exception is not None:
            raise app._exception
        if not counting.counts:
            return
        seen.append(counting.counts)
        if time.monotonic() > deadline:
            busiest = max(seen, key=lambda c: sum(c.values()))
            raise AssertionError(
                f"the app never went {quiet} s without handling a message in {len(seen)} tries;"
                f" the busiest interval handled {sum(busiest.values())}: {busiest.most_common(8)}"
            )


# -- every screen, and the way to it ----------------------------------------------------------

ROUTE_SCENARIO = (FIXTURE / "scenarios" / "2020-expulsion-vote.toml").resolve()
ROUTE_BROKEN = (FIXTURE / "scenarios" / "2022-unfinished-draft.toml").resolve()
# From the home screen: a scenario's step 11 (a private pressure with quotes) first, then keys;
# None for the two screens reached otherwise.
ROUTES: dict[str, tuple[str, ...] | None] = {
    "home": None,
    "scenario": (),
    "source": ("o",),
    "matrix": ("m",),
    "gaps": ("g",),
    "actors": ("a",),
    "path": ("A",),
    "figures": ("f",),
    "search": ("slash", *"Mahdi"),
    "help": ("question_mark",),
    "file errors": None,
    "palette": ("ctrl+p",),
}


async def open_route(app: DrawdownApp, pilot: Pilot[Any], route: str) -> Screen[Any]:
    """Close every screen above home, then open the screen `route` names; returns it."""
    while len(app.screen_stack) > 1:
        app.pop_screen()
    await pilot.pause()
    keys = ROUTES[route]
    if route == "file errors":
        app.post_message(OpenScenario(ROUTE_BROKEN))
    elif keys is not None:
        app.post_message(OpenScenario(ROUTE_SCENARIO, 10))
        await pilot.pause()
        await burst(pilot, *keys)
    await pilot.pause()
    await pilot.pause(0.1 if route in ("search", "palette") else None)  # both fill in from a worker
    return app.screen
