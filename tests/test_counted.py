"""Counts print alike on every screen and report: thousands separated, the noun to suit."""

from __future__ import annotations

from tui.corpus.counted import counted
from tui.corpus.diagnostics import render_text


def test_a_count_and_its_noun() -> None:
    assert counted(0, "gap") == "0 gaps"
    assert counted(1, "scenario") == "1 scenario"
    assert counted(7217, "actor") == "7,217 actors"
    assert counted(1, "series", "series") == "1 series" and counted(5, "series", "series") == "5 series"
    assert counted(1200, "scenario file") == "1,200 scenario files"


def test_validate_counts_a_large_run_as_the_explorer_does() -> None:
    assert render_text([], 3003, "./", catalogs=3) == "checked ./ (3,003 scenario files, 3 catalogs): 0 errors, 0 warnings"
