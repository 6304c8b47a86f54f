"""The text field of the actors and search screens: every printable key is typed, but `?`."""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive

from .in_order_keys import InOrderKeys


class FilterInput(InOrderKeys):
    """An Input that leaves `?` to the screen's help binding (HELP_OVER_TEXT).

    Textual 8.2.8 (Screen._binding_chain) drops from the bindings every key the focused Input says it may
    consume, priority bindings too, so the field has to say it does not take this one.

    Keys typed after the one that closed its screen go on to the screen below (InOrderKeys.PASS_ON).
    The command palette's field drops them instead (tui/command_palette.py): the palette's reopening
    in the same burst waits for its own keys, not for ones passed on.
    """

    PASS_ON = True

    # Textual 8.2.8's Input sets its virtual size (its text's width) on every change, and a Widget's
    # virtual size asks for a layout of the whole screen: each key laid every widget out again. The
    # field's own size never follows its text (it is sized by the stylesheet), and what the virtual
    # size is read for (how far the text scrolls) reads it as it is, so a change repaints the field only.
    virtual_size: Reactive[Size] = Reactive(Size(0, 0))

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return character != "?" and super().check_consume_key(key, character)
