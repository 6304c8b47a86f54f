"""`drawdown export`: one scenario as JSON, W3C annotations, Markdown or HTML. Pure data: no Textual, no Rich."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from . import export_annotations, export_html, export_json, export_markdown
from .resolve import Resolved
from .target import ExportError, find_scenario

RENDERERS: dict[str, Callable[[Resolved], str]] = {
    "json": export_json.render,
    "annotations": export_annotations.render,
    "markdown": export_markdown.render,
    "html": export_html.render,
}

__all__ = ["ExportError", "RENDERERS", "export_scenario", "find_scenario"]


def export_scenario(target: str, fmt: str, corpus_dir: Path | None = None) -> str:
    """The scenario `target` (an id or a file path) rendered in `fmt`; ExportError if it cannot be."""
    return RENDERERS[fmt](find_scenario(target, corpus_dir))
