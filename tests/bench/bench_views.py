"""Benchmark: every analysis view at 1,000 and 3,000 scenarios, against a bare Textual app.

Run:  python3 tests/bench/bench_views.py [--counts 1000,3000] [--keys 40] [--views search,matrix] [--check]

For each corpus size a fresh interpreter (so that its RSS is the corpus's alone) builds the corpus
with corpus_copies.make_copies under /tmp, runs the app headless at 120x40, waits for the corpus
and for what the views build from it in the background, then for each view:

- open: from the key that opens it to the first frame showing it (timed at App._display,
  outside the pilot's waits; for the palette, the first frame once its list is filled);
- key: p95 over --keys filter keys (characters typed then erased, for actors, search and the
  palette; for the views without a filter, down/up, or ] and [ for the matrix), each from the
  key to the first frame drawn after the view answered it.

RSS (VmRSS from /proc/self/status) is read after every view was visited. The floor, in the same
process and in turn with the app: a bare Textual app that opens a screen with one Static, and
answers a key by changing it. Ratios are to the floor's median. Targets: open <= 300 ms, key p95
<= 50 ms, RSS <= 300 MB at 3,000 scenarios. With --check the script exits 1 when one is missed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parents[1]
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))
from timing import percentile  # noqa: E402

OPEN_TARGET_MS, KEY_TARGET_MS, RSS_TARGET_MB = 300.0, 50.0, 300.0
VIEWS = ("actors", "gaps", "search", "figures", "matrix", "palette")
OPEN_KEY = {"actors": "a", "gaps": "g", "search": "slash", "figures": "f", "matrix": "m", "palette": "ctrl+p"}
TYPED = {"actors": "alsadrmin", "search": "withdraw", "palette": "troops"}  # typed then erased, over and over
MOVES = {"gaps": ("down", "up"), "figures": ("down", "up"), "matrix": ("right_square_bracket", "left_square_bracket")}


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class Frames:
    """Times and screens of every frame drawn, recorded at App._display."""

    def __init__(self) -> None:
        from textual.app import App

        self.drawn: list[float] = []
        self.probe: Callable[[], bool] | None = None  # asked as each frame is drawn: does it show the answer?
        self.hit: float | None = None
        self.doing = ""  # what is being timed, for a failure's message
        original = App._display

        def timed(app: Any, screen: Any, renderable: Any) -> Any:
            now = time.perf_counter()
            self.drawn.append(now)
            if self.probe is not None and self.hit is None and self.probe():
                self.hit = now
            return original(app, screen, renderable)

        App._display = timed  # type: ignore[method-assign]

    async def first_showing(self, start: float, probe: Callable[[], bool], timeout: float = 60.0) -> float:
        """Milliseconds from `start` to the first frame drawn while `probe()` holds."""
        self.probe, self.hit = probe, None
        try:
            while self.hit is None:
                if time.perf_counter() - start > timeout:
                    raise SystemExit(f"no frame showed the answer in {timeout:.0f} s ({self.doing})")
                await asyncio.sleep(0.0005)
            return (self.hit - start) * 1000
        finally:
            self.probe = None


async def settle(frames: Frames, gap: float = 0.15) -> None:
    while True:
        last = frames.drawn[-1] if frames.drawn else 0.0
        await asyncio.sleep(gap)
        if (frames.drawn[-1] if frames.drawn else 0.0) == last:
            return


def press(app: Any, key: str) -> float:
    from key_bursts import key_event

    start = time.perf_counter()
    event = key_event(key)
    event.set_sender(app)
    app.post_message(event)
    return start


async def floor_round(frames: Frames, keys: int) -> tuple[float, list[float]]:
    """The bare app: open a screen with one Static, then change it `keys` times."""
    from textual.app import App, ComposeResult
    from textual.screen import Screen
    from textual.widgets import Static

    class One(Screen[None]):
        BINDINGS = [("x", "change", "Change")]

        def compose(self) -> ComposeResult:
            yield Static("one", id="one")

        def action_change(self) -> None:
            self.query_one(Static).update(f"changed {time.perf_counter()}")

    class Bare(App[None]):
        BINDINGS = [("o", "open", "Open")]

        def compose(self) -> ComposeResult:
            yield Static("home")

        def action_open(self) -> None:
            self.push_screen(One())

    frames.doing = "floor"
    app = Bare()
    async with app.run_test(size=(120, 40)):
        await settle(frames)
        start = press(app, "o")
        opened = await frames.first_showing(start, lambda: isinstance(app.screen, One))
        latencies = []
        for _ in range(keys):
            await settle(frames, 0.05)
            start = press(app, "x")
            latencies.append(await frames.first_showing(start, lambda: True))
    return opened, latencies


def answered(app: Any, view: str, value: str) -> Callable[[], bool]:
    """Whether the view has answered the key that made its filter `value` (or moved it)."""
    screen = app.screen
    if view == "palette":
        from textual.command import CommandInput

        def palette_ready() -> bool:
            palette = app.screen
            return palette.query_one(CommandInput).value == value and not any(
                w.is_running for w in app.workers if w.group == palette._GATHER_COMMANDS_GROUP
            )

        return palette_ready
    if view == "search":
        from tui.corpus.folding import fold
        from tui.corpus.search import MIN_QUERY

        # The frame that shows the results of the new query, not only the query typed.
        def searched() -> bool:
            results = screen.results
            if results is None:
                return False
            return results.query == value if len(fold(value).strip()) >= MIN_QUERY else results.total == 0

        return searched
    if view in TYPED:
        from textual.widgets import Input

        return lambda: screen.query_one(Input).value == value
    if view == "matrix":
        path = screen.path
        return lambda: screen.path != path  # the frame that shows the other scenario's matrix
    return lambda: True


async def view_round(app: Any, frames: Frames, view: str, keys: int) -> tuple[float, list[float]]:
    home = app.screen
    frames.doing = f"{view}: open"
    await settle(frames)
    start = press(app, OPEN_KEY[view])
    if view == "palette":
        ready = lambda: app.screen is not home and answered(app, view, "")()  # noqa: E731
    else:
        ready = lambda: app.screen is not home  # noqa: E731
    opened = await frames.first_showing(start, ready)
    latencies: list[float] = []
    typed = TYPED.get(view)
    value = ""
    for number in range(keys):
        await settle(frames, 0.05)
        if typed:
            # Type the word, then erase it: half the keys narrow, half widen.
            cycle = number % (2 * len(typed))
            if cycle < len(typed):
                key, value = typed[cycle], value + typed[cycle]
            else:
                key, value = "backspace", value[:-1]
        else:
            key = MOVES[view][(number // 10) % 2]
        frames.doing = f"{view}: key {number} {key!r}"
        start = press(app, key)
        latencies.append(await frames.first_showing(start, answered(app, view, value)))
    await settle(frames)
    app.pop_screen()
    return opened, latencies


async def measure(root: Path, keys: int, views: tuple[str, ...] = VIEWS) -> dict[str, Any]:
    from tui.app import DrawdownApp

    frames = Frames()
    results: dict[str, Any] = {"floor_open": [], "floor_keys": []}
    app = DrawdownApp(root, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        started = time.perf_counter()
        live = await app.corpus_ready()
        await prepared(live)
        results["ready_s"] = time.perf_counter() - started
        results["rss_before"] = rss_mb()
        for view in views:
            # The floor in turn with each view, so drift in the machine's load hits both alike.
            opened, latencies = await floor_round(frames, keys)
            results["floor_open"].append(opened)
            results["floor_keys"].extend(latencies)
            opened, latencies = await view_round(app, frames, view, keys)
            results[view] = {"open": opened, "keys": latencies}
        await pilot.pause()
        results["rss_after"] = rss_mb()
    return results


async def prepared(live: Any) -> None:
    """Wait until what the views build from the corpus in the background is built (if anything is)."""
    try:
        from tui.corpus.view_data import wait_prepared
    except ImportError:
        return
    while not wait_prepared(live.corpus, timeout=0):
        await asyncio.sleep(0.05)


def child(count: int, keys: int, views: tuple[str, ...]) -> None:
    from corpus_copies import make_copies

    # Its own directory: make_copies starts by removing it, and two runs at once (several people
    # measure on one machine) would remove each other's corpus under the app.
    root = Path(f"/tmp/drawdown-bench-views-{count}-{os.getpid()}")
    make_copies(root, count)
    try:
        print(json.dumps(asyncio.run(measure(root, keys, views))))
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", default="1000,3000")
    parser.add_argument("--keys", type=int, default=40, help="filter keys per view (at least 30)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed at the largest count")
    parser.add_argument("--views", default=",".join(VIEWS), help="the views to measure, comma-separated (all by default)")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    options = parser.parse_args()
    views = tuple(v for v in options.views.split(",") if v)
    if unknown := set(views) - set(VIEWS):
        parser.error(f"unknown views: {', '.join(sorted(unknown))}")
    if options.child:
        child(options.child, options.keys, views)
        return 0
    print(f"machine: {platform.machine()}, {platform.processor() or 'cpu'}, Python {platform.python_version()}; 120x40 headless")
    missed = False
    counts = [int(c) for c in options.counts.split(",")]
    for count in counts:
        out = subprocess.run([sys.executable, __file__, "--child", str(count), "--keys", str(options.keys), "--views", options.views], cwd=REPO, capture_output=True, text=True)
        if out.returncode != 0:
            raise SystemExit(out.stderr)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        floor_open = statistics.median(r["floor_open"])
        floor_p95 = percentile(r["floor_keys"], 0.95)
        print(f"\n{count:,} scenarios: corpus and view data ready after {r['ready_s']:.1f} s")
        print(f"floor (bare app, one Static): open median {floor_open:.1f} ms, key p95 {floor_p95:.1f} ms")
        print(f"{'view':<9} {'open ms':>8} {'x floor':>8} {'key p50':>8} {'key p95':>8} {'x floor':>8}  targets (open <= 300, key p95 <= 50)")
        for view in views:
            opened, latencies = r[view]["open"], r[view]["keys"]
            p95 = percentile(latencies, 0.95)
            met = opened <= OPEN_TARGET_MS and p95 <= KEY_TARGET_MS
            missed |= not met and count == max(counts)
            print(
                f"{view:<9} {opened:8.1f} {opened / floor_open:8.1f} {statistics.median(latencies):8.1f} {p95:8.1f} "
                f"{p95 / floor_p95:8.1f}  {'met' if met else 'NOT met'}"
            )
        rss_met = r["rss_after"] <= RSS_TARGET_MB
        missed |= not rss_met and count == max(counts)
        print(f"RSS: {r['rss_before']:.0f} MB with the corpus loaded, {r['rss_after']:.0f} MB after every view (target <= 300: {'met' if rss_met else 'NOT met'})")
    return 1 if options.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
