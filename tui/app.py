"""The Drawdown explorer: owns the corpus, the global keys and the live reload."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.signal import Signal

from .corpus.live import LiveCorpus
from .navigation import OpenScenario, OpenSource


def _corpus_commands() -> type:
    # Imported when the palette first opens, not at start-up.
    from .commands import CorpusCommands

    return CorpusCommands


class DrawdownApp(App[None]):
    CSS_PATH = "app.tcss"
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

    def get_default_screen(self) -> Screen[None]:
        from .screens.home import HomeScreen

        self.live = LiveCorpus(self.root)
        return HomeScreen(self.live)

    def on_mount(self) -> None:
        if self.poll:
            self.set_interval(self.POLL_SECONDS, self.check_for_changes)

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

        assert self.live is not None
        if self.live.view(message.path) is not None:
            self.push_screen(ScenarioScreen(self.live, message.path, message.step))
        else:
            self.push_screen(FileErrorsScreen(self.live, message.path))

    def on_open_source(self, message: OpenSource) -> None:
        from .screens.source import SourceScreen

        assert self.live is not None
        corpus = message.corpus or self.live.corpus
        if message.source_id in corpus.sources:
            self.push_screen(SourceScreen(self.live, corpus, message.source_id, message.span))
