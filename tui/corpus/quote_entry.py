"""A quote entry ready to paste: `{ source = …, text = …, prefix = … }`, unique in its document.

Used by `drawdown quote` and by the explorer's source reader. Finding goes through
`quotes.locate` and `quotes.spans`, so an entry written here is one the validator finds
at the same place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .quotes import Found, NormalisedText, NotFound, locate, spans
from .toml_text import inline_table

How = Literal["exact", "normalised", "closest"]

# How far before or after a passage a prefix or suffix may reach.
REACH = 300


@dataclass(frozen=True, slots=True)
class Passage:
    start: int  # original offsets in the document
    end: int
    how: How  # the document's characters equal the words asked for, equal them once normalised, or only come closest


def find_passages(source: NormalisedText, text: str) -> list[Passage]:
    """Every place the document says `text` (exactly or as normalised), else the closest passage, else nothing."""
    found = spans(source, text)
    if found:
        original = source.original
        return [Passage(start, end, "exact" if original[start:end] == text else "normalised") for start, end in found]
    result = locate(source, text)
    if isinstance(result, NotFound) and result.closest:
        start, end = _edges_like(result.closest, text)
        if end > start:
            return [Passage(result.closest_start + start, result.closest_start + end, "closest")]
    return []


def _edges_like(closest: str, asked: str) -> tuple[int, int]:
    """[start, end) of `closest` without the punctuation at its edges that the words asked for do not have.

    The closest passage is widened to whole words, which brings the quotation marks and commas
    around them; a quote of the words alone is what was asked for.
    """
    start, end = 0, len(closest)
    asked = asked.strip()
    if asked and asked[0].isalnum():
        while start < end and not closest[start].isalnum():
            start += 1
    if asked and asked[-1].isalnum():
        while end > start and not closest[end - 1].isalnum():
            end -= 1
    return start, end


def selector(source: NormalisedText, start: int, end: int) -> dict[str, str] | None:
    """The shortest `prefix` or `suffix` (in whole words) that singles out [start, end); {} if none is needed.

    None when nothing within reach does (the same passage printed twice in a row).
    """
    text = source.original[start:end]
    if _singles_out(source, text, start, {}):
        return {}
    prefix = next((p for p in _prefixes(source.original, start) if _singles_out(source, text, start, {"prefix": p})), None)
    suffix = next((s for s in _suffixes(source.original, end) if _singles_out(source, text, start, {"suffix": s})), None)
    if prefix is not None and (suffix is None or len(prefix) <= len(suffix)):
        return {"prefix": prefix}
    if suffix is not None:
        return {"suffix": suffix}
    both = {"prefix": _last(_prefixes(source.original, start)), "suffix": _last(_suffixes(source.original, end))}
    both = {key: item for key, item in both.items() if item}
    return both if both and _singles_out(source, text, start, both) else None


def quote_entry(source_id: str, source: NormalisedText, start: int, end: int) -> str | None:
    """The TOML inline table for [start, end) of the document: its exact characters, and a selector if needed."""
    chosen = selector(source, start, end)
    if chosen is None:
        return None
    return inline_table({"source": source_id, "text": source.original[start:end], **chosen})


def _singles_out(source: NormalisedText, text: str, start: int, chosen: dict[str, str]) -> bool:
    result = locate(source, text, chosen.get("prefix"), chosen.get("suffix"))
    return isinstance(result, Found) and result.start == start


def _prefixes(original: str, start: int) -> list[str]:
    """The text before `start`, one more word at a time, nearest first."""
    out: list[str] = []
    for cut in range(start - 1, max(-1, start - REACH - 1), -1):
        if original[cut].isspace() or (cut > 0 and not original[cut - 1].isspace()):
            continue
        piece = original[cut:start].rstrip()
        if piece and (not out or out[-1] != piece):
            out.append(piece)
    return out


def _suffixes(original: str, end: int) -> list[str]:
    """The text after `end`, one more word at a time, nearest first."""
    out: list[str] = []
    for cut in range(end + 1, min(len(original), end + REACH) + 1):
        if original[cut - 1].isspace() or (cut < len(original) and not original[cut].isspace()):
            continue
        piece = original[end:cut].lstrip()
        if piece and (not out or out[-1] != piece):
            out.append(piece)
    return out


def _last(items: list[str]) -> str:
    return items[-1] if items else ""
