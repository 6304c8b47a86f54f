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


def test_only_the_apps_own_stylesheet_and_the_widgets_css_are_cached_and_old_files_go(cached: Path) -> None:
    sheet = Stylesheet()
    sheet.add_source("Screen { color: red; }", read_from=("elsewhere.tcss", ""))
    sheet.parse()
    assert not cached.exists()
    variables = _variables()
    for shade in range(stylesheet_cache.KEPT + 3):
        _parsed(dict(variables, primary=f"#1234{shade:02d}"))
        _with_defaults(dict(variables, primary=f"#1234{shade:02d}"))
    assert sorted(file.suffix for file in cached.iterdir()) == [".defaults"] * stylesheet_cache.KEPT + [".rules"] * stylesheet_cache.KEPT


# Two widgets' DEFAULT_CSS, as Textual adds them as each widget class is first mounted.
DEFAULTS = {
    ("list.py", "Cards"): "Cards { height: 1fr; background: $surface; } Cards > .cards--year { color: $primary; }",
    ("bar.py", "Bar"): "Bar { dock: top; height: 1; color: $text-muted; }",
}


def _with_defaults(variables: dict[str, str] | None = None, defaults: dict[tuple[str, str], str] = DEFAULTS) -> list[Any]:
    sheet = Stylesheet(variables=variables or _variables())
    for tie_breaker, (read_from, css) in enumerate(defaults.items()):
        sheet.add_source(css, read_from=read_from, is_default_css=True, tie_breaker=tie_breaker, scope=read_from[1])
    sheet.parse()
    return sheet.rules


def test_the_widgets_css_is_read_back_as_parsed_written_once_per_parse(cached: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stylesheet_cache.uninstall()
    plain = _described(_with_defaults())
    stylesheet_cache.install(APP_CSS, cached)
    writes: list[Path] = []
    write = stylesheet_cache._write
    monkeypatch.setattr(stylesheet_cache, "_write", lambda path, rules: (writes.append(path), write(path, rules)))
    assert _described(_with_defaults()) == plain  # parsed, and written
    assert len(writes) == 1 and writes[0].suffix == ".defaults"
    import textual.css.stylesheet as module

    parse = module.parse
    monkeypatch.setattr(module, "parse", lambda *args, **kwargs: pytest.fail("parsed again"))
    stylesheet_cache.install(APP_CSS, cached)  # as another start: read from the file
    assert _described(_with_defaults()) == plain
    assert len(writes) == 1
    # Another widget's CSS, or another text under a known name, is parsed (and the file written again).
    monkeypatch.setattr(module, "parse", parse)
    changed = {("list.py", "Cards"): "Cards { height: 2; }"}
    stylesheet_cache.uninstall()
    expected = _described(_with_defaults(defaults=changed))
    stylesheet_cache.install(APP_CSS, cached)
    assert _described(_with_defaults(defaults=changed)) == expected != plain
    assert len(writes) == 2
    # The file holds the widget's new text in place of its old one, not both.
    kept = pickle.loads(writes[-1].read_bytes())
    assert sorted(key[0] for key in kept if key[1] == ("list.py", "Cards")) == ["Cards { height: 2; }"]
    assert len(kept) == len(DEFAULTS)


def test_a_damaged_file_of_the_widgets_css_is_parsed_instead_and_written_again(cached: Path) -> None:
    plain = _described(_with_defaults())
    (file,) = cached.iterdir()
    for damage in (pickle.dumps({"not": "rules"})[:7], pickle.dumps(["a list"]), pickle.dumps({"key": "not a list"})):
        file.write_bytes(damage)
        stylesheet_cache.install(APP_CSS, cached)  # a new start, not what this one read
        assert _described(_with_defaults()) == plain
        assert isinstance(pickle.loads(file.read_bytes()), dict)


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


def test_the_explorer_looks_the_same_through_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plain = _screen((90, 30))
    stylesheet_cache.install(APP_CSS, tmp_path / "cache")
    try:
        assert _screen((90, 30)) == plain  # parsed and written
        assert sorted(file.suffix for file in (tmp_path / "cache").iterdir()) == [".defaults", ".rules"]
        import textual.css.stylesheet as module

        parsed: list[bool] = []
        parse = module.parse
        monkeypatch.setattr(module, "parse", lambda *args, **kwargs: (parsed.append(kwargs.get("is_default_rules", False)), parse(*args, **kwargs))[1])
        assert _screen((90, 30)) == plain  # read
        assert not parsed  # neither app.tcss nor any widget's own CSS
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
