"""A key's message handled by its screen in the key's own turn, not when it comes round."""

from __future__ import annotations

import inspect

from textual.message import Message
from textual.widget import Widget
from textual.widgets import OptionList


def handle_now(widget: Widget, message: Message) -> None:
    """Have `widget`'s screen handle `message` now; post it as usual if the screen has no plain handler.

    Textual 8.2.8 runs a key's binding when the key comes back to the app, and has sent the keys
    typed after it in the same read to the same widget by then: they come back and run before a
    message the binding posts reaches the screen. "enter j j" typed fast on a list whose enter
    opens a scenario moved the list twice, and the scenario opened at the wrong step. Handled
    here, what enter opens is on top (DrawdownApp.open_now) before the j's run, and they go to it.
    """
    handler = getattr(widget.screen, message.handler_name, None)
    if handler is None or inspect.iscoroutinefunction(handler):
        widget.post_message(message)
    else:
        handler(message)


class SelectsAtOnce(OptionList):
    """An option list whose enter (and click) is handled by its screen at once (handle_now)."""

    def action_select(self) -> None:
        highlighted = self.highlighted
        if highlighted is None:
            return
        option = self.get_option_at_index(highlighted)
        if not option.disabled:
            handle_now(self, self.OptionSelected(self, option, highlighted))
