"""Build a large corpus from copies of the bundled scenarios, each under a new id.

Each copy has prose of its own: its titles, questions, summaries, labels and descriptions carry the
copy's number, as a real corpus's scenarios each say something of their own; without it every
copy's text would be the same string, and anything that keeps one object per distinct string (or
works each distinct string out once) would look far better here than on a real corpus. Quotes stay
as they are, so that they are found: a corpus drawn from five documents quotes the same sentences
over and over, as these copies do, but one that grows its documents with its scenarios quotes them
less often. Read what is measured on it with that in mind.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import tomli

from tui.corpus.bundled import bundled_root

RESERVED = ("actors.toml", "series.toml")
_NAMES = re.compile(r'^((?:name|aliases) = )(.*)$', re.MULTILINE)
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
_PROSE = re.compile(r'^((?:title|question|summary|label|description) = )("""|")', re.MULTILINE)


def make_copies(target: Path, count: int) -> list[Path]:
    """Write `count` scenario files into target/scenarios (plus the bundled catalogs and seeds)."""
    root = bundled_root()
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(root / "seeds", target / "seeds")
    (target / "scenarios").mkdir(parents=True)
    for name in RESERVED:
        shutil.copy(root / "scenarios" / name, target / "scenarios" / name)
    originals = sorted(p for p in (root / "scenarios").glob("*.toml") if p.name not in RESERVED)
    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in originals]
    written = []
    for n in range(count):
        stem, text = texts[n % len(texts)]
        new_id = f"{stem}-copy-{n:04d}"
        text = text.replace(f'id = "{stem}"', f'id = "{new_id}"', 1)
        # Scenario-local actors must stay unique across the corpus, so each copy renames its own.
        for actor in tomli.loads(text).get("actors", []):
            text = re.sub(rf'"{re.escape(actor["id"])}"', f'"{actor["id"]}-{n:04d}"', text)
        # And their names and aliases (only actors have these keys): else each copy is the same person twice.
        text = _NAMES.sub(lambda m: m.group(1) + _STRING.sub(rf'"\1 ({n:04d})"', m.group(2)), text)
        text = _PROSE.sub(rf"\g<1>\g<2>({n:04d}) ", text)
        path = target / "scenarios" / f"{new_id}.toml"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
