"""Python's cyclic garbage collector, moved out of the way of keystrokes.

Stepping through a scenario allocates briskly, and every so often the collector's
full pass (the oldest generation) stops the app for 10-20 ms, in the middle of
drawing a frame: the only thing that pushed a step past one frame (16 ms). So,
once the corpus is loaded, what exists is frozen (it lives all session and need
never be walked again), the automatic full pass is switched off, and a full pass
runs instead when the reader has not touched a key for a moment. The young
generations still collect as usual, so memory cannot run away during a long burst
of keys; what a burst leaves for the full pass is freed in the next pause.

A frozen object is never collected, even once it is garbage: freezing while a view
was open kept that view, with all its widgets, after it closed, and each reload left
the home screen's old cards frozen. So what is frozen is chosen again, after each
load and reload, in a pause with only the home screen up: everything is unfrozen,
collected and frozen anew (a third of a second at 3,000 scenarios, once per reload).
"""

from __future__ import annotations

import gc
import time
from typing import Callable, Protocol

from .corpus.heap import return_freed_memory

IDLE_SECONDS = 1.0  # no key or click for this long counts as a pause
CHECK_SECONDS = 2.0
NEVER = 1_000_000_000  # a threshold the oldest generation never reaches on its own


_paused_for_start_up = False


def pause_for_start_up() -> None:
    """No collection at all until the first frame is drawn (resume_after_first_frame).

    Importing Textual and building the home screen allocates about a million objects and frees few:
    before the first frame the collector ran over a hundred times and its last full pass alone took
    20 ms, a tenth of what the explorer adds to a bare app's first frame."""
    global _paused_for_start_up
    if gc.isenabled():
        gc.disable()
        _paused_for_start_up = True


def resume_after_first_frame() -> None:
    """Collect again, what start-up made frozen first: it lives all session (the modules, the
    classes, the home screen), and the first full pass would otherwise walk it all. What of it is
    garbage goes at the first refreeze (IdleCollector), once the corpus is loaded."""
    global _paused_for_start_up
    if _paused_for_start_up:
        _paused_for_start_up = False
        gc.freeze()
        gc.enable()


class _Scheduler(Protocol):
    def set_interval(self, interval: float, callback: object, *, name: str | None = None) -> object: ...


class IdleCollector:
    def __init__(self) -> None:
        self._last_input = time.monotonic()
        self._saved: tuple[int, int, int] | None = None
        self._refreeze = False
        self._quiet: Callable[[], bool] = lambda: True
        self._release: Callable[[], object] = lambda: None

    def start(self, scheduler: _Scheduler, quiet: Callable[[], bool] = lambda: True, release: Callable[[], object] = lambda: None) -> None:
        """Take over the full passes; `quiet()` says when nothing short-lived is open (only the home
        screen), and `release()` lets go of what caches hold of closed screens, before each pass."""
        if self._saved is not None:
            return
        self._saved = gc.get_threshold()
        self._quiet = quiet
        self._release = release
        self._refreeze = True
        gc.set_threshold(self._saved[0], self._saved[1], NEVER)
        scheduler.set_interval(CHECK_SECONDS, self.collect_if_idle, name="idle collector")

    def stop(self) -> None:
        """Hand the collector back as it was (an app run inside a longer process, as in tests)."""
        if self._saved is None:
            return
        gc.set_threshold(*self._saved)
        gc.unfreeze()
        self._saved = None

    def refreeze(self) -> None:
        """Choose what is frozen again at the next quiet pause (after a load or reload; any thread)."""
        self._refreeze = True

    def note_input(self) -> None:
        self._last_input = time.monotonic()

    def collect_if_idle(self) -> bool:
        """Run a full collection if the reader has paused; True if one ran."""
        if time.monotonic() - self._last_input < IDLE_SECONDS:
            return False
        self._release()
        if self._refreeze and self._quiet():
            self._refreeze = False
            gc.unfreeze()
            gc.collect()
            gc.freeze()
            return_freed_memory()
            return True
        if gc.get_count()[2] == 0:
            return False
        gc.collect()
        return True
