"""The text field of the actors and search screens: every printable key is typed, but `?`."""

from __future__ import annotations

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

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return character != "?" and super().check_consume_key(key, character)
