"""Rules that need more than one value: kinds, ids, dates with their basis, quotes.

Errors make a file invalid; warnings flag what is legal but suspicious.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import get_close_matches
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from .quote_hints import not_found_message, selector_message
from .quotes import Ambiguous, Found, Unselected
from .actor_clashes import spellings
from .diagnostics import Severity
from .reading import FileReport, display_path, missing_basis_message
from .root_causes import Roots, add_root, fold, note_reference, root_for
from .scenario_parts import ScenarioParts

if TYPE_CHECKING:
    from .load import Context
    from .model import Quote, ScenarioFile, Source

Loc = tuple[Any, ...]
# A quote whose document cannot be read. Its scenario still opens, with the quote marked as not checked:
# the fault is in the catalog or seeds/, and the rest of the scenario is checked as usual.
UNCHECKED = "quote-unchecked"


def check_source(source: Source, loc: Loc, report: FileReport) -> None:
    _date_with_basis(source.published, source.published_basis, loc, "published", report)


def _date_with_basis(date: Any, basis: Any, loc: Loc, key: str, report: FileReport, left_out: frozenset[str] = frozenset()) -> None:
    basis_key = f"{key}_basis"
    if left_out and (key in left_out or basis_key in left_out):
        return  # one of the two is there but of the wrong shape, and already reported
    if date is not None and basis is None:
        report.error(loc + (key,), "missing-basis", missing_basis_message(key), value=False, suggestion=basis_key)
    elif date is None and basis is not None:
        report.error(loc + (basis_key,), "basis-without-date", f"'{basis_key}' is given but '{key}' is not", value=False)


_LISTED = 12  # ids listed in a message at most
_NONE: frozenset[str] = frozenset()


def _unknown(kind: str, value: str, known: Iterable[str], where: str, *, listing: bool = False) -> tuple[str, str | None]:
    """"unknown actor 'x' (did you mean 'y'?); <where>", and the closest id."""
    known = sorted(known)
    hints = get_close_matches(value, known, n=3)
    message = f"unknown {kind} '{value}'"
    if hints:
        message += f" (did you mean {' or '.join(repr(h) for h in hints)}?)"
    message += f"; {where}"
    if listing:
        shown = ", ".join(known[:_LISTED]) + (f" and {len(known) - _LISTED} more" if len(known) > _LISTED else "")
        message += f" ({shown})" if known else ""
    return message, (hints[0] if hints else None)


_ACTORS_WHERE = "actors are defined in scenarios/actors.toml or in an [[actors]] table of this file"
_SERIES_WHERE = "series are defined in scenarios/series.toml or in a [[series]] table of this file"
_SOURCES_WHERE = "sources are defined in seeds/sources.toml"


def check_scenario(scenario: ScenarioFile | ScenarioParts, path: Path, context: Context, report: FileReport) -> None:
    parts = scenario if isinstance(scenario, ScenarioParts) else ScenarioParts.of(scenario)
    meta = parts.meta
    if meta is not None and path.stem != meta.id:
        report.error(("scenario", "id"), "id-mismatch", f"scenario id '{meta.id}' differs from the file name '{path.stem}.toml'")
    # Local roots: items of this file whose shape is wrong, and the references to them.
    roots: Roots = {}
    for kind, ids in parts.broken.items():
        key = {"option": "options", "actor": "actors", "series": "series"}[kind]
        for item_id, index in ids.items():
            line, col = report.positions.find((key, index))
            cause = next((d for d in report.diagnostics if d.is_error and (d.line, d.col) >= (line, col)), None)
            add_root(roots, report, kind, item_id, f"{key[:-1] if key != 'series' else key} '{item_id}' of this file is broken", cause=cause)

    def unknown(kind: str, value: str, loc: Loc, message: tuple[str, str | None]) -> None:
        """Report an unknown id, unless it is unknown because what defines it is broken."""
        root = root_for(roots, kind, value) or root_for(context.roots, kind, value)
        if root is not None:
            note_reference(root, report, loc)
        else:
            report.error(loc, "unknown-id", message[0], suggestion=message[1])

    listed: set[str] = set()
    know_listed = meta is not None or bool(parts.listed)
    for index, source_id in enumerate(parts.listed):
        loc = ("scenario", "sources", index)
        if source_id not in context.sources:
            unknown("source", source_id, loc, _unknown("source", source_id, context.sources, _SOURCES_WHERE))
        elif source_id in listed:
            report.warning(loc, "duplicate-id", f"source '{source_id}' is listed twice")
        listed.add(source_id)

    actors = dict(context.actors)
    for index, actor in parts.each("actors"):
        loc = ("actors", index, "id")
        if actor.id in context.actors:
            report.error(loc, "duplicate-id", f"actor '{actor.id}' is already defined in scenarios/actors.toml")
        elif actor.id in actors:
            report.error(loc, "duplicate-id", f"actor '{actor.id}' is defined twice")
        actors[actor.id] = actor

    series = dict(context.series)
    for index, item in parts.each("series"):
        loc = ("series", index, "id")
        if item.id in series:
            where = "in scenarios/series.toml" if item.id in context.series else "twice"
            report.error(loc, "duplicate-id", f"series '{item.id}' is already defined {where}")
        series[item.id] = item

    options: set[str] = set()
    for index, option in parts.each("options"):
        if option.id in options:
            report.error(("options", index, "id"), "duplicate-id", f"option '{option.id}' is defined twice")
        options.add(option.id)

    quoted: set[str] = set()
    used_actors: set[str] = set()

    def check_quote(quote: Quote, loc: Loc) -> None:
        source = context.sources.get(quote.source)
        if source is None:
            unknown("source", quote.source, loc + ("source",), _unknown("source", quote.source, context.sources, _SOURCES_WHERE))
            return
        quoted.add(quote.source)
        if know_listed and quote.source not in listed:
            report.warning(loc + ("source",), "unlisted-source", f"source '{quote.source}' is quoted but not listed in [scenario] sources", suggestion=quote.source)
        if source.text is None:
            # The catalog says why the document cannot be read; the scenario says which quotes that leaves unchecked.
            report.error(loc + ("text",), UNCHECKED, f"quote not checked: its document seeds/{source.meta.file} cannot be read (seeds/sources.toml says why)")
            return
        result = source.located(quote.text, quote.prefix, quote.suffix)
        if isinstance(result, Found):
            quote.resolve(result.start, result.end)
        elif isinstance(result, Ambiguous):
            lines = ", ".join(str(source.text.count("\n", 0, s) + 1) for s in result.starts[:6])
            report.error(
                loc + ("text",),
                "quote-ambiguous",
                f"quote found {result.count} times in '{quote.source}' (lines {lines}); add a prefix or suffix to single it out",
            )
        elif isinstance(result, Unselected):
            key, message, actual = selector_message(result, quote.prefix, quote.suffix, source.text)
            report.error(loc + (key,), f"{key}-mismatch", f"{key} does not match: the quote is in '{quote.source}' (seeds/{source.meta.file}) {message}", suggestion=actual)
        else:
            message, extra = not_found_message(result, quote.text, source.text)
            report.error(loc + ("text",), "quote-not-found", f"quote not found in '{quote.source}' (seeds/{source.meta.file}){message}", **extra)

    for index, option in parts.each("options"):
        for q_index, quote in zip(parts.quote_positions("options", index, len(option.quotes)), option.quotes):
            check_quote(quote, ("options", index, "quotes", q_index))

    for index, step in parts.each("steps"):
        loc: Loc = ("steps", index)
        left_out = parts.dropped.get(loc, _NONE) if parts.dropped else _NONE
        if step.kind == "pressure":
            if step.actor is None and "actor" not in left_out:
                report.error(loc, "missing-key", "a pressure step needs 'actor'", value=False)
            if step.stance is None and "stance" not in left_out:
                report.error(loc, "missing-key", "a pressure step needs 'stance' (\"public\", \"private\" or \"reported\")", value=False)
        else:
            for key in ("stance", "toward"):
                if getattr(step, key) is not None:
                    report.error(loc + (key,), "misplaced-key", f"'{key}' belongs to pressure steps only; this step is an {step.kind}", value=False)
        if step.kind == "outcome":
            if step.status is None and "status" not in left_out:
                report.error(loc, "missing-key", "an outcome step needs 'status' (\"reported\", \"confirmed\", \"denied\" or \"unresolved\")", value=False)
        else:
            for key in ("status", "enacts"):
                if getattr(step, key) is not None:
                    report.error(loc + (key,), "misplaced-key", f"'{key}' belongs to outcome steps only; this step is a{'n' * (step.kind == 'event')} {step.kind}", value=False)
        if step.actor is not None:
            if step.actor in actors:
                used_actors.add(step.actor)
            else:
                unknown("actor", step.actor, loc + ("actor",), _unknown("actor", step.actor, actors, _ACTORS_WHERE))
        for key in ("toward", "enacts"):
            option_id = getattr(step, key)
            if option_id is not None and option_id not in options:
                where = f"this scenario's options are {', '.join(sorted(options))}" if options else "this scenario has no [[options]] yet"
                unknown("option", option_id, loc + (key,), _unknown("option", option_id, options, where))
        _date_with_basis(step.date, step.date_basis, loc, "date", report, left_out)
        # A step whose quotes were all of the wrong shape (or written `quote`) is not unquoted.
        if not step.quotes and not left_out & {"quotes", "quote"} and ("steps", index) not in parts.kept_quotes:
            report.warning(loc, "unquoted-step", "step has no quote; every step should cite its evidence", value=False)
        positions = parts.kept_quotes.get(loc) if parts.kept_quotes else None
        for q_index, quote in zip(positions, step.quotes) if positions is not None else enumerate(step.quotes):
            check_quote(quote, loc + ("quotes", q_index))

    for index, figure in parts.each("figures"):
        loc = ("figures", index)
        if figure.series not in series:
            unknown("series", figure.series, loc + ("series",), _unknown("series", figure.series, series, _SERIES_WHERE, listing=True))
        _date_with_basis(figure.as_of, figure.as_of_basis, loc, "as_of", report, parts.left_out("figures", index))
        check_quote(figure.quote, loc + ("quote",))

    for source_id in sorted(listed - quoted):
        index = parts.listed.index(source_id)
        if source_id in context.sources:
            report.warning(("scenario", "sources", index), "unquoted-source", f"source '{source_id}' is listed but never quoted")
    for index, actor in parts.each("actors"):
        if actor.id not in used_actors:
            report.warning(("actors", index, "id"), "unused-actor", f"actor '{actor.id}' is defined here but no step names it")
    if not parts.has_steps:
        report.warning(("scenario",), "no-steps", "scenario has no steps yet", value=False)
    fold(roots)


@dataclass(frozen=True)
class ScenarioFacts:
    """What the checks between files need to know of one scenario file (small enough to pass between processes)."""

    path: Path
    scenario_id: str | None  # None when the file has errors of its own
    local_actors: tuple[str, ...] = ()
    used_actors: frozenset[str] = frozenset()
    used_series: frozenset[str] = frozenset()
    listed_sources: frozenset[str] = frozenset()
    # (position, actor id, its spellings) of each local actor, for "the same person twice" between files
    local_spellings: tuple[tuple[int, str, tuple[tuple[int | None, str], ...]], ...] = ()

    @classmethod
    def of(cls, path: Path, scenario: ScenarioFile | None) -> ScenarioFacts:
        if scenario is None:
            return cls(path, None)
        return cls(
            path,
            scenario.scenario.id,
            tuple(actor.id for actor in scenario.actors),
            frozenset(step.actor for step in scenario.steps if step.actor),
            frozenset(figure.series for figure in scenario.figures),
            frozenset(scenario.scenario.sources),
            tuple((position, actor.id, tuple(spellings(actor))) for position, actor in enumerate(scenario.actors)),
        )


CrossError = tuple[int, Loc, Severity, str, str]  # (index of the file, key path, severity, code, message)
Elsewhere = list[tuple[Path, str, list[tuple[int | None, str]]]]  # local actors of files not checked: (file, id, spellings)


def check_across(facts: list[ScenarioFacts], context: Context, *, whole: bool, elsewhere: Elsewhere = ()) -> list[CrossError]:  # type: ignore[assignment]
    """Checks between files: ids defined in two scenarios, the same person under two ids, and (for a
    whole corpus) catalog entries nobody uses.

    Returns the diagnostics to add to each file; warnings on the catalogs are added to their reports here.
    """
    errors: list[CrossError] = []
    # Local actors against the shared ones, those of other files and those before them in their own.
    names = context.spellings.copy()
    for path, actor_id, items in elsewhere:
        names.clashes(actor_id, items, path)
    seen_ids: dict[str, Path] = {}
    actor_home: dict[str, str] = {}
    used_actors: set[str] = set()
    used_series: set[str] = set()
    used_sources: set[str] = set()
    for index, item in enumerate(facts):
        if item.scenario_id is None:
            continue
        if item.scenario_id in seen_ids:
            errors.append((index, ("scenario", "id"), "error", "duplicate-id", f"scenario id '{item.scenario_id}' is also used by {display_path(seen_ids[item.scenario_id])}"))
            continue
        seen_ids[item.scenario_id] = item.path
        for position, actor_id in enumerate(item.local_actors):
            if actor_id in actor_home:
                errors.append((index, ("actors", position, "id"), "error", "duplicate-id", f"actor '{actor_id}' is also defined in scenario '{actor_home[actor_id]}'; move it to scenarios/actors.toml"))
            elif actor_id not in context.actors:
                actor_home[actor_id] = item.scenario_id
        for position, actor_id, items in item.local_spellings:
            for clash in names.clashes(actor_id, items, item.path):
                errors.append((index, ("actors", position) + clash.key, "warning", "same-actor", clash.message(item.path)))
        used_actors |= item.used_actors
        used_series |= item.used_series
        used_sources |= item.listed_sources
    if whole and not any(e[2] == "error" for e in errors) and all(item.scenario_id is not None for item in facts):
        # Only when every file loaded: what a broken file uses is unknown, so "unused" would be a guess.
        _warn_unused(context, "actors.toml", "actors", used_actors, "actor", "no scenario names it")
        _warn_unused(context, "series.toml", "series", used_series, "series", "no figure uses it")
        _warn_unused(context, "sources.toml", "sources", used_sources, "source", "no scenario lists it")
    return errors


def _warn_unused(context: Context, file_name: str, key: str, used: set[str], noun: str, why: str) -> None:
    report = next((r for r in context.reports if r.path.name == file_name), None)
    if report is None:
        return
    for item_id, index in context.catalog_index.get(key, {}).items():
        if item_id not in used:
            report.warning((key, index, "id"), f"unused-{noun}", f"{noun} '{item_id}' is defined but {why}")
