"""A text in Unicode NFC, with where each of its characters comes from in the text as written.

A document saved decomposed (NFD: "e" then a combining acute accent) and a quote typed
composed ("é") are the same words. Composing the document changes its length, so each
composed character keeps the original [start, end) it was made from: a highlight then
covers the letter and its accents in the file as it is on disk.
"""

from __future__ import annotations

import re
import unicodedata

# Only non-ASCII characters compose, each with the character before it at most: an ASCII
# character is never the second half of a composition, so a boundary before one is safe.
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def nfc_mapped(text: str) -> tuple[str, list[int], list[int]]:
    """NFC of `text`, and for each of its characters the original start and end."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    last = 0
    for run in _NON_ASCII.finditer(text):
        lo = max(run.start() - 1, last)  # the letter before may be the base of a combining mark
        _same(text, last, lo, out, starts, ends)
        _compose_run(text, lo, run.end(), out, starts, ends)
        last = run.end()
    _same(text, last, len(text), out, starts, ends)
    return "".join(out), starts, ends


def _same(text: str, lo: int, hi: int, out: list[str], starts: list[int], ends: list[int]) -> None:
    out.append(text[lo:hi])
    starts.extend(range(lo, hi))
    ends.extend(range(lo + 1, hi + 1))


def _compose_run(text: str, lo: int, hi: int, out: list[str], starts: list[int], ends: list[int]) -> None:
    run = text[lo:hi]
    composed = unicodedata.normalize("NFC", run)
    if composed == run:
        _same(text, lo, hi, out, starts, ends)
        return
    # One cluster per base character and the marks after it; where two base characters compose
    # (Hangul jamo), the clusters do not add up to the run's NFC and the run is one cluster.
    bounds = [at for at in range(lo, hi) if at == lo or not unicodedata.combining(text[at])] + [hi]
    clusters = [(a, b, unicodedata.normalize("NFC", text[a:b])) for a, b in zip(bounds, bounds[1:])]
    if "".join(c for _, _, c in clusters) != composed:
        clusters = [(lo, hi, composed)]
    for a, b, cluster in clusters:
        if cluster == text[a:b]:
            _same(text, a, b, out, starts, ends)
        else:
            out.append(cluster)
            starts.extend([a] * len(cluster))
            ends.extend([b] * len(cluster))
