"""Benchmark: how `drawdown validate` and `load_corpus` grow from 5 to 100, 1,000 and 3,000 scenarios.

Run:  python3 tests/bench/bench_growth.py [--sizes 5,100,1000,3000] [--repeat 7] [--check]

For each size, a corpus of that many copies of the bundled scenarios (corpus_copies.make_copies,
built under the system's temporary directory) is measured against tomli alone on the same files,
each floor and Drawdown run in turn (floor, Drawdown, floor, Drawdown...):
- end to end: a fresh interpreter running `python -m tui validate DIR`, against one that reads
  and parses every TOML file of DIR with tomli (start-up and imports included on both sides; both
  with compiled bytecode, as an installed copy runs: timing.installed_env, warmed by one run each).
  Their CPU time too (user + system, of every process it ran), which the rest of the machine moves
  less: with both cores free the second process halves the wall time of checking, with one it
  cannot, and the wall ratio tends to the CPU ratio;
- in process: `load_corpus(DIR)` (what the explorer loads), against reading and parsing the same
  files with tomli in this interpreter;
- peak RSS (VmHWM, else ru_maxrss) of a fresh interpreter after `load_corpus(DIR)`, against one that keeps
  every file's parsed tomli data.
Ratios are given as best of --repeat (each side's fastest run) and as the median of the per-run
ratios. --check exits 1 when `drawdown validate` at 1,000 scenarios or more is above 1.3x tomli
(best of the runs).

The explorer's start-up and its views grow in their own benchmarks (bench_explorer.py and those
beside it); this one covers the data layer and the command.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import tomli

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_copies import make_copies  # noqa: E402
from timing import in_turn, installed_env  # noqa: E402

from tui.corpus.load import load_corpus  # noqa: E402

TARGET = 1.3
TOMLI_ONLY = """
import sys, tomli, pathlib
root = pathlib.Path(sys.argv[1])
files = sorted((root / "scenarios").glob("*.toml")) + [root / "seeds" / "sources.toml"]
for path in files:
    tomli.loads(path.read_text(encoding="utf-8"))
"""
# Peak RSS in KiB. On Linux ru_maxrss carries over from the parent across fork and exec (a child
# of this benchmark would report at least the benchmark's own peak); VmHWM is the new program's own.
PEAK = """
import resource
try:
    print(next(line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM:")))
except OSError:
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""
TOMLI_KEPT = """
import sys, tomli, pathlib
root = pathlib.Path(sys.argv[1])
files = sorted((root / "scenarios").glob("*.toml")) + [root / "seeds" / "sources.toml"]
kept = [tomli.loads(path.read_text(encoding="utf-8")) for path in files]
""" + PEAK
LOAD_KEPT = "import sys, pathlib\nfrom tui.corpus.load import load_corpus\ncorpus = load_corpus(pathlib.Path(sys.argv[1]))\n" + PEAK


def toml_files(root: Path) -> list[Path]:
    return sorted((root / "scenarios").glob("*.toml")) + [root / "seeds" / "sources.toml"]


ENV = installed_env()


CPU: list[float] = []  # CPU seconds (user + system, every process) of each run() in order


def run(argv: list[str]) -> None:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(argv, check=False, stdout=subprocess.DEVNULL, env=ENV)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)


def peak_mib(code: str, root: Path) -> float:
    out = subprocess.run([sys.executable, "-c", code, str(root)], check=True, capture_output=True, text=True, env=ENV).stdout
    return int(out.split()[-1]) / 1024


def ratios(floor: list[float], ours: list[float]) -> tuple[float, float]:
    """(best of ours / best of floor, median of the per-run ratios)."""
    return min(ours) / min(floor), statistics.median(o / f for o, f in zip(ours, floor))


def measure(root: Path, count: int, repeat: int) -> dict[str, float]:
    make_copies(root, count)
    corpus = load_corpus(root)
    errors = [d for d in corpus.diagnostics if d.is_error]
    assert not errors, errors[:3]
    files = toml_files(root)

    def tomli_in_process() -> None:
        for path in files:
            tomli.loads(path.read_text(encoding="utf-8"))

    validate = [sys.executable, "-m", "tui", "validate", str(root)]
    floor_argv = [sys.executable, "-c", TOMLI_ONLY, str(root)]
    run(floor_argv)  # a first run compiles and caches the bytecode, and reads the files into the page cache
    run(validate)
    CPU.clear()
    floor_e2e, ours_e2e = in_turn([lambda: run(floor_argv), lambda: run(validate)], repeat)
    floor_cpu, ours_cpu = CPU[0::2], CPU[1::2]
    floor_in, ours_in = in_turn([tomli_in_process, lambda: load_corpus(root)], repeat)
    row = {"files": len(files), "floor_e2e": min(floor_e2e), "ours_e2e": min(ours_e2e), "floor_in": min(floor_in), "ours_in": min(ours_in)}
    row["e2e_best"], row["e2e_median"] = ratios(floor_e2e, ours_e2e)
    row["e2e_spread"] = min(o / f for o, f in zip(ours_e2e, floor_e2e)), max(o / f for o, f in zip(ours_e2e, floor_e2e))
    row["cpu_best"], row["cpu_median"] = ratios(floor_cpu, ours_cpu)
    row["in_best"], row["in_median"] = ratios(floor_in, ours_in)
    row["rss_floor"], row["rss_ours"] = peak_mib(TOMLI_KEPT, root), peak_mib(LOAD_KEPT, root)
    return row


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="5,100,1000,3000", help="scenario counts, comma-separated")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--check", action="store_true", help=f"exit 1 when validate at 1,000 scenarios or more is above {TARGET}x tomli")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.processor() or 'cpu'}, Python {platform.python_version()}")
    print(f"each figure: {args.repeat} runs, floor and Drawdown in turn; ratio as best-of (median of per-run ratios)")
    header = "| scenarios | files | validate: tomli / drawdown (best) | validate ratio | spread | CPU ratio | load_corpus: tomli / load (best) | load_corpus ratio | peak RSS: tomli data / load_corpus |"
    print(header)
    print("| ---: " * 9 + "|")
    missed = False
    loads: list[str] = []
    with tempfile.TemporaryDirectory(prefix="drawdown-growth-") as tmp:
        for count in sizes:
            before = os.getloadavg()[0]
            row = measure(Path(tmp) / f"corpus-{count}", count, args.repeat)
            loads.append(f"{count:,}: {before:.1f} -> {os.getloadavg()[0]:.1f}")
            low, high = row["e2e_spread"]
            print(
                f"| {count:,} | {row['files']:,} | {row['floor_e2e'] * 1000:,.0f} / {row['ours_e2e'] * 1000:,.0f} ms"
                f" | **{row['e2e_best']:.2f}** ({row['e2e_median']:.2f}) | {low:.2f}–{high:.2f} | {row['cpu_best']:.2f} ({row['cpu_median']:.2f})"
                f" | {row['floor_in'] * 1000:,.0f} / {row['ours_in'] * 1000:,.0f} ms | {row['in_best']:.2f} ({row['in_median']:.2f})"
                f" | {row['rss_floor']:,.0f} / {row['rss_ours']:,.0f} MiB |",
                flush=True,
            )
            missed |= count >= 1000 and row["e2e_best"] > TARGET
    print("load average (1 min) before -> after each row, on", os.cpu_count(), "cores:", "; ".join(loads))
    if args.check and missed:
        print(f"missed: drawdown validate above {TARGET}x tomli")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
