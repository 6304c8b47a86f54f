"""docs/scenario.schema.json under real validators: check-jsonschema, and taplo as editors run it.

Every bundled scenario passes; a broken copy gets exactly one error, at the broken key,
saying what is allowed.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from corpus_builder import write_corpus
from test_cli import drawdown

REPO = Path(__file__).resolve().parent.parent
SCHEMA = REPO / "docs" / "scenario.schema.json"
BUNDLED = sorted(p for p in (REPO / "scenarios").glob("*.toml") if p.name not in ("actors.toml", "series.toml"))
BASE = REPO / "scenarios" / "2011-troop-levels.toml"

EVENT = 'kind = "event"\n'
PRESSURE_STANCE = 'stance = "reported"\n'

# name -> (how the bundled file is broken, the one error's JSON path and message)
BREAKS = {
    "enum typo": (lambda t: t.replace(PRESSURE_STANCE, 'stance = "Reported"\n', 1), r"\$\.steps\[1\]\.stance", "'Reported' is not one of ['public', 'private', 'reported']"),
    "status on an event": (lambda t: t.replace(EVENT, EVENT + 'status = "confirmed"\n', 1), r"\$\.steps\[0\](\.status)?", "False schema does not allow 'confirmed'"),
    "unknown key": (lambda t: t.replace(EVENT, EVENT + 'colour = "red"\n', 1), r"\$\.steps\[0\]\.colour", "False schema does not allow 'red'"),
    "pressure without stance": (lambda t: t.replace(PRESSURE_STANCE, "", 1), r"\$\.steps\[1\]", "'stance' is a required property"),
}


def tool(name: str) -> str:
    # Installed with the test extra, beside this interpreter.
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    assert found, f"{name} is not installed: pip install -e '.[test]'"
    return found


def check_jsonschema(*files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [tool("check-jsonschema"), "--output-format", "json", "--schemafile", str(SCHEMA), *map(str, files)],
        capture_output=True, text=True, timeout=120,
    )


def broken_copy(tmp_path: Path, name: str) -> Path:
    text = BASE.read_text(encoding="utf-8")
    broken = BREAKS[name][0](text)
    assert broken != text, name
    path = tmp_path / "scenarios" / BASE.name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(broken, encoding="utf-8")
    return path


def test_check_jsonschema_passes_every_bundled_scenario() -> None:
    result = check_jsonschema(*BUNDLED)
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout)["status"] == "ok"


@pytest.mark.parametrize("name", BREAKS)
def test_check_jsonschema_gives_one_error_per_break(tmp_path: Path, name: str) -> None:
    result = check_jsonschema(broken_copy(tmp_path, name))
    assert result.returncode == 1
    [error] = json.loads(result.stdout)["errors"]
    _, where, message = BREAKS[name]
    assert re.fullmatch(where, error["path"]) and error["message"] == message, error
    assert not error["has_sub_errors"]  # not "is not valid under any of the given schemas"


def taplo(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([tool("taplo"), "check", *args], capture_output=True, text=True, cwd=cwd, timeout=120)


def taplo_errors(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in (result.stdout + result.stderr).splitlines() if line.startswith("error:")]


def test_taplo_reads_the_schema_line_of_a_new_scenario_in_a_users_corpus(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    assert drawdown("new", "s2", "--source", "doc", cwd=tmp_path).returncode == 0
    path = tmp_path / "scenarios" / "s2.toml"
    clean = taplo(str(path), cwd=tmp_path)
    assert clean.returncode == 0 and taplo_errors(clean) == [], clean.stderr
    path.write_text(path.read_text(encoding="utf-8").replace('date_basis = "', 'date_basis = "x', 1), encoding="utf-8")
    broken = taplo(str(path), cwd=tmp_path)
    assert broken.returncode != 0  # so the #:schema line resolved: without a schema taplo only checks syntax
    assert taplo_errors(broken) == ['error: "xstated" is not one of ["stated","inferred"]'], broken.stderr


def test_taplo_passes_every_bundled_scenario_by_its_own_schema_line() -> None:
    result = taplo(*map(str, BUNDLED), cwd=REPO)
    assert result.returncode == 0 and taplo_errors(result) == [], result.stderr


@pytest.mark.parametrize("name", ["enum typo", "status on an event", "unknown key"])
def test_taplo_gives_one_error_per_break(tmp_path: Path, name: str) -> None:
    path = broken_copy(tmp_path, name)
    result = taplo("--schema", SCHEMA.as_uri(), str(path), cwd=tmp_path)
    assert result.returncode != 0
    message = BREAKS[name][2].replace("'", '"').replace('", "', '","')
    assert taplo_errors(result) == [f"error: {message}"], result.stderr
