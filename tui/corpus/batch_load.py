"""Load a corpus in batches, on two processes when it is large, telling a caller as each batch is checked.

The explorer lists each batch as it comes, so its home screen fills in while the rest is read, and
the checking (tomli, the shapes, every quote located) runs in worker processes: a thread of the
explorer's own process doing it would hold the interpreter lock against the keys for seconds.
The explorer forks them at its first line (head_start.py), and the loader takes them if the corpus
is still as they found it; otherwise they are forked here, as soon as the catalogs are read. They
check a chunk of files at a time as `drawdown validate` does (the catalogs as plain records,
pydantic only for a table that is not clean): they need no pydantic, so the explorer imports it
(and reads the catalogs as models) while they work, not before. Each sends back a chunk's entries
with what each home card shows (listing.py) and, once no chunk is left to check, each chunk's models:
each scenario packed as plain values (packed_scenarios.py) and pickled on its own (MODELS). Taking a
chunk in is then a copy of bytes; a model is rebuilt when first asked for (waiting for its chunk's
models if they have not come). The checks between files run here once every chunk is in, from the
facts the workers gathered; the last batch says so, and the home screen draws the final counts and
badges while the models come in and are rebuilt (corpus_of), on this thread. Unpickled and rebuilt
as the chunks came, the models cost the explorer's process about half a second of CPU at 1,000
files, taken from the workers on two cores.
"""

from __future__ import annotations

import gc
import pickle
import threading
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator

from . import checked_cache, head_start
from .checked_cache import corpus_key
from .layout import RESERVED, scenario_files
from .checks import ScenarioFacts
from .head_start import CHUNK, Afterwards, CheckChunk, Workers, chunked, fork_workers
from .head_start import can_fork as _can_fork
from .listing import Listing
from .load import SCENARIO_LIMIT, Context, Corpus, ScenarioEntry, check_between, corpus_of, gc_paused, load_context, load_scenario, read_scenario
from .packed_scenarios import pack
from .root_causes import RefsByRoot, Roots, give_refs, take_refs

if TYPE_CHECKING:
    from .model import ScenarioFile
    from .packed_scenarios import Unpacker

_context: Context | None = None  # the catalogs, inherited by the forked workers
# What a worker sends back for each file of a chunk: its entry (without its scenario), what its home
# card shows if it has a scenario, its facts. Its scenario comes later (MODELS).
Sent = tuple[ScenarioEntry, "Listing | None", ScenarioFacts]
# The number of the message with a chunk's models, beside the chunk's own: each of its scenarios packed
# (packed_scenarios.py) and pickled on its own, in the chunk's order. A worker sends them once every
# chunk is checked, so that the counts, which need none of them, do not wait for their packing (a
# third of a worker's time beyond `drawdown validate`'s) or their bytes (nine tenths of what it sends).
MODELS = 1 << 30


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
                    cached = checked_cache.read(cache, _context.root, key, _expected(chunks))
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

            def counted() -> list[ScenarioEntry]:
                """Every file is checked: the checks between them, then the final counts and badges."""
                entries = [found[path][0] for path in files]
                before = [len(entry.diagnostics) for entry in entries]
                check_between(context, entries, whole=True, facts=[found[path][1] for path in files])
                if on_batch is not None:
                    # Drawn while the models come in and are rebuilt (corpus_of).
                    changed = [entry for entry, count in zip(entries, before) if len(entry.diagnostics) != count]
                    on_batch(Batch(changed, len(files), len(files), preview, viewable=sum(entry.valid for entry in entries)))
                return entries

            if workers or cached is not None:
                unpacker = Unpacker(shared)  # its values shared as each model is rebuilt
                # What the workers send is written to the cache folder as it comes, kept if all of it came.
                if cache is not None and key is not None and cached is None:
                    keeper = checked_cache.Keeper(cache, context.root, key, _expected(chunks))
                stream = cached if cached is not None else _from_workers(workers, chunks, keeper)

                def lost() -> None:
                    """Something sent never came, or came damaged: checked here, and nothing kept of this load."""
                    nonlocal keeper
                    if keeper is not None:
                        keeper.finish(None)
                        keeper = None
                    if cached is not None and cache is not None:
                        checked_cache.forget(cache, context.root)

                # By chunk, its models to come. A chunk's models always come after the chunk's own
                # message: one worker sends both, in that order, and what is kept keeps it.
                waiting: dict[int, _Models] = {}
                entries: list[ScenarioEntry] | None = None
                left = len(chunks)
                for number, data in stream:
                    if number & MODELS:
                        models = waiting.pop(number & ~MODELS, None)
                        if models is not None:
                            models.arrive(data)
                        if data is None:
                            lost()
                        continue
                    sent = _kept(data, context.roots)
                    if sent is None:  # its worker failed (or the kept copy was damaged): checked here instead
                        lost()
                        tell(_checked(chunks[number], context))
                    else:
                        models = waiting[number] = _Models([entry.path for entry, listing, _ in sent if listing is not None], context)
                        for entry, listing, _ in sent:
                            if listing is not None:
                                entry.rebuilt_later(_Rebuilt(models, entry.path, unpacker, sharing), listing)
                        tell([(entry, facts) for entry, _, facts in sent], rebuilt=True)
                    left -= 1
                    if not left:
                        entries = counted()
                for models in waiting.values():
                    models.arrive(None)  # never came (its worker failed): each rebuilt from its file here
                if waiting:
                    lost()
                if keeper is not None:
                    keeper.finish(corpus_key(records, files) if records is not None else None)  # nothing changed while read?
                if entries is None:  # every chunk was checked here
                    entries = counted()
            else:
                for chunk in chunks:
                    tell(_checked(chunk, context))
                entries = counted()
        finally:
            workers.stop()
            if keeper is not None:
                keeper.finish(None)  # the load failed: nothing kept (after a commit, nothing to do)
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


class _Models:
    """The models of one chunk's files, as its worker sends them after every chunk is checked."""

    __slots__ = ("_paths", "_context", "_blobs", "_arrived")

    def __init__(self, paths: list[Path], context: Context) -> None:
        self._paths = paths  # the chunk's files with a scenario, in its order
        self._context = context
        self._blobs: dict[Path, bytes | None] = {}
        self._arrived = threading.Event()

    def arrive(self, data: bytes | memoryview | None) -> None:
        """What the worker sent for the chunk; None when it never will (it failed, or the kept copy was damaged)."""
        if data is not None:
            try:
                blobs = pickle.loads(data)
            except Exception:
                blobs = None
            if isinstance(blobs, list) and len(blobs) == len(self._paths):
                self._blobs = dict(zip(self._paths, blobs))
        self._arrived.set()

    def blob(self, path: Path) -> bytes | None:
        """The packed model of `path`, once it came (waiting for it); None if it never will."""
        self._arrived.wait()
        return self._blobs.pop(path, None)

    def checked_here(self, path: Path) -> ScenarioFile | None:
        """The model of `path` from its file, checked on this process: its worker's never came."""
        return load_scenario(path, self._context).scenario


class _Rebuilt:
    """A scenario's model rebuilt from what its worker sent, when first asked for, once, from any thread."""

    __slots__ = ("_models", "_path", "_unpacker", "_lock", "_model")

    def __init__(self, models: _Models, path: Path, unpacker: Unpacker, lock: threading.Lock) -> None:
        self._models: _Models | None = models
        self._path = path
        self._unpacker = unpacker
        self._lock = lock
        self._model: ScenarioFile | None = None

    def __call__(self) -> ScenarioFile | None:
        with self._lock:
            if self._models is not None:
                blob = self._models.blob(self._path)
                # Checked here, a file changed since its worker read it may have no scenario now: the
                # next poll of the files takes the change in.
                self._model = self._unpacker.scenario(pickle.loads(blob)) if blob is not None else self._models.checked_here(self._path)
                self._models = None
            return self._model


def _checked(files: list[Path], context: Context) -> list[tuple[ScenarioEntry, ScenarioFacts]]:
    entries = [load_scenario(path, context) for path in files]
    return [(entry, ScenarioFacts.of(entry.path, entry.scenario)) for entry in entries]


def _fork_workers(chunks: list[list[Path]]) -> Workers:
    return fork_workers(len(chunks), partial(_checking, chunks))


def checking_with_catalogs_of(root: Path, chunks: list[list[Path]]) -> tuple[CheckChunk, Afterwards]:
    """How a worker forked before the catalogs were read (head_start.py) checks a chunk: it reads them itself, as records."""
    global _context
    gc.disable()  # it allocates as it checks and frees nothing worth collecting before it exits
    _context = load_context(root, records=True)
    return _checking(chunks)


def _checking(chunks: list[list[Path]]) -> tuple[CheckChunk, Afterwards]:
    held: dict[int, list[tuple[Any, dict[str, Any]]]] = {}  # by chunk: each scenario and its table, to pack

    def check(number: int) -> bytes:
        sent, refs, scenarios = _check_chunk(chunks[number])
        held[number] = scenarios
        return pickle.dumps((sent, refs), protocol=pickle.HIGHEST_PROTOCOL)

    def afterwards() -> Iterator[tuple[int, bytes]]:
        for number, scenarios in held.items():
            with gc_paused():
                blobs = [pickle.dumps(pack(scenario, data), protocol=pickle.HIGHEST_PROTOCOL) for scenario, data in scenarios]
            yield MODELS | number, pickle.dumps(blobs, protocol=pickle.HIGHEST_PROTOCOL)

    return check, afterwards


def _expected(chunks: list[list[Path]]) -> list[int]:
    """The numbers of every message the workers send for `chunks`: each chunk's, then its models'."""
    return [*range(len(chunks)), *(MODELS | number for number in range(len(chunks)))]


def _taken(data: bytes | memoryview, roots: Roots) -> list[Sent]:
    """What a worker sent for a chunk, its references to broken catalogs gathered here."""
    checked, refs = pickle.loads(data)
    # References to broken catalogs were counted in the workers: gathered here before folding.
    give_refs(roots, refs)
    return checked


def _kept(data: bytes | memoryview | None, roots: Roots) -> list[Sent] | None:
    """What a worker sent for a chunk (or kept on disk); None (to be checked here) if it failed or was damaged."""
    try:
        return _taken(data, roots) if data is not None else None
    except Exception:
        return None


def _from_workers(workers: Workers, chunks: list[list[Path]], keeper: checked_cache.Keeper | None = None) -> Iterator[tuple[int, bytes | memoryview | None]]:
    """Each message as a worker sends it: its number (a chunk's, or MODELS and the chunk's), and what it
    holds; each given to `keeper` as it was sent. Last, the chunks a worker took and did not send (it
    failed), with None (their models never come: the loader makes them)."""
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
        yield message.number, message.data
    for number in range(len(chunks)):
        if number not in received:
            yield number, None


def _check_chunk(files: list[Path]) -> tuple[list[Sent], RefsByRoot, list[tuple[Any, dict[str, Any]]]]:
    """What a worker sends for a chunk of files, and each scenario with its table (packed later)."""
    assert _context is not None
    sent: list[Sent] = []
    scenarios: list[tuple[Any, dict[str, Any]]] = []
    with gc_paused():
        for path in files:
            entry, data = read_scenario(path, _context)
            facts = ScenarioFacts.of(entry.path, entry.scenario)
            listing: Listing | None = None
            if entry.scenario is not None and data is not None:
                listing = Listing.of(entry.scenario)
                scenarios.append((entry.scenario, data))
            entry.scenario = None  # a record, or a model: sent packed, later
            entry.report._positions = None  # rebuilt from the text if ever needed: not worth sending
            entry.report.leave_out_clean_text(SCENARIO_LIMIT)
            sent.append((entry, listing, facts))
    return sent, take_refs(_context.roots), scenarios
