"""What the analysis views derive from a loaded corpus, built once per corpus and kept on it.

A loaded corpus is never changed (a reload makes a new one), so whatever a view derives from it
(the actor listing, the stance gaps, the figure series, the search index, the palette's targets)
is kept on the corpus itself and goes with it: a reload starts every view afresh, and nothing
has to be told to forget. `prepare` builds them in a background thread as soon as a corpus is
loaded, cheapest first, so that a view opened later finds its data ready; a view opened before
waits only for its own entry (built then and there if nothing is building it).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, TypeVar

from .heap import return_freed_memory
from .load import Corpus

T = TypeVar("T")
_GUARD = threading.Lock()  # guards each corpus's table of entries, never a build
_PREPARED = "prepared"  # the entry holding the event `prepare` sets when it is done


@dataclass
class _Entry:
    lock: threading.Lock = field(default_factory=threading.Lock)  # held while it is built
    built: bool = False
    value: Any = None


def _entry(corpus: Corpus, name: str) -> _Entry:
    with _GUARD:
        entry = corpus.derived.get(name)
        if entry is None:
            entry = corpus.derived[name] = _Entry()
        return entry


def derived(corpus: Corpus, name: str, build: Callable[[Corpus], T]) -> T:
    """`build(corpus)`, computed once per corpus under `name`: later calls, from any thread, get the same value."""
    entry = _entry(corpus, name)
    if not entry.built:
        with entry.lock:
            if not entry.built:
                entry.value = build(corpus)
                entry.built = True
    return entry.value  # type: ignore[no-any-return]


def built(corpus: Corpus, name: str) -> Any | None:
    """The value under `name` if it is built already, else None (never waits, never builds)."""
    entry = corpus.derived.get(name)
    return entry.value if entry is not None and entry.built else None


def prepare(corpus: Corpus, builders: Iterable[Callable[[Corpus], object]], wanted: Callable[[], bool] = lambda: True) -> None:
    """Call each builder (each keeps what it builds with `derived`) in order, then mark the corpus
    prepared (see `wait_prepared`); stop early once `wanted()` is false (a reload replaced the corpus)."""
    for build in builders:
        if not wanted():
            return
        build(corpus)
    return_freed_memory()
    _prepared(corpus).set()


def _prepared(corpus: Corpus) -> threading.Event:
    return derived(corpus, _PREPARED, lambda _: threading.Event())


def wait_prepared(corpus: Corpus, timeout: float | None = None) -> bool:
    """Whether `prepare` has finished on this corpus, waiting up to `timeout` seconds for it."""
    return _prepared(corpus).wait(timeout)
