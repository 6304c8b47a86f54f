"""Benchmark: the explorer's start-up against a bare Textual app, and the cost of one step.

Run:  python3 tests/bench/bench_explorer.py [--repeat 9] [--steps 120] [--rounds 3]

Start-up: a fresh interpreter runs each app headless and quits as soon as its first
frame is drawn; the bare app has one Static. Reported as ratios, median of --repeat runs taken in turn:
the first frame, which is the first readable home screen (it lists every scenario's year,
title and question from a first look at the files; the script checks that it lists them
all; the target is <= 1.5), and the corpus checked, when counts and error badges are in.

Stepping: the real app on the fixture corpus, 120x40 and 80x24, pressing j/k through a
scenario, from the key to the first frame drawn after it (timed at App._display, outside
the pilot's waits). Each key is pressed once the screen has settled (no frame for 100 ms:
a reader stepping) and as a held key (20 ms after the last frame: auto-repeat). The floor
is a bare Textual app whose j and k change one Static, pressed the same way in turn with
the app: what Textual's own key handling and frame clock cost. The clock ticks at most
every 16.7 ms on a fixed grid, so a held key can wait for the next tick whatever the app
does; the bare app shows how much. "layouts" counts the keys that laid out the screen
(a scrollbar appearing, say), which redraws more than the panes that changed.
The screen draws the step a reader is likely to go to next once a frame is on screen;
"not ahead" turns that off, for the cost of a key to a step not drawn yet (a jump).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import percentile  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "fixtures" / "corpus"

BARE = """
from textual.app import App
from textual.widgets import Static
class Bare(App):
    def compose(self):
        yield Static("hello")
    def on_mount(self):
        self.call_after_refresh(self.exit)
Bare().run(headless=True)
"""

FIRST_FRAME = f"""
from pathlib import Path
from tui.app import DrawdownApp
from tui.widgets.scenario_list import ScenarioList
class FirstFrame(DrawdownApp):
    def on_mount(self):
        self.call_after_refresh(self.listed)
    def listed(self):
        # What the first frame showed: how many scenarios the home screen lists.
        self.exit(self.screen.query_one(ScenarioList).option_count)
print(FirstFrame(Path({str(FIXTURE)!r}), poll=False).run(headless=True))
"""

CORPUS_SHOWN = f"""
from pathlib import Path
from tui.app import DrawdownApp
class CorpusShown(DrawdownApp):
    def _corpus_loaded(self, live):
        super()._corpus_loaded(live)
        self.call_after_refresh(self.exit)
CorpusShown(Path({str(FIXTURE)!r}), poll=False).run(headless=True)
"""


def run_once(code: str, expect: str | None = None) -> float:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0 or result.stderr:
        raise SystemExit(result.stderr)
    if expect is not None and result.stdout.strip() != expect:
        raise SystemExit(f"the first frame listed {result.stdout.strip()} scenarios, not {expect}")
    return seconds


def run_interleaved(runs: dict[str, tuple[str, str | None]], repeat: int) -> dict[str, float]:
    """Median seconds of each script, run in turn (bare, app, bare, app...) so drift hits all alike."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeat):
        for name, (code, expect) in runs.items():
            times[name].append(run_once(code, expect))
    return {name: statistics.median(values) for name, values in times.items()}


async def settle(frames: list[float], gap: float) -> None:
    """Wait until no frame has been drawn for `gap` seconds (a key's follow-up frames are done)."""
    while True:
        last = frames[-1] if frames else 0.0
        await asyncio.sleep(gap)
        if (frames[-1] if frames else 0.0) == last:
            return



def bare_stepper() -> object:
    """The floor for stepping: a bare Textual app whose j and k change the text of one Static."""
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class BareStepper(App[None]):
        BINDINGS = [("j", "step(1)", "Next"), ("k", "step(-1)", "Previous")]

        def __init__(self) -> None:
            super().__init__()
            self.index = 0

        def compose(self) -> ComposeResult:
            yield Static("step 0", id="step")

        def action_step(self, delta: int) -> None:
            self.index += delta
            self.query_one("#step", Static).update(f"step {self.index}")

    return BareStepper()


async def open_scenario(app: object, pilot: object) -> None:
    from tui.navigation import OpenScenario

    await app.corpus_ready()  # type: ignore[attr-defined]
    app.post_message(OpenScenario(FIXTURE / "scenarios" / "2020-expulsion-vote.toml"))  # type: ignore[attr-defined]
    await pilot.pause(0.5)  # type: ignore[attr-defined]


async def stepping(which: str, size: tuple[int, int], steps: int, gap: float, ahead: bool) -> tuple[list[float], list[float]]:
    """Key-to-frame and layout milliseconds of `steps` presses of j/k in the app or the bare floor.

    With `ahead` false the scenario screen draws nothing ahead, so every key wraps its
    step afresh: a jump to a step not drawn yet.
    """
    from textual.app import App
    from textual.screen import Screen

    from tui.app import DrawdownApp
    from tui.screens.scenario import ScenarioScreen

    frames: list[float] = []
    work: list[float] = []
    display, refresh_layout, prepare_next = App._display, Screen._refresh_layout, ScenarioScreen._prepare_next

    def timed_display(self, screen, renderable):  # type: ignore[no-untyped-def]
        frames.append(time.perf_counter())
        return display(self, screen, renderable)

    def timed_layout(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        result = refresh_layout(self, *args, **kwargs)
        work.append((time.perf_counter() - start) * 1000)
        return result

    App._display, Screen._refresh_layout = timed_display, timed_layout  # type: ignore[method-assign]
    if not ahead:
        ScenarioScreen._prepare_next = lambda self: None  # type: ignore[method-assign]
    try:
        app = DrawdownApp(FIXTURE, poll=False) if which == "app" else bare_stepper()
        async with app.run_test(size=size) as pilot:  # type: ignore[attr-defined]
            if which == "app":
                await open_scenario(app, pilot)
            else:
                await pilot.pause(0.5)
            latencies: list[float] = []
            key_work: list[float] = []
            for press in range(steps):
                await settle(frames, gap)
                frames.clear()
                work.clear()
                start = time.perf_counter()
                app.simulate_key("j" if (press // 20) % 2 == 0 else "k")  # type: ignore[attr-defined]
                while not frames and time.perf_counter() - start < 1:
                    await asyncio.sleep(0.0005)
                if not frames:
                    raise SystemExit(f"{which}: press {press} drew no frame")
                latencies.append((frames[0] - start) * 1000)
                key_work.append(sum(work))
            return latencies, key_work
    finally:
        App._display, Screen._refresh_layout = display, refresh_layout  # type: ignore[method-assign]
        ScenarioScreen._prepare_next = prepare_next  # type: ignore[method-assign]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--steps", type=int, default=120, help="presses per size and mode, for each app")
    parser.add_argument("--rounds", type=int, default=3, help="turns the bare app and the app take, each pressing steps/rounds keys")
    options = parser.parse_args()

    files = len([p for p in (FIXTURE / "scenarios").glob("*.toml") if p.name not in ("actors.toml", "series.toml")])
    timed = run_interleaved({"bare": (BARE, None), "first": (FIRST_FRAME, str(files)), "shown": (CORPUS_SHOWN, None)}, options.repeat)
    bare, first, shown = timed["bare"], timed["first"], timed["shown"]
    print(f"start-up   bare Textual app {bare * 1000:.0f} ms")
    print(f"           first frame      {first * 1000:.0f} ms  ({first / bare:.2f}x, target <= 1.5x): all {files} scenarios listed")
    print(f"           corpus checked   {shown * 1000:.0f} ms  ({shown / bare:.2f}x): counts and error badges in")
    sys.path.insert(0, str(REPO))
    for size in ((120, 40), (80, 24)):
        for label, gap, ahead in (("settled", 0.1, True), ("held key", 0.02, True), ("not ahead", 0.1, False)):
            # The floor and the app in turn, a few presses at a time, so drift hits both alike.
            runs: dict[str, tuple[list[float], list[float]]] = {"bare": ([], []), "app": ([], [])}
            for _ in range(options.rounds):
                for which, (latencies, work) in runs.items():
                    more_latencies, more_work = asyncio.run(stepping(which, size, options.steps // options.rounds, gap, ahead))
                    latencies.extend(more_latencies)
                    work.extend(more_work)
            bare_latencies, app_latencies, app_work = runs["bare"][0], runs["app"][0], runs["app"][1]
            print(
                f"step {size[0]}x{size[1]} {label:<8}  key to frame median {statistics.median(app_latencies):.1f} ms, "
                f"p95 {percentile(app_latencies, 0.95):.1f} ms (target <= 16); "
                f"bare app median {statistics.median(bare_latencies):.1f} ms, p95 {percentile(bare_latencies, 0.95):.1f} ms; "
                f"layouts {sum(1 for w in app_work if w)} of {len(app_work)} keys"
            )

if __name__ == "__main__":
    main()
