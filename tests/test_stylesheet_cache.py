"""The explorer's stylesheet, kept parsed on disk: the same rules as a parse, and never a reason to fail."""

from __future__ import annotations

import asyncio
import pickle
import re
from pathlib import Path
from typing import Any, Iterator

import pytest
from textual.css.stylesheet import Stylesheet

from tui import stylesheet_cache
from tui.app import DrawdownApp

REPO = Path(__file__).resolve().parent.parent
APP_CSS = Path(DrawdownApp.CSS_PATH)
FIXTURE = REPO / "tests" / "fixtures" / "corpus"


@pytest.fixture
def cached(tmp_path: Path) -> Iterator[Path]:
    directory = tmp_path / "cache"
    stylesheet_cache.install(APP_CSS, directory)
    try:
        yield directory
    finally:
        stylesheet_cache.uninstall()


def _variables() -> dict[str, str]:
    return DrawdownApp(FIXTURE, poll=False).get_css_variables()


def _parsed(variables: dict[str, str] | None = None) -> list[Any]:
    sheet = Stylesheet(variables=variables or _variables())
    sheet.read(APP_CSS)
    sheet.parse()
    return sheet.rules


def _described(rules: list[Any]) -> list[tuple[object, ...]]:
    # A rule's CSS as Textual writes it back, and what orders it against the others.
    return [(rule.css, rule.selector_names, rule.is_default_rules, rule.tie_breaker, [s.specificity for s in rule.selector_set]) for rule in rules]


def test_a_cached_parse_gives_the_rules_a_parse_gives(cached: Path) -> None:
    stylesheet_cache.uninstall()
    plain = _described(_parsed())
    stylesheet_cache.install(APP_CSS, cached)
    written = _described(_parsed())  # parsed, and written
    assert len(list(cached.iterdir())) == 1
    read = _described(_parsed())  # read back
    assert plain == written == read and len(plain) > 100


def test_a_hit_does_not_parse(cached: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _parsed()
    import textual.css.stylesheet as module

    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(module, "parse", refused)
    assert len(_parsed()) > 100


def test_other_variables_name_another_file(cached: Path) -> None:
    variables = _variables()
    _parsed(variables)
    other = dict(variables, primary="#123456")
    rules = _parsed(other)
    assert len(list(cached.iterdir())) == 2
    assert _described(rules) != _described(_parsed(variables))


def test_a_damaged_file_is_parsed_instead_and_written_again(cached: Path) -> None:
    _parsed()
    (file,) = cached.iterdir()
    file.write_bytes(pickle.dumps({"not": "rules"})[:7])
    assert len(_parsed()) > 100
    assert isinstance(pickle.loads(file.read_bytes()), list)


def test_a_folder_that_cannot_be_written_only_costs_the_parse(tmp_path: Path) -> None:
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("", encoding="utf-8")
    stylesheet_cache.install(APP_CSS, blocked / "cache")
    try:
        assert len(_parsed()) > 100
    finally:
        stylesheet_cache.uninstall()


def test_only_the_apps_own_stylesheet_is_cached_and_old_files_go(cached: Path) -> None:
    sheet = Stylesheet()
    sheet.add_source("Screen { color: red; }", read_from=("elsewhere.tcss", ""))
    sheet.parse()
    assert not cached.exists()
    variables = _variables()
    for shade in range(stylesheet_cache.KEPT + 3):
        _parsed(dict(variables, primary=f"#1234{shade:02d}"))
    assert len(list(cached.iterdir())) == stylesheet_cache.KEPT


def _styles_inline(svg: str) -> str:
    """The SVG with each style class replaced by the style it names: the classes are numbered in
    the order the export meets the styles, and carry a number that differs from one export to the next."""
    svg = re.sub(r"terminal-\d+-", "terminal-", svg)
    styles = dict(re.findall(r"\.(terminal-r\d+) \{ ([^}]*) \}", svg))
    svg = re.sub(r"\.terminal-r\d+ \{[^}]*\}\n?", "", svg)
    return re.sub(r'class="(terminal-r\d+)"', lambda m: f'style="{styles.get(m.group(1), m.group(1))}"', svg)


def _screen(size: tuple[int, int]) -> str:
    async def run() -> str:
        app = DrawdownApp(FIXTURE, poll=False)
        async with app.run_test(size=size) as pilot:
            await asyncio.wait_for(app.corpus_ready(), 30)
            # The figures chart joins the home screen after the frame with the counts, and the cards narrow.
            for _ in range(200):
                await pilot.pause()
                if app.screen.query("#home-figures"):
                    break
            await pilot.pause()
            await pilot.pause()
            return _styles_inline(app.export_screenshot())

    return asyncio.run(run())


def test_the_explorer_looks_the_same_through_the_cache(tmp_path: Path) -> None:
    plain = _screen((90, 30))
    stylesheet_cache.install(APP_CSS, tmp_path / "cache")
    try:
        assert _screen((90, 30)) == plain  # parsed and written
        assert _screen((90, 30)) == plain  # read
    finally:
        stylesheet_cache.uninstall()


def test_the_explorers_command_parses_through_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import argparse

    from tui.cli import explore

    monkeypatch.setenv("DRAWDOWN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("DRAWDOWN_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setattr(DrawdownApp, "run", lambda self: None)
    try:
        assert explore.run(argparse.Namespace(path=FIXTURE)) == 0
        _parsed()
        assert len(list((tmp_path / "cache").iterdir())) == 1
    finally:
        stylesheet_cache.uninstall()
