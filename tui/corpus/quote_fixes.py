"""Fixes for a quote the validator refuses, as edits of the scenario's text.

- Not found: the closest passage, as `drawdown quote` would print it (quote_entry.find_passages:
  the document's own characters, without the punctuation the widened passage brings).
- Found more than once, or with a prefix or suffix that is not next to it: the shortest prefix
  or suffix that singles out one occurrence (quote_entry.selector, the one `drawdown quote`
  adds), one fix per occurrence.

Every fix is checked with quotes.locate before it is offered: the quote it writes is found once,
where it says.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .positions import offset_line_col
from .quote_at import QuoteAt, where_found
from .quote_entry import find_passages, selector
from .quotes import Ambiguous, Found, NotFound, Unselected, locate
from .toml_cursor import Layout
from .toml_text import basic_string

if TYPE_CHECKING:
    from .load import Context, SourceDoc

Edit = tuple[int, int, str]  # replace [start, end) of the text with this
_SHOWN = 60  # characters of a passage in a fix's title
_OCCURRENCES = 6  # fixes offered for a quote found more than once (as many lines as its message names)


@dataclass(frozen=True, slots=True)
class Fix:
    title: str
    edits: tuple[Edit, ...]


def closest_passage_fix(layout: Layout, quote: QuoteAt, context: Context | None) -> Fix | None:
    found = where_found(quote, context)
    if found is None or not isinstance(found[1], NotFound) or context is None:
        return None
    doc = found[0]
    passages = find_passages(doc.normalised, quote.text or "")
    if not passages or passages[0].how != "closest":
        return None
    passage = passages[0]
    edits = _rewrite(layout, quote, doc, passage.start, passage.end, replace_text=True)
    if edits is None:
        return None
    words = doc.normalised.original[passage.start : passage.end]
    line = offset_line_col(doc.normalised.original, passage.start)[0]
    return Fix(f"Replace with the closest passage (line {line}): «{_short(words)}»", edits)


def single_out_fixes(layout: Layout, quote: QuoteAt, context: Context | None) -> list[Fix]:
    """For a quote found more than once, or whose prefix or suffix matches none of its occurrences
    (`prefix-mismatch`): the selector that singles out each occurrence (none, when it is found once)."""
    found = where_found(quote, context)
    if found is None or not isinstance(found[1], (Ambiguous, Unselected)):
        return []
    doc = found[0]
    written = [key for key in ("prefix", "suffix") if key in quote.pairs]
    fixes = []
    for passage in find_passages(doc.normalised, quote.text or "")[:_OCCURRENCES]:
        chosen = selector(doc.normalised, passage.start, passage.end)
        edits = _rewrite(layout, quote, doc, passage.start, passage.end, replace_text=False, chosen=chosen)
        if chosen is None or edits is None or not chosen and not written:
            continue
        line = offset_line_col(doc.normalised.original, passage.start)[0]
        if chosen:
            what = " and ".join(f"{key} «{_short(value)}»" for key, value in chosen.items())
            verb = "Use" if written else "Add"
            fixes.append(Fix(f"{verb} {what} (the occurrence on line {line})", edits))
        else:
            fixes.append(Fix(f"Remove the {' and '.join(written)}: the quote is found once, on line {line}", edits))
    return fixes


def _rewrite(layout: Layout, quote: QuoteAt, doc: SourceDoc, start: int, end: int, *, replace_text: bool, chosen: dict[str, str] | None = None) -> tuple[Edit, ...] | None:
    """The edits that make `quote` name [start, end) of its document, with the selector that singles it out."""
    if chosen is None:
        chosen = selector(doc.normalised, start, end)
    if chosen is None:
        return None
    new_text = doc.normalised.original[start:end] if replace_text else quote.text or ""
    result = locate(doc.normalised, new_text, chosen.get("prefix"), chosen.get("suffix"))
    if not (isinstance(result, Found) and result.start == start):
        return None
    text = layout.text
    pairs = sorted(quote.pairs.items(), key=lambda item: item[1].key_start)
    if "text" not in quote.pairs:
        return None
    if quote.inline is not None:
        if not quote.inline.closed:
            return None
        pieces = []
        for key, pair in pairs:
            if key in ("prefix", "suffix"):
                continue  # written again below, from the selector
            if key == "text" and replace_text:
                pieces.append(f"{text[pair.key_start : pair.key_end]} = {basic_string(new_text)}")
            else:
                pieces.append(text[pair.key_start : pair.value_end])
        pieces += [f"{key} = {basic_string(value)}" for key, value in chosen.items()]
        return ((quote.inline.start, quote.inline.end, "{ " + ", ".join(pieces) + " }"),)
    # A quote written as a table of its own: one key a line.
    edits: list[Edit] = []
    text_pair = quote.pairs["text"]
    if replace_text:
        edits.append((text_pair.value_start, text_pair.value_end, basic_string(new_text)))
    for key, pair in pairs:
        if key in ("prefix", "suffix"):
            line_start = text.rfind("\n", 0, pair.key_start) + 1
            line_end = text.find("\n", pair.value_end)
            edits.append((line_start, len(text) if line_end < 0 else line_end + 1, ""))
    added = "".join(f"\n{key} = {basic_string(value)}" for key, value in chosen.items())
    if added:
        at = text.find("\n", text_pair.value_end)
        edits.append((len(text) if at < 0 else at, len(text) if at < 0 else at, added))
    return tuple(edits)


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _SHOWN else flat[: _SHOWN - 1] + "…"


def apply(text: str, edits: tuple[Edit, ...] | list[Edit]) -> str:
    """`text` with non-overlapping edits applied (as an editor applies a WorkspaceEdit's)."""
    for start, end, new in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        text = text[:start] + new + text[end:]
    return text
