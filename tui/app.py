"""The Drawdown explorer: owns the corpus, the global keys and the live reload."""

from __future__ import annotations

import asyncio
import threading
import time
from collections import deque
from pathlib import Path
from typing import TYPE_CHECKING, Callable, ClassVar, Iterable, Sequence, cast

from textual import events
from textual._dispatch_key import dispatch_key  # App._on_key's own (not exported by Textual 8.2.8)
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.command import CommandListItem, CommandPalette, SimpleProvider
from textual.screen import Screen
from textual.signal import Signal
from textual.theme import ThemeProvider
from textual.timer import Timer
from textual.widget import AwaitMount

from .command_palette import GuardedPalette, after_queued_keys
from .screens.corpus_screen import SENT_TO
from .idle_collector import IdleCollector, resume_after_first_frame
from .navigation import OpenActor, OpenScenario, OpenSource
from .worker_threads import use_fresh_contexts

if TYPE_CHECKING:
    from .corpus.batch_load import Batch
    from .corpus.live import LiveCorpus
    from .settings import Settings
    from .screens.corpus_screen import CorpusScreen


# The analysis views: (palette name, action, what it shows). The palette finds each by its name.
VIEWS: tuple[tuple[str, str, str], ...] = (
    ("Search", "search", "Search summaries, quotes and whole documents, alias-aware"),
    ("Pressure matrix", "pressure_matrix", "Who pushes toward which option, and how openly, in one scenario"),
    ("Stance gaps", "stance_gaps", "Actors whose public position differs from their private or reported one"),
    ("Actors", "actors", "Every actor, and each one's path through the scenarios"),
    ("Figures", "figures", "The troop numbers of every scenario on one chart"),
)


def _corpus_commands() -> type:
    # Imported when the palette first opens, not at start-up.
    from .commands import CorpusCommands

    return CorpusCommands


# Absolute, so a subclass elsewhere still finds it; a module name, so the command can keep it
# parsed on disk without reaching into the class (which a test may stand in for).
STYLESHEET = Path(__file__).with_name("app.tcss")


class ChecksDone(Message):
    """Every file is checked (the loader's last batch): its counts and badges are shown now, not at
    the next tick of the batch timer, which comes up to a second later on a large corpus."""


class DrawdownApp(App[None]):
    CSS_PATH = STYLESHEET
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
        Binding("slash", "search", "Search", id="app.search", key_display="/", tooltip=VIEWS[0][2]),
        Binding("m", "pressure_matrix", "Matrix", id="app.pressure-matrix", tooltip=VIEWS[1][2]),
        Binding("g", "stance_gaps", "Gaps", id="app.stance-gaps", tooltip=VIEWS[2][2]),
        Binding("a", "actors", "Actors", id="app.actors", tooltip=VIEWS[3][2]),
        Binding("f", "figures", "Figures", id="app.figures", tooltip=VIEWS[4][2]),
    ]

    def __init__(self, root: Path, *, poll: bool = True, settings: Settings | None = None, cache: Path | None = None) -> None:
        super().__init__()
        self.root = root
        self.poll = poll
        # Where a large corpus's checking is kept between runs (corpus/checked_cache.py): the command's
        # cache folder; tests and scripts check every file.
        self.cache = cache
        # Without settings (tests, snapshots) the app starts on defaults and saves nothing.
        self.settings = settings
        self.live: LiveCorpus | None = None
        self.corpus_changed: Signal[LiveCorpus] = Signal(self, "corpus-changed")
        self._pending: OpenScenario | None = None  # opened before the check was done
        self._corpus_ready = asyncio.Event()
        self._collector = IdleCollector()
        self._polling = False  # a poll of the files is running on its thread
        self._batches: deque[Batch] = deque()  # checked by the loader, not yet listed
        self._batch_timer: Timer | None = None
        self._clock: Callable[[], float] = time.monotonic
        self._list_due = 0.0  # when the files taken in are next listed
        self._list_gap = 0.0  # the time between the last two listings
        self._counts_drawn = threading.Event()  # the home screen drew the final counts and badges

    # Files given a first look before the first frame: enough cards to fill a tall terminal. The rest
    # are listed as the loader checks them, so the first frame costs the same whatever the corpus.
    FIRST_LOOK_FILES = 12
    # The loader's checked files are taken in (and the count of them shown) this often; they are listed
    # among the home screen's cards at first as often, then half as often at each listing, down to once
    # every BATCH_SECONDS * LIST_SPREAD. Each listing places its cards and lays out and draws the list
    # again: listed every 0.25 s, a 1,000-file load spent 40% of the explorer's own time on it (profiled),
    # time taken from the workers checking the files on two cores.
    BATCH_SECONDS = 0.25
    LIST_SPREAD = 4
    # Once every file is checked, the loader rebuilds every model (a tenth of a second at 1,000 files,
    # holding the interpreter lock in turns with the explorer's thread): it first waits for the frame
    # with the final counts to be drawn, which it delayed by a half, but never longer than this.
    COUNTS_DRAWN_WAIT = 0.5

    def get_default_screen(self) -> Screen[None]:
        # The first frame lists the first scenario files as each describes itself (tomli alone, a few
        # milliseconds); the full check, with pydantic, follows in worker processes, batch by batch.
        from .corpus.first_look import first_look
        from .screens.home import HomeScreen

        glimpses, total = first_look(self.root, self.FIRST_LOOK_FILES)
        return HomeScreen(None, glimpses, total=total)

    def on_mount(self) -> None:
        # Before any thread worker runs: a closed screen's worker must not stay behind on its thread.
        use_fresh_contexts(asyncio.get_running_loop())
        # Reading the corpus (pydantic's import, then validation) costs more than the rest of
        # start-up together: the home screen goes up first and fills in a moment later.
        self.call_after_refresh(self._start_loading)
        self._apply_settings()
        self.corpus_changed.subscribe(self, self._prepare_views)

    def _prepare_views(self, live: LiveCorpus) -> None:
        # What each analysis view derives from the corpus is built now, in the background, so that
        # a view opens on it at once (at 3,000 scenarios: seconds of work). A daemon thread, as the load's.
        from .commands import palette_targets
        from .corpus.actor_filter import actor_filter
        from .corpus.figures import corpus_figures
        from .corpus.search import search_index
        from .corpus.stance_gaps import corpus_gaps
        from .corpus.view_data import prepare

        corpus = live.corpus
        builders = (actor_filter, corpus_gaps, corpus_figures, lambda _: palette_targets(live), search_index)
        wanted = lambda: live.corpus is corpus  # noqa: E731  (a reload starts over on the new corpus)

        def prepare_then_refreeze() -> None:
            prepare(corpus, builders, wanted)
            self._collector.refreeze()  # it lives as long as the corpus: frozen with it, in the next pause

        thread = threading.Thread(target=prepare_then_refreeze, name="prepare views", daemon=True)
        # Started once the screens have shown the new corpus (the home screen its counts and badges):
        # started at once, it held the interpreter lock half the time while they listed it and drew
        # the frame. A view opened before it runs builds only what it needs (view_data.derived).
        self.call_after_refresh(self._start_preparing, thread)

    def _start_preparing(self, thread: threading.Thread) -> None:
        from .screens.home import HomeScreen

        home = self.screen_stack[0] if self.screen_stack else None
        if isinstance(home, HomeScreen) and home is self.screen and not home.shows_loaded:
            self.call_after_refresh(self._start_preparing, thread)  # not drawn yet
            return
        thread.start()

    def _apply_settings(self) -> None:
        settings = self.settings
        if settings is None:
            return
        if settings.theme is not None:
            if settings.theme in self.available_themes:
                self.theme = settings.theme
            else:
                hint = [name for name in sorted(self.available_themes) if settings.theme.lower() in name]
                settings.warn(("theme",), "settings-unknown-theme", f"no theme is named '{settings.theme}'; " + (f"did you mean '{hint[0]}'? " if hint else "") + "ctrl+p then 'theme' lists them")
        if settings.keymap:
            from .keymap import binding_ids, unknown_ids

            unknown = unknown_ids(settings.keymap, binding_ids())
            for binding_id, message in unknown.items():
                settings.warn(("keymap", binding_id), "settings-unknown-binding", message, value=False)
            self.set_keymap({k: v for k, v in settings.keymap.items() if k not in unknown})
        for diagnostic in settings.diagnostics:
            # Shown until dismissed: the reader has to be able to read the place to fix.
            self.notify(diagnostic.format(), title="Settings", severity="error" if diagnostic.is_error else "warning", timeout=60, markup=False)
        # Subscribed after the saved theme is applied: only the reader's own choice is written back.
        self.theme_changed_signal.subscribe(self, self._save_theme)

    def _save_theme(self, theme: object) -> None:
        from .settings import save_theme

        if self.settings is None or self.theme == self.settings.theme:
            return  # the saved theme being applied, or a switch back: nothing new to keep
        problem = save_theme(self.settings, self.theme)
        if problem:
            self.notify(problem, title="Settings", severity="warning", markup=False)

    def _start_loading(self) -> None:
        from .corpus import head_start

        head_start.begin()  # the first frame is drawn: both workers check files now, if `drawdown` forked them
        resume_after_first_frame()  # before the loader, which pauses the collector itself while it reads
        self._batch_timer = self.set_interval(self.BATCH_SECONDS, self._take_batches, name="checked files")
        # A daemon thread, not a Textual thread worker: Textual 8.2.8 runs those on asyncio's default
        # executor, whose threads are joined at exit, so a read that never returned (a file on a hung
        # network share) would keep the process alive after ctrl+q. A daemon thread is left behind.
        threading.Thread(target=self._load_corpus, name="load corpus", daemon=True).start()

    def _load_corpus(self) -> None:
        import gc

        from .corpus.batch_load import Batch, load_in_batches
        from .corpus.live import LiveCorpus, fingerprint
        from .corpus.load import gc_paused

        def on_batch(batch: Batch) -> None:
            self._batches.append(batch)  # taken by the explorer's timer: the loader does not wait for the screen
            if batch.viewable is not None:
                self.post_message(ChecksDone())  # thread-safe, and it does not wait either
                self._counts_drawn.wait(self.COUNTS_DRAWN_WAIT)  # but for the counts' frame (see there)

        try:
            root = self.root.resolve()
            stamp = fingerprint(root)  # before reading: a file saved during the load is seen by the next poll
            with gc_paused():
                live = LiveCorpus(root, load_in_batches(root, on_batch, cache=self.cache), stamp)
                # Frozen before the collector is switched back on: its first pass would otherwise walk
                # every model just read (half a second at 1,000 files), on whichever thread came next.
                gc.freeze()
        except Exception as exc:  # a fault of the app: crash it as a worker would, not hang on "checking…"
            self._from_loader(self._reraise, exc)
            return
        self._from_loader(self._corpus_loaded, live)

    def on_checks_done(self, message: ChecksDone) -> None:
        if self._batch_timer is not None and self.live is None:
            self._take_batches()

    def _take_batches(self) -> None:
        """Take in the files checked since the last time, and list them on the home screen when due."""
        from .screens.home import HomeScreen

        batches = []
        while self._batches:
            batches.append(self._batches.popleft())
        final = any(batch.viewable is not None for batch in batches)
        home = self.screen_stack[0] if self.screen_stack else None
        if not isinstance(home, HomeScreen) or home.loaded:
            if final:
                self._counts_drawn.set()  # no counts to draw here
            return
        now = self._clock()
        list_them = now >= self._list_due and bool(batches or home.unlisted)
        if list_them:
            self._list_gap = min(2 * self._list_gap or self.BATCH_SECONDS, self.BATCH_SECONDS * self.LIST_SPREAD)
            self._list_due = now + self._list_gap - self.BATCH_SECONDS / 2  # a tick early is on time
        if batches or list_them:
            home.show_batches(batches, list_them=list_them)
        if final:
            home.after_drawn(self._counts_drawn.set)

    def _from_loader(self, callback: Callable[..., object], *args: object) -> None:
        try:
            self.call_from_thread(callback, *args)
        except RuntimeError:
            pass  # the reader quit before the corpus was read: nobody is waiting for it

    @staticmethod
    def _reraise(exc: Exception) -> None:
        raise exc

    def _corpus_loaded(self, live: LiveCorpus) -> None:
        self.live = live
        if self._batch_timer is not None:
            self._batch_timer.stop()
        self._batches.clear()  # the home screen lists the whole corpus now
        if self.poll:
            self.set_interval(self.POLL_SECONDS, self._poll)
        self.corpus_changed.publish(live)
        self._corpus_ready.set()
        self.call_after_refresh(self._collector.start, self, self._only_home_up, _release_closed_widgets)
        if self._pending is not None:
            self.post_message(self._pending)
            self._pending = None

    def _only_home_up(self) -> bool:
        # Nothing short-lived is open: what is frozen now is what lives all session (IdleCollector).
        return len(self.screen_stack) == 1

    def on_unmount(self) -> None:
        self._collector.stop()

    def watch_app_focus(self, focus: bool) -> None:
        # In a browser (textual-serve), AppBlur arrives before the first screen is composed, and
        # Textual 8.2.8 skips a screen's auto focus while the app is blurred (Screen._update_auto_focus);
        # on AppFocus it restores only a widget focused before the blur. Nothing would ever take
        # the keys, so focus what the screen would have focused itself.
        if focus and self.screen.focused is None:
            for widget in self.screen.query(self.screen.AUTO_FOCUS or self.AUTO_FOCUS or "*"):
                if widget.focusable:
                    widget.focus(scroll_visible=False)
                    break

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self._collector.note_input()
            if isinstance(event, events.Key) and not event.is_forwarded:
                setattr(event, SENT_TO, self.screen)  # see CorpusScreen.take_early_key
        await super().on_event(event)

    async def corpus_ready(self) -> LiveCorpus:
        """Wait until the corpus is loaded (tests and scripts; the screens follow corpus_changed)."""
        await self._corpus_ready.wait()
        assert self.live is not None
        return self.live

    def check_for_changes(self) -> bool:
        """Reload the corpus if any of its files changed on disk; True if it did (tests and scripts).

        Only the files that changed are read again; the screens refresh in the same tick, on the same step.
        """
        if self.live is None or not self.live.changed():
            return False
        self.live.apply(self.live.prepare_reload())
        self.corpus_changed.publish(self.live)
        return True

    def _poll(self) -> None:
        # The poll's stat of every file, and the reading of what changed, run on a thread: at thousands
        # of files either would stall the keys. Only taking the result in runs here.
        if self.live is not None and not self._polling:
            self._polling = True
            threading.Thread(target=self._poll_files, args=(self.live,), name="poll corpus", daemon=True).start()

    def _poll_files(self, live: LiveCorpus) -> None:
        try:
            reloaded = live.prepare_reload() if live.changed() else None
        except Exception as exc:  # a fault of the app, as in _load_corpus
            self._from_loader(self._reraise, exc)
            return
        finally:
            self._polling = False
        if reloaded is not None:
            self._from_loader(self._take_reload, live, reloaded)

    def _take_reload(self, live: LiveCorpus, reloaded: object) -> None:
        from .corpus.live import Reloaded

        if self.live is live and isinstance(reloaded, Reloaded) and reloaded.stamp != live.stamp:
            live.apply(reloaded)
            self.corpus_changed.publish(live)

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    # The palettes Textual 8.2.8 opens (ctrl+p, the theme picker, search_commands), each as
    # the guarded palette: see command_palette.py for the faults it guards against.
    def action_command_palette(self) -> None:
        if not self.use_command_palette:
            return
        if CommandPalette.is_open(self):
            # An escape sent just before (ctrl+p esc ctrl+p in one read) may be queued in the palette
            # still: the palette is to be open after it, so look again once the palette has taken it.
            after_queued_keys(self.screen, self._open_palette_in_turn)
        else:
            self.push_screen(GuardedPalette())

    def _open_palette_in_turn(self) -> None:
        # The palette has taken the keys queued before the ctrl+p. Closed by one of them, it opens
        # again behind the keys its field passed on to the app after that esc (InOrderKeys.PASS_ON),
        # which may close the next one: "ctrl+p esc ctrl+p esc ctrl+p" ends with a palette open.
        if not CommandPalette.is_open(self):
            self.call_later(self.action_command_palette)

    def search_themes(self) -> None:
        self.push_screen(GuardedPalette(providers=[ThemeProvider], placeholder="Search for themes…"))

    def search_commands(self, commands: Sequence[CommandListItem], placeholder: str = "Search for commands…") -> AwaitMount:
        return self.push_screen(GuardedPalette(providers=[SimpleProvider(self.screen, commands)], placeholder=placeholder))

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        """Open `url` in a web browser; where none can be opened, say so and copy the address."""
        # Textual 8.2.8's terminal driver calls webbrowser.open and drops its answer: on a
        # machine with no browser (a server over ssh) `u` did nothing and said nothing.
        if self._driver is not None and self._driver.is_web:
            super().open_url(url, new_tab=new_tab)  # the browser showing the app opens it
            return
        import webbrowser

        try:
            opened = webbrowser.get().open(url, new=2 if new_tab else 0)
        except (webbrowser.Error, OSError):  # no browser at all, or one that would not start
            opened = False
        if not opened:
            self.copy_to_clipboard(url)
            self.notify(
                f"No web browser could be opened here. The address is copied to the clipboard:\n{url}",
                title="Open link", severity="warning", timeout=12, markup=False,
            )

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for name, action, description in VIEWS:
            yield SystemCommand(name, description, getattr(self, f"action_{action}"))

    async def _on_key(self, event: events.Key) -> None:
        # A key come back from the screen it was sent to, typed after the key that opened a screen
        # with a text field: it goes to that field, bound or not, behind those typed before it
        # (CorpusScreen.take_early_key); the field runs a bound key in its turn (InOrderKeys).
        # In place of App._on_key (Textual calls each class's handler in turn unless one prevents it).
        event.prevent_default()
        take_early_key = getattr(self.screen, "take_early_key", None)  # a CorpusScreen's (not imported at start)
        if take_early_key is not None and getattr(event, SENT_TO, self.screen) is not self.screen and take_early_key(event):
            event.stop()
            return
        if not await self._check_bindings(event.key):
            said_unavailable = getattr(self.screen, "said_unavailable", None)
            if said_unavailable is None or not said_unavailable(event.key):
                await dispatch_key(self, event)

    def _loaded(self) -> LiveCorpus | None:
        """The corpus, or None after telling the reader it is still being read."""
        if self.live is None:
            self.notify("Still reading the corpus; try again in a moment.", markup=False)
        return self.live

    def _show(self, factory: Callable[[LiveCorpus], CorpusScreen]) -> None:
        """Push an analysis view, once the corpus is loaded."""
        live = self._loaded()
        if live is not None:
            self.push_screen(factory(live))

    def action_search(self) -> None:
        from .screens.search import SearchScreen

        if not isinstance(self.screen, SearchScreen):
            self._show(SearchScreen)

    def action_pressure_matrix(self) -> None:
        from .screens.pressure_matrix import PressureMatrixScreen

        live = self._loaded()
        if live is None or isinstance(self.screen, PressureMatrixScreen):
            return
        # The scenario the reader is looking at (or has highlighted), else the first one.
        path: Path | None = getattr(self.screen, "scenario_path", None)
        if path is None or live.view(path) is None:
            path = next((row.path for row in live.rows() if row.view is not None), None)
        if path is None:
            self.notify("No scenario in this corpus loads without errors.", severity="warning", markup=False)
            return
        self.push_screen(PressureMatrixScreen(live, path))

    def action_stance_gaps(self) -> None:
        from .screens.stance_gaps import StanceGapsScreen

        if not isinstance(self.screen, StanceGapsScreen):
            self._show(StanceGapsScreen)

    def action_actors(self) -> None:
        from .screens.actors import ActorsScreen

        if not isinstance(self.screen, ActorsScreen):
            self._show(ActorsScreen)

    def action_figures(self) -> None:
        from .screens.figures import FiguresScreen

        if not isinstance(self.screen, FiguresScreen):
            self._show(FiguresScreen)

    def _already_open(self, kind: type[Screen[None]], target: object) -> bool:
        # A double tap of enter reaches a list twice before the screen it opens is up: the second
        # asks for the screen that is already on top. Opening it again would need two escapes back.
        return isinstance(self.screen, kind) and getattr(self.screen, "opened_on", None) == target

    def open_now(self, message: OpenActor | OpenScenario | OpenSource) -> None:
        """Open what `message` asks for at once, not when the message comes round to the app.

        For a key run as the app takes it (a priority binding, as enter on search is): Textual 8.2.8
        sends the keys after it in the same read to the screen on top then, so with the message
        posted "enter j j" typed fast opened the scenario with "jj" typed into the search field.
        """
        if isinstance(message, OpenActor):
            self.on_open_actor(message)
        elif isinstance(message, OpenScenario):
            self.on_open_scenario(message)
        else:
            self.on_open_source(message)

    def on_open_actor(self, message: OpenActor) -> None:
        from .screens.actor_path import ActorPathScreen

        if self._already_open(ActorPathScreen, message.actor_id):
            return
        if self.live is not None and message.actor_id in self.live.corpus.actors:
            self.push_screen(ActorPathScreen(self.live, message.actor_id))

    def on_open_scenario(self, message: OpenScenario) -> None:
        from .screens.scenario import ScenarioScreen

        if self.live is None:
            self._pending = OpenScenario(message.path, message.step)  # opened as soon as the check is done
            return
        if self._already_open(ScenarioScreen, message.path.resolve()):
            cast(ScenarioScreen, self.screen).go_to(message.step)
        elif self.live.view(message.path) is not None:
            self.push_screen(ScenarioScreen(self.live, message.path, message.step))
        else:
            self.open_errors(message.path)

    def open_errors(self, path: Path) -> None:
        """The screen of a file's errors, with the lines they are on."""
        from .screens.file_errors import FileErrorsScreen

        if self.live is not None and not self._already_open(FileErrorsScreen, path.resolve()):
            self.push_screen(FileErrorsScreen(self.live, path))

    def on_open_source(self, message: OpenSource) -> None:
        from .screens.source import SourceScreen

        if self.live is None:
            return
        corpus = message.corpus or self.live.corpus
        if self._already_open(SourceScreen, (message.source_id, message.span)):
            return
        if message.source_id in corpus.sources:
            self.push_screen(SourceScreen(self.live, corpus, message.source_id, message.span))


def _release_closed_widgets() -> None:
    # Textual 8.2.8 memoizes StylesCache.get_inner_outer, a method, with lru_cache(1024): its keys hold
    # up to 1,024 widgets' style caches, with their drawn lines, long after the widgets closed (a
    # reload with the actors view open left 3,400 objects more each time). The memo is of two Styles
    # per pair of colours: cleared, it is rebuilt at the next frame's first use.
    from textual._styles_cache import StylesCache

    StylesCache.get_inner_outer.cache_clear()
