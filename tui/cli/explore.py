"""`drawdown [PATH]`: the explorer, the one command that imports Textual."""

from __future__ import annotations

import argparse

from .corpus_option import corpus_for

HELP = "open the explorer on a corpus"


def run(options: argparse.Namespace) -> int:
    if options.path is not None and not options.path.exists():
        from .failure import CommandError

        raise CommandError(f"{options.path}: no such file or directory")
    choice = corpus_for(options.path)
    from ..corpus import head_start

    head_start.start(choice.root)  # the checking begins while Textual is imported and the first frame drawn
    from ..app import STYLESHEET, DrawdownApp
    from ..settings import load_settings
    from ..cache_folder import cache_dir
    from ..stylesheet_cache import install

    cache = cache_dir()
    install(STYLESHEET, cache)
    app = DrawdownApp(choice.root, settings=load_settings(), cache=cache)
    app.run()
    # Textual prints the traceback of a crash and sets return_code to 1; a clean quit is 0.
    return app.return_code or 0
