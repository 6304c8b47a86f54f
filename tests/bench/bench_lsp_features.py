"""Benchmark: what the language server's completion, hover and code actions compute, against parsing the file.

Run:  python3 tests/bench/bench_lsp_features.py [--repeat 60] [--check]

On the 2020 scenario of the bundled corpus (the largest), as an editor asks while typing: a completion
at the end of a half-written `actor = "` line (the text is not valid TOML), a hover on a quote, and the
code actions for a quote not found. Each request scans the text afresh (the server keeps the last scan
of each version; here every run pays for it). The floor is tomli parsing the same text: what reading the
file costs at all. Taken in turn (floor, feature, floor, feature, ...) so the machine's load hits both
alike; the median and p95 of the ratios are printed. --check exits 1 when a p95 ratio is over TARGET.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Callable

import tomli

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import percentile  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tui.corpus.completions import complete  # noqa: E402
from tui.corpus.hover_text import quote_hover  # noqa: E402
from tui.corpus.load import load_context  # noqa: E402
from tui.corpus.quote_at import quote_at  # noqa: E402
from tui.corpus.quote_fixes import closest_passage_fix  # noqa: E402
from tui.corpus.toml_cursor import scan  # noqa: E402

TARGET = 25.0  # p95 ratio to the floor: a 30 KB scenario's tomli parse is about 2 ms, so well under 100 ms


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=60)
    parser.add_argument("--check", action="store_true")
    options = parser.parse_args()
    context = load_context(REPO)
    text = (REPO / "scenarios" / "2020-expulsion-vote.toml").read_text(encoding="utf-8")
    typing = text + '\n[[steps]]\nkind = "pressure"\nsummary = "x"\nactor = "ma'
    wrong = text.replace('text = "troops are not leaving"', 'text = "troops are not leavng"')
    at_quote = text.index("troops are not leaving")
    at_wrong = wrong.index("leavng")
    features: dict[str, Callable[[], object]] = {
        "completion (not TOML)": lambda: complete("scenario", scan(typing), len(typing), context),
        "hover on a quote": lambda: quote_hover(quote_at(scan(text), at_quote), context),  # type: ignore[arg-type]
        "closest-passage fix": lambda: closest_passage_fix((layout := scan(wrong)), quote_at(layout, at_wrong), context),  # type: ignore[arg-type]
    }
    floor_text = text
    print(f"2020 scenario, {len(text):,} characters; floor: tomli.loads of it; {options.repeat} runs each, in turn")
    print(f"{'request':<24} {'floor ms':>9} {'ms':>8} {'median ×':>9} {'p95 ×':>7}")
    missed = False
    for name, fn in features.items():
        fn()  # warm: the document's normalised text is built once per corpus load
        floors, runs, ratios = [], [], []
        for _ in range(options.repeat):
            floor = _timed(lambda: tomli.loads(floor_text))
            run = _timed(fn)
            floors.append(floor)
            runs.append(run)
            ratios.append(run / floor)
        p95 = percentile(ratios, 0.95)
        missed |= p95 > TARGET
        print(f"{name:<24} {percentile(floors, 0.5) * 1000:>9.2f} {percentile(runs, 0.5) * 1000:>8.2f} {percentile(ratios, 0.5):>9.1f} {p95:>7.1f}")
    return 1 if options.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
