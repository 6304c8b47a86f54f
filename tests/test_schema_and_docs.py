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
