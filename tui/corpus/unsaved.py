"""The texts an editor holds for corpus files, unsaved, read in place of the disk.

A language server checks what is on the author's screen, not what was last saved: the readers
(read_toml, load_scenario, load_context, load_files) take these texts and read the disk only for
the files that are not open.
"""

from __future__ import annotations

from pathlib import Path
from typing import Mapping

# An absolute, resolved path -> the editor's text of that file.
Unsaved = Mapping[Path, str]


def unsaved_text(texts: Unsaved | None, path: Path) -> str | None:
    """The editor's text of `path` (absolute and resolved, as the loaders build them from a corpus root),
    or None when it is not open: read it from disk then."""
    return texts.get(path) if texts else None


def with_aliases(texts: Unsaved | None, paths: list[Path]) -> Unsaved | None:
    """`texts`, also under `paths` as the caller spelled them (relative, or through a link)."""
    if not texts:
        return texts
    aliases = {path: texts[path.resolve()] for path in paths if path not in texts and path.resolve() in texts}
    return {**texts, **aliases} if aliases else texts
