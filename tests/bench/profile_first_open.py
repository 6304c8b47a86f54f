"""Profile: a first open of a large corpus in a real terminal, stage by stage, for one or more trees.

Run:  python3 tests/bench/profile_first_open.py [--rounds 10] [--scenarios 1000] [--tree DIR ...]

Each round runs the explorer once per tree (`--tree`, default this checkout: a checkout of another
commit, `git worktree add`, compares two in turn), in a fresh tmux session of 120x40, on a corpus of
--scenarios copies (corpus_copies.make_copies under /tmp), its kept checking removed first (a first
open). A wrapper around the explorer's own functions marks, in milliseconds from the first line:

- head start: the workers forked before Textual is imported (corpus/head_start.py), when they are;
- first frame: the first frame written to the terminal;
- taken / forked: the loader taking the workers forked at the first line, or forking its own;
- first chunk / last chunk: the first and the last chunk of checked files taken in;
- last models: the last chunk's models taken in (sent after every chunk is checked);
- counts frame: the first frame after the final counts were set in the title bar;
- models rebuilt: the corpus handed over, every model rebuilt.

and the CPU time of the explorer's process and of its workers. Reported: the median of each per
tree. It is a profile, not a target: bench_startup_tmux.py measures the targets. It installs
nothing: without tmux it says how to get it and exits 2.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

REPO = Path(__file__).resolve().parents[2]
TIMEOUT = 60.0

# Runs in the explorer's process: marks each stage, then quits a little after the counts are drawn.
WRAPPER = r'''
import json, os, sys, time
T0 = time.perf_counter()
marks = {}
def mark(name):
    marks.setdefault(name, round((time.perf_counter() - T0) * 1000, 1))
corpus, out = sys.argv[1], sys.argv[2]

def wrap_the_rest():
    from textual.app import App
    import tui.app as app_module
    import tui.corpus.batch_load as batch_load
    import tui.screens.home as home
    fork = batch_load._fork_workers
    def forking(chunks):
        mark("forked")
        return fork(chunks)
    batch_load._fork_workers = forking
    from_workers = batch_load._from_workers
    models_flag = getattr(batch_load, "MODELS", 0)  # a commit from before the models came last has none
    def taking(*args, **kwargs):
        for item in from_workers(*args, **kwargs):
            if isinstance(item[0], int) and item[0] & models_flag:
                marks["last models"] = round((time.perf_counter() - T0) * 1000, 1)
            else:
                mark("first chunk")
                marks["last chunk"] = round((time.perf_counter() - T0) * 1000, 1)
            yield item
    batch_load._from_workers = taking
    loaded = batch_load._loaded
    def rebuilding(*args):
        result = loaded(*args)
        mark("models rebuilt")
        return result
    batch_load._loaded = rebuilding
    counts = home.HomeScreen._show_counts
    state = {"counts": False}
    def showing_counts(self, *args):
        state["counts"] = True
        return counts(self, *args)
    home.HomeScreen._show_counts = showing_counts
    display = App._display
    def displaying(self, *args):
        result = display(self, *args)
        mark("first frame")
        if state["counts"] and "counts frame" not in marks:
            mark("counts frame")
            self.set_timer(0.3, self.exit)
        return result
    App._display = displaying
    try:
        import tui.corpus.head_start as head_start
    except ImportError:
        return
    take = head_start.take
    def taken(*args):
        result = take(*args)
        if result is not None:
            mark("taken")
        return result
    head_start.take = taken

try:
    import tui.corpus.head_start as head_start
except ImportError:  # a commit from before the head start
    wrap_the_rest()
else:
    start = head_start.start
    def starting(root, *cache):  # the cache folder, since the kept checking is asked at the first line
        start(root, *cache)
        mark("head start")
        wrap_the_rest()  # only now: Textual is not imported before the head start
    head_start.start = starting

sys.argv = ["drawdown", corpus]
from tui.cli import main
try:
    main()
finally:
    times = os.times()
    with open(out, "w") as handle:
        json.dump({"marks": marks, "cpu": times.user + times.system, "workers cpu": times.children_user + times.children_system}, handle)
'''

STAGES = ("head start", "first frame", "taken", "forked", "first chunk", "last chunk", "counts frame", "last models", "models rebuilt")


def one_run(tree: Path, corpus: Path, wrapper: Path, out: Path, cache: Path) -> dict[str, float] | None:
    for kept in cache.glob("*.checked"):
        kept.unlink()
    out.unlink(missing_ok=True)
    session = "drawdown-first-open"
    subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    # A cache folder of the profile's own, not the reader's: its kept checking is removed before each run.
    command = f"unset COLUMNS LINES; cd {tree} && DRAWDOWN_CACHE_DIR={cache} PYTHONPATH={tree} {sys.executable} {wrapper} {corpus} {out}"
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "40", command], check=True)
    deadline = time.monotonic() + TIMEOUT
    while not (out.exists() and out.stat().st_size) and time.monotonic() < deadline:
        time.sleep(0.05)
    subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    if not out.exists():
        return None
    found = json.loads(out.read_text())
    return {**found["marks"], "cpu": found["cpu"] * 1000, "workers cpu": found["workers cpu"] * 1000}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--scenarios", type=int, default=1000)
    parser.add_argument("--tree", type=Path, action="append", help="a checkout to run (repeatable; default: this one)")
    options = parser.parse_args()
    if shutil.which("tmux") is None:
        print("tmux is needed: apt-get install tmux (Debian), brew install tmux (macOS)", file=sys.stderr)
        return 2
    from corpus_copies import make_copies

    trees = [tree.resolve() for tree in options.tree or [REPO]]
    for tree in trees:
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "tui")], check=True)  # as an installed copy is
    corpus = Path(tempfile.gettempdir()) / f"drawdown-bench-{options.scenarios}"
    if not (corpus / "scenarios").is_dir():
        make_copies(corpus, options.scenarios)
    with tempfile.TemporaryDirectory() as scratch:
        wrapper = Path(scratch) / "wrapper.py"
        wrapper.write_text(WRAPPER, encoding="utf-8")
        cache = Path(scratch) / "cache"
        cache.mkdir()
        for tree in trees:  # untimed: the files in the page cache, the stylesheet in its cache
            one_run(tree, corpus, wrapper, Path(scratch) / "marks.json", cache)
        found: dict[Path, list[dict[str, float]]] = {tree: [] for tree in trees}
        for _ in range(options.rounds):
            for tree in trees:
                run = one_run(tree, corpus, wrapper, Path(scratch) / "marks.json", cache)
                if run is not None:
                    found[tree].append(run)
    print(f"first open of {options.scenarios:,} scenarios, tmux 120x40, {options.rounds} rounds, median ms from the first line")
    columns = [stage for stage in (*STAGES, "cpu", "workers cpu") if any(stage in run for runs in found.values() for run in runs)]
    print(f"{'tree':<28}" + "".join(f"{stage:>15}" for stage in columns))
    for tree, runs in found.items():
        cells = [statistics.median(run[stage] for run in runs if stage in run) if any(stage in run for run in runs) else float("nan") for stage in columns]
        print(f"{str(tree)[-28:]:<28}" + "".join(f"{cell:>15,.0f}" for cell in cells) + f"   ({len(runs)} runs)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
