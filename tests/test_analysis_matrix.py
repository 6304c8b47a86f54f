"""The pressure matrix: rows, columns and cells of one scenario."""

from __future__ import annotations

from pathlib import Path

from analysis_corpus import actor, build, pressure, scenario, step

from tui.corpus.bundled import bundled_root
from tui.corpus.load import load_corpus
from tui.corpus.matrix import STANCES, pressure_matrix

ACTORS = actor("alpha", "Alpha") + actor("beta", "Beta") + actor("gamma", "Gamma")


def small(tmp_path: Path):
    text = scenario(
        "s1",
        "2020-01-07",
        options=["z-opt", "a-opt"],  # file order is not alphabetical
        steps=[
            step("event", "Beta is mentioned first, in an event.", actor="beta"),  # 0
            pressure("alpha", "public", "Alpha in public.", toward="a-opt"),  # 1
            pressure("alpha", "private", "Alpha in private.", toward="a-opt"),  # 2
            pressure("beta", "public", "Beta in public.", toward="z-opt"),  # 3
            pressure("alpha", "reported", "Alpha, reportedly, toward nothing."),  # 4
            pressure("beta", "public", "Beta again.", toward="z-opt"),  # 5
            step("event", "Gamma only in an event.", actor="gamma"),  # 6
            step("outcome", "An outcome enacts a-opt.", status="reported", enacts="a-opt"),  # 7
            pressure("minister", "reported", "The minister, last.", toward="a-opt"),  # 8
        ],
    )
    corpus = build(tmp_path, {"s1": text}, actors=ACTORS)
    return corpus.entry("s1").scenario


def test_rows_follow_first_appearance_and_only_actors_who_press(tmp_path: Path) -> None:
    matrix = pressure_matrix(small(tmp_path))
    assert matrix.actors == ("beta", "alpha", "minister")  # beta's event (step 0) comes before alpha's step 1


def test_columns_are_options_in_file_order_then_no_option(tmp_path: Path) -> None:
    matrix = pressure_matrix(small(tmp_path))
    assert matrix.option_ids == ("z-opt", "a-opt", None)
    assert matrix.options[-1] is None
    assert matrix.column_used(None) and matrix.column_used("z-opt")


def test_cells_hold_steps_by_stance_with_their_index(tmp_path: Path) -> None:
    matrix = pressure_matrix(small(tmp_path))
    alpha_a = matrix.cell("alpha", "a-opt")
    assert [ref.index for ref in alpha_a.public] == [1]
    assert [ref.index for ref in alpha_a.private] == [2]
    assert alpha_a.reported == ()
    assert alpha_a.public[0].step.summary == "Alpha in public."
    assert [ref.index for ref in matrix.cell("alpha", None).reported] == [4]
    assert [ref.index for ref in matrix.cell("beta", "z-opt").public] == [3, 5]
    assert matrix.cell("beta", "a-opt").empty
    assert [ref.index for ref in alpha_a.steps] == [1, 2]
    assert [cell.option_id for cell in matrix.row("alpha")] == ["z-opt", "a-opt", None]


def test_outcomes_and_events_are_not_pressures(tmp_path: Path) -> None:
    matrix = pressure_matrix(small(tmp_path))
    indices = {ref.index for cell in matrix.cells.values() for ref in cell.steps}
    assert indices == {1, 2, 3, 4, 5, 8}


def test_unused_no_option_column_reports_unused(tmp_path: Path) -> None:
    text = scenario("s1", "2020-01-07", options=["o"], steps=[pressure("minister", "public", "Says so.", toward="o")])
    matrix = pressure_matrix(build(tmp_path, {"s1": text}).entry("s1").scenario)
    assert not matrix.column_used(None)
    assert matrix.option_ids == ("o", None)


def test_bundled_every_pressure_sits_in_exactly_its_cell() -> None:
    corpus = load_corpus(bundled_root())
    checked = 0
    for entry in corpus.scenarios:
        scenario_file = entry.scenario
        assert scenario_file is not None
        matrix = pressure_matrix(scenario_file)
        placed = {
            ref.index: (cell.actor_id, cell.option_id, stance)
            for cell in matrix.cells.values()
            for stance in STANCES
            for ref in cell.by_stance(stance)
        }
        expected = {
            index: (s.actor, s.toward, s.stance) for index, s in enumerate(scenario_file.steps) if s.kind == "pressure"
        }
        assert placed == expected
        checked += len(expected)
    assert checked > 50


def test_bundled_sudani_pushes_one_way_in_public_and_another_in_private() -> None:
    scenario_file = load_corpus(bundled_root()).entry("2024-sudani-committee").scenario
    matrix = pressure_matrix(scenario_file)
    public = matrix.cell("al-sudani", "end-coalition-presence").public
    private = matrix.cell("al-sudani", "continued-presence").private
    assert public and private
    assert any("public announcement" in q.text for ref in public for q in ref.step.quotes)
    assert any("privately" in q.text for ref in private for q in ref.step.quotes)
