"""Timing shared by the benchmark scripts."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path
from typing import Callable

# Where fresh interpreters keep compiled bytecode, outside the work tree.
PYCACHE = Path(tempfile.gettempdir()) / "drawdown-bench-pycache"


def installed_env() -> dict[str, str]:
    """The environment for a fresh interpreter that runs as an installed drawdown does: with its
    modules' bytecode compiled once and reused (pip compiles it on install), even where the
    shell sets PYTHONDONTWRITEBYTECODE. Compiling every module anew costs an editable checkout
    about 90 ms a start that no installed copy pays."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    return env


def best(fn: Callable[[], object], repeat: int) -> float:
    """Seconds of the fastest of `repeat` runs: the one least disturbed by the rest of the machine."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def in_turn(fns: list[Callable[[], object]], repeat: int) -> list[list[float]]:
    """Seconds of each of `repeat` runs of every fn, run in turn (a, b, a, b...) so that drift in
    the machine's load hits them alike."""
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(repeat):
        for fn, out in zip(fns, times):
            start = time.perf_counter()
            fn()
            out.append(time.perf_counter() - start)
    return times


def percentile(values: list[float], fraction: float) -> float:
    """The value at `fraction` (0.95 for p95) of the sorted values, by nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]
