"""Load a corpus in batches, on two processes when it is large, telling a caller as each batch is checked.

The explorer lists each batch as it comes, so its home screen fills in while the rest is read, and
the checking (tomli, the shapes, every quote located) runs in worker processes: a thread of the
explorer's own process doing it would hold the interpreter lock against the keys for seconds.
The explorer forks them at its first line (head_start.py), and the loader takes them if the corpus
is still as they found it; otherwise they are forked here, as soon as the catalogs are read. They
check a chunk of files at a time as `drawdown validate` does (the catalogs as plain records,
pydantic only for a table that is not clean): they need no pydantic, so the explorer imports it
(and reads the catalogs as models) while they work, not before. Each sends back its entries, each
scenario packed as plain values (packed_scenarios.py) and pickled on its own, with what its home card
shows (listing.py). Taking a chunk in is then a copy of bytes; a model is rebuilt when first asked
for. The checks between files run here once all are in, from the facts the workers gathered; the
last batch says so, and the home screen draws the final counts and badges while every model is
rebuilt (corpus_of), on this thread. Unpickled and rebuilt as the chunks came, the models cost the
explorer's process about half a second of CPU at 1,000 files, taken from the workers on two cores.
"""

from __future__ import annotations

import gc
import pickle
import threading
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

from . import checked_cache, head_start
from .checked_cache import corpus_key
from .layout import RESERVED, scenario_files
from .checks import ScenarioFacts
from .head_start import CHUNK, CheckChunk, Workers, chunked, fork_workers
from .head_start import can_fork as _can_fork
from .listing import Listing
from .load import Context, Corpus, ScenarioEntry, check_between, corpus_of, gc_paused, load_context, load_scenario, read_scenario
from .packed_scenarios import pack
from .root_causes import RefsByRoot, Roots, give_refs, take_refs

if TYPE_CHECKING:
    from .model import ScenarioFile
    from .packed_scenarios import Unpacker

_context: Context | None = None  # the catalogs, inherited by the forked workers
# A checked scenario as a worker sends it: packed (packed_scenarios.py) and pickled on its own, so that
# taking a chunk in costs a copy of its bytes, and what its home card shows.
Deferred = tuple[bytes, Listing]
# What a worker sends back for each file: its entry (without its scenario), its scenario deferred, its facts.
Sent = tuple[ScenarioEntry, "Deferred | None", ScenarioFacts]


@dataclass
class Batch:
    """Scenario files checked so far (on their own, before the checks between files)."""

    entries: list[ScenarioEntry]
    done: int
    total: int
    preview: Corpus  # the catalogs alone: what a listed entry is shown against until the corpus is in
    # Set on the last batch, sent once the checks between files are done (before the models are
    # rebuilt): how many files have a scenario to show. Its entries are those those checks changed.
    viewable: int | None = None


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


def load_in_batches(root: Path, on_batch: Callable[[Batch], None] | None = None, *, parallel: bool = True, cache: Path | None = None) -> Loaded:
    """Load and check the corpus at `root`, calling `on_batch` (from this thread) as files are checked;
    with a `cache` folder, a large corpus unchanged since it was last checked there is not checked again."""
    global _context
    with gc_paused():
        files = scenario_files(root / "scenarios", RESERVED)
        records: Context | None = None
        key: str | None = None
        cached: Iterator[tuple[int, bytes | None]] | None = None
        early = head_start.take(root, files)  # forked at the explorer's first line, if they were
        chunks, workers = early if early is not None else (chunked(files, CHUNK), Workers())
        keeper: checked_cache.Keeper | None = None
        if workers and not parallel:
            workers.stop()
            workers = Workers()
        if workers or parallel and _can_fork(len(files)):
            try:
                # As records: for the cache's key, and for workers forked here, to inherit.
                _context = load_context(root, records=True) if cache is not None or not workers else None
                if cache is not None and _context is not None:
                    key = corpus_key(_context, files)
                    cached = checked_cache.read(cache, _context.root, key, len(chunks))
                if cached is not None:
                    workers.stop()  # what they would send is kept already
                    workers = Workers()
                elif workers:
                    workers.begin()
                else:
                    assert _context is not None
                    for source in _context.sources.values():
                        source.normalised  # noqa: B018 - normalise once here, not once per worker
                    workers = _fork_workers(chunks)
            except BaseException:
                workers.stop()
                raise
            finally:
                records, _context = _context, None
        try:
            # Imported, and the catalogs read as models, while the workers check the files.
            from .packed_scenarios import Unpacker
            from .shared_values import SharedValues

            context = load_context(root)
            if records is not None:
                _share_documents(records, context)
            preview = preview_of(context)
            found: dict[Path, tuple[ScenarioEntry, ScenarioFacts]] = {}
            shared = SharedValues()  # each file's models hold their own copies of the same ids and words
            # A model rebuilt on first use may be asked for from another thread (a scenario opened, say):
            # one at a time through the shared values.
            sharing = threading.Lock()

            def tell(checked: list[tuple[ScenarioEntry, ScenarioFacts]], *, rebuilt: bool = False) -> None:
                for entry, facts in checked:
                    found[entry.path] = (entry, facts)
                    if not rebuilt and entry.scenario is not None:  # not a model to rebuild later: asked for, it would be rebuilt now
                        with sharing:
                            shared.share(entry.scenario)
                if on_batch is not None and checked:
                    on_batch(Batch([entry for entry, _ in checked], len(found), len(files), preview))

            if workers or cached is not None:
                unpacker = Unpacker(shared)  # its values shared as each model is rebuilt
                # What the workers send is written to the cache folder as it comes, kept if every chunk came.
                if cache is not None and key is not None and cached is None:
                    keeper = checked_cache.Keeper(cache, context.root, key, len(chunks))
                if cached is not None:
                    stream = ((chunks[index], _kept(data, context.roots)) for index, data in cached)
                else:
                    stream = _from_workers(workers, chunks, context.roots, keeper)
                for chunk, sent in stream:
                    if sent is None:  # its worker failed (or the kept copy was damaged): checked here instead
                        if keeper is not None:
                            keeper.finish(None)
                            keeper = None
                        if cached is not None and cache is not None:
                            checked_cache.forget(cache, context.root)
                        tell(_checked(chunk, context))
                        continue
                    for entry, deferred, _ in sent:
                        if deferred is not None:
                            blob, listing = deferred
                            entry.rebuilt_later(_Rebuilt(blob, unpacker, sharing), listing)
                    tell([(entry, facts) for entry, _, facts in sent], rebuilt=True)
                if keeper is not None:
                    keeper.finish(corpus_key(records, files) if records is not None else None)  # nothing changed while read?
            else:
                for chunk in chunks:
                    tell(_checked(chunk, context))
        finally:
            workers.stop()
            if keeper is not None:
                keeper.finish(None)  # the load failed: nothing kept (after a commit, nothing to do)
        entries = [found[path][0] for path in files]
        before = [len(entry.diagnostics) for entry in entries]
        check_between(context, entries, whole=True, facts=[found[path][1] for path in files])
        if on_batch is not None:
            # The counts and badges, final now, are drawn while the models are rebuilt (corpus_of).
            changed = [entry for entry, count in zip(entries, before) if len(entry.diagnostics) != count]
            on_batch(Batch(changed, len(files), len(files), preview, viewable=sum(entry.valid for entry in entries)))
        return _loaded(context, entries)


def _share_documents(records: Context, context: Context) -> None:
    """The documents the workers were forked with, normalised already: the same texts, normalised once."""
    for source_id, doc in context.sources.items():
        read = records.sources.get(source_id)
        if read is not None and read.text == doc.text:
            doc._normalised = read._normalised


def assembled(context: Context, entries: list[ScenarioEntry], facts: list[ScenarioFacts] | None = None) -> Loaded:
    """The corpus of entries read one by one (in file-name order), after the checks between them."""
    check_between(context, entries, whole=True, facts=facts)
    return _loaded(context, entries)


def _loaded(context: Context, entries: list[ScenarioEntry]) -> Loaded:
    corpus = corpus_of(context, entries)  # rebuilds every model still to be rebuilt
    read = {entry.path: (len(entry.diagnostics), entry.scenario) for entry in entries}
    catalogs_read = {report.path: len(report.diagnostics) for report in context.reports}
    return Loaded(corpus, context, read, catalogs_read)


class _Rebuilt:
    """A scenario's model rebuilt from what its worker sent, when first asked for, once, from any thread."""

    __slots__ = ("_blob", "_unpacker", "_lock", "_model")

    def __init__(self, blob: bytes, unpacker: Unpacker, lock: threading.Lock) -> None:
        self._blob: bytes | None = blob
        self._unpacker = unpacker
        self._lock = lock
        self._model: ScenarioFile | None = None

    def __call__(self) -> ScenarioFile:
        with self._lock:
            if self._model is None:
                assert self._blob is not None
                self._model = self._unpacker.scenario(pickle.loads(self._blob))
                self._blob = None
            return self._model


def _checked(files: list[Path], context: Context) -> list[tuple[ScenarioEntry, ScenarioFacts]]:
    entries = [load_scenario(path, context) for path in files]
    return [(entry, ScenarioFacts.of(entry.path, entry.scenario)) for entry in entries]


def _fork_workers(chunks: list[list[Path]]) -> Workers:
    return fork_workers(len(chunks), partial(_checking, chunks))


def checking_with_catalogs_of(root: Path, chunks: list[list[Path]]) -> CheckChunk:
    """How a worker forked before the catalogs were read (head_start.py) checks a chunk: it reads them itself, as records."""
    global _context
    gc.disable()  # it allocates as it checks and frees nothing worth collecting before it exits
    _context = load_context(root, records=True)
    return _checking(chunks)


def _checking(chunks: list[list[Path]]) -> CheckChunk:
    def check(number: int) -> bytes:
        return pickle.dumps(_check_chunk(chunks[number]), protocol=pickle.HIGHEST_PROTOCOL)

    return check


def _taken(data: bytes | memoryview, roots: Roots) -> list[Sent]:
    """What a worker sent for a chunk, its references to broken catalogs gathered here."""
    checked, refs = pickle.loads(data)
    # References to broken catalogs were counted in the workers: gathered here before folding.
    give_refs(roots, refs)
    return checked


def _kept(data: bytes | None, roots: Roots) -> list[Sent] | None:
    """What a worker sent for a chunk, as kept on disk; None (to be checked here) if it was damaged."""
    try:
        return _taken(data, roots) if data is not None else None
    except Exception:
        return None


def _from_workers(workers: Workers, chunks: list[list[Path]], roots: Roots, keeper: checked_cache.Keeper | None = None) -> Iterator[tuple[list[Path], list[Sent] | None]]:
    """Each chunk as a worker sends it: its files, and what was found; each given to `keeper` as it
    was sent. Last, those a worker took and did not send (it failed), with None."""
    received: set[int] = set()
    running = workers.count
    while running:
        message = workers.next_sent()
        if message is None:  # a worker is done, or failed
            running -= 1
            continue
        received.add(message.number)
        if keeper is not None:
            keeper.add(message.number, message.data)
        yield chunks[message.number], _taken(message.data, roots)
    for number, chunk in enumerate(chunks):
        if number not in received:
            yield chunk, None


def _check_chunk(files: list[Path]) -> tuple[list[Sent], RefsByRoot]:
    assert _context is not None
    sent: list[Sent] = []
    with gc_paused():
        for path in files:
            entry, data = read_scenario(path, _context)
            facts = ScenarioFacts.of(entry.path, entry.scenario)
            deferred: Deferred | None = None
            if entry.scenario is not None and data is not None:
                deferred = (pickle.dumps(pack(entry.scenario, data), protocol=pickle.HIGHEST_PROTOCOL), Listing.of(entry.scenario))
            entry.scenario = None  # a record, or a model: sent packed instead
            entry.report._positions = None  # rebuilt from the text if ever needed: not worth sending
            sent.append((entry, deferred, facts))
    return sent, take_refs(_context.roots)
