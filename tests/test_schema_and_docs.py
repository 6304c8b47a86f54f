"""Generated and hand-written docs stay true to the models."""

from __future__ import annotations

import json
import re
from pathlib import Path

from pydantic import BaseModel

from tui.corpus import model
from tui.corpus.schema import scenario_schema

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_json_schema_file_is_current() -> None:
    on_disk = json.loads((DOCS / "scenario.schema.json").read_text(encoding="utf-8"))
    assert on_disk == scenario_schema(), "docs/scenario.schema.json is stale: run `drawdown schema > docs/scenario.schema.json`"


def test_format_reference_names_every_field() -> None:
    reference = (DOCS / "format.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z_0-9]+)`", reference))
    missing = []
    for item in vars(model).values():
        if isinstance(item, type) and issubclass(item, BaseModel) and item is not model.Model:
            missing += [f"{item.__name__}.{name}" for name in item.model_fields if name not in documented]
    assert missing == []


def test_bundled_scenarios_point_editors_at_the_schema() -> None:
    scenarios = Path(__file__).resolve().parent.parent / "scenarios"
    for path in scenarios.glob("*.toml"):
        if path.name in ("actors.toml", "series.toml"):
            continue
        assert path.read_text(encoding="utf-8").startswith("#:schema ../docs/scenario.schema.json\n"), path.name


def _property_schemas(node: object, where: str = "") -> list[tuple[str, dict]]:
    """Every key's schema in the JSON Schema (the per-kind `false` refusals aside)."""
    found: list[tuple[str, dict]] = []
    if isinstance(node, dict):
        for key, item in node.get("properties", {}).items():
            if isinstance(item, dict):
                found.append((f"{where}.{key}", item))
        for key, item in node.items():
            found += _property_schemas(item, f"{where}/{key}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            found += _property_schemas(item, f"{where}[{index}]")
    return found


def test_every_key_of_the_schema_has_a_description() -> None:
    keys = [(where, item) for where, item in _property_schemas(scenario_schema()) if "/if" not in where]
    assert len(keys) > 40
    assert [where for where, item in keys if not item.get("description")] == []


def test_optional_enums_are_plain_enums_without_null() -> None:
    text = json.dumps(scenario_schema())
    assert '"null"' not in text and '"default": null' not in text
    stance = scenario_schema()["$defs"]["Step"]["properties"]["stance"]
    assert stance["enum"] == ["public", "private", "reported"] and "anyOf" not in stance


def test_step_rules_follow_the_kind() -> None:
    rules = {rule["if"]["properties"]["kind"]["const"]: rule["then"] for rule in scenario_schema()["$defs"]["Step"]["allOf"]}
    assert rules["pressure"]["required"] == ["actor", "stance"]
    assert rules["outcome"]["required"] == ["status"]
    assert rules["event"]["properties"] == {"stance": False, "toward": False, "status": False, "enacts": False}
