"""`drawdown [PATH]`: the explorer, the one command that imports Textual."""

from __future__ import annotations

import argparse
import os
import sys

from .corpus_option import corpus_for

HELP = "open the explorer on a corpus"


def run(options: argparse.Namespace) -> int:
    from ..idle_collector import pause_for_start_up

    pause_for_start_up()
    if options.path is not None and not options.path.exists():
        from .failure import CommandError

        raise CommandError(f"{options.path}: no such file or directory")
    choice = corpus_for(options.path)
    from ..cache_folder import cache_dir
    from ..corpus import head_start

    cache = cache_dir()
    head_start.start(choice.root, cache)  # the checking begins while Textual is imported and the first frame drawn
    from ..app import STYLESHEET, DrawdownApp
    from ..settings import load_settings
    from ..stylesheet_cache import install

    install(STYLESHEET, cache)
    forget_exported_size()
    app = DrawdownApp(choice.root, settings=load_settings(), cache=cache)
    app.run()
    # Textual prints the traceback of a crash and sets return_code to 1; a clean quit is 0.
    return app.return_code or 0


def forget_exported_size() -> None:
    """Let the terminal, not the environment, say how big it is.

    Textual's driver sizes the screen, at start and on every resize, with shutil.get_terminal_size,
    which takes COLUMNS and LINES over the terminal's own answer. Exported, they are stale: GNU
    readline exports the size it saw when imported (80 and 24 with no terminal; pytest imports it),
    and a terminal started from such a process (tmux, a script) hands them down. The explorer then
    drew 80x24 in a 40x12 pane, and no resize could correct it.
    """
    try:
        os.get_terminal_size(sys.__stdout__.fileno())  # type: ignore[union-attr]
    except (AttributeError, OSError, ValueError):
        return  # no terminal to ask: the environment is all there is
    os.environ.pop("COLUMNS", None)
    os.environ.pop("LINES", None)
