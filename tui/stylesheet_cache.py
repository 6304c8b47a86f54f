"""The explorer's own stylesheet (app.tcss), kept parsed on disk between runs.

Textual parses app.tcss afresh at every start and at every change of theme: about 30 ms of a first
frame that a bare Textual app draws in about 250 ms (tests/bench/bench_startup_tmux.py), for 1,200
lines that change only with a new version of Drawdown. Its rules, pickled, load in about 4 ms.

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


def _textual_code() -> list[tuple[str, int, int]]:
    found = []
    for module in (css_parse, model, styles, tokenize):
        stat = os.stat(module.__file__ or "")
        found.append((module.__name__, stat.st_size, stat.st_mtime_ns))
    return found


def install(stylesheet: Path, directory: Path) -> None:
    """From now on, parse the file `stylesheet` through a cache in `directory` (made when first written)."""
    parse = Stylesheet._parse_rules
    if getattr(parse, "_cached_for", None) is not None:
        parse = parse.__wrapped__  # type: ignore[attr-defined]
    name = os.path.abspath(os.path.expanduser(stylesheet))  # as Stylesheet.read names its source
    code = _textual_code()

    def parse_rules(self: Stylesheet, css: str, read_from: tuple[str, str], is_default_rules: bool = False, tie_breaker: int = 0, scope: str = "") -> Any:
        textual_key = (css, read_from, is_default_rules, tie_breaker, scope)  # Textual's own, in memory
        if read_from[0] != name or textual_key in self._parse_cache:
            return parse(self, *textual_key)
        key = (code, *textual_key, sorted(self._variables.items()))
        path = directory / (hashlib.sha256(repr(key).encode("utf-8")).hexdigest() + _SUFFIX)
        rules = _read(path)
        if rules is None:
            rules = parse(self, *textual_key)
            _write(path, rules)
        self._parse_cache[textual_key] = rules
        return rules

    parse_rules._cached_for = name  # type: ignore[attr-defined]
    parse_rules.__wrapped__ = parse  # type: ignore[attr-defined]
    Stylesheet._parse_rules = parse_rules  # type: ignore[method-assign]


def uninstall() -> None:
    """Parse as Textual does again (tests)."""
    parse = Stylesheet._parse_rules
    if getattr(parse, "_cached_for", None) is not None:
        Stylesheet._parse_rules = parse.__wrapped__  # type: ignore[attr-defined,method-assign]


def _read(path: Path) -> list[Any] | None:
    rules = read_pickled(path)
    return rules if isinstance(rules, list) else None


def _write(path: Path, rules: list[Any]) -> None:
    write_pickled(path, rules, kept=KEPT)
