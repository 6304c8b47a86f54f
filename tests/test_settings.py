"""Settings that persist: the theme chosen in the palette, a keymap by binding id, a broken file named."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

from explorer_support import FIXTURE, ExplorerApp, screen_text

from tui.navigation import OpenScenario
from tui.screens.help import HelpScreen
from tui.screens.scenario import ScenarioScreen
from tui.settings import load_settings, save_theme

SETTINGS = """\
# my Drawdown settings
theme = "nord"

[keymap]
"scenario.next-step" = "space"  # space steps on
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "settings.toml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def app_with(path: Path) -> ExplorerApp:
    app = ExplorerApp(FIXTURE, poll=False, settings=load_settings(path))
    app.animation_level = "none"
    return app


def test_a_missing_file_is_the_defaults_and_no_problem(tmp_path: Path) -> None:
    settings = load_settings(tmp_path / "settings.toml")
    assert (settings.theme, settings.keymap, settings.diagnostics, settings.saveable) == (None, {}, [], True)


def test_the_file_gives_the_theme_and_the_keymap(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, SETTINGS))
    assert settings.theme == "nord" and settings.keymap == {"scenario.next-step": "space"} and not settings.diagnostics


def test_a_broken_file_is_named_at_its_line_and_never_overwritten(tmp_path: Path) -> None:
    path = write(tmp_path, 'theme = "nord"\n[keymap\n')
    settings = load_settings(path)
    [problem] = settings.diagnostics
    assert problem.format().startswith(f"{path}:2:") and problem.is_error and "invalid TOML" in problem.message
    assert settings.theme is None  # defaults, not half a file
    before = path.read_bytes()
    assert "has errors" in (save_theme(settings, "gruvbox") or "")
    assert path.read_bytes() == before


def test_wrong_values_and_unknown_keys_are_placed(tmp_path: Path) -> None:
    path = write(tmp_path, 'theem = "nord"\ntheme = 3\n[keymap]\n"scenario.next-step" = ["j"]\n')
    found = {d.code: d for d in load_settings(path).diagnostics}
    assert found["settings-unknown-key"].line == 1 and "did you mean 'theme'" in found["settings-unknown-key"].message
    assert found["settings-theme"].line == 2 and found["settings-theme"].is_error
    assert found["settings-keymap"].line == 4


def test_saving_a_theme_keeps_the_keymap_and_comments(tmp_path: Path) -> None:
    path = write(tmp_path, SETTINGS)
    assert save_theme(load_settings(path), "gruvbox") is None
    assert path.read_text(encoding="utf-8") == SETTINGS.replace('theme = "nord"', 'theme = "gruvbox"')
    fresh = tmp_path / "new" / "settings.toml"
    assert save_theme(load_settings(fresh), "nord") is None
    assert load_settings(fresh).theme == "nord"


async def test_the_saved_theme_is_the_one_the_app_starts_in_and_a_new_choice_is_kept(tmp_path: Path) -> None:
    path = write(tmp_path, SETTINGS)
    app = app_with(path)
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.theme == "nord"
        assert path.read_text(encoding="utf-8") == SETTINGS  # starting in it writes nothing
        app.theme = "gruvbox"  # what the palette's theme picker does
        await pilot.pause()
    assert load_settings(path).theme == "gruvbox" and load_settings(path).keymap == {"scenario.next-step": "space"}
    again = app_with(path)
    async with again.run_test(size=(100, 30)):
        assert again.theme == "gruvbox"


async def test_a_rebound_key_works_and_help_and_footer_show_it(tmp_path: Path) -> None:
    app = app_with(write(tmp_path, SETTINGS))
    async with app.run_test(size=(120, 40)) as pilot:
        app.post_message(OpenScenario((FIXTURE / "scenarios" / "2020-expulsion-vote.toml").resolve(), 0))
        await pilot.pause()
        assert isinstance(app.screen, ScenarioScreen)
        await pilot.press("space")
        await pilot.pause()
        assert app.screen.index == 1
        await pilot.press("j")  # the keymap replaces the binding's keys
        await pilot.pause()
        assert app.screen.index == 1
        assert "space Next" in screen_text(app).splitlines()[-1]
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        help_text = screen_text(app)
        assert "space" in help_text and "Next step" in help_text


async def test_an_unknown_binding_id_or_theme_is_told_with_its_place_and_the_rest_applies(tmp_path: Path) -> None:
    path = write(tmp_path, 'theme = "nrod"\n[keymap]\n"scenario.next-stpe" = "space"\n"scenario.previous-step" = "b"\n')
    app = app_with(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any(m.startswith(f"{path}:3:1: warning: no key has the id 'scenario.next-stpe' (did you mean 'scenario.next-step'?)") for m in messages), messages
        assert any(m.startswith(f"{path}:1:9: warning: no theme is named 'nrod'") for m in messages), messages
        assert app.theme == "textual-dark"
        assert app._keymap == {"scenario.previous-step": "b"}


async def test_a_broken_file_still_starts_the_app_on_defaults_and_says_where(tmp_path: Path) -> None:
    path = write(tmp_path, 'theme = "nord"\n[keymap\n')
    app = app_with(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"
        assert any(n.message.startswith(f"{path}:2:") and n.severity == "error" for n in app._notifications)


def test_the_settings_folder_follows_the_environment(tmp_path: Path) -> None:
    code = "from tui.settings import settings_path; print(settings_path())"
    env = {"DRAWDOWN_CONFIG_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout.strip()
    assert out == str(tmp_path / "settings.toml")
    env = {"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "xdg"), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout.strip()
    assert out == str(tmp_path / "xdg" / "drawdown" / "settings.toml")


def test_every_binding_id_is_documented() -> None:
    from tui.keymap import binding_ids

    documented = set(re.findall(r"^\| `([a-z0-9.-]+)` \|", (Path(__file__).parent.parent / "docs" / "settings.md").read_text(encoding="utf-8"), flags=re.M))
    assert binding_ids() <= documented, sorted(binding_ids() - documented)
