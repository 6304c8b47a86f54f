"""JSON Schema of a scenario file, for editors (taplo, Even Better TOML) and docs/."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .model import ScenarioFile

# Relative to a corpus's root; every scenario file's `#:schema ../docs/scenario.schema.json` names it.
SCHEMA_FILE = Path("docs") / "scenario.schema.json"


def scenario_schema() -> dict[str, Any]:
    schema = ScenarioFile.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
    }


def schema_text() -> str:
    """The schema as `drawdown schema` prints it and docs/scenario.schema.json holds it."""
    return json.dumps(scenario_schema(), indent=2, ensure_ascii=False) + "\n"
