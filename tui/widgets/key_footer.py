"""The footer of every screen: the keys that fit the terminal's width, whole, and the palette key."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from rich.cells import cell_len

# Kept whatever the width: the way back, and help, where every other key is listed.
KEPT_ACTIONS = ("back", "help")
# A widget that sets this class attribute true binds keys (the arrows) to something of its own, not
# to what its screen binds them to: the footer then shows another key of the screen's binding.
OWN_KEYS = "FOOTER_OWN_KEYS"
# Below this width the palette key says only "Jump", leaving its cells to the screen's own keys.
SHORT_PALETTE_BELOW = 60


def key_width(key: FooterKey) -> int:
    """Cells a key takes in the compact footer, its margin included (Textual 8.2.8's compact styles)."""
    text = cell_len(key.key_display) + (1 + cell_len(key.description) if key.description else 0)
    if key.has_class("-command-palette"):
        return text + 1  # its left border
    return text + 1  # its right margin


class KeyFooter(Footer):
    """A compact footer that drops the keys it has no room for, rather than clip the last one.

    Textual's Footer lays every key out in a row that scrolls sideways and docks the palette
    key over its right end, so on a narrow terminal a key is cut in the middle ("/ Se") and
    what the palette key does not cover shows through. Here the keys are taken in order,
    back and help always, each that fits whole in the room left; one too wide is left out
    and the smaller ones after it still shown; help lists them all.
    """

    def __init__(self) -> None:
        super().__init__(compact=True)
        self._composed_width = 0
        self._composed_keys: tuple[object, ...] | None = None  # what the keys shown were composed from
        self._recompose_asked = False

    def _shown_keys(self) -> tuple[object, ...]:
        palette = self.app.COMMAND_PALETTE_BINDING
        return tuple(
            (key, binding.action, binding.description, self._display(key, binding), enabled, tooltip)
            for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show or key == palette
        )

    def bindings_changed(self, screen: Screen[object]) -> None:
        # Textual 8.2.8's Footer recomposes whenever the screen's bindings are refreshed (six or seven
        # times as a view opens, twice for a move of the focus), and each recompose lays the screen out:
        # the first key after a view opened waited for them. Here once a frame at most, and only for a
        # change of the keys shown (or of the width).
        self._bindings_ready = True
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._recompose_soon()

    def _recompose_soon(self) -> None:
        if not self._recompose_asked:
            self._recompose_asked = True
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        self._recompose_asked = False
        if not self.is_attached:  # its screen closed meanwhile
            return
        if self._shown_keys() != self._composed_keys or self.size.width != self._composed_width:
            await self.recompose()

    def compose(self) -> ComposeResult:
        width = self.size.width
        self._composed_width = width
        if self._bindings_ready:
            self._composed_keys = self._shown_keys()
        widgets = list(super().compose())
        bindings = self.screen.active_bindings
        for widget in widgets:
            if isinstance(widget, FooterKey) and widget.key in bindings:
                widget.key_display = self._display(widget.key, bindings[widget.key][1])
        if not width:
            yield from widgets
            return
        palette = [w for w in widgets if isinstance(w, FooterKey) and w.has_class("-command-palette")]
        keys = [w for w in widgets if w not in palette]
        if palette and width < SHORT_PALETTE_BELOW:
            palette[0].description = "Jump"
        room = width - sum(key_width(w) for w in palette)
        room -= sum(key_width(w) for w in keys if _is_kept(w))
        kept: list[Widget] = []
        for widget in keys:
            if _is_kept(widget):
                kept.append(widget)
                continue
            cells = key_width(widget) if isinstance(widget, FooterKey) else 0  # Drawdown has no key groups
            if cells > room:
                continue  # a smaller key after it may still fit
            room -= cells
            kept.append(widget)
        kept.extend(w for w in keys if _is_kept(w) and w not in kept)
        yield from sorted(kept, key=keys.index)
        yield from palette

    def _display(self, key: str, binding: Binding) -> str:
        """How `key` is shown: as its binding says, unless that names a key that now does something else.

        A binding of several keys shows one ("down,j,n" as ↓): with the Step pane focused, ↓ scrolls
        it, and Textual 8.2.8's footer still said "↓ Next" (taken from j, which still steps)."""
        shown = self.app.get_key_display(binding)
        own = self.app.get_key_display(Binding(key, binding.action))
        if own == shown:
            return shown
        # Changed only when every key shown so is bound by a widget that says it binds them its own
        # way ("1-9" names no single key; a list whose ↓ moves to the next step, as the screen's does, is right).
        bindings = self.screen.active_bindings
        named = [node for k, (node, b, _, _) in bindings.items() if self.app.get_key_display(Binding(k, b.action)) == shown]
        return own if named and all(getattr(node, OWN_KEYS, False) for node in named) else shown

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._composed_width and self._bindings_ready:
            self._recompose_soon()


def _is_kept(widget: Widget) -> bool:
    return isinstance(widget, FooterKey) and widget.action in KEPT_ACTIONS
