"""The Actors list's filter answers every query as a search of every actor would, whatever it kept."""

from __future__ import annotations

from pathlib import Path

from explorer_support import FIXTURE, copy_corpus

from tui.corpus.actor_filter import ActorFilter, place
from tui.corpus.actor_paths import actor_listing
from tui.corpus.folding import fold
from tui.corpus.live import LiveCorpus
from tui.corpus.spellings import actor_spellings


def searched(actors: ActorFilter, query: str) -> list[tuple[int, str | None]]:
    """Worked out here from scratch: each actor with a spelling holding the query, and which."""
    found = []
    for number, summary in enumerate(actors.listing):
        spellings = actor_spellings(summary.actor)
        hit = next((place for place, spelling in enumerate(spellings) if fold(query) in fold(spelling)), None)
        if hit is not None:
            found.append((number, spellings[hit] if hit else None))
    return found


def test_typed_erased_and_retyped_queries_are_answered_as_fresh_ones(tmp_path: Path) -> None:
    actors = ActorFilter(actor_listing(LiveCorpus(copy_corpus(tmp_path)).corpus))
    # A word typed, erased letter by letter, typed again; a letter put in the middle; aliases.
    queries = [*("sadr"[:n] for n in range(1, 5)), "sad", "sa", "s", "sadr", "sadrx", "sadr", "ma", "mahdi", "mhdi", "m", "pmu", "pmf", "iraqi", "iraq"]
    for query in queries:
        assert actors.matching(fold(query)) == searched(actors, query), query
    assert actors.matching("") == [(number, None) for number in range(len(actors.listing))]


def test_the_kept_answers_are_bounded_and_the_oldest_goes_first(tmp_path: Path) -> None:
    actors = ActorFilter(actor_listing(LiveCorpus(FIXTURE).corpus))
    for number in range(60):
        actors.matching(f"q{number}")
    assert 0 < len(actors._known) <= 24 and "q59" in actors._known and "q0" not in actors._known


def test_place_finds_an_actor_among_the_matches() -> None:
    found = [(2, None), (5, "x"), (9, None)]
    assert [place(found, number) for number in (2, 5, 9, 3, 10, 0)] == [0, 1, 2, None, None, None]
