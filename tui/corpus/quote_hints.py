"""What to tell an author whose quote is not found: where it differs from the closest passage,
marked with a caret and named when the difference is a known look-alike (`--` for `—`, `...`
for `…`, one kind of quote mark for another), and which prefix or suffix failed to match.
"""

from __future__ import annotations

import difflib
from typing import Any

from .diagnostics import Closest
from .positions import offset_line_col
from .quotes import NotFound, Unselected, as_shown, normalise

_DASHES = {
    "-": "hyphen-minus",
    "\u2010": "hyphen",
    "\u2011": "non-breaking hyphen",
    "\u2012": "figure dash",
    "\u2013": "en dash",
    "\u2014": "em dash",
    "\u2015": "horizontal bar",
    "\u2212": "minus sign",
}
# Curly quotes already equal straight ones (quotes.normalise); these marks do not.
_QUOTE_MARKS = {
    "'": "straight apostrophe",
    '"': "straight quote",
    "`": "backtick",
    "\u00b4": "acute accent",
    "\u2032": "prime",
    "\u2033": "double prime",
    "\u00ab": "left guillemet",
    "\u00bb": "right guillemet",
    "\u2039": "single left guillemet",
    "\u203a": "single right guillemet",
}
_ELLIPSIS = "\u2026"
_WINDOW = 40  # characters shown either side of the difference
_LABELS = ("quote:    ", "document: ")


def first_difference(a: str, b: str) -> int:
    for index, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return index
    return min(len(a), len(b))


def _run(text: str, at: int, chars: dict[str, str]) -> str:
    end = at
    while end < len(text) and text[end] in chars:
        end += 1
    return text[at:end]


def _describe_run(run: str, names: dict[str, str]) -> str:
    kinds = list(dict.fromkeys(names[c] for c in run))
    if len(kinds) == 1 and len(run) > 1:
        return f"{len(run)} × {kinds[0]}"
    return ", ".join(kinds)


def lookalike(quote: str, passage: str, at: int) -> tuple[str, str, str] | None:
    """(the quote's characters, the document's, what they are) if the difference at `at` is a
    character that looks like the document's."""
    q, p = quote[at:], passage[at:]
    if q.startswith("...") and p.startswith(_ELLIPSIS):
        return "...", _ELLIPSIS, f'"..." (three full stops) where the document has "{_ELLIPSIS}" (an ellipsis)'
    if q.startswith(_ELLIPSIS) and p.startswith("..."):
        return _ELLIPSIS, "...", f'"{_ELLIPSIS}" (an ellipsis) where the document has "..." (three full stops)'
    for names, family in ((_DASHES, "hyphens and dashes"), (_QUOTE_MARKS, "quote marks")):
        if q[:1] in names and p[:1] in names:
            mine, theirs = _run(quote, at, names), _run(passage, at, names)
            return mine, theirs, f'"{mine}" ({_describe_run(mine, names)}) where the document has "{theirs}" ({_describe_run(theirs, names)}): {family} look alike but differ'
    return None


def with_document_characters(quote: str, passage: str, limit: int = 12) -> str | None:
    """The quote with each look-alike replaced by the document's character, if that is all that
    stands between the quote and the passage (the fix to paste), else None."""
    for _ in range(limit):
        at = first_difference(quote, passage)
        if at == len(quote):
            return quote
        found = lookalike(quote, passage, at)
        if found is None:
            return None
        mine, theirs, _ = found
        quote = quote[:at] + theirs + quote[at + len(mine) :]
    return None


def _shift(passage: str, quote: str) -> int:
    """Where the quote's start falls in the passage: the closest passage may begin a few words early."""
    matcher = difflib.SequenceMatcher(None, passage, quote, autojunk=False)
    least = min(3, len(quote))
    for block in matcher.get_matching_blocks():
        if block.size >= least:
            return max(0, block.a - block.b)
    return 0


def caret_lines(quote: str, passage: str, at: int) -> tuple[str, ...]:
    """The quote over the passage, from a little before the difference, and a caret under it."""
    start = max(0, at - _WINDOW)
    if start > 0:
        space = quote.find(" ", start, at)
        start = space + 1 if space >= 0 else start

    def window(text: str) -> str:
        return ("…" if start > 0 else "") + text[start : at + _WINDOW] + ("…" if len(text) > at + _WINDOW else "")

    column = len(_LABELS[0]) + (start > 0) + (at - start)
    return (_LABELS[0] + window(quote), _LABELS[1] + window(passage), " " * column + "^")


def not_found_message(result: NotFound, text: str, document: str) -> tuple[str, dict[str, Any]]:
    """The end of a quote-not-found message, and the Diagnostic fields that go with it."""
    if not result.closest:
        return "; no passage comes close", {}
    flat = " ".join(result.closest.split())
    line, col = offset_line_col(document, result.closest_start)
    quote, passage = normalise(text), normalise(flat)
    shift = _shift(passage, quote)
    passage = passage[shift:]
    at = first_difference(quote, passage)
    found = lookalike(quote, passage, at)
    extra: dict[str, Any] = {
        "closest": Closest(result.closest, line, col),
        # Compared with quote marks made alike, but shown as each side has them.
        "detail": caret_lines(as_shown(text), as_shown(flat)[shift:], at),
    }
    fixed = with_document_characters(quote, passage) if found else None
    if fixed is not None:
        extra["suggestion"] = fixed
    lead = f": {found[2]}" if found else f": it differs from the closest passage at character {at + 1}"
    return f"{lead}; closest passage, line {line}: «{flat}»", extra


def selector_message(result: Unselected, prefix: str | None, suffix: str | None, document: str) -> tuple[str, str, str]:
    """(key, message, what the document has there) for a prefix or suffix that matches no occurrence."""
    selector = (prefix if result.key == "prefix" else suffix) or ""
    lines = ", ".join(dict.fromkeys(str(document.count("\n", 0, s) + 1) for s in result.starts[:6]))
    width = len(" ".join(selector.split())) or 1
    if result.key == "prefix":
        before = " ".join(document[max(0, result.starts[0] - 4 * width - 20) : result.starts[0]].split())
        actual = before[-width:]
        if len(actual) < len(before) and before[-width - 1] != " ":
            space = before.rfind(" ", 0, len(before) - width)
            actual = before[space + 1 :]
        place = "just before"
    else:
        after = " ".join(document[result.ends[0] : result.ends[0] + 4 * width + 20].split())
        actual = after[:width]
        if len(actual) < len(after) and after[width] != " ":
            space = after.find(" ", width)
            actual = after[: space if space >= 0 else len(after)]
        place = "just after"
    lines_word = "line" if "," not in lines else "lines"
    if len(result.starts) == 1:
        occurrences = f"once, {lines_word} {lines}, but «{selector}» is not {place} it: the document has «{actual}»"
    else:
        occurrences = f"{len(result.starts)} times, {lines_word} {lines}, but «{selector}» is not {place} any of them: the first has «{actual}»"
    return result.key, occurrences, actual
