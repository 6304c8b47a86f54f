"""The idle collector: no full collection while keys arrive, one in the next pause, and a clean hand-back."""

from __future__ import annotations

import gc

import pytest

from tui import idle_collector
from tui.idle_collector import IdleCollector


class Scheduler:
    def __init__(self) -> None:
        self.intervals: list[float] = []

    def set_interval(self, interval: float, callback: object, *, name: str | None = None) -> object:
        self.intervals.append(interval)
        return None


def test_full_collections_wait_for_a_pause(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [1000.0]
    monkeypatch.setattr(idle_collector.time, "monotonic", lambda: now[0])
    before = gc.get_threshold()
    collector = IdleCollector()
    scheduler = Scheduler()
    collector.start(scheduler)
    try:
        assert scheduler.intervals == [idle_collector.CHECK_SECONDS]
        assert gc.get_threshold()[2] == idle_collector.NEVER
        assert gc.get_threshold()[:2] == before[:2]
        collector.note_input()
        gc.collect(1)  # a collection of the middle generation counts one for the oldest
        assert gc.get_count()[2] > 0
        now[0] += 0.2
        assert collector.collect_if_idle() is False  # keys are still arriving
        assert gc.get_count()[2] > 0
        now[0] += idle_collector.IDLE_SECONDS
        assert collector.collect_if_idle() is True
        assert gc.get_count()[2] == 0
    finally:
        collector.stop()
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_what_is_frozen_is_chosen_again_in_a_quiet_pause(monkeypatch: pytest.MonkeyPatch) -> None:
    import weakref

    now = [1000.0]
    monkeypatch.setattr(idle_collector.time, "monotonic", lambda: now[0])
    quiet = [False]
    released: list[float] = []
    collector = IdleCollector()
    collector.start(Scheduler(), lambda: quiet[0], lambda: released.append(now[0]))
    try:
        # Frozen while it was in use (a view open when a load ended), then dropped (the view closed).
        kept = _Cycle()
        gc.freeze()
        freed = weakref.ref(kept)
        del kept
        now[0] += idle_collector.IDLE_SECONDS
        gc.collect(1)
        assert collector.collect_if_idle() is True  # a plain full pass: something short-lived is still open
        assert freed() is not None
        assert released == [now[0]]  # what caches held of closed screens, let go before each pass
        quiet[0] = True
        assert collector.collect_if_idle() is True
        assert freed() is None  # unfrozen, collected
        assert gc.get_freeze_count() > 0  # and what lives on frozen again
        frozen = gc.get_freeze_count()
        assert collector.collect_if_idle() is False  # once per request: nothing was asked again
        assert gc.get_freeze_count() == frozen
        collector.refreeze()
        collector.note_input()
        assert collector.collect_if_idle() is False  # not while keys arrive
        now[0] += idle_collector.IDLE_SECONDS
        assert collector.collect_if_idle() is True
    finally:
        collector.stop()
    assert gc.get_freeze_count() == 0
