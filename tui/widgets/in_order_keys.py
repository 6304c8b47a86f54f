"""Keys to a text field, acted on in the order they were typed."""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class InOrderKeys(Input):
    """An Input whose bound keys (backspace, delete, the arrows, enter) take their turn with the typed ones.

    In Textual 8.2.8 an Input types a printable key at once, in its own `_on_key`, but a bound key
    is only looked up once it has bubbled back to the app (App._on_key), behind every key queued
    after it. A terminal sends a quick "x backspace y" in one read, so the backspace ran after the
    "y" and deleted it: "x⌫y" gave "" and "mahd⌫di" gave "mahdd". Here the bound key runs
    when its turn comes, through the same chain of bindings the app would have used.
    """

    async def _on_key(self, event: events.Key) -> None:
        if not event.is_printable and await self.app._check_bindings(event.key):
            event.stop()
            event.prevent_default()
            return
        await super()._on_key(event)
