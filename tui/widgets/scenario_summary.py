"""Under the home screen's list: what the highlighted scenario is about, and what it draws on."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ..corpus.control_chars import visible
from .scroll_keys import scroll_bindings
from ..corpus.counted import counted

if TYPE_CHECKING:
    from ..corpus.first_look import Glimpse
    from ..corpus.live import CatalogRow, Row


class ScenarioSummary(VerticalScroll):
    """Tab reaches it: a long summary and its sources are cut at the pane's height, and it then
    grows (app.tcss) and scrolls."""

    HELP_TITLE: ClassVar[str] = "Summary pane"
    BINDINGS: ClassVar[list[BindingType]] = scroll_bindings("summary")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = Static(id="summary-text")  # a Static alone does not scroll what it shows

    def compose(self) -> ComposeResult:
        yield self._text

    def update(self, content: Content) -> None:
        self._text.update(content)
        self.scroll_home(animate=False, immediate=True)

    def show_message(self, message: str) -> None:
        self.update(Content(message))

    def show_glimpse(self, glimpse: Glimpse) -> None:
        """A file not yet checked: what it says about itself, and that the check is under way."""
        lines = [Content.styled("Checking the scenario files and locating every quote…", ".screen--faint")]
        if glimpse.summary:
            lines.insert(0, Content.assemble(("Summary  ", ".screen--strong"), visible(glimpse.summary)))
        self.update(Content("\n").join(lines))

    def show_row(self, row: Row | CatalogRow | None) -> None:
        if row is None:
            self.update(Content("No scenario files in this corpus's scenarios/ folder."))
            return
        if row.view is None:
            from ..corpus.reading import FileReport  # after the first frame, as the cards do (scenario_list.py)

            count = sum(d.is_error for d in row.current.diagnostics)
            name = row.current.shown if isinstance(row.current, FileReport) else row.path.name
            self.update(Content(f"{visible(name)}: {counted(count, 'error')}. Press enter to see where."))
            return
        from ..corpus.crossref import citation_text  # after the first frame, as the cards do (scenario_list.py)

        listing = row.view.entry.listing  # not its model: a large corpus lists its files before their models are rebuilt
        assert listing is not None
        sources = row.view.corpus.sources
        lines: list[Content] = [
            Content.assemble(("Summary  ", ".screen--strong"), visible(listing.summary)),
        ]
        for source_id in listing.sources:
            doc = sources.get(source_id)
            if doc is not None:
                lines.append(Content.assemble(("Source   ", ".screen--strong"), visible(citation_text(doc.meta))))
        self.update(Content("\n").join(lines))
