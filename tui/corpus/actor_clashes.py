"""The same person twice: an actor whose name or alias is already another actor's name or alias.

Spellings are compared as quotes are (whitespace runs and curly quotes forgiven), without regard
to case and with a hyphen equal to a space, so "Adil Abdul-Mahdi" under a new id is caught when an existing actor lists it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Iterator

from .model import Actor
from .quotes import normalise

Spelling = tuple[str, str, "int | None", str]  # (actor id, spelling, alias index or None for the name, where defined)


_HYPHENS = str.maketrans({c: " " for c in "-\u2010\u2011\u2013\u2014"})


def spelling_key(text: str) -> str:
    # "Abdul-Mahdi" and "Abdul Mahdi" are one spelling for this purpose: a warning may be generous.
    return " ".join(normalise(text).translate(_HYPHENS).split()).casefold()


def spellings(actor: Actor | dict[str, Any]) -> Iterator[tuple[int | None, str]]:
    """(None, name), then (index, alias) of each alias; raw tables too (other files, read but not validated)."""
    name = actor.name if isinstance(actor, Actor) else actor.get("name")
    aliases = actor.aliases if isinstance(actor, Actor) else actor.get("aliases")
    if isinstance(name, str):
        yield None, name
    if isinstance(aliases, list):
        for index, alias in enumerate(aliases):
            if isinstance(alias, str):
                yield index, alias


@dataclass(frozen=True, slots=True)
class Clash:
    actor_id: str
    alias_index: int | None  # where in the actor: None for its name
    spelling: str
    other_id: str
    other_is_name: bool
    other_where: str

    @property
    def key(self) -> tuple[str | int, ...]:
        return ("name",) if self.alias_index is None else ("aliases", self.alias_index)

    @property
    def message(self) -> str:
        what = "the name" if self.other_is_name else "an alias"
        field = "named" if self.alias_index is None else "also called"
        return (
            f"actor '{self.actor_id}' is {field} \"{self.spelling}\", already {what} of actor '{self.other_id}' ({self.other_where}): "
            f"the same person twice? Use '{self.other_id}', or give each a spelling of its own"
        )


class SpellingIndex:
    """Every spelling seen so far, each with the actor it belongs to."""

    def __init__(self) -> None:
        self._seen: dict[str, tuple[str, bool, str]] = {}  # key -> (actor id, is its name, where)

    def copy(self) -> SpellingIndex:
        other = SpellingIndex()
        other._seen = dict(self._seen)
        return other

    def clashes(self, actor_id: str, items: Iterable[tuple[int | None, str]], where: str) -> list[Clash]:
        """Check an actor's spellings against those seen, then add them."""
        found: list[Clash] = []
        mine: list[tuple[str, bool]] = []
        for alias_index, spelling in items:
            key = spelling_key(spelling)
            other = self._seen.get(key)
            if other is not None and other[0] != actor_id:
                found.append(Clash(actor_id, alias_index, spelling, other[0], other[1], other[2]))
            mine.append((key, alias_index is None))
        for key, is_name in mine:
            self._seen.setdefault(key, (actor_id, is_name, where))
        return found
