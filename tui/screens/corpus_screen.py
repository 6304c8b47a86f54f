"""What every explorer screen shares: the live corpus, keys with ids, the reload panel."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.binding import Binding, BindingType
from ..widgets.lazy_pane import LazyPane
from textual.screen import Screen

from ..widgets.reload_panel import ReloadPanel

if TYPE_CHECKING:
    from ..app import DrawdownApp
    from ..corpus.live import LiveCorpus


class CorpusScreen(Screen[None]):
    """A screen showing part of the corpus; it refreshes in place when the corpus reloads."""

    # Emphasis any widget on the screen may give a span of its text (styled in app.tcss).
    COMPONENT_CLASSES: ClassVar[set[str]] = {"screen--strong", "screen--faint", "screen--error"}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "app.focus_next", "Next pane", id="screen.focus-next", show=False),
        Binding("shift+tab", "app.focus_previous", "Previous pane", id="screen.focus-previous", show=False),
        Binding("ctrl+c,super+c", "screen.copy_text", "Copy selected text", id="screen.copy-text", show=False),
    ]

    def __init__(self, live: LiveCorpus | None) -> None:
        super().__init__()
        self._live = live

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

    def reload_panel(self) -> LazyPane:
        """The panel of errors after a broken save; hidden nearly always, so it waits for the first frame."""
        return LazyPane(ReloadPanel(self._live, id="reload-panel"))

    async def _on_corpus_changed(self, live: LiveCorpus) -> None:
        self._live = live
        for panel in self.query(ReloadPanel):
            panel.show_problems(live.problems())
        await self.corpus_changed()

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
