"""`drawdown validate`'s plain records: never a table model.py refuses, and the same diagnostics as pydantic's path."""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import tomli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from tui.corpus import model, plain_records
from tui.corpus import validate as validate_module
from tui.corpus.bundled import bundled_root
from tui.corpus.load import load_corpus, load_files
from tui.corpus.plain_records import SPECS, Record, record
from tui.corpus.validate import validate_paths

FIXTURES = Path(__file__).parent / "fixtures" / "corpus"
CORPORA = {"bundled": bundled_root(), "fixtures": FIXTURES}


def _plain(value: Any) -> Any:
    """A model or a record as nested dicts of its fields, to compare the two."""
    if isinstance(value, BaseModel):
        return {key: _plain(getattr(value, key)) for key in type(value).model_fields}
    if isinstance(value, Record):
        return {key: _plain(item) for key, item in value.__dict__.items() if key != "resolved_span"}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _agrees(model_name: str, data: Any) -> None:
    """The one-sided promise: a record only where pydantic accepts the same data, with the same fields."""
    got = record(model_name, data)
    if got is None:
        return
    try:
        parsed = getattr(model, model_name).model_validate(data)
    except ValidationError as exc:
        pytest.fail(f"record accepted what {model_name} refuses: {data!r}\n{exc}")
    assert _plain(got) == _plain(parsed)


# -- the specs are model.py's -------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SPECS))
def test_each_spec_has_its_models_fields_defaults_and_required_keys(name: str) -> None:
    fields = getattr(model, name).model_fields
    spec = SPECS[name]
    assert list(spec.fields) == list(fields)
    for key, info in fields.items():
        _, default = spec.fields[key]
        if info.is_required():
            assert default is plain_records._REQUIRED, key
        elif info.default_factory is not None:
            assert default is list and info.default_factory() == [], key
        else:
            assert default == info.default, key


def _tables(root: Path) -> list[tuple[str, Any]]:
    """(model name, data) of every table of a corpus: catalogs' entries and whole scenario files."""
    out: list[tuple[str, Any]] = []
    for path, key, name in (("seeds/sources.toml", "sources", "Source"), ("scenarios/actors.toml", "actors", "Actor"), ("scenarios/series.toml", "series", "Series")):
        out += [(name, item) for item in tomli.loads((root / path).read_text(encoding="utf-8"))[key]]
    for path in sorted((root / "scenarios").glob("*.toml")):
        if path.name not in ("actors.toml", "series.toml"):
            out.append(("ScenarioFile", tomli.loads(path.read_text(encoding="utf-8"))))
    return out


@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_every_clean_table_becomes_a_record_equal_to_its_model(corpus: str) -> None:
    tables = _tables(CORPORA[corpus])
    assert len(tables) > 10
    for name, data in tables:
        assert record(name, data) is not None, (name, data)
        _agrees(name, data)


# -- mutated tables: a record is never something pydantic refuses ------------------------

VALUES = st.one_of(
    st.sampled_from(["", "x", "Bad Slug", "a-b", "a--b", "-a", "ok\n", "stated", "inferred", "public", "event", "pressure", "outcome", "confirmed", "news", "person", "troops"]),
    st.sampled_from(["https://example.org/a", "http://x", "https://a b", "https://é.org", "a" * 64, "0" * 63, "f" * 64 + "\n"]),
    st.integers(min_value=-3, max_value=3),
    st.sampled_from([2**63, -(2**63), 10**30]),
    st.booleans(),
    st.floats(allow_nan=False, width=32),
    st.sampled_from([dt.date(2020, 1, 7), dt.datetime(2020, 1, 7, 10, 0), dt.time(10, 0)]),
    st.sampled_from([[], [1, 2], [2, 1], [1], [1, 2, 3], [True, 2], [1, "a"], ["a"], [""], ["a-b", "c"], {}, {"source": "doc", "text": "words"}, [{"source": "doc", "text": "w"}], [{"source": "doc"}]]),
)


def _paths(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, path + (index,))
    return found


def _mutated(data: Any, path: tuple[Any, ...], how: str, value: Any, key: str) -> Any:
    if not path:
        return value if how == "set" else data
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if how == "set":
        parent[last] = value
    elif how == "delete":
        del parent[last]
    elif how == "rename" and isinstance(parent, dict):
        parent[key] = parent.pop(last)
    elif how == "add" and isinstance(parent[last], dict):
        parent[last][key] = value
    return data


ALL_KEYS = sorted({key for spec in SPECS.values() for key in spec.fields} | {"questio", "quote_text", "id "})
TABLES = [(name, data) for corpus in sorted(CORPORA) for name, data in _tables(CORPORA[corpus])]


@settings(max_examples=600, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=len(TABLES) - 1), st.integers(min_value=0), st.sampled_from(["set", "delete", "rename", "add"]), VALUES, st.sampled_from(ALL_KEYS), st.integers(min_value=1, max_value=3))
def test_a_record_of_a_mutated_table_is_always_what_pydantic_accepts(which: int, where: int, how: str, value: Any, key: str, times: int) -> None:
    import copy

    name, original = TABLES[which]
    data = copy.deepcopy(original)
    chooser = random.Random(where)
    for _ in range(times):
        paths = _paths(data)
        data = _mutated(data, paths[chooser.randrange(len(paths))], how, copy.deepcopy(value), key)
    _agrees(name, data)


# -- whole corpora: the same diagnostics on both paths -------------------------------------

# key = value pairs as written (strings on one line, dates, numbers, booleans, one-line arrays).
_PAIR = re.compile(r'\b([a-z_]+)( = )("(?:[^"\\\n]|\\.)*"|\d{4}-\d\d-\d\d|-?\d+|true|false|\[[^\]\n]*\])')
_LITERALS = [
    '""', '"x"', '"Bad Slug"', '"a-b"', '"stated"', '"inferred"', '"public"', '"private"', '"event"', '"pressure"', '"outcome"',
    '"confirmed"', '"news"', '"opinion"', '"person"', '"doc"', '"minister"', '"troops"', '"TODO write this"', "0", "1", "-5", "3000",
    "true", "2020-01-07", "2020-01-07T10:00:00", "10:00:00", "1.5", "[]", "[1, 2]", "[2, 1]", '[1, "a"]', '["a"]', '[""]', "{}",
    '{ source = "doc", text = "will stay" }', '"https://x.org/a"', '"' + "a" * 64 + '"', '"unterminated',
]


def _mutate_text(text: str, chooser: random.Random) -> str:
    pairs = list(_PAIR.finditer(text))
    if not pairs:
        return text + "\nstray = 1\n"
    pair = chooser.choice(pairs)
    how = chooser.randrange(4)
    if how == 0:  # another value
        return text[: pair.start(3)] + chooser.choice(_LITERALS) + text[pair.end(3) :]
    if how == 1:  # another key (unknown, misplaced or duplicated)
        return text[: pair.start(1)] + chooser.choice(ALL_KEYS).strip() + text[pair.end(1) :]
    if how == 2:  # the pair gone
        return text[: pair.start()] + text[pair.end() :]
    return text[: pair.start(3)] + pair.group(3).replace("-", "_", 1).replace("a", "A", 1) + text[pair.end(3) :]


def _formatted(diagnostics: list[Any]) -> list[str]:
    return [d.format() + repr((d.suggestion, d.closest, d.folded)) for d in diagnostics]


def _files(root: Path) -> list[Path]:
    return sorted((root / "scenarios").glob("*.toml")) + [root / "seeds" / "sources.toml"]


@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_mutated_corpora_get_the_same_diagnostics_with_records_as_with_models(tmp_path: Path, corpus: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    chooser = random.Random(f"plain-records-{corpus}")
    source = CORPORA[corpus]
    differing = 0
    for run in range(40):
        root = tmp_path / f"c{run}"
        for part in ("seeds", "scenarios"):
            shutil.copytree(source / part, root / part)
        for _ in range(chooser.randint(1, 3)):
            path = chooser.choice(_files(root))
            path.write_text(_mutate_text(path.read_text(encoding="utf-8"), chooser), encoding="utf-8")
        models = _formatted(load_corpus(root).diagnostics)
        assert _formatted(load_corpus(root, records=True).diagnostics) == models
        scenario = chooser.choice(sorted((root / "scenarios").glob("20*.toml")))
        assert _formatted(load_files([scenario], records=True).diagnostics) == _formatted(load_files([scenario]).diagnostics)
        differing += any(": error: " in line for line in models)
    assert differing >= 20  # most runs broke something, so the slow path was taken


def test_the_parallel_path_gives_the_same_diagnostics_as_one_load_with_models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(validate_module, "PARALLEL_FROM", 1)
    chooser = random.Random("plain-records-parallel")
    for run in range(8):
        root = tmp_path / f"c{run}"
        for part in ("seeds", "scenarios"):
            shutil.copytree(FIXTURES / part, root / part)
        path = chooser.choice(_files(root))
        path.write_text(_mutate_text(path.read_text(encoding="utf-8"), chooser), encoding="utf-8")
        diagnostics, _ = validate_paths([root])
        assert _formatted(diagnostics) == _formatted(sorted(set(load_corpus(root).diagnostics), key=validate_module.sort_key))


def test_a_failed_second_process_costs_only_time_its_files_are_checked_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(validate_module, "PARALLEL_FROM", 1)
    root = tmp_path / "corpus"
    for part in ("seeds", "scenarios"):
        shutil.copytree(FIXTURES / part, root / part)
    parent = os.getpid()
    check_files = validate_module._check_files

    def failing_in_the_child(files: list[Path]) -> Any:
        if os.getpid() != parent:
            raise MemoryError("the second process fails")
        return check_files(files)

    monkeypatch.setattr(validate_module, "_check_files", failing_in_the_child)
    diagnostics, count = validate_paths([root])
    assert sum(count) == 9
    assert _formatted(diagnostics) == _formatted(sorted(set(load_corpus(root).diagnostics), key=validate_module.sort_key))
    assert any(d.is_error for d in diagnostics)


@pytest.mark.parametrize(("corpus", "status"), [("bundled", "0"), ("fixtures", "1")])
def test_validate_of_a_corpus_of_clean_tables_never_imports_pydantic(corpus: str, status: str) -> None:
    # The fixtures' errors are of quotes and ids, not of shape: no table needs pydantic either.
    code = (
        "import sys; from tui.cli import main\n"
        "sys.stdout = open('/dev/null', 'w')\n"
        f"status = main(['validate', {str(CORPORA[corpus])!r}])\n"
        "sys.stdout = sys.__stdout__\n"
        "print(status, 'pydantic' in sys.modules, 'tui.corpus.model' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout.split()
    assert out == [status, "False", "False"]
