"""The reader's settings: the theme they chose and a keymap, kept in the platform's config folder.

`settings.toml` there (or in $DRAWDOWN_CONFIG_DIR) holds

    theme = "nord"

    [keymap]
    "scenario.next-step" = "j,down,space"

It is read and checked before the explorer starts, as the corpus is: a broken file costs only
itself (the app starts on defaults and says where the file is wrong), and nothing here imports
Textual, so the check runs without a terminal. The app writes only the `theme` line, and only
into a file that parsed, so a reader's keymap and comments survive a theme change.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from difflib import get_close_matches
from pathlib import Path
from typing import Any

from .corpus.diagnostics import Diagnostic
from .corpus.reading import FileReport, read_toml

FILE_NAME = "settings.toml"
KEYS = ("theme", "keymap")
# One key or several, comma-separated, as Textual writes them: "ctrl+j", "down,j", "question_mark".
_KEY_LIST = re.compile(r"^[\w+-]+(,[\w+-]+)*$")
_THEME_LINE = re.compile(r"^[ \t]*theme[ \t]*=.*$", re.M)
_FIRST_TABLE = re.compile(r"^[ \t]*\[", re.M)


@dataclass
class Settings:
    path: Path | None  # None: defaults that are never saved (tests, snapshots)
    theme: str | None = None
    keymap: dict[str, str] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    _report: FileReport | None = None
    saveable: bool = True  # False once the file was found broken: the app never overwrites it

    def warn(self, loc: tuple[str, ...], code: str, message: str, *, value: bool = True) -> None:
        """A problem found by the app (an unknown theme or binding id), placed in the file like the others."""
        if self._report is not None:
            self._report.warning(loc, code, message, value=value)
            self.diagnostics = list(self._report.diagnostics)


def config_dir() -> Path:
    override = os.environ.get("DRAWDOWN_CONFIG_DIR")
    if override:
        return Path(override)
    import platformdirs  # only when there is no override: tests and scripts never need it

    return platformdirs.user_config_path("drawdown", appauthor=False)


def settings_path() -> Path:
    return config_dir() / FILE_NAME


def load_settings(path: Path | None = None) -> Settings:
    """The settings in `path` (default: the reader's own file); defaults where it is missing or wrong."""
    path = settings_path() if path is None else path
    settings = Settings(path)
    try:
        path.lstat()
    except FileNotFoundError:
        return settings  # no file yet: the defaults, saved on the first theme change
    except OSError:
        pass  # read_toml says why
    report = FileReport(path)
    settings._report = report
    data = read_toml(path, report, limit=64 * 1024)
    if data is None:
        settings.saveable = False
    else:
        _check(data, settings, report)
    settings.diagnostics = list(report.diagnostics)
    return settings


def _check(data: dict[str, Any], settings: Settings, report: FileReport) -> None:
    for key in data:
        if key not in KEYS:
            hint = get_close_matches(key, KEYS, n=1)
            report.warning((key,), "settings-unknown-key", f"unknown setting '{key}'" + (f" (did you mean '{hint[0]}'?)" if hint else "") + "; known: theme, [keymap]", value=False)
    theme = data.get("theme")
    if theme is not None:
        if isinstance(theme, str) and theme.strip():
            settings.theme = theme
        else:
            report.error(("theme",), "settings-theme", "theme must be a theme's name as a string, such as \"nord\"")
    keymap = data.get("keymap", {})
    if not isinstance(keymap, dict):
        report.error(("keymap",), "settings-keymap", "keymap must be a table: [keymap] then \"binding.id\" = \"keys\" lines")
        return
    for binding_id, keys in keymap.items():
        if isinstance(keys, str) and _KEY_LIST.match(keys.replace(" ", "")):
            settings.keymap[binding_id] = keys.replace(" ", "")
        else:
            report.error(("keymap", binding_id), "settings-keymap", f"keys for '{binding_id}' must be a string of key names separated by commas, such as \"j,down\"")


def save_theme(settings: Settings, theme: str) -> str | None:
    """Record `theme` in the settings file; the reason it could not be, or None."""
    if settings.path is None:
        return None
    if not settings.saveable:
        return f"{settings.path} has errors, so the theme was not saved there; fix the file to keep it"
    line = f"theme = {_toml_string(theme)}"
    try:
        text = settings.path.read_text(encoding="utf-8") if settings.path.is_file() else ""
        if _THEME_LINE.search(_top_level(text)):
            head = _top_level(text)
            text = _THEME_LINE.sub(lambda _: line, head, count=1) + text[len(head) :]
        else:
            text = line + "\n" + text
        settings.path.parent.mkdir(parents=True, exist_ok=True)
        # Written beside and moved into place, so a crash never leaves half a file.
        temporary = settings.path.with_name(f".{settings.path.name}.tmp")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, settings.path)
    except OSError as exc:
        return f"could not save the theme in {settings.path}: {exc.strerror or exc}"
    settings.theme = theme
    return None


def _top_level(text: str) -> str:
    """The part of a TOML text before its first table, where a top-level key lives."""
    match = _FIRST_TABLE.search(text)
    return text[: match.start()] if match else text


def _toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
