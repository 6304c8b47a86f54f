"""Text folded for matching: normalised as quotes are, lower-cased, and without diacritics.

Search and the actor views compare text the way the quote checker does (composed, whitespace
runs are one space, curly quotes equal straight ones), without regard to case, and without
regard to diacritics: "cafe" finds "café", and "صوت" finds "صوّت" (Arabic short vowels, shadda
and the other nonspacing marks are left out). Lower-casing keeps a normalised text's length;
leaving out marks does not, so `without_marks` also says where each kept character was.
"""

from __future__ import annotations

import re
import unicodedata
from array import array

from .quotes import normalise

# The one character whose lower case is two characters long ("İ" -> "i̇"); it would shift every
# offset after it, so it folds to a plain "i".
_DOTTED_I = "\u0130"


class _MarkTable(dict[int, str]):
    """str.translate's table, filled in as characters are met: a nonspacing mark goes, and a letter
    that carries marks ("é") becomes its base letter ("e"); anything else stays as it is."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if unicodedata.category(char) == "Mn":
            folded = ""
        else:
            base = "".join(c for c in unicodedata.normalize("NFD", char) if unicodedata.category(c) != "Mn")
            folded = base if len(base) == 1 else char  # one character for one (Hangul stays whole)
        self[code] = folded  # kept ones too: a document meets the same letters again and again
        return folded


_MARKS = _MarkTable()


def fold_normalised(text: str) -> str:
    """Lower-case an already normalised text, keeping its length."""
    if _DOTTED_I in text:
        text = text.replace(_DOTTED_I, "i")
    return text.lower()


def without_marks(text: str) -> tuple[str, array[int] | None]:
    """`text` without diacritics, and the index in `text` of each character kept (None when none was left out)."""
    if text.isascii():
        return text, None
    plain = text.translate(_MARKS)
    if len(plain) == len(text):
        return plain, None
    dropped = "".join(sorted({c for c in set(text) if _MARKS.get(ord(c)) == ""}))
    kept: array[int] = array("I")
    last = 0
    for run in re.finditer(f"[{re.escape(dropped)}]+", text):
        kept.extend(range(last, run.start()))
        last = run.end()
    kept.extend(range(last, len(text)))
    return plain, kept


def fold(text: str) -> str:
    """Normalise, lower-case and leave out diacritics: what two texts are compared as."""
    return without_marks(fold_normalised(normalise(text)))[0]


def occurrences(folded: str, needle: str) -> list[int]:
    """Start offsets of `needle` in `folded`, left to right, not overlapping."""
    found: list[int] = []
    if not needle:
        return found
    at = folded.find(needle)
    while at >= 0:
        found.append(at)
        at = folded.find(needle, at + len(needle))
    return found
