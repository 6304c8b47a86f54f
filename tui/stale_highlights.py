"""Whether a highlight message still says where its list's highlight is.

A list posts a message each time its highlight moves, and the message is handled later.
Keys that arrive together (a held key, a double tap, both in one read of the terminal)
each move the highlight before the first message is handled, so all but the last of
those messages are stale: they name a row the list has already left. A screen that
answered a stale message by moving the highlight back would post a fresh message for
that row, which the next stale one undoes, and so on for ever; a screen that only
redraws would redraw once for each row passed. Both act on a current message only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import DataTable, OptionList

if TYPE_CHECKING:  # the matrix's table imports the data layer (pydantic), which the first screen must not
    from .widgets.pressure_table import PressureTable


def is_stale(event: OptionList.OptionHighlighted | DataTable.RowHighlighted | PressureTable.CellHighlighted) -> bool:
    """True if the list's highlight has moved on since `event` was posted."""
    if isinstance(event, OptionList.OptionHighlighted):
        return event.option_index != event.option_list.highlighted
    if isinstance(event, DataTable.RowHighlighted):
        return event.cursor_row != event.data_table.cursor_row
    return event.coordinate != event.table.cursor_coordinate
