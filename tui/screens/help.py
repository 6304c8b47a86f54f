"""Help: the keys of the screen underneath, read from its bindings (so a keymap shows as it is)."""

from __future__ import annotations

from typing import ClassVar, Iterator

from textual import events
from textual.actions import parse
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical, VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

def _entries(node: DOMNode, keymap: dict[str, str]) -> list[list[Binding]]:
    """The node's own bindings that are in force, one entry per description, each with every key bound to it.

    Only bindings with an id are listed: those are Drawdown's own, each described for
    a reader; Textual's inherited widget keys (scroll left, page right...) would be noise.
    """
    grouped: dict[str, list[Binding]] = {}
    bindings_map = node._bindings.copy()
    if keymap:
        bindings_map.apply_keymap(keymap)  # as Screen._binding_chain does, so a rebound key shows as rebound
    for bindings in bindings_map.key_to_bindings.values():
        for binding in bindings:
            if not (binding.id and binding.description) or binding.system:
                continue
            namespace, name, parameters = parse(binding.action)
            if not namespace and node.check_action(name, parameters) is False:
                continue
            grouped.setdefault(binding.description, []).append(binding)
    return list(grouped.values())


def _keys_text(bindings: list[Binding], display: list[str]) -> str:
    keys = [b.key for b in bindings]
    if len(keys) > 2 and all(len(k) == 1 and k.isdigit() for k in keys):
        return f"{min(keys)}-{max(keys)}"
    return " ".join(dict.fromkeys(display))


# Below this width each explanation goes under its key: a third column would be a few cells wide.
SLIM_BELOW = 80


class HelpScreen(ModalScreen[None]):
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-low"), (20, "-tall")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,question_mark,q", "dismiss", "Close help", id="help.close"),
    ]

    def __init__(self, target: Screen[object]) -> None:
        super().__init__()
        self.target = target
        self._slim = False

    def on_resize(self, event: events.Resize) -> None:
        slim = event.size.width < SLIM_BELOW
        self.set_class(slim, "-slim")
        if slim != self._slim:
            self._slim = slim
            self.refresh(recompose=True)

    def compose(self) -> ComposeResult:
        self._slim = self.app.size.width < SLIM_BELOW  # decided now: a first frame of the other layout would flash
        self.set_class(self._slim, "-slim")
        self.set_class(self.app.size.height < 20, "-low")  # as VERTICAL_BREAKPOINTS will say, from the first frame
        with Vertical(id="help-dialog"):
            yield Static(Content("Keys on this screen"), id="help-title")
            with VerticalScroll(id="help-body"):
                if self._slim:
                    # One entry a block: the key and its name on a line, the explanation wrapped under them.
                    yield from self._entries()
                else:
                    # A grid, so a long explanation wraps in its own column, under itself.
                    with Grid(id="help-keys"):
                        yield from self._cells()
            yield Static(
                Content("esc closes help · the mouse works too: click a step or a passage, double-click a quote"),
                id="help-hint",
            )

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def _sections(self) -> Iterator[tuple[str, list[tuple[str, Binding]]]]:
        """Each section's title, and its entries: the keys as shown, and the first binding of them."""
        sections: list[tuple[str, DOMNode]] = [("This screen", self.target)]
        for widget in self.target.query("*"):
            if widget.focusable:
                sections.append((getattr(widget, "HELP_TITLE", widget.__class__.__name__), widget))
        sections.append(("Everywhere", self.app))
        for title, node in sections:
            entries = _entries(node, self.app._keymap)
            if entries:
                yield title, [(_keys_text(bindings, [self.app.get_key_display(b.with_key(b.key)) for b in bindings]), bindings[0]) for bindings in entries]

    def _cells(self) -> Iterator[Static]:
        for title, entries in self._sections():
            yield Static(Content(title), classes="help-section")
            for keys, first in entries:
                yield Static(Content(keys), classes="help-key")
                yield Static(Content(first.description), classes="help-description")
                yield Static(Content(first.tooltip), classes="help-tooltip")

    def _entries(self) -> Iterator[Static]:
        for title, entries in self._sections():
            yield Static(Content(title), classes="help-section")
            for keys, first in entries:
                yield Static(Content.assemble((keys, "bold"), "  ", first.description), classes="help-entry")
                if first.tooltip:
                    yield Static(Content(first.tooltip), classes="help-tooltip")
