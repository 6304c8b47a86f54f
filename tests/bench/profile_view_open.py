"""Profile what opening one view runs at a given corpus size (by hand: not a benchmark, no figures).

Run:  python3 tests/bench/profile_view_open.py --count 3000 --view gaps [--key g]

Builds the corpus with corpus_copies under /tmp (as bench_views.py does), runs the app headless at
120x40, waits for the corpus and its view data, then profiles (cProfile) from the key that opens
the view to the screen being shown and idle, and prints the top functions by cumulative time.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import pstats
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parents[1]))
sys.path.insert(0, str(BENCH.parents[1] / "tests"))

from bench_views import MOVES, OPEN_KEY, TYPED, prepared, press  # noqa: E402
from corpus_copies import make_copies  # noqa: E402


async def run(root: Path, view: str, moves: int, limit: int) -> None:
    from tui.app import DrawdownApp

    app = DrawdownApp(root, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        live = await app.corpus_ready()
        await prepared(live)
        await pilot.pause(0.5)
        profile = cProfile.Profile()
        profile.enable()
        press(app, OPEN_KEY[view])
        await pilot.pause()
        await pilot.pause()
        typed = TYPED.get(view, "")
        for number in range(moves):
            # As bench_views.py: the view's filter word typed then erased, or its moves.
            if typed:
                cycle = number % (2 * len(typed))
                key = typed[cycle] if cycle < len(typed) else "backspace"
            else:
                key = MOVES.get(view, ("down", "up"))[(number // 10) % 2]
            press(app, key)
            await pilot.pause()
        profile.disable()
        pstats.Stats(profile).sort_stats("cumulative").print_stats(limit)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=3000)
    parser.add_argument("--view", default="gaps", choices=sorted(OPEN_KEY))
    parser.add_argument("--moves", type=int, default=0, help="keys pressed after the open, profiled too")
    parser.add_argument("--limit", type=int, default=45)
    options = parser.parse_args()
    root = Path(f"/tmp/drawdown-profile-views-{options.count}")
    make_copies(root, options.count)
    asyncio.run(run(root, options.view, options.moves, options.limit))


if __name__ == "__main__":
    main()
