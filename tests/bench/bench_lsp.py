"""Benchmark: diagnostics for an edit to the 2020 scenario, from didChange to publishDiagnostics.

Run:  python3 tests/bench/bench_lsp.py [--edits 200] [--check]

A real `drawdown lsp` process on stdio (started as an editor starts it), the 2020 scenario of a
copy of the bundled corpus open in it. Each edit types one letter into a quote (now not found in
the document: one error) or takes it out again (the quote is found: no error), in turn, and waits
for the server's publishDiagnostics of that version: the time from sending the change to receiving
its diagnostics, through the pause that gathers a burst of keystrokes, the check, and both ends'
JSON. The floor is `tomli.loads` of the same text in this process, timed before each edit (floor,
server, floor, server...), so that the machine's load hits both alike.
Target: p95 <= 100 ms. `--check` exits 1 when it is missed.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import tomli
from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import percentile  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
SCENARIO = "2020-expulsion-vote"
QUOTE = 'text = "troops are not leaving"'
TARGET_MS = 100.0


class Client(LanguageClient):
    def __init__(self) -> None:
        super().__init__("drawdown-bench", "1")
        self.waiting: dict[int, asyncio.Future[tuple[float, int]]] = {}


def _received(client: Client, params: types.PublishDiagnosticsParams) -> None:
    future = client.waiting.pop(params.version, None) if params.version is not None else None
    if future is not None and not future.done():
        errors = sum(d.severity == types.DiagnosticSeverity.Error for d in params.diagnostics)
        future.set_result((time.perf_counter(), errors))


async def run(edits: int) -> tuple[list[float], list[float], list[int]]:
    with tempfile.TemporaryDirectory(prefix="bench-lsp-") as folder:
        root = Path(folder)
        shutil.copytree(REPO / "scenarios", root / "scenarios")
        shutil.copytree(REPO / "seeds", root / "seeds")
        path = root / "scenarios" / f"{SCENARIO}.toml"
        text = path.read_text(encoding="utf-8")
        uri = from_fs_path(str(path))
        assert uri is not None
        line = next(i for i, row in enumerate(text.splitlines()) if QUOTE in row)
        at = text.splitlines()[line].index(QUOTE) + len(QUOTE) - 1  # inside the closing quote
        client = Client()
        client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)(_received)
        await client.start_io(sys.executable, "-m", "tui", "lsp", cwd=str(REPO), env={**os.environ, "PYTHONPATH": str(REPO)})
        await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities(), process_id=os.getpid()))
        client.initialized(types.InitializedParams())
        opened = asyncio.get_running_loop().create_future()
        client.waiting[1] = opened
        client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(uri=uri, language_id="toml", version=1, text=text)))
        await asyncio.wait_for(opened, 60)

        floor: list[float] = []
        server: list[float] = []
        errors: list[int] = []
        rows = text.splitlines(keepends=True)
        for edit in range(edits):
            version = edit + 2
            bad = edit % 2 == 0
            here = types.Position(line=line, character=at)
            change = (
                types.TextDocumentContentChangePartial(range=types.Range(start=here, end=here), text="X")
                if bad
                else types.TextDocumentContentChangePartial(range=types.Range(start=here, end=types.Position(line=line, character=at + 1)), text="")
            )
            rows[line] = rows[line][:at] + "X" + rows[line][at:] if bad else rows[line][:at] + rows[line][at + 1 :]
            current = "".join(rows)
            start = time.perf_counter()
            tomli.loads(current)
            floor.append(time.perf_counter() - start)

            arrived = asyncio.get_running_loop().create_future()
            client.waiting[version] = arrived
            start = time.perf_counter()
            client.text_document_did_change(
                types.DidChangeTextDocumentParams(text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version), content_changes=[change])
            )
            when, found = await asyncio.wait_for(arrived, 60)
            server.append(when - start)
            errors.append(found)
        await client.shutdown_async(None)
        client.exit(None)
        await client.stop()
        return floor, server, errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--check", action="store_true", help=f"exit 1 if p95 > {TARGET_MS:.0f} ms")
    args = parser.parse_args()
    floor, server, errors = asyncio.run(run(args.edits))
    assert errors[0::2] == [1] * len(errors[0::2]) and not any(errors[1::2]), "each bad quote gives one error, each fix none"
    ms = lambda seconds: seconds * 1000  # noqa: E731
    p95 = ms(percentile(server, 0.95))
    print(f"{args.edits} edits to scenarios/{SCENARIO}.toml, {platform.machine()} {platform.processor() or ''} {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"{'measure':<42} {'median':>9} {'p95':>9} {'max':>9}")
    print(f"{'floor: tomli.loads of the same text':<42} {ms(statistics.median(floor)):>7.1f}ms {ms(percentile(floor, 0.95)):>7.1f}ms {ms(max(floor)):>7.1f}ms")
    print(f"{'didChange -> publishDiagnostics':<42} {ms(statistics.median(server)):>7.1f}ms {p95:>7.1f}ms {ms(max(server)):>7.1f}ms")
    print(f"ratio to the floor: median {statistics.median(server) / statistics.median(floor):.1f}, p95 {percentile(server, 0.95) / percentile(floor, 0.95):.1f}")
    met = p95 <= TARGET_MS
    print(f"p95 {p95:.1f} ms {'<=' if met else '>'} {TARGET_MS:.0f} ms: {'met' if met else 'MISSED'}")
    return 1 if args.check and not met else 0


if __name__ == "__main__":
    sys.exit(main())
