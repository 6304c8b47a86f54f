"""Benchmark: `drawdown export` against loading the corpus it exports from.

Run:  python3 tests/bench/bench_export.py [--count 1000] [--repeat 5]

An export loads and checks the whole corpus (so a scenario broken by another file is refused, as
the explorer refuses it), then renders one scenario. The floor is the load alone, measured in the
same run the same way; the ratio says what rendering adds. Two corpora: the bundled one, and
--count copies of its scenarios. Best of --repeat runs for each.
- in process: `find_scenario` + render, against `load_corpus`;
- end to end: a fresh `python -m tui export ID --format F --corpus DIR`, against a fresh
  interpreter that imports the data layer and runs `load_corpus(DIR)`.
"""

from __future__ import annotations

import argparse
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_copies import make_copies  # noqa: E402
from timing import best  # noqa: E402

from tui.corpus.bundled import bundled_root  # noqa: E402
from tui.corpus.export import RENDERERS, find_scenario  # noqa: E402
from tui.corpus.load import load_corpus  # noqa: E402

LOAD_ONLY = "import sys, pathlib; from tui.corpus.load import load_corpus; load_corpus(pathlib.Path(sys.argv[1]))"


def measure(label: str, root: Path, scenario_id: str, repeat: int) -> None:
    floor = best(lambda: load_corpus(root), repeat)
    print(f"{label}: load_corpus {floor * 1000:8.1f} ms (floor, in process)")
    for fmt, render in RENDERERS.items():
        ours = best(lambda: render(find_scenario(scenario_id, root)), repeat)
        print(f"  in process  {fmt:8} export {ours * 1000:8.1f} ms   ratio {ours / floor:.2f}")

    def run(argv: list[str]) -> None:
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)

    floor_e2e = best(lambda: run([sys.executable, "-c", LOAD_ONLY, str(root)]), repeat)
    print(f"  end to end  load only       {floor_e2e * 1000:8.1f} ms (floor)")
    for fmt in RENDERERS:
        argv = [sys.executable, "-m", "tui", "export", scenario_id, "--format", fmt, "--corpus", str(root)]
        ours = best(lambda: run(argv), repeat)
        print(f"  end to end  {fmt:8} export {ours * 1000:8.1f} ms   ratio {ours / floor_e2e:.2f}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    print(f"machine: {platform.machine()}, {platform.processor() or 'cpu'}, Python {platform.python_version()}; best of {args.repeat}")
    # The largest bundled scenario: the most quotes to pin, footnote and highlight.
    measure("bundled corpus, 2020-expulsion-vote", bundled_root(), "2020-expulsion-vote", args.repeat)
    with tempfile.TemporaryDirectory(prefix="drawdown-bench-") as tmp:
        root = Path(tmp) / "corpus"
        make_copies(root, args.count)
        measure(f"{args.count} scenario files, one exported", root, "2020-expulsion-vote-copy-0001", args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
