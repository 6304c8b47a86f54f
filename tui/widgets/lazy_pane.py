"""Textual's Lazy, made safe for a screen that goes away before its first refresh."""

from __future__ import annotations

from textual.lazy import Lazy
from textual.widget import MountError, Widget


class LazyPane(Lazy):
    """Mounts the wrapped pane after the first refresh, as Lazy does.

    Lazy mounts into its parent unconditionally, which raises when the app quits (or
    the screen is dismissed) within its first frame, as a start-up benchmark does.
    """

    async def mount_composed_widgets(self, widgets: list[Widget]) -> None:
        parent = self.parent
        if not isinstance(parent, Widget):
            return

        async def mount() -> None:
            if not (self.is_attached and parent.is_attached):
                return
            try:
                await parent.mount(self._replace_widget, after=self)
            except MountError:
                return
            await self.remove()

        self.call_after_refresh(mount)
