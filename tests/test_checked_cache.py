"""A kept_corpus corpus opened again unchanged is not checked again (corpus/checked_cache.py), and any change
to what the checking reads is checked afresh: the corpus shown is always the one a full check gives."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from conftest import KEPT_CORPUS_FILES as FILES
from tui.corpus import batch_load, checked_cache
from tui.corpus.batch_load import Loaded, load_in_batches


def _seen(loaded: Loaded) -> tuple[Any, ...]:
    """Everything the explorer shows of a corpus: each scenario as read, every diagnostic of every file."""
    corpus = loaded.corpus
    scenarios = [(entry.path, entry.scenario.model_dump() if entry.scenario else None, [d.format() for d in entry.diagnostics]) for entry in corpus.scenarios]
    reports = [(report.path, [d.format() for d in report.diagnostics]) for report in corpus.reports]
    return scenarios, reports, sorted(corpus.actors), sorted(corpus.series), sorted(corpus.actor_home.items(), key=str)


def _no_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(chunks: object) -> list[object]:
        raise AssertionError("the files were checked again")

    monkeypatch.setattr(batch_load, "_fork_workers", refused)


def test_an_unchanged_corpus_is_read_from_the_cache_as_a_full_check_gives_it(kept_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    first = load_in_batches(kept_corpus, cache=cache)
    assert len(list(cache.iterdir())) == 1
    batches: list[int] = []
    with monkeypatch.context() as patched:
        _no_workers(patched)
        again = load_in_batches(kept_corpus, lambda batch: batches.append(batch.done), cache=cache)
    assert _seen(again) == _seen(first) == _seen(load_in_batches(kept_corpus))
    assert len(batches) > 1 and batches[-1] == FILES  # still told batch by batch, as the workers tell it


@pytest.mark.parametrize(
    "change",
    ["scenario", "catalog", "document", "new file", "removed file"],
)
def test_any_change_to_what_the_check_reads_is_checked_afresh(kept_corpus: Path, tmp_path: Path, change: str) -> None:
    cache = tmp_path / "cache"
    before = _seen(load_in_batches(kept_corpus, cache=cache))
    scenarios = sorted(p for p in (kept_corpus / "scenarios").glob("*.toml") if p.name not in ("actors.toml", "series.toml"))
    if change == "scenario":  # the same size and time: only its bytes tell
        path = scenarios[3]
        stat = path.stat()
        text = path.read_text(encoding="utf-8")
        edited = text.replace('title = "(', 'title = "[', 1)
        assert edited != text and len(edited) == len(text)
        path.write_text(edited, encoding="utf-8")
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    elif change == "catalog":
        actors = kept_corpus / "scenarios" / "actors.toml"
        actors.write_text(actors.read_text(encoding="utf-8").replace('kind = "person"', 'kind = "persons"', 1), encoding="utf-8")
    elif change == "document":
        document = sorted((kept_corpus / "seeds").glob("*.txt"))[0]
        document.write_text(document.read_text(encoding="utf-8").replace("troops", "soldiers"), encoding="utf-8")
    elif change == "new file":
        (kept_corpus / "scenarios" / "zz-new.toml").write_text(scenarios[0].read_text(encoding="utf-8").replace("-copy-0000", "-copy-9999"), encoding="utf-8")
    else:
        scenarios[5].unlink()
    fresh = _seen(load_in_batches(kept_corpus))
    assert fresh != before  # the change shows: a cache that served the old check would be caught
    assert _seen(load_in_batches(kept_corpus, cache=cache)) == fresh
    assert _seen(load_in_batches(kept_corpus, cache=cache)) == fresh  # and what was kept after it


def test_a_file_changed_while_the_workers_read_it_leaves_nothing_kept(kept_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    keys = iter(["before the workers read", "after they read"])
    monkeypatch.setattr(batch_load, "corpus_key", lambda context, files: next(keys))
    cache = tmp_path / "cache"
    load_in_batches(kept_corpus, cache=cache)
    assert not cache.exists() or not list(cache.iterdir())


def test_a_damaged_or_foreign_cache_file_costs_only_the_check(kept_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    expected = _seen(load_in_batches(kept_corpus, cache=cache))
    (kept,) = cache.iterdir()
    whole = kept.read_bytes()
    # Cut in its header, cut after some chunks, a chunk's bytes spoiled (its models', its files'), not a pickle at all, empty.
    spoiled = bytearray(whole)
    spoiled[-200:-100] = bytes(100)
    flipped = bytearray(whole)
    at = whole.rindex("troops".encode())  # a word in a quote of the last chunk's models: a pickle that loads, changed
    flipped[at : at + 6] = "troops".upper().encode()
    flipped_first = bytearray(whole)
    at = whole.index("troops".encode())  # in the text of the first chunk's first file
    flipped_first[at : at + 6] = "troops".upper().encode()
    for damage in (whole[:100], whole[: len(whole) // 2], bytes(spoiled), bytes(flipped), bytes(flipped_first), b"not a pickle", b""):
        kept.write_bytes(damage)
        assert _seen(load_in_batches(kept_corpus, cache=cache)) == expected
        load_in_batches(kept_corpus, cache=cache)  # checked, and kept again whole
        with monkeypatch.context() as patched:
            _no_workers(patched)
            assert _seen(load_in_batches(kept_corpus, cache=cache)) == expected
    _keep(cache, kept_corpus, "another key")
    assert _seen(load_in_batches(kept_corpus, cache=cache)) == expected


def _keep(cache: Path, root: Path, key: str) -> None:
    keeper = checked_cache.Keeper(cache, root, key, [0])
    keeper.add(0, b"what a worker sent")
    keeper.finish(key)


def test_a_cache_folder_that_cannot_be_written_still_loads(kept_corpus: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder would go", encoding="utf-8")
    assert _seen(load_in_batches(kept_corpus, cache=blocked / "cache")) == _seen(load_in_batches(kept_corpus))


def test_only_the_newest_corpora_are_kept(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    for number in range(checked_cache.KEPT + 3):
        _keep(cache, tmp_path / f"corpus-{number}", "key")
    assert len(list(cache.glob("*.checked"))) == checked_cache.KEPT
    newest = checked_cache.read(cache, tmp_path / f"corpus-{checked_cache.KEPT + 2}", "key", [0])
    assert newest is not None and list(newest) == [(0, b"what a worker sent")]
    assert checked_cache.read(cache, tmp_path / "corpus-0", "key", [0]) is None  # the oldest went
    assert not list(cache.glob("*.tmp"))


def test_what_is_kept_is_not_held_in_memory_but_written_as_it_comes(kept_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # At 3,000 files what the workers send is over 100 MB: held until the load ended, it stayed in
    # the explorer's memory (377 MB against 277 without a cache, measured).
    cache = tmp_path / "cache"
    written: list[int] = []
    add = checked_cache.Keeper.add

    def added(self: checked_cache.Keeper, index: int, data: bytes | memoryview) -> None:
        add(self, index, data)
        written.append(sum(file.stat().st_size for file in cache.glob("*.tmp")))

    monkeypatch.setattr(checked_cache.Keeper, "add", added)
    load_in_batches(kept_corpus, cache=cache)
    assert len(written) > 2 and written == sorted(written) and written[0] < written[-1]


def test_the_explorers_command_gives_the_app_the_cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import argparse

    from tui import stylesheet_cache
    from tui.app import DrawdownApp
    from tui.cli import explore

    given: list[Path | None] = []
    monkeypatch.setenv("DRAWDOWN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("DRAWDOWN_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setattr(DrawdownApp, "run", lambda self: given.append(self.cache))
    try:
        assert explore.run(argparse.Namespace(path=Path(__file__).parent / "fixtures" / "corpus")) == 0
    finally:
        stylesheet_cache.uninstall()
    assert given == [tmp_path / "cache"]


def test_references_to_a_broken_catalog_are_listed_in_file_order_however_the_workers_finish(kept_corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The error names the first files that could not be checked: which files came back first from
    # the two workers (and so from the cache) changed them from one load to the next.
    actors = kept_corpus / "scenarios" / "actors.toml"
    actors.write_text(actors.read_text(encoding="utf-8").replace('kind = "person"', 'kind = "persons"', 1), encoding="utf-8")
    one_process = _seen(load_in_batches(kept_corpus, parallel=False))
    assert "more files could not be checked" in repr(one_process)
    assert _seen(load_in_batches(kept_corpus)) == one_process

    def last_chunk_first(roots: Any, refs: Any) -> None:  # as if each chunk came before the ones before it
        for key, found in refs.items():
            if key in roots:
                roots[key].refs[:0] = found

    monkeypatch.setattr(batch_load, "give_refs", last_chunk_first)
    assert _seen(load_in_batches(kept_corpus)) == one_process


def test_a_load_that_fails_leaves_no_file_behind_and_an_old_one_left_behind_goes(kept_corpus: Path, tmp_path: Path) -> None:
    from tui import cache_folder

    cache = tmp_path / "cache"
    batches: list[object] = []

    def fails(batch: object) -> None:  # the explorer's side of the load failing midway
        batches.append(batch)
        if len(batches) == 2:
            raise RuntimeError("the load failed")

    with pytest.raises(RuntimeError):
        load_in_batches(kept_corpus, fails, cache=cache)
    assert cache.is_dir() and not list(cache.iterdir())
    # One a quit explorer left (an hour old), and one another explorer is writing now.
    old, current = cache / "left.tmp", cache / "being-written.tmp"
    for path in (old, current):
        path.write_bytes(b"half a file")
    hour_ago = old.stat().st_mtime - cache_folder.LEFT_BEHIND_SECONDS - 1
    os.utime(old, (hour_ago, hour_ago))
    load_in_batches(kept_corpus, cache=cache)
    assert not old.exists() and current.exists()
