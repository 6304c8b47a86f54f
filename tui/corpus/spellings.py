"""Every spelling of an actor, and which actor a search query names.

One actor keeps one id across the corpus while the documents print its name in several ways
("Moqtada", "Moktada", "Muqtada al-Sadr"). The catalog gathers them as `name` + `aliases`; this
module answers the two questions the views ask of them: which spellings a text prints, and
whether a query names one actor (so search can look for the other spellings too).
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass
from typing import Iterable

from .folding import fold
from .model import Actor


def actor_spellings(actor: Actor) -> tuple[str, ...]:
    """The name, then each alias, each once (two spellings equal when folded are one)."""
    seen: set[str] = set()
    out: list[str] = []
    for spelling in (actor.name, *actor.aliases):
        key = fold(spelling)
        if key and key not in seen:
            seen.add(key)
            out.append(spelling)
    return tuple(out)


def spellings_in(texts: Iterable[str], spellings: tuple[str, ...]) -> tuple[str, ...]:
    """The spellings (in their catalog order) printed somewhere in `texts`, compared folded."""
    folded = [fold(text) for text in texts]
    return tuple(s for s in spellings if any(fold(s) in text for text in folded))


# A word, as `covers_words` sees one: a run of characters str.isalnum accepts (`[^\W_]` is exactly those).
_WORDS = re.compile(r"[^\W_]+")


def _at_word_edges(text: str, start: int, end: int) -> bool:
    return (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum())


def covers_words(spelling: str, query: str) -> bool:
    """Whether the folded `query` stands in the folded `spelling` as whole words ("sadr" in "moqtada al-sadr")."""
    # Every place, overlapping ones too: "x x" stands as words in "xx x x" only at its second place.
    size = len(query)
    at = spelling.find(query)
    while at >= 0:
        if _at_word_edges(spelling, at, at + size):
            return True
        at = spelling.find(query, at + 1)
    return False


@dataclass(frozen=True, slots=True)
class Spelling:
    text: str  # as the catalog writes it
    folded: str


def _spelling(text: str) -> Spelling:
    folded = fold(text)
    return Spelling(text, text if folded == text else folded)  # an all lower-case spelling kept once


@dataclass(frozen=True, slots=True)
class NamedActor:
    """The actor (or actors spelled exactly alike) a query names, and all their spellings."""

    actor_ids: tuple[str, ...]
    spellings: tuple[Spelling, ...]


_NONE = array("I")  # the postings of a word no spelling holds


class SpellingIndex:
    """The spellings of every actor of a corpus, folded once, grouped by spelling set."""

    def __init__(self, actors: Iterable[Actor]) -> None:
        # Keyed by the set of folded spellings: actors spelled exactly alike (a scenario-local actor
        # copied into many scenarios) are one entry, so a query costs the same however many there are.
        sets: dict[frozenset[str], tuple[tuple[Spelling, ...], list[str]]] = {}
        for actor in actors:
            spellings = tuple(_spelling(s) for s in actor_spellings(actor))
            key = frozenset(s.folded for s in spellings)
            sets.setdefault(key, (spellings, []))[1].append(actor.id)
        # A corpus of thousands of scenarios has tens of thousands of spellings: too many to try one
        # by one on every key typed into search. A query that stands as whole words in a spelling has
        # each of its words among the spelling's words, so only the spellings holding its rarest word
        # are tried.
        # Numbers kept in arrays and ids in tuples: at 21,000 actors an int object per spelling, and
        # a list grown one id at a time per actor, held 3 MB.
        self._entries = [(spellings, tuple(ids)) for spellings, ids in sets.values()]
        self._folded: list[str] = []  # every spelling of every entry
        self._owner = array("I")  # and the index in _entries of the one it belongs to
        by_word: dict[str, list[int]] = {}  # a word, and the spellings (indices in _folded) holding it
        for index, (spellings, _) in enumerate(self._entries):
            for spelling in spellings:
                at = len(self._folded)
                self._folded.append(spelling.folded)
                self._owner.append(index)
                for word in set(_WORDS.findall(spelling.folded)):
                    by_word.setdefault(word, []).append(at)
        self._by_word: dict[str, array[int]] = {word: array("I", ats) for word, ats in by_word.items()}

    def named(self, folded_query: str) -> NamedActor | None:
        """The actor whose spellings the query matches as whole words, when it names exactly one.

        A query that fits the spellings of several different actors ("iraqi", "the",
        "administration") names none of them, so it is searched for as typed and nothing more.
        Actors whose spellings are all the same (folded) count as one.
        """
        query = folded_query.strip()
        if not query:
            return None
        words = _WORDS.findall(query)
        if words:
            postings = [self._by_word.get(word, _NONE) for word in words]
            candidates: Iterable[int] = min(postings, key=len)
        else:
            candidates = range(len(self._folded))  # a query of punctuation alone: no word to look up
        found: int | None = None
        for at in candidates:
            owner = self._owner[at]
            if owner != found and covers_words(self._folded[at], query):
                if found is not None:
                    return None
                found = owner
        if found is None:
            return None
        spellings, ids = self._entries[found]
        return NamedActor(tuple(ids), spellings)
