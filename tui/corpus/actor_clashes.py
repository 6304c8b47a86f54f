"""The same person twice: an actor whose name or alias is already another actor's name or alias.

Spellings are compared as quotes are (whitespace runs and curly quotes forgiven), without regard
to case and with a hyphen equal to a space, so "Adil Abdul-Mahdi" under a new id is caught when an existing actor lists it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Union

from .reading import display_path

if TYPE_CHECKING:
    from .model import Actor

Where = Union[Path, str]  # the file that defines an actor (shown relative to the working directory), or a description


# Curly quotes as straight ones (as quotes.normalise does), and a hyphen or dash as a space:
# "Abdul-Mahdi" and "Abdul Mahdi" are one spelling for this purpose, as a warning may be generous.
_KEY = str.maketrans({**{c: " " for c in "-\u2010\u2011\u2013\u2014"}, **{c: "'" for c in "\u2018\u2019\u201a\u201b"}, **{c: '"' for c in "\u201c\u201d\u201e\u201f"}})


def spelling_key(text: str) -> str:
    # Runs for every spelling of every actor on every load: translate only what needs it.
    if not text.isascii():
        text = text.translate(_KEY)
    elif "-" in text:
        text = text.replace("-", " ")
    return " ".join(text.split()).casefold()


def spellings(actor: Actor | dict[str, Any]) -> Iterable[tuple[int | None, str]]:
    """(None, name), then (index, alias) of each alias; raw tables too (other files, read but not validated)."""
    if isinstance(actor, dict):
        return _raw_spellings(actor)
    return ((None, actor.name), *enumerate(actor.aliases))  # a model, or its plain record


def _raw_spellings(actor: dict[str, Any]) -> Iterator[tuple[int | None, str]]:
    name, aliases = actor.get("name"), actor.get("aliases")
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
    other_where: Where

    @property
    def key(self) -> tuple[str | int, ...]:
        return ("name",) if self.alias_index is None else ("aliases", self.alias_index)

    def message(self, here: Where) -> str:
        """The warning, for the file at `here`."""
        what = "the name" if self.other_is_name else "an alias"
        field = "named" if self.alias_index is None else "also called"
        where = "this file" if self.other_where == here else display_path(self.other_where) if isinstance(self.other_where, Path) else self.other_where
        return (
            f"actor '{self.actor_id}' is {field} \"{self.spelling}\", already {what} of actor '{self.other_id}' ({where}): "
            f"the same person twice? Use '{self.other_id}', or give each a spelling of its own"
        )


class SpellingIndex:
    """Every spelling seen so far, each with the actor it belongs to."""

    def __init__(self) -> None:
        self._seen: dict[str, tuple[str, bool, Where]] = {}  # key -> (actor id, is its name, where)

    def copy(self) -> SpellingIndex:
        other = SpellingIndex()
        other._seen = dict(self._seen)
        return other

    def clashes(self, actor_id: str, items: Iterable[tuple[int | None, str]], where: Where) -> list[Clash]:
        """Check an actor's spellings against those seen, adding them (runs for every actor of every load)."""
        found: list[Clash] = []
        seen = self._seen
        for alias_index, spelling in items:
            other = seen.setdefault(spelling_key(spelling), (actor_id, alias_index is None, where))
            if other[0] != actor_id:
                found.append(Clash(actor_id, alias_index, spelling, other[0], other[1], other[2]))
        return found
