"""JSON Schema of a scenario file, for editors (taplo, Even Better TOML) and docs/."""

from __future__ import annotations

from typing import Any

from .model import ScenarioFile


def scenario_schema() -> dict[str, Any]:
    schema = ScenarioFile.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
    }
