"""A source's web address: click or enter opens it through App.open_url (never webbrowser)."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import Link


class SourceLink(Link):
    HELP_TITLE: ClassVar[str] = "Link"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open_link", "Open link", id="source-link.open", tooltip="Open the document's web address"),
    ]
