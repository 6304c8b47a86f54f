"""What every explorer screen shares: the live corpus, keys with ids, the reload panel."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.binding import Binding, BindingType
from textual.lazy import Lazy
from textual.screen import Screen

from ..corpus.live import LiveCorpus
from ..widgets.reload_panel import ReloadPanel

if TYPE_CHECKING:
    from ..app import DrawdownApp


class CorpusScreen(Screen[None]):
    """A screen showing part of the corpus; it refreshes in place when the corpus reloads."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "app.focus_next", "Next pane", id="screen.focus-next", show=False),
        Binding("shift+tab", "app.focus_previous", "Previous pane", id="screen.focus-previous", show=False),
        Binding("ctrl+c,super+c", "screen.copy_text", "Copy selected text", id="screen.copy-text", show=False),
    ]

    def __init__(self, live: LiveCorpus) -> None:
        super().__init__()
        self.live = live

    @property
    def drawdown(self) -> DrawdownApp:
        return cast("DrawdownApp", self.app)

    def on_mount(self) -> None:
        self.drawdown.corpus_changed.subscribe(self, self._on_corpus_changed)

    def reload_panel(self) -> Lazy:
        """The panel of errors after a broken save; hidden nearly always, so it waits for the first frame."""
        return Lazy(ReloadPanel(self.live, id="reload-panel"))

    async def _on_corpus_changed(self, live: LiveCorpus) -> None:
        self.live = live
        for panel in self.query(ReloadPanel):
            panel.show_problems(live.problems())
        await self.corpus_changed()

    async def corpus_changed(self) -> None:
        """Refresh from `self.live` after a reload; keep the reader's place."""


class BackScreen(CorpusScreen):
    """A screen the reader came to from another, and leaves with escape."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="screen.back", tooltip="Return to the previous screen"),
    ]

    def action_back(self) -> None:
        self.dismiss()
