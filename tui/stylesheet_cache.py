"""The explorer's stylesheets (app.tcss, and the widgets' own CSS), kept parsed on disk between runs.

Textual parses app.tcss afresh at every start and at every change of theme: about 30 ms of a first
frame that a bare Textual app draws in about 250 ms (tests/bench/bench_startup_tmux.py), for 1,200
lines that change only with a new version of Drawdown. Its rules, pickled, load in about 4 ms.
Each widget's DEFAULT_CSS is parsed the same way, as the widget is first mounted: 38 of them before
the home screen's first frame, 18 ms on a busy machine. They are kept together in one file per
theme, each under all Textual keys it by (its text among them), and written once a parse is done.

The parsed rules depend on the text, on the theme's variables (substituted as it is parsed) and on
Textual's code (its parser and the classes pickled); all three, with the rest of what Textual keys
its own in-memory cache on, name the file. Textual's code is known by its files' size and time
(`textual.__version__` reads the package's metadata: 11 ms, a third of what the cache saves).
Anything amiss with the cache (unreadable, from another version, not writable) costs only the parse: the rules are then parsed as Textual always does. Only the explorer's command uses
it (cli/explore.py); the app run from tests and scripts parses as usual and writes nothing.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from textual.css import model, parse as css_parse, styles, tokenize
from textual.css.stylesheet import Stylesheet

from .cache_folder import read_pickled, write_pickled

KEPT = 8  # files kept, the newest: a few themes' worth; older versions' files go
_SUFFIX = ".rules"
_DEFAULTS_SUFFIX = ".defaults"  # pruned apart from the .rules: KEPT of each


def _textual_code() -> list[tuple[str, int, int]]:
    found = []
    for module in (css_parse, model, styles, tokenize):
        stat = os.stat(module.__file__ or "")
        found.append((module.__name__, stat.st_size, stat.st_mtime_ns))
    return found


def install(stylesheet: Path, directory: Path) -> None:
    """From now on, parse the file `stylesheet`, and the widgets' default CSS, through a cache in
    `directory` (made when first written)."""
    uninstall()
    parse_rules_uncached = Stylesheet._parse_rules
    parse_uncached = Stylesheet.parse
    name = os.path.abspath(os.path.expanduser(stylesheet))  # as Stylesheet.read names its source
    code = _textual_code()
    # By theme (the file's path): the default rules read and parsed so far; and the files with rules not yet written.
    defaults: dict[Path, dict[tuple[Any, ...], list[Any]]] = {}
    unwritten: set[Path] = set()

    def parse_rules(self: Stylesheet, css: str, read_from: tuple[str, str], is_default_rules: bool = False, tie_breaker: int = 0, scope: str = "") -> Any:
        textual_key = (css, read_from, is_default_rules, tie_breaker, scope)  # Textual's own, in memory
        own = read_from[0] == name
        if not (own or is_default_rules) or textual_key in self._parse_cache:
            return parse_rules_uncached(self, *textual_key)
        variables = sorted(self._variables.items())
        if own:
            path = directory / (hashlib.sha256(repr((code, *textual_key, variables)).encode("utf-8")).hexdigest() + _SUFFIX)
            rules = _read(path)
            if rules is None:
                rules = parse_rules_uncached(self, *textual_key)
                _write(path, rules)
        else:
            path = directory / (hashlib.sha256(repr((code, "defaults", variables)).encode("utf-8")).hexdigest() + _DEFAULTS_SUFFIX)
            if path not in defaults:
                defaults[path] = _read_defaults(path)
            kept = defaults[path]
            rules = kept.get(textual_key)
            if rules is None:
                rules = parse_rules_uncached(self, *textual_key)
                # The same widget's CSS as another version wrote it goes: the file holds one text a widget.
                for stale in [key for key in kept if key[1:] == textual_key[1:]]:
                    del kept[stale]
                kept[textual_key] = rules
                unwritten.add(path)
        self._parse_cache[textual_key] = rules
        return rules

    def parse(self: Stylesheet) -> None:
        try:
            parse_uncached(self)
        finally:
            # Once per parse, not per widget: a first start parses the CSS of tens of widgets at once.
            while unwritten:
                path = unwritten.pop()
                _write(path, defaults[path])

    for patched, original in ((parse_rules, parse_rules_uncached), (parse, parse_uncached)):
        patched.__wrapped__ = original  # type: ignore[attr-defined]
    Stylesheet._parse_rules = parse_rules  # type: ignore[method-assign]
    Stylesheet.parse = parse  # type: ignore[method-assign]


def uninstall() -> None:
    """Parse as Textual does again (tests)."""
    for method in ("_parse_rules", "parse"):
        patched = getattr(Stylesheet, method)
        if hasattr(patched, "__wrapped__"):
            setattr(Stylesheet, method, patched.__wrapped__)


def _read(path: Path) -> list[Any] | None:
    rules = read_pickled(path)
    return rules if isinstance(rules, list) else None


def _read_defaults(path: Path) -> dict[tuple[Any, ...], list[Any]]:
    rules = read_pickled(path)
    if not isinstance(rules, dict):
        return {}
    return {key: value for key, value in rules.items() if isinstance(key, tuple) and isinstance(value, list)}


def _write(path: Path, rules: list[Any] | dict[tuple[Any, ...], list[Any]]) -> None:
    write_pickled(path, rules, kept=KEPT)
