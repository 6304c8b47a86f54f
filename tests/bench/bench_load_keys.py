"""Benchmark: keys stay live while a large corpus loads (key to frame, during the load).

Run:  python3 tests/bench/bench_load_keys.py [--scenarios 3000] [--rounds 3] [--check]

The real app is started headless (run_test, 120x40) on a corpus of --scenarios copies (built with
corpus_copies.make_copies under /tmp), its workers forked first as `drawdown` forks them
(corpus/head_start.py); from its first frame until every file is checked, `j` and
`k` (ten of each in turn) are pressed on the home screen's list every 120-200 ms, as a reader
moving through the list while it fills in. Each key is timed from the press to the first frame
drawn (at App._display) that shows its move: the list's highlight on the row the key moved to.
The floor is a bare Textual app whose j and k change one Static, pressed the same way, with no
load; the two take turns (--rounds each). Reported: median and p95 of both; the target is a p95
of at most 100 ms during the load.

With --opened-again the app is given a cache folder (corpus/checked_cache.py), filled by one load
before the timed rounds: the corpus is then read from what was kept rather than checked by the
workers, in the explorer's own process, as when a reader opens an unchanged corpus again.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_explorer import bare_stepper  # noqa: E402
from timing import percentile  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
TARGET_MS = 100.0


def corpus(count: int) -> Path:
    from corpus_copies import make_copies

    target = Path(tempfile.gettempdir()) / f"drawdown-bench-{count}"
    if not (target / "scenarios").is_dir() or len(list((target / "scenarios").glob("*.toml"))) != count + 2:
        make_copies(target, count)
    return target


async def pressing(which: str, root: Path, keys: int | None, seed: int, cache: Path | None = None) -> tuple[list[float], int]:
    """Key-to-frame milliseconds; for the app, keys pressed until the load is done (and how many files)."""
    from textual.app import App

    from tui.app import DrawdownApp
    from tui.widgets.scenario_list import ScenarioList

    frames: list[tuple[float, object]] = []
    display = App._display
    if which == "app":
        from tui.corpus import head_start

        head_start.start(root)  # as `drawdown` does at its first line (here Textual is imported already)
    app: App[None] = DrawdownApp(root, poll=False, cache=cache) if which == "app" else bare_stepper()  # type: ignore[assignment]

    def state() -> object:
        if which == "app":
            found = app.screen.query(ScenarioList)
            return found.first().highlighted if found else None
        return getattr(app, "index", None)

    def timed_display(self, screen, renderable):  # type: ignore[no-untyped-def]
        frames.append((time.perf_counter(), state()))
        return display(self, screen, renderable)

    App._display = timed_display  # type: ignore[method-assign]
    rng = random.Random(seed)
    latencies: list[float] = []
    try:
        async with app.run_test(size=(120, 40)):
            while not frames:
                await asyncio.sleep(0.001)
            press = 0
            while (app.live is None) if which == "app" else press < (keys or 0):  # type: ignore[attr-defined]
                await asyncio.sleep(rng.uniform(0.12, 0.2))
                before = state()
                key = "j" if (press // 10) % 2 == 0 else "k"
                press += 1
                frames.clear()
                start = time.perf_counter()
                app.simulate_key(key)
                # The frame that shows the move: the first drawn with the state changed.
                while time.perf_counter() - start < 30:
                    moved = next((t for t, s in frames if s != before), None)
                    if moved is not None:
                        latencies.append((moved - start) * 1000)
                        break
                    if which == "app" and time.perf_counter() - start > 0.5 and state() == before:
                        break  # at the end of the list: the key moved nothing, so no frame shows it
                    await asyncio.sleep(0.0005)
            files = len(app.live.corpus.scenarios) if which == "app" else 0  # type: ignore[attr-defined]
            return latencies, files
    finally:
        App._display = display  # type: ignore[method-assign]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenarios", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--check", action="store_true", help=f"exit 1 when the p95 during the load is over {TARGET_MS:.0f} ms")
    parser.add_argument("--opened-again", action="store_true", help="read the corpus from the kept checking, as a corpus opened again")
    options = parser.parse_args()
    sys.path.insert(0, str(REPO))
    root = corpus(options.scenarios)
    cache: Path | None = None
    if options.opened_again:
        from tui.corpus.batch_load import load_in_batches

        cache = Path(tempfile.mkdtemp(prefix="drawdown-bench-cache-"))
        load_in_batches(root.resolve(), cache=cache)  # kept, as by the last time it was opened
    app_ms: list[float] = []
    bare_ms: list[float] = []
    loads: list[int] = []
    for round_ in range(options.rounds):
        more_app, files = asyncio.run(pressing("app", root, None, round_, cache))
        app_ms += more_app
        loads.append(files)
        more_bare, _ = asyncio.run(pressing("bare", root, len(more_app), round_))
        bare_ms += more_bare
    p95 = percentile(app_ms, 0.95)
    how = "opened again (read from the kept checking)" if cache is not None else "checked by the workers"
    print(f"{options.scenarios} scenarios loading, {how}, {len(app_ms)} keys over {options.rounds} loads (120x40, headless)")
    print(f"  drawdown, during the load  key to frame median {statistics.median(app_ms):6.1f} ms, p95 {p95:6.1f} ms, max {max(app_ms):6.1f} ms (target p95 <= {TARGET_MS:.0f})")
    print(f"  bare app, no load          key to frame median {statistics.median(bare_ms):6.1f} ms, p95 {percentile(bare_ms, 0.95):6.1f} ms, max {max(bare_ms):6.1f} ms")
    if cache is not None:
        shutil.rmtree(cache, ignore_errors=True)
    return 1 if options.check and p95 > TARGET_MS else 0


if __name__ == "__main__":
    raise SystemExit(main())
