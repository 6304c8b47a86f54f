"""The Actors list's filter: every actor's spellings folded once, and each query narrowed from the last.

At 3,000 scenarios a corpus has some 21,000 actors (each scenario's own, and the shared ones).
Folding every spelling of every actor on each key cost seconds; folded once per corpus, a key is
one `in` per spelling, and a query that extends the last one looks only at what that one matched.
"""

from __future__ import annotations

from .actor_paths import ActorSummary, actor_listing
from .folding import fold
from .load import Corpus
from .spellings import actor_spellings
from .view_data import derived

Match = tuple[int, "str | None"]  # the actor's place in the listing, and the spelling matched when it is not the name


class ActorFilter:
    def __init__(self, listing: list[ActorSummary]) -> None:
        self.listing = listing
        self._spellings = [actor_spellings(summary.actor) for summary in listing]
        self._folded = [tuple(fold(spelling) for spelling in spellings) for spellings in self._spellings]
        self._every: list[Match] = [(number, None) for number in range(len(listing))]
        self._last: tuple[str, list[Match]] = ("", self._every)

    def matching(self, folded_query: str) -> list[Match]:
        """The actors one of whose spellings contains the folded query, in listing order (name first)."""
        if not folded_query:
            return self._every
        last_query, last = self._last
        # Whatever contains this query contains the last one, when this one extends it.
        candidates = (number for number, _ in last) if last_query and last_query in folded_query else range(len(self.listing))
        found: list[Match] = []
        folded, spellings = self._folded, self._spellings
        for number in candidates:
            for place, spelling in enumerate(folded[number]):
                if folded_query in spelling:
                    found.append((number, spellings[number][place] if place else None))
                    break
        self._last = (folded_query, found)
        return found


def actor_filter(corpus: Corpus) -> ActorFilter:
    """The corpus's actor filter, built once (in the background after a load; see view_data.py)."""
    return derived(corpus, "actor filter", lambda c: ActorFilter(actor_listing(c)))
