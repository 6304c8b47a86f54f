"""The load's worker processes: forked at the explorer's first line, before it imports Textual.

On a first open of a large corpus the wait for the counts is the checking of every file, and on two
cores the explorer's first third of a second (importing Textual, drawing the first frame) runs on one
of them while the other has nothing to do. So the first worker is forked here, from a process that
has imported next to nothing (no Textual, no pydantic, no tomli: a small heap to fork), and checks
files on that idle core while the explorer starts. The second is forked with it but waits at a gate
until the first frame is drawn (`begin`): with both at work from the start, the first frame shared
its core with one of them, and came 0.08–0.19 s later at 1,000 files (0.6 s in one run).

What it costs: the first frame comes up to 70 ms later at 1,000 files (0 to 70 by run), most of it
the fork itself (after one, each page the explorer writes is copied first, and importing Textual
writes to most of them). What it gains: the counts come 0.3 s sooner (docs/performance.md, sixth
session).

The workers take their chunks of files, by number, from one pipe (`_Tasks`), as each finishes the
one before: the first, having started early, checks more of them. With the pipe empty, each sends
what its caller left for afterwards (`Afterwards`: the models of the chunks it checked). What each
sends is read off its pipe by a thread of the explorer's as it comes (`Workers`), so that neither
waits for the loader, which reads nothing before the first frame is drawn and pydantic imported.

Each worker reads the catalogs itself, as records, as `drawdown validate` does. The loader takes the
workers (`take`) if the corpus on disk is still the one they read, file for file; otherwise, or when
its kept checking makes them needless, they are stopped. None is forked when the kept checking looks
current already (kept_checking.py: no file changed since it was kept, by the files' times), as for
every start but the first after a change. This module imports only the standard library, and
checks nothing itself (batch_load.py does, in the workers).
"""

from __future__ import annotations

import marshal
import os
import queue
import signal
import threading
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import IO, Callable, Iterable

from .fingerprint import fingerprint
from .forked_child import fork_child
from .kept_checking import looks_current
from .layout import RESERVED, scenario_names

# Below this many files a second process costs more than it saves (as for `drawdown validate`).
PARALLEL_FROM = 48
# Files per task: small enough that a batch comes every few tenths of a second, and that taking one
# in (unpickling, one call that holds the interpreter lock) stays a few milliseconds.
CHUNK = 12
WORKERS = 2
# The workers give way to the explorer's own process (its keys, its frames, taking their batches in),
# which on two cores otherwise shares them with two workers as busy as it is.
WORKER_NICENESS = 5

# What a worker checks a chunk of files with, by the chunk's number: what to send for it. A worker
# makes it (`Prepare`) once it may begin, so that what it imports and reads for it waits for the gate.
CheckChunk = Callable[[int], bytes]
# What a worker sends once no chunk is left to check: (a message's number, what it holds), the numbers
# of the caller's choosing (batch_load.py sends each chunk's models then, after every count).
Afterwards = Callable[[], Iterable[tuple[int, bytes]]]
Prepare = Callable[[], tuple[CheckChunk, Afterwards]]
_NUMBER = 4  # bytes of a chunk's number, in the task pipe and before what is sent for it
_ANNOUNCEMENT = (1 << 8 * _NUMBER) - 1  # the number of what the first worker sends before any chunk
_LENGTH = 8  # bytes of the length before each message a worker writes
_MOST_CHUNKS = 65536 // _NUMBER  # the numbers of as many chunks fill a pipe
# A worker writes a tenth of a megabyte or more for a chunk: with the pipe's 64 KB it would wait for
# every few reads of its pipe, and each read waits for the interpreter lock, which the frames hold.
_PIPE_SIZE = 1 << 20


@dataclass(frozen=True)
class Message:
    """What a worker sent for one chunk of files."""

    number: int  # the chunk's
    data: memoryview
    sender: int  # the worker's process id


@dataclass
class Workers:
    """The forked workers, and what they sent: each one's pipe is read by a thread of its own as it
    comes. The reader takes each message whole, in the order they came, with `next_sent`."""

    count: int = 0
    _pids: list[int] = field(default_factory=list)
    _gate: int | None = None  # the write end of the pipe that every worker but the first waits on
    _sent: queue.SimpleQueue[Message | None] = field(default_factory=queue.SimpleQueue)
    _readers: list[threading.Thread] = field(default_factory=list)
    _announced: bytes | None = None
    _announcing: threading.Event = field(default_factory=threading.Event)

    def __bool__(self) -> bool:
        return bool(self._pids)

    def next_sent(self) -> Message | None:
        """The next chunk a worker sent; None when a worker stopped writing (done, or failed)."""
        return self._sent.get()

    def announcement(self) -> bytes | None:
        """What the first worker sent before any chunk, with `announce` (None if it ended first)."""
        self._announcing.wait()
        return self._announced

    def add(self, pid: int, pipe: int, *, announces: bool = False) -> None:
        _enlarge(pipe)
        if not announces and not self._pids:
            self._announcing.set()  # nothing to wait for
        reader = threading.Thread(target=self._read, args=(pid, pipe, announces), name=f"worker {pid}", daemon=True)
        self.count += 1
        self._pids.append(pid)
        self._readers.append(reader)
        reader.start()

    def begin(self) -> None:
        """Let every worker check files (those held at the gate begin)."""
        if self._gate is not None:
            os.close(self._gate)
            self._gate = None

    def stop(self) -> None:
        """Reap each worker; one still running (the load failed, or it is not needed) is killed."""
        for pid in self._pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(pid, 0)
        self.begin()  # nobody waits there now
        for reader in self._readers:
            reader.join()  # its pipe ends with its worker

    def _read(self, pid: int, pipe: int, announces: bool) -> None:
        buffer = bytearray()
        try:
            while data := os.read(pipe, _PIPE_SIZE):
                buffer += data
                while len(buffer) >= _LENGTH:
                    size = int.from_bytes(buffer[:_LENGTH], "little")
                    if len(buffer) < _LENGTH + size:
                        break
                    message = buffer[_LENGTH : _LENGTH + size]  # a copy: the buffer goes on
                    del buffer[: _LENGTH + size]
                    number = int.from_bytes(message[:_NUMBER], "little")
                    if number == _ANNOUNCEMENT and announces:
                        self._announced = bytes(message[_NUMBER:])
                        self._announcing.set()
                    else:
                        self._sent.put(Message(number, memoryview(message)[_NUMBER:], pid))
        except OSError:
            pass
        finally:
            os.close(pipe)  # here, once it gave its end: closed by another thread, its number could be reused mid-read
            if announces:
                self._announcing.set()  # if it ended first, with nothing
            self._sent.put(None)


class _Tasks:
    """The numbers of the chunks to check, in one pipe that every worker reads: each takes the next
    as it finishes the last, and stops when none is left (the write end closed, the pipe empty)."""

    def __init__(self, count: int) -> None:
        self.read, write = os.pipe()
        numbers = b"".join(number.to_bytes(_NUMBER, "little") for number in range(count))
        assert count <= _MOST_CHUNKS  # they fit in the pipe: written before any worker reads (chunked)
        # PIPE_BUF bytes at a time (a multiple of a number's size), each write whole: a worker's read
        # of one number never finds half of one.
        with open(write, "wb", buffering=0) as out:
            for start in range(0, len(numbers), 4096):
                out.write(numbers[start : start + 4096])

    def next(self) -> int | None:
        data = os.read(self.read, _NUMBER)
        return int.from_bytes(data, "little") if len(data) == _NUMBER else None


def can_fork(count: int) -> bool:
    return count >= PARALLEL_FROM and (os.cpu_count() or 1) >= 2 and hasattr(os, "fork")


def chunked(files: list[Path], size: int = CHUNK) -> list[list[Path]]:
    size = _chunk_size(len(files), size)
    return [files[start : start + size] for start in range(0, len(files), size)]


def _chunk_size(count: int, size: int = CHUNK) -> int:
    return max(size, -(-count // _MOST_CHUNKS))  # larger beyond 190,000 files, for the task pipe


def fork_workers(count: int, prepare: Prepare, *, held: bool = False, announce: Callable[[], bytes] | None = None) -> Workers:
    """Fork the workers (forked_child.py) that check `count` chunks between them, each with what
    `prepare` gives it; `held`, every worker but the first waits until `Workers.begin`; with
    `announce`, the first sends what it returns before anything else (`Workers.announcement`). A
    worker whose parent has gone (the reader quit) stops at its next write, the pipe closed."""
    tasks = _Tasks(count)
    gate = os.pipe() if held else None
    workers = Workers(_gate=gate[1] if gate is not None else None)
    inherited: list[int] = [gate[1]] if gate is not None else []  # a worker closes these
    forked: list[tuple[int, int]] = []
    try:
        for index in range(WORKERS):
            waits = gate[0] if gate is not None and index > 0 else None
            try:
                pid, pipe = fork_child(partial(_work, tasks, prepare, waits, announce if index == 0 else None), close=inherited)
            except OSError:
                if not forked:
                    raise
                break  # one worker takes every chunk: slower, as right
            inherited.append(pipe)
            forked.append((pid, pipe))
    finally:
        os.close(tasks.read)
        if gate is not None:
            os.close(gate[0])
    # The readers start once every worker is forked: a fork copies only the thread that forks, and
    # whatever lock another held at the time would stay held in the child.
    for index, (pid, pipe) in enumerate(forked):
        workers.add(pid, pipe, announces=announce is not None and index == 0)
    return workers


def write_message(out: IO[bytes], number: int, data: bytes) -> None:
    """Send what was found for chunk `number` as `Workers` reads it (in a worker)."""
    out.write((len(data) + _NUMBER).to_bytes(_LENGTH, "little") + number.to_bytes(_NUMBER, "little"))
    out.write(data)
    out.flush()


@dataclass
class _Started:
    root: Path
    names: list[str]  # the scenario files' (scenario_names)
    workers: Workers  # the first announces the corpus's fingerprint before it reads any file


_started: _Started | None = None


def start(root: Path, cache: Path | None = None) -> None:
    """Fork the workers that will check the corpus at `root` (resolved), when it is large enough for
    them, and unless the checking kept in the cache folder `cache` looks current (kept_checking.py)."""
    global _started
    root = root.resolve()
    names = scenario_names(root / "scenarios", RESERVED)  # names, not paths: a millisecond, not four, at 1,000
    if _started is not None or not can_fork(len(names)):
        return
    if cache is not None and looks_current(cache, root, names):
        return  # opened again unchanged: no worker, whose fork alone costs the first frame tens of ms
    # The fingerprint of the corpus before any file is read is taken by the first worker, not here:
    # a stat of every file, 15 ms at 3,000, was that much later a first frame.
    count = -(-len(names) // _chunk_size(len(names)))
    try:
        workers = fork_workers(count, partial(_reading_catalogs, root, names), held=True, announce=partial(_fingerprint_of, root))
    except OSError:
        return  # no process to spare: the loader checks the files, or forks its own
    _started = _Started(root, names, workers)


def begin() -> None:
    """Let the held worker begin, if `start` forked workers: the first frame is drawn. Before the
    loader has read anything: it comes a tenth of a second later, once it has imported the checks.
    (If the loader then finds them needless or out of date, it stops them all the same.)"""
    if _started is not None:
        _started.workers.begin()


def take(root: Path, files: list[Path]) -> tuple[list[list[Path]], Workers] | None:
    """The chunks of `files` and the workers forked by `start` to check them (the second still held:
    `Workers.begin`), if they were forked for the corpus at `root`, for these files, and no file of
    the corpus changed since; None otherwise (any that were forked are stopped)."""
    global _started
    started, _started = _started, None
    if started is None:
        return None
    if started.root == root.resolve() and started.names == [path.name for path in files]:
        announced = started.workers.announcement()
        if announced is not None and marshal.loads(announced) == fingerprint(started.root):
            return chunked(files), started.workers  # as the workers chunked them
    started.workers.stop()
    return None


def _reading_catalogs(root: Path, names: list[str]) -> tuple[CheckChunk, Afterwards]:
    from .batch_load import checking_with_catalogs_of  # in the worker only: the parent has not imported it

    folder = root / "scenarios"
    return checking_with_catalogs_of(root, chunked([folder / name for name in names]))


def _fingerprint_of(root: Path) -> bytes:
    return marshal.dumps(fingerprint(root))


def _enlarge(pipe: int, size: int = _PIPE_SIZE) -> None:
    try:
        import fcntl

        fcntl.fcntl(pipe, fcntl.F_SETPIPE_SZ, size)
    except (ImportError, AttributeError, OSError):
        pass  # not Linux, or refused: the pipe's own size, only slower


def _work(tasks: _Tasks, prepare: Prepare, gate: int | None, announce: Callable[[], bytes] | None, pipe: int) -> None:
    # Not the explorer's: a resize of the terminal is its business alone.
    signal.signal(signal.SIGWINCH, signal.SIG_DFL)
    try:
        os.nice(WORKER_NICENESS)
    except OSError:
        pass  # not allowed here: the workers run at the explorer's priority, only slower for its keys
    if gate is not None:
        parent = os.getppid()
        while os.read(gate, 1):
            pass  # it opens when the loader closes its end (take), or when the explorer ends
        if os.getppid() != parent:
            return  # it ended: nobody reads what would be checked
    with os.fdopen(pipe, "wb") as out:
        if announce is not None:
            write_message(out, _ANNOUNCEMENT, announce())
        check, afterwards = prepare()
        while (number := tasks.next()) is not None:
            write_message(out, number, check(number))
        for number, data in afterwards():
            write_message(out, number, data)
