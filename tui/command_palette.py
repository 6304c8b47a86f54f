"""The command palette (ctrl+p, and the theme picker), guarded against keys that come in a burst.

Textual 8.2.8's CommandPalette assumes the app settles between two keys. A terminal
does not wait: a held key, a double tap or a fast typist sends several keys in one
read, and they are all queued before the palette has handled the first. Four faults
follow, each guarded here rather than left to upstream:

- PageUp/PageDown before the result list has been laid out: OptionList._move_page
  looks the highlight up in a line cache that OptionList._update_lines leaves empty
  while the list has no size, and raises KeyError (`KeyError: 0`, or `KeyError: 19`
  when the results are replaced as they come in). See `action_page`.
- Keys queued in the palette's input after it was dismissed: the first `enter`
  dismisses the palette and runs the command, and the input then hands the palette
  the second `enter`, which Textual handles as a second selection: Screen.dismiss
  pops whatever screen is on top (ScreenStackError on the home screen, an extra
  screen gone on a deeper one) and the command runs again. Letters typed after `esc`
  start a search on the palette being removed (NoMatches for its CommandList).
  A palette that is no longer the active screen handles none of them, and a search still under
  way when the palette's list is removed shows nothing (see `_watch__list_visible`).
- Every palette Textual opens from ctrl+p has the id '--command-palette': one pushed
  while the last is still being removed (its removal is a task that runs later) is a
  DuplicateIds error. These palettes have no id.
- ctrl+p, esc, ctrl+p in one read left no palette open: ctrl+p is the app's (a priority binding,
  run as the app takes the key), esc the palette's (run once the palette takes it from its queue),
  so the second ctrl+p found the first palette still open and did nothing, and the esc queued
  before it then closed that palette. See `after_queued_keys`.
- A backspace or an arrow typed in the same read as letters ran after them (the Input looks bound
  keys up only once they have bubbled back to the app): the palette's field is an InOrderKeys.
"""

from __future__ import annotations

from typing import Callable, ClassVar

from rich.align import Align
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import CommandInput, CommandList, CommandPalette, SearchIcon
from textual.containers import Horizontal, Vertical
from textual.events import Mount
from textual.screen import Screen
from textual.widgets import Button, Input, LoadingIndicator, OptionList
from textual.widgets.option_list import Option

from .widgets.in_order_keys import InOrderKeys


class InOrderCommandInput(CommandInput, InOrderKeys):
    """The palette's field, with backspace and the arrows taking their turn with the typed keys.

    CommandInput comes first: Textual takes a widget's CSS type names from its first base only,
    and the palette's styles and AUTO_FOCUS select "CommandInput".
    Keys typed after the esc that closes the palette go on to the screen below (InOrderKeys.PASS_ON).
    """

    PASS_ON = True


class GuardedPalette(CommandPalette):
    """Textual's command palette, safe under keys that arrive before it has settled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pagedown", "page(1)", "Next page", id="palette.page-down", show=False, tooltip="A page of commands down"),
        Binding("pageup", "page(-1)", "Previous page", id="palette.page-up", show=False, tooltip="A page of commands up"),
    ]

    def compose(self) -> ComposeResult:
        # Textual 8.2.8's CommandPalette.compose, with the field that keeps keys in order.
        with Vertical(id="--container"):
            with Horizontal(id="--input"):
                yield SearchIcon()
                yield InOrderCommandInput(placeholder=self._placeholder, select_on_focus=False)
                if not self.run_on_select:
                    yield Button("\u25b6")
            with Vertical(id="--results"):
                yield CommandList()
                yield LoadingIndicator()

    def _on_mount(self, event: Mount) -> None:
        # Runs before CommandPalette's own (each class's handler runs, this one first). A palette
        # closed before it was mounted (esc in the burst that opened it, then reopened): Textual
        # 8.2.8's _on_mount would take the wrong screen from the stack as the one it was opened on.
        if self not in self.app.screen_stack:
            event.prevent_default()

    @work(exclusive=True, group=CommandPalette._GATHER_COMMANDS_GROUP)
    async def _gather_commands(self, search_value: str) -> None:
        # Textual 8.2.8's search, unless the palette was closed before the search's worker ran, or
        # is being taken down while still on top (its list already removed: NoMatches for
        # CommandList, seen once in 1,500 bursts of keys on a 40x12 terminal). Either way the
        # search has nowhere to show.
        if self.is_active and self.query(CommandList):
            await CommandPalette._gather_commands.__wrapped__(self, search_value)  # type: ignore[attr-defined]

    # A search under way when the list is removed (the palette being taken down) goes on to its
    # end: these show or hide the list and "No matches found" by looking it up, NoMatches once it
    # has gone (CI, the key fuzz at 40x12). With nowhere to show, they do nothing.

    def _watch__list_visible(self) -> None:
        if self.query(CommandList):
            super()._watch__list_visible()

    async def _watch__show_busy(self) -> None:
        if self.query(CommandList) and self.query(LoadingIndicator):
            await super()._watch__show_busy()

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual 8.2.8's countdown, whose end looks the list up when it fires, not when it starts.
        self._stop_no_matches_countdown()

        def _show_no_matches() -> None:
            if not self.query(CommandList):
                return
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(Align.center(Text("No matches found", style="not bold")), disabled=True, id=self._NO_MATCHES)
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, _show_no_matches)

    def action_page(self, direction: int) -> None:
        """A page up or down the results, once the list has a size to page by."""
        commands = self.query_one(CommandList)
        # Until the list is laid out (it is hidden until results come), Textual 8.2.8's
        # OptionList has no lines and _move_page raises KeyError: there is no page yet.
        if commands.option_count and commands.scrollable_content_region.height:
            if direction > 0:
                commands.action_page_down()
            else:
                commands.action_page_up()

    @on(Input.Changed)
    @on(Input.Submitted)
    @on(Button.Pressed)
    @on(OptionList.OptionSelected)
    @on(OptionList.OptionHighlighted)
    def _ignore_once_dismissed(self, event: Input.Changed | Input.Submitted | Button.Pressed | OptionList.OptionSelected | OptionList.OptionHighlighted) -> None:
        # Runs before CommandPalette's own handlers (this class comes first in the MRO):
        # prevent_default keeps them from acting on a key that reached a dismissed palette.
        if not self.is_active:
            event.prevent_default()
            event.stop()


def after_queued_keys(screen: Screen[object], callback: Callable[[], None]) -> None:
    """Call `callback` once `screen` has handled the keys the app handed it before now.

    The app hands a key to the focused widget, or to the screen while nothing has the focus (a
    palette just pushed); each handles its keys in turn, so a callback queued behind them on both
    runs after the key, wherever it went. The callback is asked twice: it must do its work once.
    """
    screen.call_later(callback)
    focused = screen.focused
    if focused is not None:
        focused.call_later(callback)
