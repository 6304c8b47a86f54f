"""Which actor a search query names: the index's answer against a plain reading of the rule."""

from __future__ import annotations

import gc
import random

from tui.corpus.bundled import bundled_root
from tui.corpus.folding import fold
from tui.corpus.load import load_corpus
from tui.corpus.model import Actor
from tui.corpus.spellings import SpellingIndex, actor_spellings


def _whole_word(spelling: str, query: str) -> bool:
    size = len(query)
    return any(
        spelling[at : at + size] == query
        and (at == 0 or not spelling[at - 1].isalnum())
        and (at + size == len(spelling) or not spelling[at + size].isalnum())
        for at in range(len(spelling) - size + 1)
    )


def _named_by_rule(actors: list[Actor], query: str) -> tuple[str, ...] | None:
    """The rule as the docstring gives it: the ids of the one spelling set the query fits as whole words."""
    query = query.strip()
    sets: dict[frozenset[str], list[str]] = {}
    for actor in actors:
        sets.setdefault(frozenset(fold(s) for s in actor_spellings(actor)), []).append(actor.id)
    fitting = [ids for key, ids in sets.items() if query and any(_whole_word(s, query) for s in key)]
    return tuple(fitting[0]) if len(fitting) == 1 else None


def _actors() -> list[Actor]:
    actors = list(load_corpus(bundled_root()).actors.values())
    # Spellings that overlap themselves, sit inside one another, or hold punctuation and non-ASCII letters.
    extra = [
        ("xx-x-x", "Xx x x", ["X.X"]),
        ("al-sadr-copy", "Moqtada al-Sadr (0001)", []),
        ("kataib", "Kata’ib Ḥezbollah", ["KH"]),
        ("under-score", "snake_case name", []),
    ]
    for actor_id, name, aliases in extra:
        actors.append(Actor(id=actor_id, name=name, aliases=aliases, side="test", kind="group", description="A test actor."))
    return actors


def _queries(actors: list[Actor]) -> list[str]:
    rng = random.Random(13)
    spellings = [fold(s) for actor in actors for s in actor_spellings(actor)]
    queries = {"", " ", "iraq", "the", "sadr", "x x", "x", "case", "snake", "_case", "(0001)", "0001", "kh", "\x00", "a.b"}
    for spelling in spellings:
        words = spelling.split()
        queries.update(words)
        queries.update(" ".join(words[i : i + 2]) for i in range(len(words) - 1))
        start = rng.randrange(len(spelling))
        queries.add(spelling[start : start + rng.randint(1, 8)])
        queries.add(f" {spelling} ")
    return sorted(queries)


def test_the_index_names_the_actor_the_rule_names() -> None:
    actors = _actors()
    index = SpellingIndex(actors)
    queries = _queries(actors)
    assert len(queries) > 400
    named_some = 0
    for query in queries:
        found = index.named(query)
        expected = _named_by_rule(actors, query)
        assert (found.actor_ids if found else None) == expected, query
        named_some += expected is not None
    assert named_some > 50  # the comparison covers queries that name an actor, not only ones that name none


def test_an_overlapping_spelling_is_found_at_its_second_place() -> None:
    # "x x" stands as whole words only from offset 3 of "xx x x": a scan that skips past the
    # first (not whole-word) occurrence at offset 1 never sees it.
    actors = [Actor(id="only", name="Xx x x", side="test", kind="group", description="A test actor.")]
    found = SpellingIndex(actors).named("x x")
    assert found is not None and found.actor_ids == ("only",)


def test_the_index_keeps_no_number_or_list_per_spelling() -> None:
    # At 21,000 actors an int object per spelling, and a list per actor and per word, held 3 MB.
    index = SpellingIndex(load_corpus(bundled_root()).actors.values())
    held: dict[int, object] = {}
    todo: list[object] = [index]
    while todo:
        item = todo.pop()
        if id(item) in held or isinstance(item, (str, type)):
            continue
        held[id(item)] = item
        todo.extend(gc.get_referents(item))
    lists = [o for o in held.values() if isinstance(o, list)]
    assert sorted(map(len, lists)) == sorted([len(index._entries), len(index._folded)])
    assert not [o for o in held.values() if type(o) is int]
    assert index.named("sadr") is not None
