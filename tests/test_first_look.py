"""The first look's glimpses: what each file says of itself, read from the part that holds [scenario]."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import tomli

from tui.corpus.bundled import bundled_root
from tui.corpus.first_look import Glimpse, first_look

HEAD = '''format = 1

[scenario]
id = "x"
title = "A title"
date = 2020-01-07
question = "Will they leave?"
summary = """Two lines,
the second here."""
'''
ACTORS = '''
[[actors]]
id = "a"
name = "A"
'''


def _glimpse(tmp_path: Path, text: str) -> Glimpse:
    (tmp_path / "seeds").mkdir(exist_ok=True)
    folder = tmp_path / "scenarios"
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    (folder / "x.toml").write_text(text, encoding="utf-8")
    glimpses, total = first_look(tmp_path)
    assert total == 1
    return glimpses[0]


def test_every_bundled_file_is_glimpsed_as_its_whole_text_describes_it() -> None:
    root = bundled_root()
    glimpses, total = first_look(root)
    assert total == len(glimpses) >= 5
    for glimpse in glimpses:
        meta = tomli.loads(glimpse.path.read_text(encoding="utf-8"))["scenario"]
        assert (glimpse.title, glimpse.question, glimpse.summary, glimpse.date) == (meta["title"], meta["question"], meta["summary"], meta["date"])


def test_scenario_after_the_arrays_of_tables_is_still_found(tmp_path: Path) -> None:
    text = "format = 1\n" + ACTORS + HEAD.replace("format = 1\n", "")
    glimpse = _glimpse(tmp_path, text)
    assert (glimpse.title, glimpse.date) == ("A title", dt.date(2020, 1, 7))


def test_a_line_opening_with_double_brackets_inside_a_string_does_not_cut_the_table_short(tmp_path: Path) -> None:
    # The part before "[[" ends inside the summary's string: it does not parse, so the whole file is read.
    text = HEAD.replace("the second here.", "the second here,\n[[not a table]] and the last.") + ACTORS
    glimpse = _glimpse(tmp_path, text)
    assert glimpse.summary == "Two lines,\nthe second here,\n[[not a table]] and the last."
    assert glimpse.title == "A title"


def test_a_file_broken_after_its_scenario_table_is_still_glimpsed_and_one_broken_before_is_not(tmp_path: Path) -> None:
    assert _glimpse(tmp_path, HEAD + ACTORS + "\n[[steps]]\nid = \n").title == "A title"
    assert _glimpse(tmp_path, HEAD.replace('title = "A title"', "title = ") + ACTORS).title is None
