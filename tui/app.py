"""The Drawdown explorer: owns the corpus, the global keys and the live reload."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.signal import Signal

from .idle_collector import IdleCollector
from .navigation import OpenScenario, OpenSource

if TYPE_CHECKING:
    from .corpus.live import LiveCorpus


def _corpus_commands() -> type:
    # Imported when the palette first opens, not at start-up.
    from .commands import CorpusCommands

    return CorpusCommands


class DrawdownApp(App[None]):
    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute: a subclass elsewhere still finds it
    TITLE = "Drawdown"
    COMMANDS = App.COMMANDS | {_corpus_commands}
    POLL_SECONDS = 1.0
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True, show=False, tooltip="Leave Drawdown"),
        Binding("f1,question_mark", "help", "Help", id="app.help", key_display="?", tooltip="Keys of this screen"),
        Binding(
            "ctrl+p", "command_palette", "Jump to…", id="app.command-palette", priority=True, show=False,
            tooltip="Jump to a scenario, step, actor or source; switch theme",
        ),
        Binding("ctrl+c", "help_quit", "Quit hint", id="app.ctrl-c", show=False, system=True),
    ]

    def __init__(self, root: Path, *, poll: bool = True) -> None:
        super().__init__()
        self.root = root
        self.poll = poll
        self.live: LiveCorpus | None = None
        self.corpus_changed: Signal[LiveCorpus] = Signal(self, "corpus-changed")
        self._corpus_ready = asyncio.Event()
        self._collector = IdleCollector()

    def get_default_screen(self) -> Screen[None]:
        from .screens.home import HomeScreen

        return HomeScreen(None)

    def on_mount(self) -> None:
        # Reading the corpus (pydantic's import, then validation) costs more than the rest of
        # start-up together: the home screen goes up first and fills in a moment later.
        self.call_after_refresh(self.run_worker, self._load_corpus, thread=True, name="load corpus")

    def _load_corpus(self) -> None:
        from .corpus.live import LiveCorpus

        self.call_from_thread(self._corpus_loaded, LiveCorpus(self.root))

    def _corpus_loaded(self, live: LiveCorpus) -> None:
        self.live = live
        if self.poll:
            self.set_interval(self.POLL_SECONDS, self.check_for_changes)
        self.corpus_changed.publish(live)
        self._corpus_ready.set()
        self.call_after_refresh(self._collector.start, self)

    def on_unmount(self) -> None:
        self._collector.stop()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self._collector.note_input()
        await super().on_event(event)

    async def corpus_ready(self) -> LiveCorpus:
        """Wait until the corpus is loaded (tests and scripts; the screens follow corpus_changed)."""
        await self._corpus_ready.wait()
        assert self.live is not None
        return self.live

    def check_for_changes(self) -> bool:
        """Reload the corpus if any of its files changed on disk; True if it did.

        Reloading takes a few tens of milliseconds, so it runs right here rather than
        in a worker: the screens then refresh in the same tick, on the same step.
        """
        if self.live is None or not self.live.changed():
            return False
        self.live.reload()
        self.corpus_changed.publish(self.live)
        return True

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def on_open_scenario(self, message: OpenScenario) -> None:
        from .screens.file_errors import FileErrorsScreen
        from .screens.scenario import ScenarioScreen

        if self.live is None:
            return  # the corpus is still loading; nothing can point into it yet
        if self.live.view(message.path) is not None:
            self.push_screen(ScenarioScreen(self.live, message.path, message.step))
        else:
            self.push_screen(FileErrorsScreen(self.live, message.path))

    def on_open_source(self, message: OpenSource) -> None:
        from .screens.source import SourceScreen

        if self.live is None:
            return
        corpus = message.corpus or self.live.corpus
        if message.source_id in corpus.sources:
            self.push_screen(SourceScreen(self.live, corpus, message.source_id, message.span))
