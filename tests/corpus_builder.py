"""A small corpus written into a temporary directory, for tests that break it on purpose."""

from __future__ import annotations

import textwrap
from pathlib import Path

DOCUMENT = """Headline of the test document

The minister said the troops “will stay until the job is done” on Monday.
Officials privately said 3,000 troops would remain. Another 3,000 troops went home.
"""

SOURCES = """
[[sources]]
id = "doc"
file = "doc.txt"
title = "Headline of the test document"
outlet = "Test Outlet"
published = 2020-01-07
published_basis = "stated"
kind = "news"
"""

ACTORS = """
[[actors]]
id = "minister"
name = "The minister"
aliases = ["Minister"]
side = "gov"
kind = "person"
description = "A minister."
"""

SERIES = """
[[series]]
id = "troops"
label = "Troops"
"""

SCENARIO = """
format = 1

[scenario]
id = "s1"
title = "Test scenario"
date = 2020-01-07
date_basis = "stated"
question = "Do the troops stay?"
summary = "A test."
sources = ["doc"]

[[options]]
id = "stay"
label = "Stay"
troops = 3000

[[steps]]
kind = "pressure"
actor = "minister"
stance = "public"
toward = "stay"
summary = "The minister wants the troops to stay."
quotes = [
  { source = "doc", text = "will stay until the job is done" },
]

[[figures]]
series = "troops"
value = 3000
label = "Troops that would remain"
quote = { source = "doc", text = "3,000 troops would remain" }
"""


def write_corpus(root: Path, *, scenario: str = SCENARIO, name: str = "s1.toml") -> Path:
    (root / "seeds").mkdir(parents=True, exist_ok=True)
    (root / "scenarios").mkdir(parents=True, exist_ok=True)
    (root / "seeds" / "doc.txt").write_text(DOCUMENT, encoding="utf-8")
    (root / "seeds" / "sources.toml").write_text(textwrap.dedent(SOURCES), encoding="utf-8")
    (root / "scenarios" / "actors.toml").write_text(textwrap.dedent(ACTORS), encoding="utf-8")
    (root / "scenarios" / "series.toml").write_text(textwrap.dedent(SERIES), encoding="utf-8")
    path = root / "scenarios" / name
    path.write_text(scenario, encoding="utf-8")
    return path
