"""What every explorer screen shares: the live corpus, keys with ids, the reload panel."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import events
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input

from ..widgets.lazy_pane import LazyPane
from ..widgets.pane_hint import PaneHint
from ..widgets.reload_panel import ReloadPanel

if TYPE_CHECKING:
    from ..app import DrawdownApp
    from ..corpus.live import LiveCorpus


# Below this many columns panes side by side are too narrow to read: one shows at a time.
SLIM_BELOW = 80
# Below this many rows headings and side panels give up rows to the screen's main content.
LOW_BELOW = 20
# On a screen whose text field keeps the focus, `?` would be typed into the field while the
# footer says it opens help. It opens help: a search or an actor's name gains nothing from
# a question mark (search matches words), and F1 opens help too.
HELP_OVER_TEXT = Binding(
    "question_mark", "app.help", "Help", id="screen.help-over-text", key_display="?", priority=True, show=False,
    tooltip="Keys of this screen (? is not typed into the filter; F1 also opens help)",
)


# Marks a key CorpusScreen.take_early_key has given to a text field.
EARLY = "_drawdown_early_key"
# The screen on top when the app took a key from the terminal (DrawdownApp.on_event).
SENT_TO = "_drawdown_sent_to"


class CorpusScreen(Screen[None]):
    """A screen showing part of the corpus; it refreshes in place when the corpus reloads."""

    # Emphasis any widget on the screen may give a span of its text (styled in app.tcss).
    COMPONENT_CLASSES: ClassVar[set[str]] = {"screen--strong", "screen--faint", "screen--error"}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "next_pane(1)", "Next pane", id="screen.focus-next", show=False, tooltip="Move to the next pane (on a narrow terminal, show it)"),
        Binding("shift+tab", "next_pane(-1)", "Previous pane", id="screen.focus-previous", show=False, tooltip="Move to the previous pane"),
        Binding("ctrl+c,super+c", "screen.copy_text", "Copy selected text", id="screen.copy-text", show=False),
        # Offered only while a file saved broken has errors (the reload panel is up): the panel has
        # room for a few of them, and none at all on a low terminal.
        Binding("e", "errors", "Errors", id="screen.errors", tooltip="Every error of the file saved broken, with its lines"),
    ]

    # The panes a slim terminal shows one at a time, tab moving on: (selector, name in the hint).
    # A screen without panes stacks what it shows instead.
    PANES: ClassVar[tuple[tuple[str, str], ...]] = ()
    # What else the pane hint says: the key to what a slim terminal leaves no room for.
    PANE_HINT_ALSO: ClassVar[str] = ""

    # The text field a screen opens with the focus in (a selector), which takes what is typed at once.
    TYPING_FIELD: ClassVar[str | None] = None

    def __init__(self, live: LiveCorpus | None) -> None:
        super().__init__()
        self._live = live
        self._pane = 0  # the pane a slim terminal shows
        self._held_keys: list[events.Key] = []  # keys for the field, held until it is mounted
        self._field_mounted = False
        self._field_focused = False  # it has had the focus once: keys sent to the screen are its own

    @property
    def live(self) -> LiveCorpus:
        """The corpus this screen shows; only the home screen is ever up before it is loaded."""
        assert self._live is not None, "the corpus is not loaded yet"
        return self._live

    @property
    def loaded(self) -> bool:
        return self._live is not None

    @property
    def drawdown(self) -> DrawdownApp:
        return cast("DrawdownApp", self.app)

    def on_mount(self) -> None:
        self.drawdown.corpus_changed.subscribe(self, self._on_corpus_changed)
        if self.PANES:
            self.mount(PaneHint(id="pane-hint"))
        if self.TYPING_FIELD is not None:
            field = self.query_one(self.TYPING_FIELD)
            for key in self._held_keys:
                field.post_message(key)
            self._held_keys.clear()
            self._field_mounted = True

    def take_early_key(self, event: events.Key) -> bool:
        """Give the text field, in its turn, a key sent to another screen or before the field had the focus.

        Textual 8.2.8 runs a key's binding only once the key has bubbled back to the app from the
        focused widget, and sends the keys after it to that same widget meanwhile: "/withdraw" in one
        read, as a terminal sends it typed fast, opened search and then "withdraw" came back to the app
        from the home screen, with nothing to take it. A key the app sends to a screen before any of
        its widgets has the focus (its field's focus, asked for in on_mount, comes some messages after
        the screen is pushed) is dropped the same way. The app and this screen give both here.
        """
        if getattr(event, EARLY, False):
            return False
        if self.TYPING_FIELD is None:
            return self._hold_until_focused(event)
        if self._field_focused and getattr(event, SENT_TO, self) is self:
            return False  # a key of this screen's own once its field has the focus, as on any screen
        key = events.Key(event.key, event.character)
        setattr(key, EARLY, True)  # once given, never given again (it comes back to the app if unbound)
        if self._field_mounted:
            self.query_one(self.TYPING_FIELD).post_message(key)
        else:
            self._held_keys.append(key)
        return True

    def _hold_until_focused(self, event: events.Key) -> bool:
        # A screen without a field: a key typed after the one that opened it ("enter j j" on home),
        # come back to the app from the screen below before anything here had the focus, would find
        # none of this screen's keys bound. It goes round again once the screen has drawn.
        if self.focused is not None or getattr(event, SENT_TO, self) is self:
            return False
        key = events.Key(event.key, event.character)
        setattr(key, EARLY, True)
        if not self._held_keys:
            self.call_after_refresh(self._send_held_keys)
        self._held_keys.append(key)
        return True

    def _send_held_keys(self) -> None:
        keys, self._held_keys = self._held_keys, []
        for key in keys:
            if self.is_active:
                self.app.post_message(key)

    def _forward_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded and self.take_early_key(event):
            event._set_forwarded()
            return
        super()._forward_event(event)

    def on_unmount(self) -> None:
        # Textual 8.2.8's Signal keeps each subscriber's callbacks in a WeakKeyDictionary whose
        # values, bound methods, hold the subscriber: a closed screen stayed alive, with all its
        # widgets (the gap and figure lists of a 3,000-scenario corpus), until the next reload.
        # From both of the app's signals: a screen that follows the theme subscribes to its own.
        self.drawdown.corpus_changed.unsubscribe(self)
        self.app.theme_changed_signal.unsubscribe(self)

    # -- narrow and short terminals --------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._slim_and_low(event.size.width, event.size.height)
        self._show_pane()

    def _slim_and_low(self, width: int, height: int) -> None:
        # Independent of each screen's own breakpoints (which pick one class per axis).
        self.set_class(width < SLIM_BELOW, "-slim")
        self.set_class(height < LOW_BELOW, "-low")

    def size_classes(self, width: int, height: int) -> None:
        """Every class that follows the terminal's size, as the first Resize will set them: -slim and
        -low, and the screen's breakpoints (as Screen._on_resize picks them), for a first frame drawn
        before that Resize comes (HomeScreen.compose)."""
        self._slim_and_low(width, height)
        horizontal = (self.app.HORIZONTAL_BREAKPOINTS if self.HORIZONTAL_BREAKPOINTS is None else self.HORIZONTAL_BREAKPOINTS) or []
        vertical = (self.app.VERTICAL_BREAKPOINTS if self.VERTICAL_BREAKPOINTS is None else self.VERTICAL_BREAKPOINTS) or []
        classes = {name: False for _, name in horizontal + vertical}
        classes.update({name: True for name in self._get_breakpoint_classes(width, horizontal) | self._get_breakpoint_classes(height, vertical)})
        self.update_classes(classes, animate=False)

    @property
    def slim(self) -> bool:
        return self.has_class("-slim")

    def _panes(self) -> list[Widget]:
        return [self.query_one(selector) for selector, _ in self.PANES]

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        widget = event.widget
        if self.TYPING_FIELD is not None and not self._field_focused and widget is self.query_one(self.TYPING_FIELD):
            self._field_focused = True
        # Whatever moved the focus (tab, enter, a click, a key of the screen), its pane is the one shown.
        for number, pane in enumerate(self._panes() if self.PANES else ()):
            if widget is pane or pane in widget.ancestors:
                if number != self._pane:
                    self._pane = number
                    self._show_pane()
                return

    def one_pane_at_a_time(self) -> bool:
        """Whether the panes show one at a time: on a slim terminal, unless a screen says otherwise."""
        return self.slim

    def _show_pane(self) -> None:
        if not self.PANES:
            return
        single = self.one_pane_at_a_time()
        self.set_class(single, "-one-pane")
        panes = self._panes()
        shown = panes[self._pane]
        hidden: set[Widget] = set()
        if single:
            # A pane, and each container of it that holds no shown pane (else it would keep its share of the width).
            for pane in panes:
                for node in (pane, *pane.ancestors):
                    if node is self or node is shown or node in shown.ancestors:
                        break
                    if isinstance(node, Widget):
                        hidden.add(node)
        for pane in panes:
            for node in (pane, *pane.ancestors):
                if node is self:
                    break
                if isinstance(node, Widget):
                    node.set_class(node in hidden, "-hidden-pane")
        names = [name for _, name in self.PANES]
        count = len(names)
        later = [names[(self._pane + step) % count] for step in range(1, count)]
        for hint in self.query(PaneHint):
            hint.show(names[self._pane], self._pane if single else None, count, later, self.PANE_HINT_ALSO)

    def action_next_pane(self, delta: int) -> None:
        if not (self.PANES and self.one_pane_at_a_time()):
            if delta > 0:
                self.app.action_focus_next()
            else:
                self.app.action_focus_previous()
            return
        self._pane = (self._pane + delta) % len(self.PANES)
        self._show_pane()
        pane = self._panes()[self._pane]
        target = pane if pane.focusable else next((w for w in pane.query("*") if w.focusable), None)
        if target is not None:
            target.focus()

    def reload_panel(self) -> LazyPane:
        """The panel of errors after a broken save; hidden nearly always, so it waits for the first frame."""
        return LazyPane(ReloadPanel(self._live, id="reload-panel"))

    async def _on_corpus_changed(self, live: LiveCorpus) -> None:
        self._live = live
        for panel in self.query(ReloadPanel):
            panel.show_problems(live.problems())
        self.refresh_bindings()  # `e` comes and goes with the panel
        await self.corpus_changed()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "errors":
            # Not while a text field has the focus: `e` is typed into it.
            return self._live is not None and bool(self._live.problems()) and not isinstance(self.focused, Input)
        return True

    def said_unavailable(self, key: str) -> bool:
        """Tell why `key` did nothing, when this screen binds it to an action hidden for now; whether it did.

        A check_action of False hides a key from the footer and help, where it would promise what
        cannot be done (None, dimmed, still promises it), and Textual then runs nothing for it: `u`
        on a source with no web address did nothing at all. The app asks here once no binding has
        taken the key. The screen's own bindings as a keymap left them, so a rebound key says it.
        """
        for node, bindings in self._modal_binding_chain:
            if node is not self:
                continue
            for binding in bindings.key_to_bindings.get(key, ()):
                reason = self.unavailable(binding.action)
                if reason is not None:
                    self.notify(reason, markup=False)
                    return True
        return False

    def unavailable(self, action: str) -> str | None:
        """Why `action`, hidden by check_action, can do nothing now; None for one to pass over in silence."""
        return None

    def action_errors(self) -> None:
        """The errors of the first file the reload panel lists (a broken catalog comes first)."""
        files = self._live.problem_files() if self._live is not None else []
        if files:
            self.drawdown.open_errors(files[0])

    async def corpus_changed(self) -> None:
        """Refresh from `self.live` after a reload; keep the reader's place."""


class BackScreen(CorpusScreen):
    """A screen the reader came to from another, and leaves with escape."""

    def __init__(self, live: LiveCorpus) -> None:
        super().__init__(live)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="screen.back", tooltip="Return to the previous screen"),
    ]

    def action_back(self) -> None:
        self.dismiss()
