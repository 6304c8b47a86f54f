"""Find quotes in source documents, as the format spec forgives and no more.

Both sides are normalised the same way: composed (Unicode NFC, so "e" followed by a
combining acute accent is "é"), any run of whitespace (non-breaking spaces included) is
one space, and typographic quotes and apostrophes equal their straight forms. A
normalised source keeps a map back to original offsets, so a quote resolves to
`start`/`end` in the document as it is on disk, its accents included.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Union

from .composed import nfc_mapped

_QUOTES = str.maketrans(
    {
        "\u2018": "'",  # ‘
        "\u2019": "'",  # ’
        "\u201a": "'",  # ‚
        "\u201b": "'",  # ‛
        "\u201c": '"',  # “
        "\u201d": '"',  # ”
        "\u201e": '"',  # „
        "\u201f": '"',  # ‟
    }
)
_QUOTE_CHARS = tuple((chr(code), replacement) for code, replacement in _QUOTES.items())
_SPACE = re.compile(r"\s+")  # Python's \s covers U+00A0 and the other Unicode spaces


def normalise(text: str) -> str:
    # Runs once per quote on every load: skip each step that has nothing to do.
    if not text.isascii():
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        for char, replacement in _QUOTE_CHARS:
            if char in text:
                text = text.replace(char, replacement)
    return _collapsed(text)


def as_shown(text: str) -> str:
    """The text as normalise() compares it, but with its own quote marks: what an author is shown.

    Quote marks translate one character for one, so an index into this is an index into
    normalise(text) too.
    """
    return _collapsed(unicodedata.normalize("NFC", text))


def _collapsed(text: str) -> str:
    # Every whitespace character but the plain space is unprintable, so a printable text
    # without a double space has nothing to collapse.
    if "  " in text or not text.isprintable():
        text = _SPACE.sub(" ", text)
    return text


class NormalisedText:
    """A source text normalised once, with the original [start, end) of every normalised character."""

    __slots__ = ("original", "text", "offsets", "ends")

    def __init__(self, original: str) -> None:
        self.original = original
        # Nearly every document is NFC already: then each character is its own, and `ends` is not needed.
        composed = original.isascii() or unicodedata.is_normalized("NFC", original)
        base, starts, ends = (original, None, None) if composed else nfc_mapped(original)
        translated = base.translate(_QUOTES)
        pieces: list[str] = []
        offsets: list[int] = []
        last = 0
        for match in _SPACE.finditer(translated):
            pieces.append(translated[last : match.start()])
            offsets.extend(range(last, match.start()))
            pieces.append(" ")
            offsets.append(match.start())
            last = match.end()
        pieces.append(translated[last:])
        offsets.extend(range(last, len(translated)))
        self.text = "".join(pieces)
        self.offsets = offsets if starts is None else [starts[at] for at in offsets]
        self.ends = None if ends is None else [ends[at] for at in offsets]

    def span(self, start: int, length: int) -> tuple[int, int]:
        """Original [start, end) of the normalised range [start, start + length)."""
        last = start + length - 1
        return self.offsets[start], self.ends[last] if self.ends is not None else self.offsets[last] + 1


@dataclass(frozen=True, slots=True)
class Found:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class NotFound:
    closest: str  # the passage of the source that comes closest, as it stands in the original
    closest_start: int


@dataclass(frozen=True, slots=True)
class Ambiguous:
    count: int
    starts: tuple[int, ...]  # original offsets of each match


@dataclass(frozen=True, slots=True)
class Unselected:
    """The text is in the document, but its prefix or suffix matches none of its occurrences."""

    key: str  # "prefix" or "suffix"
    starts: tuple[int, ...]  # original offsets of each occurrence of the text
    ends: tuple[int, ...]


Location = Union[Found, NotFound, Ambiguous, Unselected]


def _hits(haystack: str, needle: str) -> list[int]:
    hits: list[int] = []
    at = haystack.find(needle) if needle else -1
    while at >= 0:
        hits.append(at)
        at = haystack.find(needle, at + 1)
    return hits


def spans(source: NormalisedText, text: str) -> list[tuple[int, int]]:
    """Original [start, end) of every place the source says `text`, as the format forgives."""
    needle = normalise(text)
    return [source.span(hit, len(needle)) for hit in _hits(source.text, needle)]


def locate(source: NormalisedText, text: str, prefix: str | None = None, suffix: str | None = None) -> Location:
    needle = normalise(text)
    haystack = source.text
    hits = _hits(haystack, needle)
    if prefix is not None:
        found = hits
        hits = [h for h in hits if _prefix_matches(haystack, h, normalise(prefix))]
        if found and not hits:
            return _unselected("prefix", source, found, len(needle))
    if suffix is not None:
        found = hits
        hits = [h for h in hits if _suffix_matches(haystack, h + len(needle), normalise(suffix))]
        if found and not hits:
            return _unselected("suffix", source, found, len(needle))
    if len(hits) == 1:
        start, end = source.span(hits[0], len(needle))
        return Found(start, end)
    if hits:
        return Ambiguous(len(hits), tuple(source.offsets[h] for h in hits))
    return _closest(source, needle)


def _unselected(key: str, source: NormalisedText, hits: list[int], length: int) -> Unselected:
    spans = [source.span(h, length) for h in hits]
    return Unselected(key, tuple(s for s, _ in spans), tuple(e for _, e in spans))


def _prefix_matches(haystack: str, at: int, prefix: str) -> bool:
    # The selector's prefix may or may not carry the space that separates it from the quote.
    prefix = prefix.rstrip(" ")
    end = at - 1 if at > 0 and haystack[at - 1] == " " else at
    return len(prefix) <= end and haystack.startswith(prefix, end - len(prefix), end)


def _suffix_matches(haystack: str, at: int, suffix: str) -> bool:
    suffix = suffix.lstrip(" ")
    start = at + 1 if at < len(haystack) and haystack[at] == " " else at
    return haystack.startswith(suffix, start)


CLOSE_ENOUGH = 0.4  # of the quote's length, in its longest run shared with the document
_WORD = 30  # how far a window may stretch to reach a word boundary


def _closest(source: NormalisedText, needle: str) -> NotFound:
    haystack = source.text
    if not haystack or not needle:
        return NotFound("", 0)
    at, offset, size = longest_match(haystack, needle)
    if size < CLOSE_ENOUGH * len(needle):
        # A few shared words ("that the") point at a passage with nothing else in common.
        return NotFound("", 0)
    start = max(0, at - offset)
    end = min(len(haystack), start + len(needle))
    start, end = _whole_words(haystack, start, end)
    if end <= start:
        return NotFound("", 0)
    original_start, original_end = source.span(start, end - start)
    return NotFound(source.original[original_start:original_end], original_start)


def longest_match(haystack: str, needle: str) -> tuple[int, int, int]:
    """The longest run of `needle` found in `haystack`: (where in haystack, where in needle, length).

    The same block as difflib's `SequenceMatcher(None, haystack, needle, autojunk=False)
    .find_longest_match()` (the longest; of those, the earliest in haystack, then in needle), found
    with str searches instead of a loop over every character of the document: about 20 times
    faster on a typical document, which a language server pays on every keystroke in a bad quote.
    """
    best = 0
    for start in range(len(needle)):
        # Grow only past the best so far: a run of `best` from here is no news.
        while start + best < len(needle) and needle[start : start + best + 1] in haystack:
            best += 1
    if best == 0:
        return 0, 0, 0
    found = ((haystack.find(needle[start : start + best]), start) for start in range(len(needle) - best + 1))
    at, offset = min((at, start) for at, start in found if at >= 0)
    return at, offset, best


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) to word boundaries (by at most _WORD each way): a window cut
    mid-word reads like a typo in the document."""
    if start > 0 and text[start - 1] != " ":
        space = text.rfind(" ", max(0, start - _WORD), start)
        start = space + 1 if space >= 0 else 0 if start <= _WORD else start
    if end < len(text) and text[end] != " ":
        space = text.find(" ", end, end + _WORD)
        end = space if space >= 0 else len(text) if end + _WORD >= len(text) else end
    while start < end and text[start] == " ":
        start += 1
    while end > start and text[end - 1] == " ":
        end -= 1
    return start, end


def passage_bounds(text: str, start: int, end: int, *, sentences: int = 1, limit: int = 600) -> tuple[int, int]:
    """The sentence(s) around [start, end): what the side pane shows a quote inside.

    Bounded by paragraph breaks and by `limit` characters either side, so a quote in
    an unpunctuated wall of text still gets a readable passage.
    """
    lo = max(0, start - limit)
    hi = min(len(text), end + limit)
    para_start = text.rfind("\n", lo, start)
    para_end = text.find("\n", end, hi)
    lo = para_start + 1 if para_start >= 0 else lo
    hi = para_end if para_end >= 0 else hi
    begin = _sentence_start(text, lo, start)
    for _ in range(sentences - 1):
        if begin <= lo:
            break
        begin = _sentence_start(text, lo, begin - 1)
    finish = _sentence_end(text, end, hi)
    return begin, finish


_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+")
# A period after one of these (or after a lone capital, as in "U.S.") does not end a sentence.
_ABBREVIATIONS = frozenset({"Gen", "Brig", "Col", "Lt", "Sgt", "Mr", "Mrs", "Ms", "Dr", "St", "Sen", "Rep", "Gov", "Jan", "Feb", "Aug", "Sept", "Oct", "Nov", "Dec", "No", "vs"})


def _ends_sentence(text: str, match: re.Match[str]) -> bool:
    if text[match.start()] != ".":
        return True
    word_start = match.start()
    while word_start > 0 and (text[word_start - 1].isalpha() or text[word_start - 1] == "."):
        word_start -= 1
    word = text[word_start : match.start()].split(".")[-1]
    return not (len(word) == 1 and word.isupper()) and word not in _ABBREVIATIONS


def _sentence_start(text: str, lo: int, at: int) -> int:
    last = lo
    for match in _SENTENCE_END.finditer(text, lo, at):
        if _ends_sentence(text, match):
            last = match.end()
    return last


def _sentence_end(text: str, at: int, hi: int) -> int:
    for match in _SENTENCE_END.finditer(text, at, hi):
        if match.end() > at and _ends_sentence(text, match):
            return match.end()
    return hi
