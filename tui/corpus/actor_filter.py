"""The Actors list's filter: every actor's spellings folded once, and each query narrowed from the last.

At 3,000 scenarios a corpus has some 21,000 actors (each scenario's own, and the shared ones).
Folding every spelling of every actor on each key cost seconds; folded once per corpus, a key is
one `in` per spelling, a query that extends one answered lately looks only at what that one
matched, and a query answered lately (a letter erased) is not looked for again.
"""

from __future__ import annotations

from bisect import bisect_left

from .actor_paths import ActorSummary, actor_listing, years_text
from .control_chars import visible
from .folding import fold
from .load import Corpus
from .spellings import actor_spellings
from .view_data import derived

_KEPT = 24  # queries whose answers are kept: a word typed and erased again is answered at once
Match = tuple[int, "str | None"]  # the actor's place in the listing, and the spelling matched when it is not the name


class ActorFilter:
    def __init__(self, listing: list[ActorSummary]) -> None:
        self.listing = listing
        self._spellings = [actor_spellings(summary.actor) for summary in listing]
        self._folded = [tuple(fold(spelling) for spelling in spellings) for spellings in self._spellings]
        self._every: list[Match] = [(number, None) for number in range(len(listing))]
        self._known: dict[str, list[Match]] = {}  # the last queries' answers, the oldest first
        # What the list's columns are sized for and whether it dims a row, worked out here once
        # (in the background) rather than over 21,000 actors as the list opens.
        self.unused = [summary.steps == 0 for summary in listing]
        self.numbers = {summary.actor.id: number for number, summary in enumerate(listing)}
        self.widest: dict[bool, tuple[int, int]] = {
            compact: (
                max((len(visible(summary.actor.side)) for summary in listing), default=0),
                max((len(years_text(summary.years, compact)) for summary in listing), default=0),
            )
            for compact in (False, True)
        }

    def matching(self, folded_query: str) -> list[Match]:
        """The actors one of whose spellings contains the folded query, in listing order (name first)."""
        if not folded_query:
            return self._every
        known = self._known.get(folded_query)
        if known is not None:
            self._known[folded_query] = self._known.pop(folded_query)  # the most recent last
            return known
        # Whatever contains this query contains any part of it: start from the longest part
        # already answered (a typed word's prefixes are; an erased letter's query is itself).
        base = next((self._known[part] for part in (folded_query[:end] for end in range(len(folded_query) - 1, 0, -1)) if part in self._known), None)
        candidates = (number for number, _ in base) if base is not None else range(len(self.listing))
        found: list[Match] = []
        folded, spellings, every = self._folded, self._spellings, self._every
        for number in candidates:
            for place, spelling in enumerate(folded[number]):
                if folded_query in spelling:
                    # A match by name shares the listing's own pair: a kept answer costs a pointer per actor.
                    found.append((number, spellings[number][place]) if place else every[number])
                    break
        self._known[folded_query] = found
        if len(self._known) > _KEPT:
            del self._known[next(iter(self._known))]
        return found


def place(found: list[Match], number: int) -> int | None:
    """Where the actor `number` of the listing is among `found` (in listing order), if it is there."""
    at = bisect_left(found, number, key=lambda match: match[0])
    return at if at < len(found) and found[at][0] == number else None


def actor_filter(corpus: Corpus) -> ActorFilter:
    """The corpus's actor filter, built once (in the background after a load; see view_data.py)."""
    return derived(corpus, "actor filter", lambda c: ActorFilter(actor_listing(c)))
