"""Pydantic models of the authoring format (docs/format.md is the reference).

The models check shape only: types, required keys, unknown keys. Rules that need
more than one value (kind-specific keys, ids that must resolve, quotes that must be
found) live in `checks.py`, so their diagnostics can point at the exact key.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Union

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

Slug = Annotated[str, Field(pattern=SLUG_PATTERN, description="A lower-case slug: letters, digits and single hyphens.")]
Basis = Literal["stated", "inferred"]
NonEmpty = Annotated[str, Field(min_length=1)]


def _ordered_range(value: list[int]) -> list[int]:
    if value[0] > value[1]:
        raise ValueError("a range is [low, high] with low <= high")
    return value


TroopRange = Annotated[
    list[int],
    Field(min_length=2, max_length=2),
    AfterValidator(_ordered_range),
]
Troops = Annotated[
    Union[Annotated[int, Field(ge=0)], TroopRange],
    Field(description="A whole number, or [low, high] for a range."),
]


class Model(BaseModel):
    # strict: a TOML file says what it means; "3000" is not 3000 and "2011-09-07" is not a date.
    # defer_build: each validator is built when first used, not at import. The explorer rebuilds its
    # scenarios without validating them (packed_scenarios.py) and checks clean tables as plain records,
    # so a whole session may never need ScenarioFile's: its import costs 60 ms less (20%).
    model_config = ConfigDict(extra="forbid", strict=True, defer_build=True)


class Quote(Model):
    """Words copied from a source document, located by the loader."""

    source: Slug = Field(description="Id of a source in seeds/sources.toml.")
    text: NonEmpty = Field(
        description="The quoted words, character for character, typos included (runs of whitespace and curly or straight quotation marks are forgiven). `drawdown quote SOURCE WORDS` prints an entry to paste."
    )
    prefix: str | None = Field(
        default=None, description="Text just before the quote in the document, to single out a text found more than once; the space between may be included or left out."
    )
    suffix: str | None = Field(
        default=None, description="Text just after the quote in the document, to single out a text found more than once; the space between may be included or left out."
    )

    @property
    def span(self) -> tuple[int, int] | None:
        """Character offsets [start, end) of the quote in its document, once the loader found it."""
        return self.__dict__.get(_SPAN)

    def resolve(self, start: int, end: int) -> None:
        # Kept outside pydantic's fields (so no author can set it, and no schema or dump shows it)
        # and outside its private attributes, which cost four times the validation of a quote.
        # Called as the loader checks the file, before equal quotes become one model (shared_values.py).
        object.__setattr__(self, _SPAN, (start, end))


_SPAN = "resolved_span"


class Source(Model):
    """One document in seeds/."""

    id: Slug = Field(description="Unique in the corpus.")
    file: NonEmpty = Field(description="File name relative to seeds/; must stay inside seeds/.")
    title: NonEmpty = Field(description="The document's headline.")
    title_basis: Basis = Field(
        default="stated",
        description='"stated" if the document prints this title, "inferred" if it prints none and the title is descriptive.',
    )
    outlet: NonEmpty | None = Field(default=None, description="The outlet as the document names it; omit if it names none.")
    author: NonEmpty | None = Field(default=None, description="The author as printed.")
    published: dt.date | None = Field(default=None, description="Publication date.")
    published_basis: Basis | None = Field(
        default=None, description='Required with `published`: "stated" (printed in the document) or "inferred".'
    )
    kind: Literal["news", "opinion", "aggregation", "analysis"] = Field(description="What sort of document it is.")
    note: str | None = Field(default=None, description="Who the document relays, and anything a reader should know.")
    url: Annotated[str, Field(pattern=r"^https?://\S+$")] | None = Field(
        default=None, description="Where the document was published, if known."
    )
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")] | None = Field(
        default=None, description="SHA-256 of the document file as imported; the validator refuses a document edited since."
    )


class Actor(Model):
    """A person, institution, group or state that takes positions."""

    id: Slug = Field(description="One id across every scenario.")
    name: NonEmpty = Field(description="The name shown.")
    aliases: list[NonEmpty] = Field(default_factory=list, description="Every other spelling printed in the sources.")
    side: Slug = Field(description="A free slug grouping actors; the UI gives each side a stable colour.")
    kind: Literal["person", "institution", "group", "state", "commentator"] = Field(description="What sort of actor.")
    description: NonEmpty = Field(description="One or two sentences, drawn from the documents.")


class Series(Model):
    """A line of figures joined across scenarios."""

    id: Slug = Field(description="Referenced by [[figures]].series.")
    label: NonEmpty = Field(description="Shown in the chart legend.")
    unit: NonEmpty = Field(default="troops", description="What the values count.")
    description: str | None = Field(default=None, description="What exactly is counted.")


class ScenarioMeta(Model):
    """The [scenario] table."""

    id: Slug = Field(description="Must equal the file stem.")
    title: NonEmpty = Field(description="Shown in lists and headers.")
    date: dt.date = Field(description="The moment the scenario stands at.")
    date_basis: Basis = Field(description='"stated" if a document prints the date, else "inferred".')
    question: NonEmpty = Field(description="The question the scenario explores.")
    summary: NonEmpty = Field(description="A short neutral summary.")
    sources: list[Slug] = Field(min_length=1, description="Ids of the sources the scenario draws on.")
    tags: list[NonEmpty] = Field(default_factory=list, description="Free tags.")


class Option(Model):
    """A course of action on the table."""

    id: Slug = Field(description="Unique in the scenario.")
    label: NonEmpty = Field(description="Short label.")
    troops: Troops | None = Field(default=None, description="Troop figure of this option: a number or [low, high].")
    summary: str | None = Field(default=None, description="What the option means.")
    quotes: list[Quote] = Field(default_factory=list, description="Where the documents put this option on the table.")


class Step(Model):
    """One step of a scenario: an event, a pressure or an outcome."""

    kind: Literal["event", "pressure", "outcome"] = Field(
        description="What sort of step: an event that happens, a pressure an actor puts toward an option, or an outcome that settles something."
    )
    actor: Slug | None = Field(
        default=None, description="Who acts: an actor id from scenarios/actors.toml or an [[actors]] table in this file. Required for a pressure, optional otherwise."
    )
    date: dt.date | None = Field(default=None, description="When it happened, if a document says.")
    date_basis: Basis | None = Field(default=None, description='Required with `date`: "stated" or "inferred".')
    stance: Literal["public", "private", "reported"] | None = Field(
        default=None, description='How the position is known: "public" said or done openly, on the record; "private" behind closed doors, known through advisers, a cable or a leak; "reported" attributed by others or anonymous sources, hedged, or the writer\'s own reading. Required for a pressure, refused on other kinds.'
    )
    toward: Slug | None = Field(default=None, description="The id of the option (in this file's [[options]]) the pressure pushes toward. Pressures only.")
    status: Literal["reported", "confirmed", "denied", "unresolved"] | None = Field(
        default=None, description="How settled the outcome is. Required for an outcome, refused on other kinds."
    )
    enacts: Slug | None = Field(default=None, description="The id of the option (in this file's [[options]]) the outcome puts into effect. Outcomes only.")
    summary: NonEmpty = Field(description="What happens, in neutral words the quotes support.")
    quotes: list[Quote] = Field(default_factory=list, description="The evidence, quoted from the sources; a step without one is warned about.")


class Figure(Model):
    """A cited number, drawn as a point of a series."""

    series: Slug = Field(description="Id of a series in scenarios/series.toml or this file.")
    value: Troops = Field(description="The number as the document states it: a whole number, or [low, high] with low <= high.")
    as_of: dt.date | None = Field(default=None, description="The date the figure stands for; defaults to the scenario's date.")
    as_of_basis: Basis | None = Field(default=None, description='Required with `as_of`: "stated" or "inferred".')
    label: NonEmpty = Field(description='Exactly what the number counts ("US troops the parliament approved removing", not "troops").')
    quote: Quote = Field(description="Where the number is printed.")


class ScenarioFile(Model):
    """A scenario file: scenarios/<id>.toml."""

    model_config = ConfigDict(title="Drawdown scenario")

    format: Literal[1] = Field(description="Format version; always 1.")
    scenario: ScenarioMeta = Field(description="The scenario itself: its id, title, date, question, summary and sources.")
    options: list[Option] = Field(default_factory=list, description="The courses of action on the table.")
    steps: list[Step] = Field(default_factory=list, description="Stepped through in file order.")
    figures: list[Figure] = Field(default_factory=list, description="Cited numbers.")
    actors: list[Actor] = Field(default_factory=list, description="Actors that appear in no other scenario.")
    series: list[Series] = Field(default_factory=list, description="Series used by no other scenario.")


class SourcesFile(Model):
    """seeds/sources.toml."""

    model_config = ConfigDict(title="Drawdown sources")
    sources: list[Source] = Field(default_factory=list)


class ActorsFile(Model):
    """scenarios/actors.toml."""

    model_config = ConfigDict(title="Drawdown actors")
    actors: list[Actor] = Field(default_factory=list)


class SeriesFile(Model):
    """scenarios/series.toml."""

    model_config = ConfigDict(title="Drawdown series")
    series: list[Series] = Field(default_factory=list)


# Each distinct set of field names given, once: see share_fields_sets.
_FIELDS_SETS: dict[frozenset[str], frozenset[str]] = {}


def share_fields_sets(model: BaseModel) -> None:
    """Give `model` and every model inside it the one shared copy of its set of given field names.

    pydantic keeps a fresh set per model of the fields a file gave: 216 to 728 bytes each, half
    of what a loaded scenario costs (about 34 KB of 64 KB), while a corpus has only a few dozen
    distinct such sets. Frozen, so an attribute assigned later fails loudly instead of marking
    the field given on every model that shares the set (models are never assigned to after load).
    """
    shared = _FIELDS_SETS
    stack = [model]
    while stack:
        item = stack.pop()
        names = item.__pydantic_fields_set__
        key = names if isinstance(names, frozenset) else frozenset(names)
        object.__setattr__(item, "__pydantic_fields_set__", shared.setdefault(key, key))
        for value in item.__dict__.values():
            if isinstance(value, BaseModel):
                stack.append(value)
            elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
                stack.extend(value)


def troops_text(value: int | list[int]) -> str:
    """3000 -> "3,000"; [14000, 18000] -> "14,000–18,000"."""
    if isinstance(value, list):
        return f"{value[0]:,}–{value[1]:,}"
    return f"{value:,}"
