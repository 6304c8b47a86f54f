"""Live reload: edit a corpus on disk, break a file, fix it; the screen follows and never writes."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import pytest
from explorer_support import copy_corpus, flat, make_app, reload, screen_text

from textual.pilot import Pilot

from tui.app import DrawdownApp
from tui.corpus.live import LiveCorpus
from tui.navigation import OpenScenario
from tui.screens.file_errors import FileErrorsScreen
from tui.screens.home import HomeScreen
from tui.screens.scenario import ScenarioScreen
from tui.screens.source import SourceScreen
from tui.widgets.reload_panel import ReloadPanel
from tui.widgets.scenario_list import ScenarioList
from tui.widgets.step_view import StepView

SUMMARY = "Behind the scenes, according to the document, Trump administration officials are trying to stave off the expulsion."


NEW_SCENARIO = """format = 1

[scenario]
id = "2012-copy"
title = "A copied scenario"
date = 2012-01-01
date_basis = "stated"
question = "Does a new file appear?"
summary = "It should."
sources = ["wire-2011"]

[[steps]]
kind = "pressure"
actor = "obama"
stance = "public"
summary = "A step."
quotes = [{ source = "wire-2011", text = "complete withdrawal" }]
"""


def touch(path: Path, text: str) -> None:
    """Write and make sure the modification time moves, however coarse the file system's clock."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text, encoding="utf-8")
    if path.stat().st_mtime_ns == before:
        os.utime(path, ns=(before + 1_000_000, before + 1_000_000))


def snapshot(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}


async def opened(app: DrawdownApp, pilot: Pilot[None], path: Path, step: int) -> ScenarioScreen:
    app.post_message(OpenScenario(path, step))
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ScenarioScreen)
    return screen


def centre_text(screen: ScenarioScreen) -> str:
    return flat(screen.query_one(StepView).text)


async def test_an_edit_refreshes_in_place_on_the_same_step(tmp_path: Path) -> None:
    root = copy_corpus(tmp_path)
    path = root / "scenarios" / "2020-expulsion-vote.toml"
    app = make_app(root)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened(app, pilot, path, 10)
        assert app.check_for_changes() is False  # nothing changed yet
        touch(path, path.read_text(encoding="utf-8").replace(SUMMARY, "An edited summary of the private step."))
        assert await reload(app, pilot) is True
        assert screen.index == 10
        assert "An edited summary of the private step." in centre_text(screen)
        assert not screen.query_one(ReloadPanel).display


async def test_a_step_inserted_before_keeps_the_reader_on_the_same_step(tmp_path: Path) -> None:
    root = copy_corpus(tmp_path)
    path = root / "scenarios" / "2020-expulsion-vote.toml"
    app = make_app(root)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened(app, pilot, path, 10)
        text = path.read_text(encoding="utf-8")
        first_step = text.index("[[steps]]")
        inserted = '[[steps]]\nkind = "event"\nsummary = "A new first step."\n\n'
        touch(path, text[:first_step] + inserted + text[first_step:])
        await reload(app, pilot)
        assert screen.index == 11
        assert SUMMARY in centre_text(screen)


async def test_break_then_fix_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_corpus(tmp_path)
    path = root / "scenarios" / "2020-expulsion-vote.toml"
    good = path.read_text(encoding="utf-8")
    app = make_app(root)
    monkeypatch.chdir(tmp_path)  # diagnostics name files relative to the working directory
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened(app, pilot, path, 10)

        touch(path, good.replace('actor = "trump"\nstance = "private"', 'actor = "trumpp"\nstance = "private"'))
        await reload(app, pilot)
        panel = screen.query_one(ReloadPanel)
        assert panel.display
        line = good[: good.index('actor = "trump"\nstance = "private"')].count("\n") + 1
        assert f"corpus/scenarios/2020-expulsion-vote.toml:{line}:9: unknown actor 'trumpp'" in screen_text(app)
        # The last good version stays on screen, on the same step.
        assert screen.index == 10 and SUMMARY in centre_text(screen)
        await pilot.press("n")
        assert screen.index == 11  # and it still works

        touch(path, good)
        await reload(app, pilot)
        assert not panel.display
        assert "unknown actor" not in screen_text(app)
        assert screen.index == 11


async def test_a_toml_syntax_error_is_shown_and_the_home_keeps_the_last_good_card(tmp_path: Path) -> None:
    root = copy_corpus(tmp_path)
    path = root / "scenarios" / "2011-troop-levels.toml"
    good = path.read_text(encoding="utf-8")
    app = make_app(root)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        touch(path, good.replace('title = "How many troops stay after 2011?"', 'title = "How many troops stay after 2011?'))
        await reload(app, pilot)
        text = flat(screen_text(app))
        assert "2011-troop-levels.toml:6:42: invalid TOML: Illegal character" in text  # the panel, path:line:col
        assert "How many troops stay after 2011?" in text  # the card, as it last loaded
        assert "e lists them · the last good version is shown" in text
        touch(path, good)
        await reload(app, pilot)
        assert not app.screen.query_one(ReloadPanel).display
        assert "invalid TOML" not in screen_text(app)


async def test_every_error_of_a_broken_save_is_listed_on_e_even_on_a_low_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # At 40x12 the panel has two lines: the heading, and none of the errors. `e` lists them all,
    # with their lines, and once the file is fixed the reader is back on the scenario, on its step.
    root = copy_corpus(tmp_path)
    path = root / "scenarios" / "2020-expulsion-vote.toml"
    good = path.read_text(encoding="utf-8")
    app = make_app(root)
    monkeypatch.chdir(tmp_path)
    async with app.run_test(size=(40, 12)) as pilot:
        screen = await opened(app, pilot, path, 10)
        await pilot.press("e")  # nothing is broken: nothing to list
        assert app.screen is screen and not screen.check_action("errors", ())

        broken = re.sub(r'^actor = "([a-z-]+)"', r'actor = "\1-nobody"', good, flags=re.MULTILINE)
        errors = broken.count('-nobody"')
        assert errors > 20
        touch(path, broken)
        await reload(app, pilot)
        assert f"✖ {errors} errors after the last save · e lists them" in flat(screen_text(app))
        assert screen.check_action("errors", ())
        await pilot.press("e")
        await pilot.pause()
        listing = app.screen
        assert isinstance(listing, FileErrorsScreen) and listing.opened_on == path.resolve()
        assert not listing.check_action("errors", ())  # this is that listing
        heading = flat(str(listing.query_one("#file-errors-heading").render()))
        assert f"has {errors} errors since it was last saved: the explorer shows its last good version" in heading
        other = root / "scenarios" / "2011-troop-levels.toml"
        touch(other, other.read_text(encoding="utf-8") + "\n")  # another file saved: the corpus reloads
        assert await reload(app, pilot)
        assert app.screen is listing  # this one still broken: its listing stays

        touch(path, good)
        await reload(app, pilot)
        await pilot.pause()
        assert app.screen is screen and screen.index == 10
        assert len(app.screen_stack) == 2


async def test_a_scenario_removed_while_open_stays_and_says_so(tmp_path: Path) -> None:
    root = copy_corpus(tmp_path)
    path = root / "scenarios" / "2020-expulsion-vote.toml"
    app = make_app(root)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened(app, pilot, path, 3)
        moved = path.rename(tmp_path / "elsewhere.toml")
        assert await reload(app, pilot)
        assert app.screen is screen and screen.index == 3  # still there to read
        said = [n.message for n in app._notifications if "no longer in the corpus" in n.message]
        assert said == ["2020-expulsion-vote.toml is no longer in the corpus (removed or moved): shown as it last loaded."]
        other = root / "scenarios" / "2011-troop-levels.toml"
        touch(other, other.read_text(encoding="utf-8") + "\n")
        assert await reload(app, pilot)
        assert len([n for n in app._notifications if "no longer in the corpus" in n.message]) == 1  # said once
        moved.rename(path)
        assert await reload(app, pilot)
        assert app.screen is screen


async def test_files_added_and_removed_appear_and_disappear(tmp_path: Path) -> None:
    root = copy_corpus(tmp_path)
    app = make_app(root)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        copy = root / "scenarios" / "2012-copy.toml"
        touch(copy, NEW_SCENARIO)
        await reload(app, pilot)
        names = [path.stem for path in app.screen.query_one(ScenarioList).paths]
        assert names[:2] == ["2011-troop-levels", "2012-copy"]
        assert "2012  A copied scenario" in screen_text(app)

        (root / "scenarios" / "2022-unfinished-draft.toml").unlink()
        copy.unlink()
        await reload(app, pilot)
        names = [path.stem for path in app.screen.query_one(ScenarioList).paths]
        assert "2012-copy" not in names and "2022-unfinished-draft" not in names
        assert len(names) == 5


async def test_the_errors_screen_follows_its_file_and_opens_it_once_fixed(tmp_path: Path) -> None:
    root = copy_corpus(tmp_path)
    path = root / "scenarios" / "2022-unfinished-draft.toml"
    app = make_app(root)
    async with app.run_test(size=(120, 40)) as pilot:
        app.post_message(OpenScenario(path))
        await pilot.pause()
        assert isinstance(app.screen, FileErrorsScreen)
        text = path.read_text(encoding="utf-8")
        touch(path, text.replace('actor = "nobody-we-know"', 'actor = "trump"'))
        await reload(app, pilot)
        assert isinstance(app.screen, FileErrorsScreen)  # one error left
        assert "unknown actor" not in screen_text(app)
        assert "quote not found" in flat(screen_text(app))
        touch(path, text.replace('actor = "nobody-we-know"', 'actor = "trump"').replace(
            "words that the document never prints", "remove all 5,200 U.S. troops"
        ))
        await reload(app, pilot)
        assert isinstance(app.screen, ScenarioScreen)
        assert app.screen.scenario.scenario.id == "2022-unfinished-draft"


async def test_a_broken_catalog_keeps_every_scenario_on_screen(tmp_path: Path) -> None:
    root = copy_corpus(tmp_path)
    sources = root / "seeds" / "sources.toml"
    good = sources.read_text(encoding="utf-8")
    app = make_app(root)
    async with app.run_test(size=(120, 40)) as pilot:
        app.post_message(OpenScenario(root / "scenarios" / "2020-expulsion-vote.toml", 3))
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, SourceScreen)
        touch(sources, good.replace("[[sources]]", "[[sources]", 1))
        await reload(app, pilot)
        assert "seeds/sources.toml" in screen_text(app)
        assert reader.doc.text and "Soleimani" in reader.doc.text  # still reading
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ScenarioScreen) and app.screen.index == 3
        touch(sources, good)
        await reload(app, pilot)
        assert not app.screen.query_one(ReloadPanel).display


async def test_the_app_never_writes_to_the_corpus(tmp_path: Path) -> None:
    root = copy_corpus(tmp_path)
    before = snapshot(root)
    app = make_app(root)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "j", "j", "o", "right_square_bracket", "c", "escape", "c", "escape")
        await reload(app, pilot)
        assert isinstance(app.screen, HomeScreen)
    assert snapshot(root) == before


def test_live_corpus_keeps_the_last_good_version(tmp_path: Path) -> None:
    root = copy_corpus(tmp_path)
    path = root / "scenarios" / "2021-combat-mission-end.toml"
    live = LiveCorpus(root)
    good = live.view(path)
    assert good is not None and live.problems() == [] and not live.changed()
    text = path.read_text(encoding="utf-8")
    touch(path, text.replace("format = 1", "format = 2"))
    assert live.changed()
    live.reload()
    assert not live.changed()
    assert live.view(path) is good
    assert [d.line for d in live.problems()] == [text[: text.index("format = 1")].count("\n") + 1]
    row = next(r for r in live.rows() if r.path == path)
    assert row.held and row.view is good
    touch(path, text)
    live.reload()
    assert live.view(path) is not good and live.problems() == []
