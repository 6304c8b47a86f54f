"""Load a corpus in batches, on two processes when it is large, telling a caller as each batch is checked.

The explorer lists each batch as it comes, so its home screen fills in while the rest is read, and
the checking (tomli, pydantic, every quote located) runs in worker processes: a thread of the
explorer's own process doing it would hold the interpreter lock against the keys for seconds.
Workers are forked with the catalogs already read (as `drawdown validate` does), check a chunk of
files each as `drawdown validate` does (plain records, pydantic only for a table that is not clean)
and send back its entries, each scenario packed as plain values (packed_scenarios.py) that are
rebuilt here as models; the checks between files run here once all are in.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from .layout import RESERVED, scenario_files
from .checks import ScenarioFacts
from .load import Context, Corpus, ScenarioEntry, assemble, gc_paused, load_context, load_scenario, read_scenario
from .packed_scenarios import Packed, Unpacker, pack
from .root_causes import RefsByRoot, give_refs, take_refs
from .shared_values import SharedValues

if TYPE_CHECKING:
    from .model import ScenarioFile

# Below this many files a second process costs more than it saves (as for `drawdown validate`).
PARALLEL_FROM = 48
# Files per task: small enough that a batch comes every few tenths of a second, and that taking one
# in (unpickling, one call that holds the interpreter lock) stays a few milliseconds.
CHUNK = 12
WORKERS = 2
# The workers give way to the explorer's own process (its keys, its frames, taking their batches in),
# which on two cores otherwise shares them with two workers as busy as it is.
WORKER_NICENESS = 5

_context: Context | None = None  # the catalogs, inherited by the forked workers
# What a worker sends back for each file: its entry (without its scenario), its scenario packed, its facts.
Sent = tuple[ScenarioEntry, "Packed | None", ScenarioFacts]


@dataclass
class Batch:
    """Scenario files checked so far (on their own, before the checks between files)."""

    entries: list[ScenarioEntry]
    done: int
    total: int
    preview: Corpus  # the catalogs alone: what a listed entry is shown against until the corpus is in


@dataclass
class Loaded:
    """A whole corpus, with what a later reload of a few files needs to check them alike."""

    corpus: Corpus
    context: Context
    # Each scenario file as it was read, before the checks between files: its count of diagnostics, its scenario.
    read: dict[Path, tuple[int, ScenarioFile | None]] = field(default_factory=dict)
    catalogs_read: dict[Path, int] = field(default_factory=dict)  # and each catalog's count of diagnostics


def preview_of(context: Context) -> Corpus:
    return Corpus(context.root, context.sources, dict(context.actors), {key: None for key in context.actors}, dict(context.series), [], list(context.reports))


def load_in_batches(root: Path, on_batch: Callable[[Batch], None] | None = None, *, parallel: bool = True) -> Loaded:
    """Load and check the corpus at `root`, calling `on_batch` (from this thread) as files are checked."""
    global _context
    with gc_paused():
        context = load_context(root)
        files = scenario_files(root / "scenarios", RESERVED)
        preview = preview_of(context)
        found: dict[Path, tuple[ScenarioEntry, ScenarioFacts]] = {}
        shared = SharedValues()  # each file's models hold their own copies of the same ids and words

        def tell(checked: list[tuple[ScenarioEntry, ScenarioFacts]], *, rebuilt: bool = False) -> None:
            for entry, facts in checked:
                found[entry.path] = (entry, facts)
                if entry.scenario is not None and not rebuilt:
                    shared.share(entry.scenario)
            if on_batch is not None and checked:
                on_batch(Batch([entry for entry, _ in checked], len(found), len(files), preview))

        if parallel and _can_fork(len(files)):
            for source in context.sources.values():
                source.normalised  # noqa: B018 - normalise once here, not once per worker
            _context = context
            unpacker = Unpacker(shared)  # its values shared as each model is rebuilt

            def take(sent: list[Sent]) -> None:
                for entry, packed, _ in sent:
                    if packed is not None:
                        entry.scenario = unpacker.scenario(packed)
                tell([(entry, facts) for entry, _, facts in sent], rebuilt=True)

            try:
                _check_on_workers(context, files, take)
            finally:
                _context = None
        else:
            for start in range(0, len(files), CHUNK):
                tell(_checked(files[start : start + CHUNK], context))
        return assembled(context, [found[path][0] for path in files], [found[path][1] for path in files])


def assembled(context: Context, entries: list[ScenarioEntry], facts: list[ScenarioFacts] | None = None) -> Loaded:
    """The corpus of entries read one by one (in file-name order), after the checks between them."""
    read = {entry.path: (len(entry.diagnostics), entry.scenario) for entry in entries}
    catalogs_read = {report.path: len(report.diagnostics) for report in context.reports}
    return Loaded(assemble(context, entries, whole=True, facts=facts), context, read, catalogs_read)


def _checked(files: list[Path], context: Context) -> list[tuple[ScenarioEntry, ScenarioFacts]]:
    entries = [load_scenario(path, context) for path in files]
    return [(entry, ScenarioFacts.of(entry.path, entry.scenario)) for entry in entries]


def _can_fork(count: int) -> bool:
    return count >= PARALLEL_FROM and (os.cpu_count() or 1) >= 2 and "fork" in multiprocessing.get_all_start_methods()


def _check_on_workers(context: Context, files: list[Path], tell: Callable[[list[Sent]], None]) -> None:
    chunks = [files[start : start + CHUNK] for start in range(0, len(files), CHUNK)]
    with ProcessPoolExecutor(max_workers=WORKERS, mp_context=multiprocessing.get_context("fork"), initializer=_give_way) as pool:
        pending: set[Future[tuple[list[Sent], RefsByRoot]]] = {pool.submit(_check_chunk, chunk) for chunk in chunks}
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                checked, refs = future.result()
                # References to broken catalogs were counted in the workers: gathered here before folding.
                give_refs(context.roots, refs)
                tell(checked)


def _give_way() -> None:
    global _context
    assert _context is not None
    # This process's own copy: its clean tables become plain records, as for `drawdown validate`
    # (the same diagnostics: tests/test_plain_records.py), sent packed and rebuilt as models.
    _context.records = True
    try:
        os.nice(WORKER_NICENESS)
    except OSError:
        pass  # not allowed here: the workers run at the explorer's priority, only slower for its keys


def _check_chunk(files: list[Path]) -> tuple[list[Sent], RefsByRoot]:
    assert _context is not None
    sent: list[Sent] = []
    with gc_paused():
        for path in files:
            entry, data = read_scenario(path, _context)
            facts = ScenarioFacts.of(entry.path, entry.scenario)
            packed = pack(entry.scenario, data) if entry.scenario is not None and data is not None else None
            entry.scenario = None  # a record, or a model: sent packed instead
            entry.report._positions = None  # rebuilt from the text if ever needed: not worth sending
            sent.append((entry, packed, facts))
    return sent, take_refs(_context.roots)
