"""Snapshots of every screen at 120x40 and 80x24, on the fixture corpus, in a fixed theme.

Update after a deliberate change with `pytest tests/test_snapshots.py --snapshot-update`,
then look at the report before committing the new SVGs.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from explorer_support import Before, FIXTURE, REPO, SIZES, make_app, settle, snapshot_start, then_press

from tui.navigation import OpenScenario




def opening(scenario: str, step: int = 0, root: Path = FIXTURE) -> Before:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await snapshot_start(pilot)
        if scenario:
            pilot.app.post_message(OpenScenario((root / "scenarios" / f"{scenario}.toml").resolve(), step))
        await settle(pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_home(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(FIXTURE.relative_to(REPO)), terminal_size=size, run_before=opening(""))


@pytest.mark.parametrize("size", SIZES)
def test_first_step(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(), terminal_size=size, run_before=opening("2020-expulsion-vote"))


@pytest.mark.parametrize("size", SIZES)
def test_private_step(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(), terminal_size=size, run_before=opening("2020-expulsion-vote", 18))


@pytest.mark.parametrize("size", SIZES)
def test_outcome(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(), terminal_size=size, run_before=opening("2021-combat-mission-end", 9))


@pytest.mark.parametrize("size", SIZES)
def test_source_reader(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(), terminal_size=size, run_before=then_press(opening("2020-expulsion-vote", 10), "o"))


@pytest.mark.parametrize("size", SIZES)
def test_file_errors(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(), terminal_size=size, run_before=opening("2022-unfinished-draft"))


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(), terminal_size=size, run_before=then_press(opening("2020-expulsion-vote"), "question_mark"))


@pytest.mark.parametrize("size", SIZES)
def test_reload_error_panel(snap_compare, size: tuple[int, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path / "corpus"
    shutil.copytree(FIXTURE, root)
    monkeypatch.chdir(tmp_path)  # the panel then names "corpus/scenarios/...", the same on every machine
    path = root / "scenarios" / "2020-expulsion-vote.toml"
    good = path.read_text(encoding="utf-8")

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await opening("2020-expulsion-vote", 10, Path("corpus"))(pilot)
        path.write_text(good.replace('actor = "trump"\nstance = "private"', 'actor = "trumpp"\nstance = "private"'), encoding="utf-8")
        assert pilot.app.check_for_changes()
        await settle(pilot)

    assert snap_compare(make_app(Path("corpus")), terminal_size=size, run_before=run_before)
