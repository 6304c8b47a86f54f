"""Loading a corpus: the list fills in as files are checked, keys are acted on meanwhile, reloads read only what changed."""

from __future__ import annotations

import asyncio
import os
import pickle
import re
import sys
import time
import threading
from pathlib import Path
from typing import Callable, Iterator

import pytest
from rich.console import Console

from key_bursts import assert_idle, burst
from tui.app import DrawdownApp
from tui.corpus import batch_load, head_start, live as live_module, load
from tui.corpus.first_look import Glimpse
from tui.corpus.live import LiveCorpus
from tui.screens import home as home_module
from tui.screens.home import HomeScreen
from tui.widgets.scenario_list import ScenarioList
from tui.widgets.title_bar import TitleBar

sys.path.insert(0, str(Path(__file__).parent / "bench"))
from corpus_copies import make_copies  # noqa: E402

FILES = 30


@pytest.fixture
def large(tmp_path: Path) -> Path:
    root = tmp_path / "large"
    make_copies(root, FILES)
    return root


@pytest.fixture
def earlier_later(large: Path) -> Path:
    """Every other file after the first six by name dated before them: as they are checked, some come
    in above the first six, the others below."""
    for index, path in enumerate(sorted(large.glob("scenarios/*-copy-*.toml"))[6::2]):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"^date = \d{4}-\d\d-\d\d", f"date = 2010-{index % 12 + 1:02d}-01", text, count=1, flags=re.MULTILINE), encoding="utf-8")
    return large


class Gate:
    """Holds the loader back: each file waits until the test lets that many through."""

    def __init__(self) -> None:
        self.allowed = 0
        self.read = 0
        self._changed = threading.Condition()

    def let_through(self, count: int) -> None:
        with self._changed:
            self.allowed = count
            self._changed.notify_all()

    def wrap(self, real):  # type: ignore[no-untyped-def]
        def held(path: Path, context, *rest):  # type: ignore[no-untyped-def]
            with self._changed:
                self._changed.wait_for(lambda: self.read < self.allowed, timeout=20)
                self.read += 1
            return real(path, context, *rest)

        return held


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[Gate]:
    held = Gate()
    monkeypatch.setattr(batch_load, "load_scenario", held.wrap(batch_load.load_scenario))
    monkeypatch.setattr(batch_load, "CHUNK", 4)  # small batches, in this process (fewer files than PARALLEL_FROM)
    monkeypatch.setattr(DrawdownApp, "BATCH_SECONDS", 0.02)  # batches listed soon after they come
    monkeypatch.setattr(DrawdownApp, "FIRST_LOOK_FILES", 6)
    yield held
    held.let_through(10**6)  # never leave the loader thread waiting


def _listed(app: DrawdownApp) -> ScenarioList:
    return app.screen.query_one(ScenarioList)


async def _until(pilot, condition, timeout: float = 20) -> None:  # type: ignore[no-untyped-def]
    for _ in range(int(timeout / 0.02)):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("the condition never held")


async def _finish(app: DrawdownApp, pilot, gate: Gate) -> None:  # type: ignore[no-untyped-def]
    """Let the rest of the files through and wait for the whole corpus."""
    gate.let_through(FILES)
    await asyncio.wait_for(app.corpus_ready(), 20)
    await pilot.pause()


async def test_the_first_screen_shows_before_the_files_are_read_and_the_list_fills_in(large: Path, gate: Gate) -> None:
    app = DrawdownApp(large, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        scenario_list = _listed(app)
        # The first frame: a first look at the first six files, not all thirty; nothing checked yet.
        assert scenario_list.option_count == 6
        assert gate.read == 0 and app.live is None
        assert "checking 30 scenario files…" in str(app.screen.query_one(TitleBar).render())
        counts: list[int] = []
        for allowed in (8, 16, 24):
            gate.let_through(allowed)
            await _until(pilot, lambda: scenario_list.option_count >= max(allowed, 6))
            counts.append(scenario_list.option_count)
            assert app.live is None  # still loading: the rows came in as the files were checked
        assert counts == sorted(counts) and counts[0] < counts[-1] < FILES
        await _finish(app, pilot, gate)
        assert scenario_list.option_count == FILES


async def test_the_highlighted_scenario_stays_put_while_rows_stream_in(earlier_later: Path, gate: Gate) -> None:
    app = DrawdownApp(earlier_later, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        scenario_list = _listed(app)
        await pilot.press("j", "j")
        chosen = scenario_list.highlighted_path
        assert chosen is not None and scenario_list.highlighted == 2
        top = scenario_list._index_to_line[2] - round(scenario_list.scroll_y)
        held_in_place = 0
        for allowed in (4, 12, 20, FILES):
            gate.let_through(allowed)
            await _until(pilot, lambda: scenario_list.option_count >= max(allowed, 6))
            assert scenario_list.highlighted_path == chosen
            assert allowed <= 6 or scenario_list.highlighted > 2  # rows did come in above it
            # And at the same place on screen: rows came in above and below it.
            # (Unless the list ends too soon below it to scroll that far: then it is as near as the end allows.)
            index = scenario_list.highlighted
            wanted = scenario_list._index_to_line[index] - top
            assert round(scenario_list.scroll_y) == min(wanted, scenario_list.max_scroll_y)
            held_in_place += allowed > 6 and wanted <= scenario_list.max_scroll_y
        assert held_in_place >= 1  # at least once with rows above it and enough below to scroll
        await _finish(app, pilot, gate)
        assert scenario_list.highlighted_path == chosen


async def test_each_batch_is_placed_among_the_cards_not_listed_again(earlier_later: Path, gate: Gate, monkeypatch: pytest.MonkeyPatch) -> None:
    # A batch puts its own cards in place: the list is never made again from nothing while it fills
    # in (that grew with the list, to seconds at thousands of files), and what it keeps is what a
    # listing afresh would have: the cards in time-line order, each option's index and lines.
    relisted: list[int] = []
    real = ScenarioList.set_options

    def set_options(self, options):  # type: ignore[no-untyped-def]
        relisted.append(1)
        return real(self, options)

    app = DrawdownApp(earlier_later, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        scenario_list = _listed(app)
        monkeypatch.setattr(ScenarioList, "set_options", set_options)
        checked = 0
        for allowed in (4, 12, 20, FILES):
            gate.let_through(allowed)
            await _until(pilot, lambda: scenario_list.option_count >= max(allowed, 6) and gate.read >= allowed)
            await _until(pilot, lambda: not app._batches)
            await pilot.pause()
            if app.live is not None:
                break
            assert not relisted
            items = scenario_list._items
            assert items == sorted(items, key=home_module._list_order)
            assert len({item.path for item in items}) == len(items)  # each first look gave way to its row
            assert [scenario_list.get_option_index(str(item.path)) for item in items] == list(range(len(items)))
            kept = (list(scenario_list._lines), dict(scenario_list._index_to_line))
            scenario_list._line_cache.clear()
            assert (list(scenario_list._lines), dict(scenario_list._index_to_line)) == kept
            checked += 1
        assert checked >= 2
        await _finish(app, pilot, gate)


async def test_the_checked_files_are_listed_less_and_less_often_as_the_list_grows(large: Path, gate: Gate, monkeypatch: pytest.MonkeyPatch) -> None:
    # Each listing places its cards and lays out and draws the list again: at every 0.25 s tick, that
    # took a 1,000-file load's time from the workers. The count checked is shown at every tick; the
    # cards at the first, then twice as far apart each time, up to LIST_SPREAD ticks apart.
    tick = 100.0  # the ticks are given by hand below, on a clock of the test's own
    monkeypatch.setattr(DrawdownApp, "BATCH_SECONDS", tick)
    now = [0.0]
    app = DrawdownApp(large, poll=False)
    app._clock = lambda: now[0]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        scenario_list = _listed(app)
        home = app.screen
        assert isinstance(home, HomeScreen)
        checked_rows = lambda: sum(not isinstance(item, Glimpse) for item in scenario_list._items)  # noqa: E731
        title = lambda: str(home.query_one(TitleBar).render())  # noqa: E731
        listed: list[bool] = []
        for at, allowed in ((0, 4), (0.6, 8), (1.6, 12), (2.2, 12), (3.0, 16), (5.8, 20), (9.4, 24)):
            if allowed > gate.allowed:
                gate.let_through(allowed)
                await _until(pilot, lambda: len(app._batches) == 1)
            now[0] = at * tick
            before = checked_rows()
            app._take_batches()
            await pilot.pause()
            listed.append(checked_rows() > before)
            assert f"{allowed} of {FILES} checked" in title()  # the count, at every tick
            assert checked_rows() + home.unlisted == allowed
        # Listed at 0, then 1, 2, 4, 4 ticks apart (at most half a tick early); at 2.2 with no new batch.
        assert listed == [True, True, False, True, False, True, True]
        await _finish(app, pilot, gate)
        assert scenario_list.option_count == FILES


async def test_the_count_checked_is_shown_without_laying_out_the_screen(large: Path, gate: Gate) -> None:
    # Laying out the home screen draws every card in view again: the title bar is one line the
    # screen's width whatever it says, and its text changes four times a second during a load.
    app = DrawdownApp(large, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(TitleBar)
        assert not bar._layout_required
        gate.let_through(4)
        await _until(pilot, lambda: "4 of 30 checked" in str(bar.render()))
        bar.set_path("checking 30 scenario files… 8 of 30 checked")
        assert not bar._layout_required
        await pilot.pause()
        assert "8 of 30 checked" in str(bar.render())
        await _finish(app, pilot, gate)


async def test_keys_typed_during_the_load_are_acted_on(large: Path, gate: Gate) -> None:
    app = DrawdownApp(large, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        gate.let_through(12)
        await _until(pilot, lambda: _listed(app).option_count >= 12)
        await burst(pilot, *"jjjjj")
        await assert_idle(app, pilot)
        scenario_list = _listed(app)
        assert scenario_list.highlighted == 5 and app.live is None
        chosen = scenario_list.highlighted_path
        await burst(pilot, "k", "j", "j")
        await assert_idle(app, pilot)
        assert scenario_list.highlighted == 6
        await _finish(app, pilot, gate)
        assert scenario_list.highlighted_path != chosen  # moved on by the second burst, and kept


def _count_reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    reads: list[Path] = []
    for module in (load, live_module, batch_load):
        real = module.load_scenario

        def counted(path: Path, context, *rest, real=real):  # type: ignore[no-untyped-def]
            reads.append(path)
            return real(path, context, *rest)

        monkeypatch.setattr(module, "load_scenario", counted)
    return reads


def test_reloading_one_changed_file_in_a_large_corpus_reads_only_that_file(large: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    live = LiveCorpus(large)
    reads = _count_reads(monkeypatch)
    changed = sorted((large / "scenarios").glob("*-copy-0003.toml"))[0]
    changed.write_text(changed.read_text(encoding="utf-8").replace("title = ", "title = \"Edited\" #", 1), encoding="utf-8")
    assert live.changed()
    live.reload()
    assert reads == [changed.resolve()]
    assert not live.changed()
    # What it shows is what a load afresh shows.
    fresh = load.load_corpus(large.resolve())
    assert live.corpus.diagnostics == fresh.diagnostics
    assert [e.id for e in live.corpus.scenarios] == [e.id for e in fresh.scenarios]
    edited = live.entry(changed)
    assert edited is not None and edited.scenario is not None and edited.scenario.scenario.title == "Edited"


def test_an_actor_defined_again_in_a_new_file_is_caught_by_an_incremental_reload(large: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    live = LiveCorpus(large)
    reads = _count_reads(monkeypatch)
    original = sorted((large / "scenarios").glob("*-copy-0004.toml"))[0]
    twin = original.with_name("zz-twin.toml")
    # A scenario of its own, that defines the same local actors as the one it was copied from.
    twin.write_text(original.read_text(encoding="utf-8").replace(f'id = "{original.stem}"', 'id = "zz-twin"', 1), encoding="utf-8")
    live.reload()
    assert reads == [twin.resolve()]
    fresh = load.load_corpus(large.resolve())
    assert live.corpus.diagnostics == fresh.diagnostics
    assert any(d.code == "duplicate-id" for d in live.corpus.diagnostics)
    twin.unlink()
    live.reload()
    assert live.corpus.diagnostics == load.load_corpus(large.resolve()).diagnostics


def test_a_catalog_change_reads_every_file_again(large: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    live = LiveCorpus(large)
    reads = _count_reads(monkeypatch)
    actors = large / "scenarios" / "actors.toml"
    actors.write_text(actors.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    live.reload()
    assert len(reads) == FILES
    assert live.corpus.diagnostics == load.load_corpus(large.resolve()).diagnostics


async def test_the_poll_reads_the_files_off_the_explorers_thread(large: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = DrawdownApp(large, poll=False)
    threads: list[str] = []
    real = live_module.fingerprint

    def watched(root: Path):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)
        return real(root)

    async with app.run_test(size=(120, 40)) as pilot:
        live = await asyncio.wait_for(app.corpus_ready(), 20)
        monkeypatch.setattr(live_module, "fingerprint", watched)
        changed = sorted((large / "scenarios").glob("*-copy-0002.toml"))[0]
        changed.write_text(changed.read_text(encoding="utf-8").replace("title = ", "title = \"Polled\" #", 1), encoding="utf-8")
        published: list[LiveCorpus] = []
        app.corpus_changed.subscribe(app.screen, published.append)
        app._poll()
        await _until(pilot, lambda: bool(published))
        assert threads and threading.main_thread().name not in threads
        entry = live.entry(changed)
        assert entry is not None and entry.scenario is not None and entry.scenario.scenario.title == "Polled"
        assert isinstance(app.screen, HomeScreen)


def test_a_cards_height_is_the_height_it_is_drawn_at() -> None:
    # The card's height is worked out from its text; it must match the table Rich draws, wrapped or not.
    app = DrawdownApp(Path("."), poll=False)
    scenario_list = ScenarioList()
    scenario_list._styles = {name: app.console.get_style("none") for name in ("year", "year-muted", "title", "muted", "badge", "checking")}
    long = "word " * 60
    glimpses = [
        Glimpse(Path("a.toml"), None, "A short title", "A short question?", None),
        Glimpse(Path("b.toml"), None, long, long + "?", None),
        Glimpse(Path("c.toml"), None, None, None, None),
    ]
    console = Console(width=200)
    from textual._context import active_app

    token = active_app.set(app)
    try:
        for glimpse in glimpses:
            card = scenario_list._card(glimpse)
            for width in (8, 12, 19, 20, 21, 27, 33, 47, 60, 90, 118, 160):
                drawn = sum(text.count("\n") for text, _, _ in console.render(card._renderable, console.options.update_width(width).update(highlight=False)))
                assert card.get_height({}, width) == drawn, (glimpse.path, width)  # type: ignore[arg-type]
    finally:
        active_app.reset(token)


@pytest.mark.skipif(not head_start.can_fork(head_start.PARALLEL_FROM), reason="the workers are forked: needs fork and two cores")
def test_the_workers_give_way_to_the_explorers_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Two workers as busy as the explorer on two cores leave its keys and frames waiting: they run nicer.
    root = tmp_path / "many"
    make_copies(root, head_start.PARALLEL_FROM)
    seen = tmp_path / "niceness"
    seen.mkdir()
    real = batch_load.read_scenario  # what a worker reads each file with

    def noted(path: Path, context, *rest):  # type: ignore[no-untyped-def]
        (seen / str(os.getpid())).write_text(str(os.nice(0)), encoding="utf-8")
        return real(path, context, *rest)

    monkeypatch.setattr(batch_load, "read_scenario", noted)
    loaded = batch_load.load_in_batches(root.resolve())
    assert len(loaded.corpus.scenarios) == head_start.PARALLEL_FROM
    workers = {int(path.name): int(path.read_text(encoding="utf-8")) for path in seen.iterdir()}
    assert os.getpid() not in workers and workers
    assert set(workers.values()) == {min(19, os.nice(0) + head_start.WORKER_NICENESS)}



FORKED_BEFORE_PYDANTIC = """
import os
import sys
from pathlib import Path
from tui.corpus import batch_load
real = os.fork
parent = os.getpid()
seen = []

def noting():
    if os.getpid() == parent:
        seen.append("pydantic" in sys.modules or "tui.corpus.model" in sys.modules)
    return real()

os.fork = noting
loaded = batch_load.load_in_batches(Path(sys.argv[1]))
assert seen and not any(seen), seen
assert len(loaded.corpus.scenarios) == int(sys.argv[2]) and all(e.scenario is not None for e in loaded.corpus.scenarios)
print("ok")
"""


@pytest.mark.skipif(not head_start.can_fork(head_start.PARALLEL_FROM), reason="the workers are forked: needs fork and two cores")
def test_the_workers_are_forked_before_pydantic_is_imported(tmp_path: Path) -> None:
    # Importing pydantic and the models is a third of a second of the explorer's own process: done
    # while the workers check the files, not before they start (they check with plain records).
    import subprocess

    root = tmp_path / "many"
    make_copies(root, head_start.PARALLEL_FROM)
    count = len(list((root / "scenarios").glob("*.toml"))) - 2  # the catalogs
    done = subprocess.run([sys.executable, "-c", FORKED_BEFORE_PYDANTIC, str(root), str(count)], capture_output=True, text=True, cwd=Path(__file__).parents[1])
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr


@pytest.mark.skipif(not head_start.can_fork(head_start.PARALLEL_FROM), reason="the workers are forked: needs fork and two cores")
def test_a_worker_that_fails_leaves_its_files_to_the_explorer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "many"
    make_copies(root, head_start.PARALLEL_FROM + batch_load.CHUNK * 2)
    files = batch_load.scenario_files(root / "scenarios", batch_load.RESERVED)
    doomed = files[batch_load.CHUNK * 2]  # in the second chunk of the first worker: it sent its first
    real = batch_load._check_chunk
    parent = os.getpid()

    def failing(chunk: list[Path]):  # type: ignore[no-untyped-def]
        if doomed in chunk and os.getpid() != parent:
            raise MemoryError("a worker that dies")
        return real(chunk)

    monkeypatch.setattr(batch_load, "_check_chunk", failing)
    batches: list[int] = []
    loaded = batch_load.load_in_batches(root, lambda batch: batches.append(batch.done))
    one = batch_load.load_in_batches(root, parallel=False).corpus
    assert batches[-1] == len(files)
    assert [e.path for e in loaded.corpus.scenarios] == [e.path for e in one.scenarios]
    assert [e.diagnostics for e in loaded.corpus.scenarios] == [e.diagnostics for e in one.scenarios]
    assert [e.scenario for e in loaded.corpus.scenarios] == [e.scenario for e in one.scenarios]


QUIT_DURING_LOAD = """
import os
import sys
import threading
from pathlib import Path
from tui.corpus import batch_load
seen = Path(sys.argv[2])
real = batch_load._check_chunk

def noting(chunk):
    (seen / chunk[0].name).write_text("", encoding="utf-8")
    return real(chunk)

batch_load._check_chunk = noting
first = threading.Event()
# As the explorer loads: on a daemon thread, which the interpreter leaves behind when the reader quits.
threading.Thread(target=batch_load.load_in_batches, args=(Path(sys.argv[1]), lambda batch: first.set()), daemon=True).start()
first.wait()
"""


@pytest.mark.skipif(not head_start.can_fork(head_start.PARALLEL_FROM), reason="the workers are forked: needs fork and two cores")
def test_the_workers_stop_when_the_reader_quits_during_a_load(tmp_path: Path) -> None:
    # The process pool's exit handler waited for every file to be checked: ctrl+q during a load of
    # 3,000 scenarios gave the shell back only half a minute later.
    import subprocess

    root = tmp_path / "many"
    make_copies(root, 40 * batch_load.CHUNK)
    seen = tmp_path / "seen"
    seen.mkdir()
    done = subprocess.run([sys.executable, "-c", QUIT_DURING_LOAD, str(root), str(seen)], capture_output=True, text=True, cwd=Path(__file__).parents[1])
    assert done.returncode == 0, done.stderr
    checked = len(list(seen.iterdir()))  # chunks begun; every worker has exited (each writes a chunk in turn)
    assert 0 < checked < 20, checked


def _with_a_duplicate(root: Path) -> Path:
    """A copy of the first file under another id: each of its local actors is an error found only by
    the checks between files (defined in two scenarios)."""
    first = sorted(root.glob("scenarios/*-copy-*.toml"))[0]
    twin = first.with_name("zz-twin.toml")
    text = first.read_text(encoding="utf-8")
    assert "[[actors]]" in text
    twin.write_text(text.replace(f'id = "{first.stem}"', 'id = "zz-twin"', 1), encoding="utf-8")
    return twin


@pytest.mark.skipif(not head_start.can_fork(head_start.PARALLEL_FROM), reason="the workers are forked: needs fork and two cores")
def test_the_final_counts_and_badges_come_before_any_model_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Rebuilding every model as the chunks came took the explorer's process half a core the workers
    # needed: the counts came a third later at 1,000 files. They are final before any is rebuilt.
    root = tmp_path / "many"
    make_copies(root, head_start.PARALLEL_FROM)
    twin = _with_a_duplicate(root)
    rebuilt: list[Path] = []
    real = batch_load._Rebuilt.__call__

    def noted(self):  # type: ignore[no-untyped-def]
        rebuilt.append(self)
        return real(self)

    monkeypatch.setattr(batch_load._Rebuilt, "__call__", noted)
    batches: list[tuple[batch_load.Batch, int]] = []
    loaded = batch_load.load_in_batches(root, lambda batch: batches.append((batch, len(rebuilt))))
    last, rebuilt_by_then = batches[-1]
    assert last.viewable == head_start.PARALLEL_FROM and last.done == head_start.PARALLEL_FROM + 1 and rebuilt_by_then == 0
    assert all(batch.viewable is None for batch, _ in batches[:-1])
    # The last batch brings what the checks between files changed: the twin, which now has nothing to show.
    assert [entry.path for entry in last.entries] == [twin] and not last.entries[0].valid
    assert all(entry.listing is not None for batch, _ in batches[:-1] for entry in batch.entries if entry.path != twin)
    assert len(rebuilt) == head_start.PARALLEL_FROM  # each model once, for the corpus, after the counts
    one = batch_load.load_in_batches(root, parallel=False).corpus
    assert [e.path for e in loaded.corpus.scenarios] == [e.path for e in one.scenarios]
    assert [e.diagnostics for e in loaded.corpus.scenarios] == [e.diagnostics for e in one.scenarios]
    assert [e.scenario for e in loaded.corpus.scenarios] == [e.scenario for e in one.scenarios]
    assert [e.listing for e in loaded.corpus.scenarios] == [e.listing for e in one.scenarios]


class _ScriptedWorkers:
    """Stands in for the forked workers: what they would send comes from `_scripted`, on this process."""

    count = 2

    def __bool__(self) -> bool:
        return True

    def begin(self) -> None:
        pass

    def stop(self) -> None:
        pass


def _scripted(monkeypatch: pytest.MonkeyPatch, root: Path, events: list[str], *, models: Callable[[int, bytes], bytes | None] = lambda number, data: data) -> None:
    """The loader's workers replaced by the same checking on this process, in the order workers send
    it: every chunk's message, then (the task pipe empty) each chunk's models, passed through `models`
    (None: never sent). Each models message sent is noted in `events`."""
    monkeypatch.setattr(batch_load, "_can_fork", lambda count: True)
    monkeypatch.setattr(batch_load, "_fork_workers", lambda chunks: _ScriptedWorkers())

    def sending(workers: object, chunks: list[list[Path]], keeper: object = None) -> Iterator[tuple[int, bytes | None]]:
        batch_load._context = load.load_context(root, records=True)
        try:
            check, afterwards = batch_load._checking(chunks)
            for number in range(len(chunks)):
                yield number, check(number)
            for number, data in list(afterwards()):
                sent = models(number & ~batch_load.MODELS, data)
                if sent is not None:
                    events.append("models")
                    yield number, sent
        finally:
            batch_load._context = None

    monkeypatch.setattr(batch_load, "_from_workers", sending)


def _as_one_process(loaded: batch_load.Loaded, root: Path) -> None:
    one = batch_load.load_in_batches(root, parallel=False).corpus
    assert [e.path for e in loaded.corpus.scenarios] == [e.path for e in one.scenarios]
    assert [e.diagnostics for e in loaded.corpus.scenarios] == [e.diagnostics for e in one.scenarios]
    assert [e.scenario for e in loaded.corpus.scenarios] == [e.scenario for e in one.scenarios]


def test_the_counts_come_before_the_models_which_the_workers_send_last(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Packing and sending the models is most of what a worker does beyond `drawdown validate`'s
    # checking; the counts and badges need none of it.
    root = tmp_path / "many"
    make_copies(root, head_start.PARALLEL_FROM)
    events: list[str] = []
    _scripted(monkeypatch, root, events)
    loaded = batch_load.load_in_batches(root, lambda batch: events.append("counts" if batch.viewable is not None else "batch"))
    assert events.count("counts") == 1 and "models" in events
    assert events.index("counts") < events.index("models")
    _as_one_process(loaded, root)


@pytest.mark.parametrize("lost", ["never sent", "damaged"])
def test_models_a_worker_never_sent_are_made_from_the_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lost: str) -> None:
    # A worker that failed once its chunks were checked, or a kept copy whose models were spoiled.
    root = tmp_path / "many"
    make_copies(root, head_start.PARALLEL_FROM)
    spoiled = {0, 2}
    _scripted(monkeypatch, root, [], models=lambda number, data: data if number not in spoiled else None if lost == "never sent" else b"not a pickle")
    made: list[Path] = []
    real = batch_load._Models.checked_here
    monkeypatch.setattr(batch_load._Models, "checked_here", lambda self, path: made.append(path) or real(self, path))
    loaded = batch_load.load_in_batches(root)
    chunks = head_start.chunked(batch_load.scenario_files(root / "scenarios", batch_load.RESERVED))
    assert sorted(made) == sorted(path for number in spoiled for path in chunks[number])
    _as_one_process(loaded, root)


def test_a_worker_leaves_out_the_text_of_a_clean_file_and_keeps_that_of_one_with_errors(tmp_path: Path) -> None:
    # Half of what a worker sent was the text of files with nothing to report. Should the checks
    # between files find something in one, it is read again (covered above: the twin's errors are
    # placed as a single process places them).
    root = tmp_path / "some"
    make_copies(root, head_start.CHUNK)
    files = batch_load.scenario_files(root / "scenarios", batch_load.RESERVED)
    files[1].write_text("bogus = 1\n" + files[1].read_text(encoding="utf-8"), encoding="utf-8")
    batch_load._context = load.load_context(root, records=True)
    try:
        check, _ = batch_load._checking([files])
        sent, _ = pickle.loads(check(0))
    finally:
        batch_load._context = None
    texts = {entry.path: entry.report.text for entry, _, _ in sent}
    assert texts[files[1]] is not None and texts[files[1]].startswith("bogus = 1")
    assert [path for path, text in texts.items() if text is not None] == [files[1]]


def test_a_model_asked_for_before_its_models_came_waits_for_them() -> None:
    path = Path("one.toml")
    models = batch_load._Models([path], None)  # type: ignore[arg-type]

    class Unpacker:
        def scenario(self, packed):  # type: ignore[no-untyped-def]
            return ("rebuilt from", packed)

    rebuilt = batch_load._Rebuilt(models, path, Unpacker(), threading.Lock())  # type: ignore[arg-type]
    got: list[object] = []
    asking = threading.Thread(target=lambda: got.append(rebuilt()))
    asking.start()
    asking.join(0.2)
    assert asking.is_alive() and not got  # waiting
    models.arrive(pickle.dumps([pickle.dumps(("packed",))]))
    asking.join(5)
    assert got == [("rebuilt from", ("packed",))]


def test_a_model_asked_for_from_two_threads_at_once_is_rebuilt_once() -> None:
    made: list[object] = []

    class SlowUnpacker:
        def scenario(self, packed):  # type: ignore[no-untyped-def]
            time.sleep(0.05)  # long enough for the other thread to ask too
            made.append(object())
            return made[-1]

    path = Path("one.toml")
    models = batch_load._Models([path], None)  # type: ignore[arg-type]
    models.arrive(pickle.dumps([pickle.dumps(("packed",))]))
    rebuilt = batch_load._Rebuilt(models, path, SlowUnpacker(), threading.Lock())  # type: ignore[arg-type]
    got: list[object] = []
    threads = [threading.Thread(target=lambda: got.append(rebuilt())) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(made) == 1 and got == [made[0], made[0]]


async def test_the_models_are_rebuilt_once_the_frame_with_the_final_counts_is_drawn(large: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Rebuilt at once, they held the interpreter lock in turns with the explorer's thread, and the
    # frame with the counts came about 0.1 s later at 1,000 files.
    order: list[str] = []
    real_loaded = batch_load._loaded

    def rebuilding(*args):  # type: ignore[no-untyped-def]
        order.append("models rebuilt")
        return real_loaded(*args)

    real_refresh = HomeScreen._compositor_refresh

    def drawing(self: HomeScreen) -> None:
        real_refresh(self)
        if "counts drawn" not in order and f"{FILES} scenarios, 5 sources" in str(self.query_one(TitleBar).render()):
            order.append("counts drawn")

    monkeypatch.setattr(batch_load, "_loaded", rebuilding)
    monkeypatch.setattr(HomeScreen, "_compositor_refresh", drawing)
    monkeypatch.setattr(DrawdownApp, "BATCH_SECONDS", 5)  # the last batch is shown at once, not at a tick
    app = DrawdownApp(large, poll=False)
    async with app.run_test(size=(120, 40)):
        await asyncio.wait_for(app.corpus_ready(), 20)
    assert order[:2] == ["counts drawn", "models rebuilt"]


async def test_the_home_screen_shows_the_final_counts_and_badges_before_the_corpus_is_ready(large: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    twin = _with_a_duplicate(large)
    held = threading.Event()
    real = batch_load._loaded

    def waiting(*args):  # type: ignore[no-untyped-def]
        held.wait(20)  # the models being rebuilt
        return real(*args)

    monkeypatch.setattr(batch_load, "_loaded", waiting)
    monkeypatch.setattr(DrawdownApp, "BATCH_SECONDS", 5)  # the last batch is shown at once, not at a tick
    app = DrawdownApp(large, poll=False)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            home = app.screen
            title = lambda: str(home.query_one(TitleBar).render())  # noqa: E731
            await _until(pilot, lambda: f"{FILES} scenarios, 5 sources" in title(), timeout=4)  # not the twin
            assert app.live is None and not home.shows_loaded
            scenario_list = _listed(app)
            assert scenario_list.option_count == FILES + 1
            # The twin's badge is the error the checks between files found, and it has nothing to show.
            twin_card = "\n".join(scenario_list.get_option(str(twin)).prompt._lines)
            errors = twin.read_text(encoding="utf-8").count("[[actors]]")
            assert "This file has errors and no good version to show" in twin_card and f"✖ {errors} errors" in twin_card
            first = scenario_list.get_option_at_index(0).prompt
            assert "actors" in "\n".join(first._lines)  # a checked card, not a first look
            held.set()
            await asyncio.wait_for(app.corpus_ready(), 20)
            await pilot.pause()
            assert f"{FILES} scenarios, 5 sources" in title()
    finally:
        held.set()
