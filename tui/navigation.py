"""Requests to open a screen, posted by any screen or widget and handled by the app.

Screens never push each other: they say where the reader wants to go, and the app,
which owns the corpus, decides what that screen is shown with.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from .corpus.load import Corpus


class OpenScenario(Message):
    """Open a scenario file (its last good version, or its errors) at a step."""

    def __init__(self, path: Path, step: int = 0) -> None:
        super().__init__()
        self.path = path
        self.step = step


class OpenSource(Message):
    """Open the source reader on a document, at a quoted span if given."""

    def __init__(self, source_id: str, span: tuple[int, int] | None = None, corpus: Corpus | None = None) -> None:
        super().__init__()
        self.source_id = source_id
        self.span = span
        self.corpus = corpus  # the corpus the span was resolved in, when it is not the latest


class OpenActor(Message):
    """Open an actor's path through every scenario."""

    def __init__(self, actor_id: str) -> None:
        super().__init__()
        self.actor_id = actor_id
