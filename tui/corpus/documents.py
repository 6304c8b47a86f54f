"""Where a source's document is: a file inside seeds/, found by the name sources.toml gives it.

Symbolic links: a link inside seeds/ is followed as long as where it leads (every link on the
way included) is inside seeds/ too; a link that leads out of seeds/ is refused, as a name
outside seeds/ is. Only seeds/ is the corpus's evidence, so nothing else is read as a document.

Names: a name is looked up as written and, when no file has it, as the same name in another
Unicode normal form: macOS writes file names decomposed (NFD), an author types them composed
(NFC), and the two are different names to Linux.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

from .regular_file import ReadRefused


def document_path(seeds: Path, file: str) -> Path:
    """The file that `file` (relative to the resolved `seeds` folder) names, or ReadRefused why none may be read."""
    named = Path(os.path.normpath(seeds / file))
    if not named.is_relative_to(seeds):
        raise ReadRefused("outside-seeds", f"file '{file}' is outside seeds/")
    if not os.path.lexists(named):
        named = _same_name_in_another_form(named) or named
    try:
        resolved = named.resolve()
    except (OSError, RuntimeError) as exc:  # a loop of links (RuntimeError before Python 3.13)
        raise ReadRefused("unreadable", f"cannot read seeds/{file}: {exc}") from None
    if not resolved.is_relative_to(seeds):
        raise ReadRefused(
            "outside-seeds",
            f"seeds/{file} is a symbolic link that leads out of seeds/ (to {resolved}); "
            "a document must be inside seeds/ (links that stay inside it are followed)",
        )
    return resolved


def _same_name_in_another_form(path: Path) -> Path | None:
    """The file in `path`'s folder whose name equals `path`'s once both are NFC, if there is one."""
    wanted = unicodedata.normalize("NFC", path.name)
    if wanted.isascii():
        return None  # an ASCII name has one form only
    try:
        names = os.listdir(path.parent)
    except OSError:
        return None
    return next((path.parent / name for name in names if unicodedata.normalize("NFC", name) == wanted), None)
