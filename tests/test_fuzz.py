"""Property: any input ends as a valid scenario or as diagnostics, never as an exception."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.corpus.bundled import bundled_root
from tui.corpus.load import ScenarioEntry, load_context, load_scenario

ROOT = bundled_root()
CONTEXT = load_context(ROOT)
BUNDLED = sorted(p for p in (ROOT / "scenarios").glob("*.toml") if p.name not in ("actors.toml", "series.toml"))
WORKDIR = Path(tempfile.mkdtemp(prefix="drawdown-fuzz-"))
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(text: str | bytes, name: str = "2011-troop-levels.toml") -> ScenarioEntry:
    path = WORKDIR / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
    else:
        path.write_bytes(text)
    entry = load_scenario(path, CONTEXT)
    lines = (text.count("\n") if isinstance(text, str) else text.count(b"\n")) + 1
    if entry.scenario is None:
        assert entry.has_errors
    else:
        assert not entry.has_errors
    for diagnostic in entry.diagnostics:
        assert 1 <= diagnostic.line <= lines + 1, diagnostic
        assert diagnostic.col >= 1
        assert diagnostic.message
    return entry


# -- arbitrary TOML documents -------------------------------------------------------------

KEYS = st.sampled_from(
    ["format", "scenario", "id", "title", "date", "steps", "kind", "actor", "stance", "quotes", "text",
     "source", "options", "figures", "value", "series", "summary", "troops", "toward", "x", "Ünï", "a b"]
)
SCALARS = st.one_of(
    st.integers(-(2**63), 2**63 - 1),
    st.booleans(),
    st.text(max_size=30),
    st.dates().map(lambda d: d),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["wire-2011", "pressure", "event", "outcome", "public", "al-sadr", "token-force"]),
)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)} = {_toml_value(v)}" for k, v in value.items()) + "}"
    return value.isoformat()


VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=4)),
    max_leaves=12,
)


def _document(top: dict[str, Any]) -> str:
    return "\n".join(f"{json.dumps(k)} = {_toml_value(v)}" for k, v in top.items()) + "\n"


@FUZZ
@given(st.dictionaries(KEYS, VALUES, max_size=6))
def test_arbitrary_toml_documents(top: dict[str, Any]) -> None:
    check(_document(top))


@FUZZ
@given(st.text(max_size=400))
def test_arbitrary_text(text: str) -> None:
    check(text)


@FUZZ
@given(st.binary(max_size=300))
def test_arbitrary_bytes(raw: bytes) -> None:
    check(raw)


# -- mutated copies of the bundled files --------------------------------------------------------

@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, str]:
    path = draw(st.sampled_from(BUNDLED))
    text = path.read_text(encoding="utf-8")
    for _ in range(draw(st.integers(1, 4))):
        if not text:
            break
        at = draw(st.integers(0, len(text) - 1))
        operation = draw(st.sampled_from(["delete", "insert", "duplicate-line", "swap-lines", "replace-value"]))
        if operation == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 40)) :]
        elif operation == "insert":
            text = text[:at] + draw(st.sampled_from(['"', "[", "]", "{", "=", "\n", "#", "\\u001b", "[[steps]]\n", "x = 1\n", ",", "'''"])) + text[at:]
        else:
            lines = text.split("\n")
            i = draw(st.integers(0, len(lines) - 1))
            j = draw(st.integers(0, len(lines) - 1))
            if operation == "duplicate-line":
                lines.insert(j, lines[i])
            elif operation == "swap-lines":
                lines[i], lines[j] = lines[j], lines[i]
            elif "=" in lines[i]:
                key = lines[i].split("=", 1)[0]
                lines[i] = key + "= " + _toml_value(draw(SCALARS))
            text = "\n".join(lines)
    return path.name, text


@FUZZ
@given(mutated())
def test_mutated_bundled_files(case: tuple[str, str]) -> None:
    name, text = case
    check(text, name)


def test_unmutated_bundled_files_are_valid() -> None:
    # The property above would pass vacuously if every bundled file were broken to begin with.
    for path in BUNDLED:
        assert check(path.read_text(encoding="utf-8"), path.name).scenario is not None, path.name
