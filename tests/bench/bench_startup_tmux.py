"""Benchmark: start-up as a user sees it, in a real terminal (tmux, 120x40).

Run:  python3 tests/bench/bench_startup_tmux.py [--repeat 5] [--sizes bundled,1000,3000] [--check]

The installed `drawdown` command (the one beside this interpreter) and a bare Textual app with
one Static run in turn (bare, drawdown, bare, drawdown...), each in a fresh tmux session of
120x40. The screen is read with `tmux capture-pane` every few milliseconds from the moment the
session is asked for:

- first readable home screen: the title bar ("Drawdown") and the first three scenario cards
  (a year, or "—", then a title) are on screen; for the bare app, its one Static. Measured opened
  again (the target: every start but the first after a change) and, for a corpus large enough to
  keep its checking, on a first open too (the load's workers forked at the first line);
- counts in: the title bar says "N scenarios, M sources", as it does once every file is checked;
  measured twice for a corpus large enough for the worker processes: opened again unchanged (its
  checking kept from the run before: corpus/checked_cache.py) and opened as if for the first time
  (the kept checking removed before the run; the stylesheet's cache stays).

Counts in are also compared with `drawdown validate` of the same corpus (run in turn with the
two apps, end to end; target <= 1.5x at 1,000 scenarios).

Before the timed runs of each size, each command runs once untimed: the files are then in the page
cache, and the explorer's stylesheet in its cache (stylesheet_cache.py), as at every start but a
reader's very first. The package's bytecode is compiled first (compileall), as `pip install .`
compiles it: with PYTHONDONTWRITEBYTECODE set (some machines set it), an editable install would
otherwise compile every module of the explorer at every start, which no installed copy does.

Corpora of 1,000 and 3,000 scenarios are built with corpus_copies.make_copies under /tmp.
Reported: median and p95 of each, and the first screen's ratio to the bare app (target <= 1.5).
It installs nothing: without tmux it says how to get it and exits 2.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import percentile  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
SIZE = (120, 40)
TIMEOUT = 120.0
POLL = 0.01
TARGET = 1.5

BARE = """
from textual.app import App
from textual.widgets import Static
class Bare(App):
    def compose(self):
        yield Static("hello from a bare app")
Bare().run()
"""

_CARD = re.compile(r"^│ (\d{4}|—|!)  \S", re.MULTILINE)
_COUNTS = re.compile(r"Drawdown\s+›\s+[\d,]+ scenarios?, [\d,]+ sources")


def readable(screen: str) -> bool:
    first = screen.split("\n", 1)[0]
    return "Drawdown" in first and len(_CARD.findall(screen)) >= 3


def counts_in(screen: str) -> bool:
    return bool(_COUNTS.search(screen))


def bare_shown(screen: str) -> bool:
    return "hello from a bare app" in screen


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True).stdout


def timed_session(command: list[str], cwd: Path, marks: dict[str, Callable[[str], bool]], *, then: Callable[[], bool] | None = None) -> dict[str, float]:
    """Seconds from asking tmux for a session running `command` until each mark is on screen, in order;
    the session is left running until `then` holds, if given (at most TIMEOUT)."""
    name = f"bench-startup-{os.getpid()}"
    tmux("kill-session", "-t", name)
    found: dict[str, float] = {}
    start = time.perf_counter()
    # Without COLUMNS and LINES, which a parent that imported readline exports: the floor, a bare
    # Textual app, would take them over the pane's size (the explorer ignores them, explore.py).
    unsized = ["env", "-u", "COLUMNS", "-u", "LINES", *command]
    subprocess.run(["tmux", "new-session", "-d", "-s", name, "-x", str(SIZE[0]), "-y", str(SIZE[1]), "-c", str(cwd), "--", *unsized], check=True)
    try:
        pending = list(marks.items())
        screen = ""
        while pending and time.perf_counter() - start < TIMEOUT:
            screen = tmux("capture-pane", "-p", "-t", name)
            now = time.perf_counter()
            while pending and pending[0][1](screen):
                found[pending.pop(0)[0]] = now - start
            time.sleep(POLL)
        if pending:
            raise SystemExit(f"{' '.join(command)}: no {pending[0][0]} within {TIMEOUT:.0f} s; the screen showed:\n{screen}")
        while then is not None and not then() and time.perf_counter() - start < TIMEOUT:
            time.sleep(POLL)
        return found
    finally:
        tmux("kill-session", "-t", name)


def corpus(size: str) -> Path | None:
    """The corpus directory for a size ("bundled": None, the command's own default), built under /tmp."""
    if size == "bundled":
        return None
    from corpus_copies import make_copies

    target = Path(tempfile.gettempdir()) / f"drawdown-bench-{size}"
    count = int(size)
    if not (target / "scenarios").is_dir() or len(list((target / "scenarios").glob("*.toml"))) != count + 2:
        sys.path.insert(0, str(REPO))
        make_copies(target, count)
    return target


def summary(values: list[float]) -> str:
    return f"median {statistics.median(values) * 1000:6.0f} ms, p95 {percentile(values, 0.95) * 1000:6.0f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sizes", default="bundled,1000,3000")
    parser.add_argument("--check", action="store_true", help=f"exit 1 when a first screen is over {TARGET}x the bare app")
    options = parser.parse_args()
    if shutil.which("tmux") is None:
        print("tmux is not installed; this benchmark runs the app in a real terminal through it.\n"
              "Get it with:  apt-get install tmux   (Debian, Ubuntu; brew install tmux on macOS), then run again.", file=sys.stderr)
        return 2
    drawdown = Path(sys.executable).with_name("drawdown")
    if not drawdown.exists():
        print(f"no drawdown command beside {sys.executable}: pip install -e . first", file=sys.stderr)
        return 2
    import compileall

    compileall.compile_dir(str(REPO / "tui"), quiet=1)
    away = Path(tempfile.mkdtemp(prefix="drawdown-bench-cwd-"))  # no corpus here or above: the bundled one
    # A cache folder of the benchmark's own, not the reader's: the kept checking is removed for the first-open runs.
    cache = Path(tempfile.mkdtemp(prefix="drawdown-bench-cache-"))
    os.environ["DRAWDOWN_CACHE_DIR"] = str(cache)
    missed = False
    print(f"tmux {SIZE[0]}x{SIZE[1]}, {options.repeat} runs each, bare app and drawdown in turn")
    for size in options.sizes.split(","):
        root = corpus(size)
        command = [str(drawdown)] + ([str(root)] if root else [])
        bare_times: list[float] = []
        first: list[float] = []
        counts: list[float] = []
        cold_counts: list[float] = []
        cold_first: list[float] = []
        validate: list[float] = []
        timed_session([sys.executable, "-c", BARE], away, {"shown": bare_shown})  # untimed: see above
        timed_session(command, away, {"readable": readable, "counts": counts_in}, then=lambda: root is None or any(cache.glob("*.checked")))
        subprocess.run([str(drawdown), "validate", *command[1:]], cwd=away, capture_output=True)
        for _ in range(options.repeat):
            bare_times.append(timed_session([sys.executable, "-c", BARE], away, {"shown": bare_shown})["shown"])
            marks = timed_session(command, away, {"readable": readable, "counts": counts_in})
            first.append(marks["readable"])
            counts.append(marks["counts"])
            for kept in cache.glob("*.checked"):
                kept.unlink()
            # Left running until its checking is kept, as a reader's session is: the counts come before
            # the load is done (the models follow), and a session ended at once would keep nothing.
            cold = timed_session(command, away, {"readable": readable, "counts": counts_in}, then=lambda: any(cache.glob("*.checked")))
            cold_first.append(cold["readable"])
            cold_counts.append(cold["counts"])
            start = time.perf_counter()
            subprocess.run([str(drawdown), "validate", *command[1:]], cwd=away, capture_output=True)
            validate.append(time.perf_counter() - start)
        ratio = statistics.median(first) / statistics.median(bare_times)
        ratios = sorted(f / b for f, b in zip(first, bare_times))
        missed |= ratio > TARGET
        print(f"{size:>8}  bare app          {summary(bare_times)}")
        print(f"{'':>8}  first readable    {summary(first)}  ratio {ratio:.2f} (runs {ratios[0]:.2f}-{ratios[-1]:.2f}; target <= {TARGET})")
        if size != "bundled":  # below head_start.PARALLEL_FROM files nothing is kept: every open is a first
            print(f"{'':>8}  first readable, 1st open {summary(cold_first)}  ratio {statistics.median(cold_first) / statistics.median(bare_times):.2f}")
        print(f"{'':>8}  counts in         {summary(counts)}  ratio {statistics.median(counts) / statistics.median(bare_times):.2f} to the bare app")
        print(f"{'':>8}  counts, 1st open  {summary(cold_counts)}  ratio {statistics.median(cold_counts) / statistics.median(bare_times):.2f} to the bare app")
        counts_ratio = statistics.median(counts) / statistics.median(validate)
        cold_ratio = statistics.median(cold_counts) / statistics.median(validate)
        print(f"{'':>8}  drawdown validate {summary(validate)}  counts in / validate {counts_ratio:.2f}, first open {cold_ratio:.2f} (target <= {TARGET} at 1,000)")
    shutil.rmtree(away, ignore_errors=True)
    shutil.rmtree(cache, ignore_errors=True)
    return 1 if options.check and missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
