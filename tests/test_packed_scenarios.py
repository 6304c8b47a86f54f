"""Scenarios sent from the explorer's workers packed as plain values, and rebuilt as models.

A rebuilt model must be the model pydantic makes of the same file: the same class, fields, set of
given fields and quote spans, whether the worker checked the file with plain records (a clean file)
or with pydantic. And what a worker sends holds no pydantic model, and a clean file costs it no
pydantic validation (the two costs this replaces: docs/performance.md).
"""

from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from tui.corpus import batch_load, head_start, load
from tui.corpus.bundled import bundled_root
from tui.corpus.layout import RESERVED, scenario_files
from tui.corpus.load import load_context, read_scenario
from tui.corpus.packed_scenarios import Unpacker, pack
from tui.corpus.shared_values import SharedValues

sys.path.insert(0, str(Path(__file__).parent / "bench"))
from corpus_copies import make_copies  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures" / "corpus"


def _same(a: Any, b: Any, where: str = "") -> None:
    """`a` and `b` are the same models, down to the set of given fields and what lies beside the fields."""
    assert type(a) is type(b), where
    if isinstance(a, BaseModel):
        assert a.__dict__.keys() == b.__dict__.keys(), where
        assert a.__pydantic_fields_set__ == b.__pydantic_fields_set__, where
        assert a.__pydantic_extra__ == b.__pydantic_extra__ and a.__pydantic_private__ == b.__pydantic_private__, where
        for key in a.__dict__:
            _same(a.__dict__[key], b.__dict__[key], f"{where}.{key}")
    elif isinstance(a, list):
        assert len(a) == len(b), where
        for index, (x, y) in enumerate(zip(a, b)):
            _same(x, y, f"{where}[{index}]")
    else:
        assert a == b, where


def _edited(root: Path, tmp_path: Path) -> Path:
    """A copy of the bundled corpus whose first scenario gives optional fields their defaults and a
    range of troops: a set of given fields that its values alone cannot tell."""
    import shutil

    copy = tmp_path / "edited"
    shutil.copytree(root, copy)
    path = scenario_files(copy / "scenarios", RESERVED)[0]
    added = '\n[[options]]\nid = "added"\nlabel = "Added"\ntroops = [1000, 2000]\nquotes = []\n\n[[steps]]\nkind = "event"\nsummary = "Added."\nquotes = []\n'
    path.write_text(path.read_text(encoding="utf-8") + added, encoding="utf-8")
    return copy


@pytest.mark.parametrize("corpus", ["bundled", "fixtures", "edited"])
def test_a_rebuilt_scenario_is_the_model_pydantic_makes(corpus: str, tmp_path: Path) -> None:
    root = {"bundled": bundled_root(), "fixtures": FIXTURES}.get(corpus) or _edited(bundled_root(), tmp_path)
    with_models = load_context(root)
    with_records = load_context(root, records=True)
    unpacker = Unpacker(SharedValues())
    compared = 0
    for path in scenario_files(root / "scenarios", RESERVED):
        expected, _ = read_scenario(path, with_models)
        for context in (with_models, with_records):
            entry, data = read_scenario(path, context)
            assert entry.diagnostics == expected.diagnostics
            if expected.scenario is None:
                assert entry.scenario is None
                continue
            assert data is not None and entry.scenario is not None
            rebuilt = unpacker.scenario(pickle.loads(pickle.dumps(pack(entry.scenario, data))))
            _same(rebuilt, expected.scenario, path.name)
            assert rebuilt == expected.scenario
            compared += 1
    assert compared >= 4


def test_the_edited_file_gives_fields_set_to_their_defaults(tmp_path: Path) -> None:
    # What the test above leans on for "edited": the given fields differ from the defaulted ones.
    root = _edited(bundled_root(), tmp_path)
    entry, data = read_scenario(scenario_files(root / "scenarios", RESERVED)[0], load_context(root, records=True))
    assert entry.scenario is not None and data is not None
    rebuilt = Unpacker(SharedValues()).scenario(pack(entry.scenario, data))
    assert rebuilt.options[-1].__pydantic_fields_set__ == {"id", "label", "troops", "quotes"}
    assert rebuilt.options[-1].troops == [1000, 2000] and rebuilt.options[-1].quotes == []
    assert rebuilt.steps[-1].__pydantic_fields_set__ == {"kind", "summary", "quotes"}


@pytest.fixture(scope="module")
def copies(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("packed") / "copies"
    make_copies(root, head_start.PARALLEL_FROM + 4)
    return root.resolve()


class _NoModels(pickle.Pickler):
    """Pickles as the workers' pipe does, noting any pydantic model on the way."""

    models = 0

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, BaseModel):
            type(self).models += 1
        return NotImplemented


_SEEN: list[Path] = []  # where the workers note what they did (set by the test, before the fork)
_REAL_CHUNK = batch_load._check_chunk
_REAL_VALIDATE = load.validate_model


def _noting_chunk(files: list[Path]):  # type: ignore[no-untyped-def]
    # At module level: the pool sends the task's function by name.
    import io

    sent = _REAL_CHUNK(files)
    _NoModels.models = 0
    _NoModels(io.BytesIO()).dump(sent)
    (_SEEN[0] / f"sent-{os.getpid()}-{files[0].name}").write_text(str(_NoModels.models), encoding="utf-8")
    return sent


def _noting_validate(*args: Any, **kwargs: Any) -> Any:
    (_SEEN[0] / f"pydantic-{os.getpid()}").write_text("", encoding="utf-8")
    return _REAL_VALIDATE(*args, **kwargs)


@pytest.mark.skipif(not head_start.can_fork(head_start.PARALLEL_FROM), reason="the workers are forked: needs fork and two cores")
def test_the_workers_send_no_model_and_validate_clean_files_without_pydantic(copies: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = tmp_path / "seen"
    seen.mkdir()
    monkeypatch.setattr(sys.modules[__name__], "_SEEN", [seen])
    # Set before the workers are forked: they run these.
    monkeypatch.setattr(batch_load, "_check_chunk", _noting_chunk)
    monkeypatch.setattr(load, "validate_model", _noting_validate)
    loaded = batch_load.load_in_batches(copies)
    sent = [path for path in seen.iterdir() if path.name.startswith("sent-")]
    assert sent and all(path.read_text(encoding="utf-8") == "0" for path in sent)
    assert all(int(path.name.split("-")[1]) != os.getpid() for path in sent)  # checked on the workers
    workers = {path.name.split("-")[1] for path in sent}
    assert not [path for path in seen.iterdir() if path.name.startswith("pydantic-") and path.name.split("-")[1] in workers]
    # And the explorer holds models all the same, as a load on one process makes them.
    one = batch_load.load_in_batches(copies, parallel=False).corpus
    assert [e.id for e in loaded.corpus.scenarios] == [e.id for e in one.scenarios]
    for a, b in zip(loaded.corpus.scenarios, one.scenarios, strict=True):
        assert a.diagnostics == b.diagnostics
        _same(a.scenario, b.scenario, a.id)
