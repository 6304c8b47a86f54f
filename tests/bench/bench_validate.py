"""Benchmark: `drawdown validate` over 1,000 scenario files against tomli alone on the same files.

Run:  python3 tests/bench/bench_validate.py [--count 1000] [--repeat 5]

Both are measured in this run, the same way, and reported as a ratio (the target is <= 1.3):
- end to end: a fresh interpreter running `python -m tui validate DIR` against one that reads and
  parses every file of DIR with tomli (start-up and imports included on both sides, with compiled bytecode as installed);
- in process: `load_corpus(DIR)` against reading and parsing the same files with tomli.
Each pair runs in turn (floor, drawdown, floor...) --repeat times: best of each side, and the
median and range of the per-run ratios.
"""

from __future__ import annotations

import argparse
import os
import platform
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

TOMLI_ONLY = """
import sys, tomli, pathlib
root = pathlib.Path(sys.argv[1])
files = sorted((root / "scenarios").glob("*.toml")) + [root / "seeds" / "sources.toml"]
for path in files:
    tomli.loads(path.read_text(encoding="utf-8"))
"""


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="drawdown-bench-") as tmp:
        root = Path(tmp) / "corpus"
        make_copies(root, args.count)
        all_toml = sorted((root / "scenarios").glob("*.toml")) + [root / "seeds" / "sources.toml"]

        corpus = load_corpus(root)
        errors = [d for d in corpus.diagnostics if d.is_error]
        assert not errors, errors[:3]
        assert sum(e.scenario is not None for e in corpus.scenarios) == args.count

        def tomli_in_process() -> None:
            for path in all_toml:
                tomli.loads(path.read_text(encoding="utf-8"))

        env = installed_env()

        def run(argv: list[str]) -> None:
            subprocess.run(argv, check=False, stdout=subprocess.DEVNULL, env=env)

        floor, ours = in_turn([tomli_in_process, lambda: load_corpus(root)], args.repeat)
        run([sys.executable, "-c", TOMLI_ONLY, str(root)])  # first runs compile and cache the bytecode
        run([sys.executable, "-m", "tui", "validate", str(root)])
        floor_e2e, ours_e2e = in_turn(
            [lambda: run([sys.executable, "-c", TOMLI_ONLY, str(root)]), lambda: run([sys.executable, "-m", "tui", "validate", str(root)])],
            args.repeat,
        )

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, load average {os.getloadavg()[0]:.1f}")
    print(f"scenario files: {args.count} (copies of the bundled ones), {args.repeat} runs each, floor and drawdown in turn")
    for label, ours_name, a, b in (("in process", "load_corpus", floor, ours), ("end to end", "drawdown validate", floor_e2e, ours_e2e)):
        ratios = [y / x for x, y in zip(a, b)]
        print(
            f"{label}:  tomli {min(a) * 1000:8.1f} ms   {ours_name} {min(b) * 1000:8.1f} ms   best-of ratio {min(b) / min(a):.2f}"
            f"   median ratio {statistics.median(ratios):.2f} ({min(ratios):.2f}-{max(ratios):.2f})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
