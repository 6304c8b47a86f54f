"""The load's workers forked at the explorer's first line (corpus/head_start.py): taken by the loader
when the corpus is as they found it, stopped when it is not, the second held until the loader starts."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tui.corpus import batch_load, head_start
from tui.corpus.batch_load import load_in_batches

sys.path.insert(0, str(Path(__file__).parent / "bench"))
from corpus_copies import make_copies  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
FILES = head_start.PARALLEL_FROM + 3 * head_start.CHUNK

pytestmark = pytest.mark.skipif(not head_start.can_fork(head_start.PARALLEL_FROM), reason="the workers are forked: needs fork and two cores")


@pytest.fixture
def many(tmp_path: Path) -> Path:
    root = tmp_path / "many"
    make_copies(root, FILES)
    return root.resolve()


@pytest.fixture(autouse=True)
def nothing_left_started() -> object:
    yield
    started, head_start._started = head_start._started, None
    if started is not None:  # the test failed before the loader took them
        started.workers.stop()


def _no_late_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(chunks: object) -> object:
        raise AssertionError("workers forked again by the loader")

    monkeypatch.setattr(batch_load, "_fork_workers", refused)


def _same_as_one_process(loaded: batch_load.Loaded, root: Path) -> None:
    one = load_in_batches(root, parallel=False).corpus
    assert [e.path for e in loaded.corpus.scenarios] == [e.path for e in one.scenarios]
    assert [e.diagnostics for e in loaded.corpus.scenarios] == [e.diagnostics for e in one.scenarios]
    assert [e.scenario for e in loaded.corpus.scenarios] == [e.scenario for e in one.scenarios]
    assert loaded.corpus.diagnostics == one.diagnostics


def _wait_for_sent(started: head_start._Started, count: int) -> None:
    workers = started.workers
    deadline = time.monotonic() + 30
    while workers._sent.qsize() < count and time.monotonic() < deadline:
        time.sleep(0.005)
    assert workers._sent.qsize() >= count


def _cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime, stime


def test_the_loader_takes_the_workers_forked_at_start(many: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    head_start.start(many)
    assert head_start._started is not None
    _no_late_fork(monkeypatch)
    done: list[int] = []
    loaded = load_in_batches(many, lambda batch: done.append(batch.done))
    assert head_start._started is None
    assert done[-1] == FILES
    _same_as_one_process(loaded, many)


def test_a_file_saved_after_the_workers_started_is_read_as_it_is_now(many: Path) -> None:
    head_start.start(many)
    started = head_start._started
    assert started is not None
    path = sorted(many.glob("scenarios/*-copy-*.toml"))[5]  # in the first chunk, which the first worker checks first
    _wait_for_sent(started, 1)  # checked as it was
    text = path.read_text(encoding="utf-8")
    assert 'title = "' in text
    path.write_text(text.replace('title = "', 'title = "Saved since: ', 1), encoding="utf-8")
    loaded = load_in_batches(many)
    # Stopped and reaped, not taken: their checking of that file may be the old one's.
    for pid in started.workers._pids:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)
    entry = next(e for e in loaded.corpus.scenarios if e.path == path)
    assert entry.scenario is not None and entry.scenario.scenario.title.startswith("Saved since: ")
    _same_as_one_process(loaded, many)


def test_workers_started_for_another_corpus_are_stopped(many: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    other = tmp_path / "other"
    make_copies(other, FILES)
    head_start.start(other)
    started = head_start._started
    assert started is not None
    loaded = load_in_batches(many)
    for pid in started.workers._pids:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)
    assert {e.path.parent.parent for e in loaded.corpus.scenarios} == {many}


def test_the_second_worker_waits_until_the_loader_starts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Both at work from the first line, the first frame shared its core with one of them.
    root = tmp_path / "more"
    make_copies(root, head_start.PARALLEL_FROM + 20 * head_start.CHUNK)  # more than the first can check meanwhile
    root = root.resolve()
    head_start.start(root)
    started = head_start._started
    assert started is not None
    first, second = started.workers._pids
    _wait_for_sent(started, 2)  # the first is checking files
    time.sleep(0.05)
    queued: list[head_start.Message | None] = []
    while started.workers._sent.qsize():
        queued.append(started.workers._sent.get())
    assert {message.sender for message in queued if message is not None} == {first}
    for message in queued:
        started.workers._sent.put(message)  # for the loader
    senders: list[int] = []
    numbers: list[int] = []
    real = head_start.Workers.next_sent

    def noting(self: head_start.Workers) -> head_start.Message | None:
        message = real(self)
        if message is not None:
            senders.append(message.sender)
            numbers.append(message.number)
        return message

    monkeypatch.setattr(head_start.Workers, "next_sent", noting)
    _no_late_fork(monkeypatch)
    loaded = load_in_batches(root)
    assert second in senders  # once the loader started, the second checked chunks too
    chunks = head_start.chunked(batch_load.scenario_files(root / "scenarios", batch_load.RESERVED))
    assert sorted(numbers) == batch_load._expected(chunks)  # each chunk's message and its models', once
    _same_as_one_process(loaded, root)


def test_one_worker_checks_every_file_when_the_second_cannot_be_forked(many: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = head_start.fork_child
    forks: list[int] = []

    def once(*args: object, **kwargs: object) -> tuple[int, int]:
        forks.append(1)
        if len(forks) > 1:
            raise BlockingIOError(11, "Resource temporarily unavailable")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(head_start, "fork_child", once)
    head_start.start(many)
    assert head_start._started is not None and len(head_start._started.workers._pids) == 1
    _no_late_fork(monkeypatch)
    _same_as_one_process(load_in_batches(many), many)


FORKED_BEFORE_TEXTUAL = """
import os
import sys
from tui.corpus import head_start
real = head_start.start
seen = []

def noting(root, cache=None):
    seen.append(any(name.split(".")[0] in ("textual", "pydantic", "tomli") for name in sys.modules))
    real(root, cache)
    started = head_start._started
    print("forked" if started is not None and started.workers else "none", seen)
    started.workers.stop()
    raise SystemExit(0)  # before the explorer runs: its start is what is tested

head_start.start = noting
from tui.cli import main
main([sys.argv[1]])
"""


def test_the_explorer_forks_its_workers_before_it_imports_textual_or_the_checks(many: Path) -> None:
    done = subprocess.run([sys.executable, "-c", FORKED_BEFORE_TEXTUAL, str(many)], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "forked [False]", done.stdout


QUIT_BEFORE_THE_LOADER = """
import sys
import time
from pathlib import Path
from tui.corpus import head_start
head_start.start(Path(sys.argv[1]))
print(*head_start._started.workers._pids)
time.sleep(0.3)
"""


def test_the_workers_end_with_an_explorer_quit_before_its_loader_started(many: Path) -> None:
    done = subprocess.run([sys.executable, "-c", QUIT_BEFORE_THE_LOADER, str(many)], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert done.returncode == 0, done.stderr
    pids = [int(pid) for pid in done.stdout.split()]
    assert len(pids) == head_start.WORKERS

    def running(pid: int) -> bool:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except FileNotFoundError:
            return False
        return state != "Z"

    deadline = time.monotonic() + 10
    while any(running(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(running(pid) for pid in pids)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the workers' CPU time in /proc")
def test_a_corpus_whose_checking_is_kept_stops_the_workers_and_never_lets_the_second_begin(many: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    head_start.start(many)
    first_open = load_in_batches(many, cache=cache)
    head_start.start(many)
    started = head_start._started
    assert started is not None
    second = started.workers._pids[1]
    used: dict[int, int] = {}
    real_waitpid = os.waitpid

    def noting(pid: int, options: int) -> tuple[int, int]:
        if pid == second:
            used[pid] = _cpu_ticks(pid)
        return real_waitpid(pid, options)

    monkeypatch.setattr(head_start.os, "waitpid", noting)
    _no_late_fork(monkeypatch)
    again = load_in_batches(many, cache=cache)
    assert used[second] <= 1  # killed at the gate
    assert [e.scenario for e in again.corpus.scenarios] == [e.scenario for e in first_open.corpus.scenarios]
    _same_as_one_process(again, many)


async def test_the_held_worker_begins_once_the_explorers_first_frame_is_drawn(many: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Not when the loader takes the workers, a tenth of a second later: it imports the checks first.
    from tui.app import DrawdownApp

    head_start.start(many)
    started = head_start._started
    assert started is not None and started.workers._gate is not None  # held
    monkeypatch.setattr(DrawdownApp, "_load_corpus", lambda self: None)  # no loader: only the first frame lets it begin
    app = DrawdownApp(many, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert started.workers._gate is None
