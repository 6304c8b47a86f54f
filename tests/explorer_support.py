"""Shared by the explorer's tests: corpora in tmp_path, a deterministic app, the text on screen."""

from __future__ import annotations

import asyncio
import shutil
import textwrap
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, AsyncIterator, Awaitable, Callable

import pytest

from textual import events
from textual.pilot import Pilot
from textual.widgets import Input
from textual.worker import WorkerState

from tui.app import DrawdownApp
from tui.screens.home import HomeScreen

FIXTURE = Path(__file__).parent / "fixtures" / "corpus"
REPO = Path(__file__).resolve().parent.parent
# Snapshot sizes: a roomy terminal and the smallest one the explorer promises to stay readable in.
SIZES = [pytest.param((120, 40), id="120x40"), pytest.param((80, 24), id="80x24")]
Before = Callable[..., Awaitable[None]]  # a snapshot's run_before
SCENARIO_2020 = "2020-expulsion-vote"


def copy_corpus(tmp_path: Path) -> Path:
    """A private copy of the fixture corpus, safe to edit."""
    root = tmp_path / "corpus"
    shutil.copytree(FIXTURE / "scenarios", root / "scenarios")
    shutil.copytree(FIXTURE / "seeds", root / "seeds")
    return root


class ExplorerApp(DrawdownApp):
    """The real app; its run_test returns once the corpus is loaded, as a reader would wait for it."""

    @asynccontextmanager
    async def run_test(self, *args: Any, **kwargs: Any) -> AsyncIterator[Pilot[None]]:
        async with super().run_test(*args, **kwargs) as pilot:
            await asyncio.wait_for(self.corpus_ready(), 10)
            await pilot.pause()
            yield pilot

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # A text cursor blinks on a half-second timer: whether a frame shows it would depend
        # on how long the machine took to get there. A steady cursor is drawn as a blink's "on".
        if isinstance(event.widget, Input):
            event.widget.cursor_blink = False


def make_app(root: Path = FIXTURE) -> DrawdownApp:
    """The real app, without the polling timer (tests call check_for_changes themselves)."""
    app = ExplorerApp(root, poll=False)
    app.animation_level = "none"
    return app


async def reload(app: DrawdownApp, pilot) -> bool:  # type: ignore[no-untyped-def]
    """Check the corpus for changes as the timer would, then let every screen redraw."""
    changed = app.check_for_changes()
    await pilot.pause()
    await pilot.pause()
    return changed


def _screen_is_settled(app: DrawdownApp) -> bool:
    # Textual 8.2.8 exposes no "nothing left to do" test: a screen's after-refresh callbacks, its
    # pending layout and repaint, and every message queue are read from their private attributes.
    screen = app.screen
    if screen._callbacks or screen._dirty_widgets or screen._layout_required or screen._repaint_required or screen._recompose_required:
        return False
    # The home screen's own: what runs once a frame is drawn (the figures chart joins after the counts').
    if getattr(screen, "_drawn_callbacks", None):
        return False
    if isinstance(screen, HomeScreen) and app.live is not None and not screen.shows_loaded:
        return False  # the loaded corpus not yet listed and drawn
    if any(worker.state in (WorkerState.PENDING, WorkerState.RUNNING) for worker in app.workers):
        return False
    return all(node._message_queue.empty() for node in (app, *screen.walk_children(with_self=True)))


async def settle(pilot: Pilot[None], timeout: float = 10) -> None:
    """Wait until the current screen has nothing left to do, however slow the machine.

    One pause is enough on an idle machine only: a pushed screen composes, focuses, then its
    footer recomposes after a refresh, and each hop waits on the refresh timer.
    """

    async def settled() -> None:
        await pilot.pause()
        while not _screen_is_settled(pilot.app):
            await pilot.pause()

    await asyncio.wait_for(settled(), timeout)


async def snapshot_start(pilot: Pilot[None]) -> None:
    """Where a snapshot starts: the fixed theme, the corpus loaded, listed and drawn, nothing left to do.

    Not a pause or two: on a busy machine (CI) a shot was taken before the home screen had settled.
    """
    pilot.app.theme = "textual-dark"
    await asyncio.wait_for(pilot.app.corpus_ready(), 10)  # type: ignore[attr-defined]
    await settle(pilot)


async def press_and_settle(pilot: Pilot[None], *keys: str) -> None:
    """Keys for a snapshot, as a reader types them, then every screen they open settled: snap_compare's
    own `press` waits one pause, which a busy machine's pushed screen outlasts."""
    await pilot.press(*keys)
    await settle(pilot)


def then_press(before: Before, *keys: str) -> Before:
    """A snapshot's run_before, then `keys` (press_and_settle)."""

    async def run_before(pilot: Pilot[None]) -> None:
        await before(pilot)
        await press_and_settle(pilot, *keys)

    return run_before


def screen_text(app: DrawdownApp) -> str:
    """Every character on the terminal, line by line."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def flat(text: str) -> str:
    """Screen text with box drawing and line breaks removed, for finding wrapped phrases."""
    return " ".join("".join(c for c in text if c not in "│╭╮╰╯─▔▁▎▊▏").split())


MARKUP_DOCUMENT = """Markup in a document

He said [bold]not bold[/bold] and [@click=app.quit]do not quit[/] today.
A colour tag [red]x[/] stays as typed, and so does [link=https://example.com]a link[/link].
"""

MARKUP_SOURCES = '''
[[sources]]
id = "markup-doc"
file = "markup.txt"
title = "A title with [bold]markup[/bold] and [@click=app.quit]a click[/]"
outlet = "The [red]Outlet[/]"
published = 2020-01-07
published_basis = "stated"
kind = "opinion"
url = "https://example.com/[bold]story"
'''

MARKUP_ACTORS = '''
[[actors]]
id = "clicker"
name = "[@click=app.quit]Quit Actor[/]"
side = "markup-side"
kind = "person"
description = "An actor whose [b]description[/b] is markup."
'''

MARKUP_SCENARIO = '''
format = 1

[scenario]
id = "markup"
title = "Title [bold]bold?[/bold] [@click=app.quit]quit?[/]"
date = 2020-01-07
date_basis = "stated"
question = "Does [red]x[/] stay literal?"
summary = "A summary with [@click=app.quit]a click[/] in it."
sources = ["markup-doc"]

[[options]]
id = "stay"
label = "Stay [bold]put[/bold]"
troops = 3000

[[steps]]
kind = "pressure"
actor = "clicker"
stance = "private"
toward = "stay"
summary = "Step summary [@click=app.quit]click me[/] and [red]x[/]"
quotes = [
  { source = "markup-doc", text = "[@click=app.quit]do not quit[/]" },
  { source = "markup-doc", text = "[bold]not bold[/bold]" },
]

[[steps]]
kind = "outcome"
status = "confirmed"
enacts = "stay"
summary = "Outcome [bold]literal[/bold]"
quotes = [
  { source = "markup-doc", text = "[red]x[/] stays as typed" },
]
'''


def write_markup_corpus(tmp_path: Path) -> Path:
    """A corpus whose every text from a file is full of Textual markup."""
    root = tmp_path / "markup-corpus"
    (root / "seeds").mkdir(parents=True)
    (root / "scenarios").mkdir(parents=True)
    (root / "seeds" / "markup.txt").write_text(MARKUP_DOCUMENT, encoding="utf-8")
    (root / "seeds" / "sources.toml").write_text(textwrap.dedent(MARKUP_SOURCES), encoding="utf-8")
    (root / "scenarios" / "actors.toml").write_text(textwrap.dedent(MARKUP_ACTORS), encoding="utf-8")
    (root / "scenarios" / "markup.toml").write_text(MARKUP_SCENARIO, encoding="utf-8")
    return root


async def palette_command(pilot: Pilot[None], name: str) -> None:
    """Open the command palette, type `name` as a reader would, and run the best hit."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*("space" if c == " " else c for c in name))
    await pilot.pause(0.3)  # the palette searches in the background
    await pilot.press("enter")
    await pilot.pause()


LONG = 5_000  # characters in every text field of the long corpus
LONG_FIELDS = ("title", "question", "summary", "label", "name", "description", "outlet", "author", "note")
# Ids renamed to LONG characters everywhere they are written: an actor, a source, an option
# (a scenario id must be its file name, which no file system allows that long).
LONG_IDS = ("trump", "time-2020", "keep-troops")


def long_text(start: str) -> str:
    """`start`, then words up to LONG characters: a field that wraps, or is cut, but still begins as written."""
    filler = " and then some" * (LONG // 14 + 1)
    return (start + filler)[:LONG]


def long_id(start: str) -> str:
    return (start + "-long" * (LONG // 5 + 1))[:LONG].rstrip("-")


def write_long_corpus(tmp_path: Path) -> Path:
    """The fixture corpus with every text field (title, name, label, summary...) and a few ids 5,000 characters long."""
    import re

    root = copy_corpus(tmp_path)
    single = re.compile(rf'^((?:{"|".join(LONG_FIELDS)}) = )"((?:[^"\\\n]|\\.)*)"$', re.M)
    multi = re.compile(rf'^((?:{"|".join(LONG_FIELDS)}) = )"""(.*?)"""', re.M | re.S)
    for path in [*root.glob("scenarios/*.toml"), root / "seeds" / "sources.toml"]:
        text = path.read_text(encoding="utf-8")
        text = multi.sub(lambda m: f'{m.group(1)}"""{m.group(2)}{long_text("")}"""', text)
        text = single.sub(lambda m: f'{m.group(1)}"{long_text(m.group(2))}"', text)
        for old in LONG_IDS:
            text = text.replace(f'"{old}"', f'"{long_id(old)}"')
        path.write_text(text, encoding="utf-8")
    return root
