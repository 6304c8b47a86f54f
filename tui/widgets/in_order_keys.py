"""Keys to a text field, acted on in the order they were typed."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import events
from textual.widgets import Input


class InOrderKeys(Input):
    """An Input whose bound keys (backspace, delete, the arrows, enter) take their turn with the typed ones.

    In Textual 8.2.8 an Input types a printable key at once, in its own `_on_key`, but a bound key
    is only looked up once it has bubbled back to the app (App._on_key), behind every key queued
    after it. A terminal sends a quick "x backspace y" in one read, so the backspace ran after the
    "y" and deleted it: "x⌫y" gave "" and "mahd⌫di" gave "mahdd". Here the bound key runs
    when its turn comes, through the same chain of bindings the app would have used.

    With PASS_ON, a key typed after a bound key that took the field's screen off the top goes to the
    app, which sends it to the screen now on top: Textual 8.2.8 sends each key to the widget focused
    when the app takes it, so "esc /iraq" typed fast on search closed the search with "/iraq" typed
    into its closed field. Only a key run here in its turn counts: `?` opens help as the app takes it
    (a priority binding), and an "M" typed before it is still the field's.
    """

    PASS_ON: ClassVar[bool] = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._screen_left = False  # a bound key run in its turn took the field's screen off the top

    async def _on_key(self, event: events.Key) -> None:
        if self._screen_left:
            if self.screen is not self.app.screen:
                event.stop()
                event.prevent_default()
                self.app.post_message(events.Key(event.key, event.character))
                return
            self._screen_left = False  # back on top: the keys are the field's again
        if not event.is_printable and await self.app._check_bindings(event.key):
            event.stop()
            event.prevent_default()
            self._screen_left = self.PASS_ON and self.screen is not self.app.screen
            return
        await super()._on_key(event)
