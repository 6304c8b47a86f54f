"""JSON Schema of a scenario file, for editors (taplo, Even Better TOML) and docs/.

Generated from the models, then shaped for the way editors read it:

- An optional key is one a file leaves out (TOML has no null), so its schema is the
  value's own: a plain `enum` an editor can offer, not `anyOf` with `null`.
- A step's keys depend on its `kind` (the rules `checks.py` applies): `if`/`then` per kind,
  so `status` on an event is refused and a pressure without `stance` is flagged.
- An unknown key is refused once, at the key. `additionalProperties: false` is an error
  of the whole table, which taplo 0.9 marks at every key and value in it (20 errors for
  one key in a step); a schema that refuses the key's value is reported once, where it is.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .model import ScenarioFile

# Relative to a corpus's root; every scenario file's `#:schema ../docs/scenario.schema.json` names it.
SCHEMA_FILE = Path("docs") / "scenario.schema.json"

# Which keys each step kind requires, and which it refuses (docs/format.md, "[[steps]]").
STEP_KINDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "event": ((), ("stance", "toward", "status", "enacts")),
    "pressure": (("actor", "stance"), ("status", "enacts")),
    "outcome": (("status",), ("stance", "toward")),
}


UNKNOWN_KEY = {"description": "Not a key of this table: docs/format.md lists the keys of each.", "allOf": [False]}


def scenario_schema() -> dict[str, Any]:
    schema = _unknown_keys_at_the_key(_without_null(ScenarioFile.model_json_schema()))
    schema["$defs"]["Step"]["allOf"] = [_kind_rule(kind, *rules) for kind, rules in STEP_KINDS.items()]
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def schema_text() -> str:
    """The schema as `drawdown schema` prints it and docs/scenario.schema.json holds it."""
    return json.dumps(scenario_schema(), indent=2, ensure_ascii=False) + "\n"


def _without_null(node: Any) -> Any:
    """`anyOf: [X, {type: null}]` becomes X, and `default: null` goes: TOML leaves a key out instead."""
    if isinstance(node, list):
        return [_without_null(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _without_null(item) for key, item in node.items() if not (key == "default" and item is None)}
    choices = node.get("anyOf")
    if isinstance(choices, list) and {"type": "null"} in choices:
        rest = [choice for choice in choices if choice != {"type": "null"}]
        del node["anyOf"]
        if len(rest) == 1:
            node = {**rest[0], **node}  # the key's own description wins over its type's
        else:
            node["anyOf"] = rest
    return node


def _unknown_keys_at_the_key(node: Any) -> Any:
    if isinstance(node, list):
        return [_unknown_keys_at_the_key(item) for item in node]
    if not isinstance(node, dict):
        return node
    return {
        key: UNKNOWN_KEY if key == "additionalProperties" and item is False else _unknown_keys_at_the_key(item)
        for key, item in node.items()
    }


def _kind_rule(kind: str, required: tuple[str, ...], refused: tuple[str, ...]) -> dict[str, Any]:
    then: dict[str, Any] = {"properties": {key: False for key in refused}}
    if required:
        then["required"] = list(required)
    return {"if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]}, "then": then}
