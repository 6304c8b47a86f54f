"""Benchmark: memory across reloads, and the pause that keeps it flat (what is frozen, chosen again).

Run:  python3 tests/bench/bench_reload_memory.py [--scenarios 1000] [--reloads 6]

The real app is started headless (run_test, 120x40) on a corpus of --scenarios copies (built with
corpus_copies.make_copies under /tmp), and waits until the views' data is prepared. Then, --reloads
times, one scenario file is saved again with the actors view open across the reload (as an author
editing with a view up), the view is closed, and the idle collector's next pause runs
(idle_collector.py: unfreeze, collect, freeze again, with only the home screen up).

Reported: after the load and after each reload, the resident size, the objects frozen (never
walked by a full pass), and whether the closed view was freed; then the pause itself against its
floor, one full pass (gc.collect) of the same process with everything unfrozen. Memory must stay
flat: the frozen objects after the last reload within a few per cent of the first's. Before it
did, each reload left the replaced home cards frozen for good, a view open across it stayed, and
Textual's memo of colours (StylesCache.get_inner_outer) kept every closed widget's drawn lines:
3,400 objects more at each reload at 1,000 scenarios. It exits 1 if a closed view was kept.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import sys
import time
import weakref
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parents[1]
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(REPO))

from corpus_copies import make_copies  # noqa: E402


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


async def measure(root: Path, reloads: int) -> int:
    from tui import idle_collector
    from tui.app import DrawdownApp
    from tui.corpus.view_data import wait_prepared
    from tui.screens.actors import ActorsScreen

    idle_collector.IDLE_SECONDS = 0.0  # the collector's pause at once: the bench presses no key meanwhile
    app = DrawdownApp(root, poll=False)
    app.animation_level = "none"
    failures = 0
    async with app.run_test(size=(120, 40)) as pilot:
        await app.corpus_ready()
        assert app.live is not None
        await asyncio.to_thread(wait_prepared, app.live.corpus, 120)
        await pilot.pause()
        app._collector.collect_if_idle()
        rows = [("loaded", rss_mb(), gc.get_freeze_count(), "")]
        edited = sorted((root / "scenarios").glob("*.toml"))[len(rows)]
        pauses: list[float] = []
        for number in range(reloads):
            await pilot.press("a")
            await pilot.pause()
            assert isinstance(app.screen, ActorsScreen)
            view = weakref.ref(app.screen)
            edited.write_text(edited.read_text(encoding="utf-8") + f"\n# saved again, {number}\n", encoding="utf-8")
            assert app.check_for_changes()
            await pilot.pause()
            await asyncio.to_thread(wait_prepared, app.live.corpus, 120)
            app.pop_screen()
            await pilot.pause()
            await pilot.pause()
            start = time.perf_counter()
            app._collector.collect_if_idle()
            pauses.append(time.perf_counter() - start)
            freed = view() is None
            failures += not freed
            rows.append((f"reload {number + 1}", rss_mb(), gc.get_freeze_count(), "view freed" if freed else "VIEW KEPT"))
        gc.unfreeze()
        start = time.perf_counter()
        gc.collect()
        floor = time.perf_counter() - start
        gc.freeze()
    print(f"{len(list((root / 'scenarios').glob('*.toml'))):,} scenario files, 120x40 headless")
    for name, rss, frozen, note in rows:
        print(f"  {name:<10} RSS {rss:6.1f} MB  frozen {frozen:>9,}  {note}")
    first, last = rows[1], rows[-1]
    growth = (last[2] - first[2]) / first[2] if first[2] else 0.0
    print(f"  frozen objects, last reload against the first: {growth:+.1%}; RSS {last[1] - first[1]:+.1f} MB")
    pause = sorted(pauses)[len(pauses) // 2]
    print(f"  the pause (unfreeze, collect, freeze): median {pause * 1000:.0f} ms; floor, one full pass: {floor * 1000:.0f} ms; ratio {pause / floor:.2f}")
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenarios", type=int, default=1000)
    parser.add_argument("--reloads", type=int, default=6)
    options = parser.parse_args()
    root = Path("/tmp") / f"drawdown-bench-reload-{options.scenarios}"
    make_copies(root, options.scenarios)
    failures = asyncio.run(measure(root, options.reloads))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
