"""A corpus opened again unchanged forks no worker at the explorer's first line (corpus/kept_checking.py,
head_start.py): the kept checking stands in for them. The guess comes from the files' times alone, so
it is never trusted for what is shown: a change the times miss is checked by workers the loader forks."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tui.corpus import batch_load, checked_cache, head_start
from tui.corpus.batch_load import load_in_batches
from tui.corpus.kept_checking import looks_current, path_for
from tui.corpus.layout import RESERVED, scenario_names



@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


@pytest.fixture(autouse=True)
def nothing_left_started() -> object:
    yield
    started, head_start._started = head_start._started, None
    if started is not None:
        started.workers.stop()


def _current(root: Path, cache: Path) -> bool:
    return looks_current(cache, root, scenario_names(root / "scenarios", RESERVED))


def _scenarios(root: Path) -> list[Path]:
    return sorted(path for path in (root / "scenarios").glob("*.toml") if path.name not in RESERVED)


def _seen(loaded: batch_load.Loaded) -> list[object]:
    return [(entry.path, entry.scenario, entry.diagnostics) for entry in loaded.corpus.scenarios]


def test_nothing_kept_does_not_look_current(kept_corpus: Path, cache: Path) -> None:
    assert not _current(kept_corpus, cache)  # no cache folder
    cache.mkdir()
    assert not _current(kept_corpus, cache)  # an empty one
    load_in_batches(kept_corpus, cache=cache)
    assert not _current(kept_corpus / "scenarios", cache)  # another corpus's kept checking


def test_a_corpus_opened_again_unchanged_looks_current(kept_corpus: Path, cache: Path) -> None:
    load_in_batches(kept_corpus, cache=cache)
    assert _current(kept_corpus, cache)
    load_in_batches(kept_corpus, cache=cache)  # read back from what was kept
    assert _current(kept_corpus, cache)


@pytest.mark.parametrize("change", ["scenario", "catalog", "document", "new file", "removed file", "renamed file"])
def test_any_change_since_the_checking_was_kept_does_not_look_current(kept_corpus: Path, cache: Path, change: str) -> None:
    load_in_batches(kept_corpus, cache=cache)
    scenarios = _scenarios(kept_corpus)
    if change == "scenario":
        scenarios[3].write_text(scenarios[3].read_text(encoding="utf-8").replace('title = "(', 'title = "[', 1), encoding="utf-8")
    elif change == "catalog":
        actors = kept_corpus / "scenarios" / "actors.toml"
        actors.write_text(actors.read_text(encoding="utf-8"), encoding="utf-8")
    elif change == "document":
        document = sorted((kept_corpus / "seeds").glob("*.txt"))[0]
        document.write_text(document.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    elif change == "new file":
        (kept_corpus / "scenarios" / "zz-new.toml").write_text(scenarios[0].read_text(encoding="utf-8"), encoding="utf-8")
    elif change == "removed file":
        scenarios[5].unlink()
    else:
        scenarios[5].rename(scenarios[5].with_name("zz-" + scenarios[5].name))
    assert not _current(kept_corpus, cache)


def test_a_kept_checking_that_did_not_serve_keeps_its_time(kept_corpus: Path, cache: Path) -> None:
    # Read back with another key (a file changed), it must not look current afterwards.
    load_in_batches(kept_corpus, cache=cache)
    kept = path_for(cache, kept_corpus)
    os.utime(kept, ns=(10**9, 10**9))
    assert checked_cache.read(cache, kept_corpus, "another corpus's key", 1) is None
    assert kept.stat().st_mtime_ns == 10**9
    load_in_batches(kept_corpus, cache=cache)  # this one serves: marked in use, now
    assert kept.stat().st_mtime_ns > 10**9


needs_two_cores = pytest.mark.skipif(not head_start.can_fork(head_start.PARALLEL_FROM), reason="the head start forks only with fork and two cores")


@needs_two_cores
def test_the_head_start_forks_no_worker_for_a_corpus_opened_again_unchanged(kept_corpus: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_in_batches(kept_corpus, cache=cache)
    head_start.start(kept_corpus, cache)
    assert head_start._started is None
    monkeypatch.setattr(batch_load, "_fork_workers", lambda chunks: pytest.fail("the files were checked again"))
    assert _seen(load_in_batches(kept_corpus, cache=cache)) == _seen(first)


@needs_two_cores
def test_the_head_start_forks_its_workers_for_a_corpus_changed_since(kept_corpus: Path, cache: Path) -> None:
    load_in_batches(kept_corpus, cache=cache)
    path = _scenarios(kept_corpus)[2]
    path.write_text(path.read_text(encoding="utf-8").replace('title = "(', 'title = "[', 1), encoding="utf-8")
    head_start.start(kept_corpus, cache)
    assert head_start._started is not None and head_start._started.workers
    assert _seen(load_in_batches(kept_corpus, cache=cache)) == _seen(load_in_batches(kept_corpus))


@needs_two_cores
def test_a_change_the_times_miss_is_checked_by_workers_the_loader_forks(kept_corpus: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    kept_before = _seen(load_in_batches(kept_corpus, cache=cache))
    path = _scenarios(kept_corpus)[3]
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    edited = text.replace('title = "(', 'title = "[', 1)
    assert edited != text and len(edited) == len(text)
    path.write_text(edited, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # the same size and time: only its bytes tell
    assert _current(kept_corpus, cache)  # the guess is wrong
    head_start.start(kept_corpus, cache)
    assert head_start._started is None
    forked: list[int] = []
    real = batch_load._fork_workers
    monkeypatch.setattr(batch_load, "_fork_workers", lambda chunks: forked.append(len(chunks)) or real(chunks))
    again = _seen(load_in_batches(kept_corpus, cache=cache))
    assert forked  # checked afresh, after the first frame
    assert again == _seen(load_in_batches(kept_corpus)) != kept_before
