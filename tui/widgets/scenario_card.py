"""One scenario on the home screen's time line: year, title, question, counts, or its errors."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import ListItem, Static

from ..corpus.control_chars import visible

if TYPE_CHECKING:
    from ..corpus.live import Row


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' * (count != 1)}"


class ScenarioCard(ListItem):
    """Year, title, question and counts of one scenario; or the file name and its error count."""

    def __init__(self, row: Row) -> None:
        super().__init__(classes="-broken" if row.view is None else "")
        self.row = row

    def compose(self) -> ComposeResult:
        # Imported here, not at the top: the home screen's first frame comes before the data layer.
        from ..corpus.crossref import quote_count, step_actor_count

        row = self.row
        errors = sum(d.is_error for d in row.current.diagnostics)
        badge = Static(Content(f"✖ {_plural(errors, 'error')}"), classes="card-badge")
        badge.display = errors > 0
        if row.view is None:
            yield Static(Content("—"), classes="card-year")
            with Vertical(classes="card-body"):
                yield Static(Content(visible(row.path.name)), classes="card-title")
                yield Static(Content("This file has errors and no good version to show: open it to see them."), classes="card-question")
                yield badge
            return
        scenario = row.view.entry.scenario
        assert scenario is not None
        meta = scenario.scenario
        counts = " · ".join(
            [
                _plural(step_actor_count(scenario), "actor"),
                _plural(len(scenario.steps), "step"),
                _plural(quote_count(scenario), "quote"),
            ]
        )
        yield Static(Content(str(meta.date.year)), classes="card-year")
        with Vertical(classes="card-body"):
            yield Static(Content(visible(meta.title)), classes="card-title")
            yield Static(Content(visible(meta.question)), classes="card-question")
            yield Static(Content(counts), classes="card-counts")
            if row.held:
                badge.update(Content(f"✖ {_plural(errors, 'error')} in the saved file - showing the last good version"))
            yield badge
