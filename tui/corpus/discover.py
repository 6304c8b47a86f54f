"""Which corpus a command reads: the one rule every `drawdown` command follows.

The folder given, else the nearest folder at or above the working one that holds
`seeds/sources.toml` or `scenarios/`, else the bundled corpus.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .bundled import bundled_root
from .layout import SOURCES_FILE

How = Literal["given", "found", "bundled"]


@dataclass(frozen=True, slots=True)
class CorpusChoice:
    root: Path
    how: How

    @property
    def label(self) -> str:
        """What a summary calls this corpus: `./`, `mycorpus/`, or `the bundled corpus`."""
        return corpus_label(self.root, bundled=self.how == "bundled")


def holds_corpus(folder: Path) -> bool:
    return (folder / SOURCES_FILE).is_file() or (folder / "scenarios").is_dir()


def nearest_corpus(start: Path | None = None) -> Path | None:
    """The nearest folder at or above `start` (the working folder) that holds a corpus."""
    here = (start or Path.cwd()).resolve()
    return next((folder for folder in (here, *here.parents) if holds_corpus(folder)), None)


def choose_corpus(given: Path | None, *, start: Path | None = None) -> CorpusChoice:
    """The corpus a command reads when `given` (a folder, or None) is what the user typed."""
    if given is not None:
        return CorpusChoice(given, "given")
    found = nearest_corpus(start)
    if found is not None:
        return CorpusChoice(found, "found")
    return CorpusChoice(bundled_root(), "bundled")


def corpus_label(root: Path, *, bundled: bool = False) -> str:
    if bundled:
        return "the bundled corpus"
    try:
        folder, here = root.resolve(), Path.cwd().resolve()
    except OSError:
        return f"{root}/"
    if folder == here or folder in here.parents or here in folder.parents:
        return os.path.relpath(folder, here).replace(os.sep, "/").removesuffix("/") + "/"
    return f"{folder}/"
