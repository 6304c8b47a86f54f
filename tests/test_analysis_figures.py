"""The figures chart: points by series, dated, each traceable to its quote."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from analysis_corpus import build, quote, scenario

from tui.corpus.bundled import bundled_root
from tui.corpus.figures import figure_series
from tui.corpus.load import load_corpus

SERIES = '[[series]]\nid = "b-series"\nlabel = "B"\n\n[[series]]\nid = "unused"\nlabel = "Unused"\n'
LOCAL_SERIES = '[[series]]\nid = "local-s"\nlabel = "Local"\n'


def figure(series: str, value, text: str, **fields):
    if "as_of" in fields:
        fields.setdefault("as_of_basis", "inferred")
    return {"series": series, "value": value, **fields, "label": f"Label {series}", "quote": quote(text)}


def corpus(tmp_path: Path):
    late = scenario(
        "late",
        "2024-01-09",
        figures=[
            figure("troops", [100, 200], "3,000 troops would remain", as_of="2019-05-01"),
            figure("local-s", 7, "3,000 troops went home"),
        ],
        extra=LOCAL_SERIES,
    )
    early = scenario(
        "early",
        "2011-09-07",
        date_basis="inferred",
        figures=[figure("b-series", 3, "3,000 troops went home"), figure("troops", 5, "3,000 troops went home")],
    )
    return build(tmp_path, {"late": late, "early": early}, series=SERIES)


def test_series_in_catalog_order_then_local_and_unused_left_out(tmp_path: Path) -> None:
    assert [s.series.id for s in figure_series(corpus(tmp_path))] == ["troops", "b-series", "local-s"]


def test_points_sorted_by_date_with_how_the_date_is_known(tmp_path: Path) -> None:
    troops = figure_series(corpus(tmp_path))[0]
    first, second = troops.points
    assert (first.scenario_id, first.x, first.dated_by, first.basis) == ("early", dt.date(2011, 9, 7), "scenario", "inferred")
    assert (second.scenario_id, second.x, second.dated_by, second.basis) == ("late", dt.date(2019, 5, 1), "as_of", "inferred")
    assert first.index == 1 and second.index == 0  # the figure's place in its file


def test_a_range_stays_a_range(tmp_path: Path) -> None:
    troops = figure_series(corpus(tmp_path))[0]
    single, ranged = troops.points
    assert (single.low, single.high, single.is_range, single.value_text) == (5, 5, False, "5")
    assert (ranged.low, ranged.high, ranged.is_range, ranged.value_text) == (100, 200, True, "100–200")
    assert (troops.low, troops.high) == (5, 200)


def test_points_carry_label_and_resolved_quote(tmp_path: Path) -> None:
    built = corpus(tmp_path)
    point = figure_series(built)[0].points[1]
    assert point.label == "Label troops"
    start, end = point.quote.span
    assert built.sources["doc"].text[start:end] == "3,000 troops would remain"


def test_bundled_us_troops_in_iraq_spans_2020_to_2024() -> None:
    corpus = load_corpus(bundled_root())
    series = {s.series.id: s for s in figure_series(corpus)}
    iraq = series["us-troops-iraq"]
    # The 2011 document never states how many troops were there: its 45,000 is a level the White
    # House pushed back on keeping, a line of its own, not a point joined to 2020-2024.
    assert sorted({p.x.year for p in iraq.points}) == [2020, 2021, 2024]
    assert [p.low for p in series["us-troops-iraq-pushed-back-2011"].points] == [45000]
    assert [p.x for p in iraq.points] == sorted(p.x for p in iraq.points)
    assert list(series) == [s for s in corpus.series if s in series]
    for line in series.values():
        for point in line.points:
            start, end = point.quote.span
            printed = corpus.sources[point.quote.source].text[start:end]
            assert f"{point.low:,}" in printed and f"{point.high:,}" in printed, (point.label, printed)
