"""Files -> Corpus + diagnostics. One bad file never hides the good ones.

A corpus is a directory with `seeds/sources.toml`, `seeds/*.txt`,
`scenarios/actors.toml`, `scenarios/series.toml` and `scenarios/<id>.toml`.
Catalog entries are validated one by one, so one broken source, actor or series
costs only itself; each scenario file stands or falls alone.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

import tomli

from . import checks, control_chars, placeholders, plain_records
from .actor_clashes import SpellingIndex, spellings
from .diagnostics import Diagnostic, sort_key
from .listing import Listing
from .layout import ACTORS_FILE, RESERVED, SERIES_FILE, SOURCES_FILE, find_root, is_catalog
from .quotes import Location, NormalisedText, locate
from .documents import document_path
from .positions import KeyPath
from .reading import MIB, FileReport, decode, key_path_name, read_toml, scenario_files, validate_model
from .regular_file import ReadRefused, read_regular
from .root_causes import Roots, add_root, fold
from .scenario_parts import ScenarioParts
from .unsaved import Unsaved, unsaved_text, with_aliases

if TYPE_CHECKING:
    from .model import Actor, ScenarioFile, Series, Source

SCENARIO_LIMIT = MIB
CATALOG_LIMIT = MIB
SOURCE_TEXT_LIMIT = 8 * MIB
LOCATED_KEPT = 20_000  # quotes remembered per document (see SourceDoc.located)


@dataclass
class SourceDoc:
    meta: Source
    path: Path
    text: str | None  # None when the file could not be read (its error is on the catalog)
    problem: str | None = None  # why the text is None, as the catalog's error says it
    _normalised: NormalisedText | None = None
    _located: dict[tuple[str, str | None, str | None], Location] = field(default_factory=dict, repr=False, compare=False)

    @property
    def normalised(self) -> NormalisedText:
        if self._normalised is None:
            self._normalised = NormalisedText(self.text or "")
        return self._normalised

    def located(self, text: str, prefix: str | None, suffix: str | None) -> Location:
        """Where this document says a quote (`quotes.locate`), remembered: scenarios quote the same
        sentences of a document again and again, and a quote's normalisation and search were about a
        third of checking a file beyond parsing it."""
        key = (text, prefix, suffix)
        found = self._located.get(key)
        if found is None:
            if len(self._located) >= LOCATED_KEPT:
                self._located.clear()  # an editor's session types ever new quotes: what is kept stays bounded
            found = self._located[key] = locate(self.normalised, text, prefix, suffix)
        return found


@dataclass
class ScenarioEntry:
    path: Path
    report: FileReport
    _scenario: ScenarioFile | None
    # What rebuilds its model on first use (batch_load.py: models checked in a worker are rebuilt after
    # the home screen shows the counts); None once rebuilt, or for a model read in this process.
    _rebuild: Callable[[], ScenarioFile | None] | None = field(default=None, repr=False, compare=False)
    _listing: Listing | None = field(default=None, repr=False, compare=False)

    @property
    def scenario(self) -> ScenarioFile | None:
        rebuild = self._rebuild
        if rebuild is not None:
            self._scenario = rebuild()
            self._rebuild = None
        return self._scenario

    @scenario.setter
    def scenario(self, scenario: ScenarioFile | None) -> None:
        self._scenario, self._rebuild, self._listing = scenario, None, None

    def rebuilt_later(self, rebuild: Callable[[], ScenarioFile | None], listing: Listing) -> None:
        """Its model comes from `rebuild` when first asked for; until then it is listed as `listing` says."""
        self._scenario, self._rebuild, self._listing = None, rebuild, listing

    @property
    def valid(self) -> bool:
        """Whether it has a scenario to show (without rebuilding its model)."""
        return self._rebuild is not None or self._scenario is not None

    @property
    def listing(self) -> Listing | None:
        """What its home card shows; None when it has no scenario."""
        if self._listing is None and self.valid:
            self._listing = Listing.of(self.scenario)  # type: ignore[arg-type]
        return self._listing if self.valid else None

    @property
    def id(self) -> str:
        listing = self.listing
        return listing.id if listing is not None else self.path.stem

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return self.report.diagnostics

    @property
    def has_errors(self) -> bool:
        return self.report.has_errors


@dataclass
class Context:
    """What a scenario file is checked against: the corpus's catalogs."""

    root: Path | None
    sources: dict[str, SourceDoc] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)
    series: dict[str, Series] = field(default_factory=dict)
    reports: list[FileReport] = field(default_factory=list)
    # Catalog key ("sources", "actors", "series") -> id -> its entry's index in the file, to place warnings.
    catalog_index: dict[str, dict[str, int]] = field(default_factory=dict)
    # Broken catalogs and entries: references to them are counted under their error, not reported.
    roots: Roots = field(default_factory=dict)
    # Every spelling of every shared actor, to catch a local actor that is the same person.
    spellings: SpellingIndex = field(default_factory=SpellingIndex)
    # Only diagnostics are wanted (`drawdown validate`): a clean table becomes a plain record
    # (plain_records.py), and pydantic is imported only for a table that is not clean.
    records: bool = False

    def validated(self, model_name: str, data: Any, report: FileReport, prefix: KeyPath = ()) -> Any | None:
        """`data` as model.py's `model_name` (or its plain record), or None with its errors reported."""
        if self.records:
            record = plain_records.record(model_name, data)
            if record is not None:
                return record
        from . import model

        return validate_model(getattr(model, model_name), data, report, prefix)

    def fresh_copy(self) -> Context:
        """A copy to check more files against, as if just loaded: its own reports and roots (a check
        counts references on the roots and folds them into the reports), the catalogs and the
        documents (normalised once) shared."""
        reports = {id(r): dataclasses.replace(r, diagnostics=list(r.diagnostics)) for r in self.reports}
        roots = {key: dataclasses.replace(root, report=reports.get(id(root.report), root.report), refs=[]) for key, root in self.roots.items()}
        return dataclasses.replace(self, reports=list(reports.values()), roots=roots)


@dataclass
class Corpus:
    root: Path | None
    sources: dict[str, SourceDoc]
    actors: dict[str, Actor]  # shared and scenario-local
    actor_home: dict[str, str | None]  # actor id -> the scenario that defines it; None when shared
    series: dict[str, Series]
    scenarios: list[ScenarioEntry]  # valid ones by date, then the broken ones by file name
    reports: list[FileReport]  # every file checked, catalogs included
    # What the views derive from this corpus, built once (view_data.py); a reload makes a new corpus.
    derived: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return sorted((d for r in self.reports for d in r.diagnostics), key=sort_key)

    @property
    def files_checked(self) -> int:
        return len(self.reports)

    @property
    def has_errors(self) -> bool:
        return any(r.has_errors for r in self.reports)

    def entry(self, scenario_id: str) -> ScenarioEntry | None:
        # Views ask this for every row they list: a scan of 3,000 scenarios per gap took seconds.
        by_id = self.derived.get("entries by id")
        if by_id is None:
            by_id = {}
            for entry in self.scenarios:
                by_id.setdefault(entry.id, entry)  # the first, as a scan would find
            self.derived["entries by id"] = by_id  # whole, or not at all: a view thread may ask too
        return by_id.get(scenario_id)

    def entry_for_path(self, path: Path) -> ScenarioEntry | None:
        resolved = path.resolve()
        return next((e for e in self.scenarios if e.path.resolve() == resolved), None)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while loading.

    A load allocates tens of thousands of small model objects and frees none of them, so each
    automatic collection rescans a growing heap for nothing: about a fifth of a large load.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_corpus(root: Path, *, records: bool = False) -> Corpus:
    """Load and check a whole corpus directory (`records`: see Context.records)."""
    with gc_paused():
        context = load_context(root, records=records)
        files = scenario_files(root / "scenarios", RESERVED)
        return _assemble(context, files, whole=True)


def load_files(
    paths: Iterable[Path],
    texts: Unsaved | None = None,
    *,
    context: Context | None = None,
    elsewhere: checks.Elsewhere | None = None,
    records: bool = False,
) -> Corpus:
    """Check scenario files on their own, against the catalogs of the corpus each sits in
    (and the local actors of its other scenario files, for the same person under two ids).

    `texts` are an editor's unsaved texts of any corpus files, read instead of the disk. A caller
    that checks again and again (a language server) passes the `context` (a `fresh_copy()`) and the
    `elsewhere` it loaded before, when nothing they were read from has changed.
    """
    paths = list(paths)
    texts = with_aliases(texts, paths)
    with gc_paused():
        root = find_root(paths[0]) if paths else None
        if context is None:
            context = load_context(root, texts, records=records) if root else Context(root=None, records=records)
        files = [p for p in paths if not is_catalog(p)]  # a catalog's diagnostics come with the context
        if elsewhere is None:
            elsewhere = _local_actors_elsewhere(root, files, texts) if root else []
        return _assemble(context, files, whole=False, elsewhere=elsewhere, texts=texts)


def _local_actors_elsewhere(root: Path, checked: list[Path], texts: Unsaved | None = None) -> checks.Elsewhere:
    """The [[actors]] of the corpus's other scenario files, read but not checked (their own run does that)."""
    mine = {path.resolve() for path in checked}
    found: checks.Elsewhere = []
    for path in scenario_files(root / "scenarios", RESERVED):
        if path.resolve() not in mine:
            found += local_actors(path, unsaved_text(texts, path))
    return found


def local_actors(path: Path, text: str | None = None) -> checks.Elsewhere:
    """The [[actors]] a scenario file defines (read from `text` when given), unchecked; none if it cannot be read."""
    try:
        if text is None:
            # As any corpus file is read: a pipe named .toml must not block a check of another file.
            text = read_regular(path, SCENARIO_LIMIT).decode("utf-8")
        if "[[actors]]" not in text:
            return []
        data = tomli.loads(text)
    except (ReadRefused, UnicodeDecodeError, tomli.TOMLDecodeError, RecursionError):
        return []
    actors = data.get("actors")
    return [(path, actor["id"], list(spellings(actor))) for actor in (actors if isinstance(actors, list) else []) if isinstance(actor, dict) and isinstance(actor.get("id"), str)]


def load_context(root: Path, texts: Unsaved | None = None, *, records: bool = False) -> Context:
    """The catalogs of the corpus at `root`; those open in an editor are read from `texts`."""
    context = Context(root=root, records=records)
    _load_sources(context, root, texts)
    _load_catalog(context, root / ACTORS_FILE, "actors", "Actor", context.actors, "actor", texts)
    _load_catalog(context, root / SERIES_FILE, "series", "Series", context.series, "series", texts)
    _index_spellings(context)
    return context


def _index_spellings(context: Context) -> None:
    report = next((r for r in context.reports if r.path.name == ACTORS_FILE.name), None)
    for actor_id, index in context.catalog_index.get("actors", {}).items():
        for clash in context.spellings.clashes(actor_id, spellings(context.actors[actor_id]), str(ACTORS_FILE)):
            if report is not None:
                report.warning(("actors", index) + clash.key, "same-actor", clash.message(str(ACTORS_FILE)))


def load_scenario(path: Path, context: Context, text: str | None = None) -> ScenarioEntry:
    """Check one scenario file against `context`; `text` is its editor's unsaved text, if open."""
    return read_scenario(path, context, text)[0]


def read_scenario(path: Path, context: Context, text: str | None = None) -> tuple[ScenarioEntry, dict[str, Any] | None]:
    """`load_scenario`, and the file's TOML table (None when it did not parse), which tells what fields it gave."""
    report = FileReport(path)
    data = read_toml(path, report, limit=SCENARIO_LIMIT, text=text)
    scenario = None
    if data is not None:
        screen = report.has_errors  # control characters, already reported: their items are left out
        scenario = None if screen else context.validated("ScenarioFile", data, report)
        # A file of the wrong shape is still checked item by item, so every error shows in one run.
        parts = ScenarioParts.of(scenario) if scenario is not None else ScenarioParts.lenient(data, screen=screen)
        checks.check_scenario(parts, path, context, report)
        if report.text is not None and (report.has_errors or placeholders.may_hold(parts)):
            for loc, text in placeholders.find(data):
                report.warning(loc, "placeholder", f"{key_path_name(loc)} still holds the skeleton's placeholder «{text}»; write what the document says")
    return ScenarioEntry(path, report, scenario if not _blocking(report) else None), data


def _blocking(report: FileReport) -> bool:
    """Whether the file has an error that keeps its scenario from being shown (an unchecked quote does not)."""
    return any(d.is_error and d.code != checks.UNCHECKED for d in report.diagnostics)


def _assemble(context: Context, files: list[Path], *, whole: bool, elsewhere: checks.Elsewhere | None = None, texts: Unsaved | None = None) -> Corpus:
    return assemble(context, [load_scenario(path, context, unsaved_text(texts, path)) for path in files], whole=whole, elsewhere=elsewhere)


def assemble(context: Context, entries: list[ScenarioEntry], *, whole: bool, elsewhere: checks.Elsewhere | None = None, facts: list[checks.ScenarioFacts] | None = None) -> Corpus:
    """The corpus of scenario files checked one by one (in file-name order), after the checks between them
    (`facts`, one per entry, when the processes that read them gathered them already)."""
    check_between(context, entries, whole=whole, elsewhere=elsewhere, facts=facts)
    return corpus_of(context, entries)


def check_between(context: Context, entries: list[ScenarioEntry], *, whole: bool, elsewhere: checks.Elsewhere | None = None, facts: list[checks.ScenarioFacts] | None = None) -> None:
    """The checks between scenario files checked one by one (in file-name order): after them, every
    file's diagnostics are final, and so is which of them have a scenario to show."""
    if facts is None:
        facts = [checks.ScenarioFacts.of(e.path, e.scenario) for e in entries]
    cross = checks.check_across(facts, context, whole=whole, elsewhere=elsewhere or [])
    for index, loc, severity, code, message in cross:
        entries[index].report.report(loc, severity, code, message)
        if severity == "error":
            entries[index].scenario = None
    fold(context.roots)
    for entry in entries:
        entry.report.drop_text_if_clean()  # every check is done: nothing more is placed in it


def corpus_of(context: Context, entries: list[ScenarioEntry]) -> Corpus:
    """The corpus of scenario files checked already, the checks between them included (check_between)."""
    actors = dict(context.actors)
    actor_home: dict[str, str | None] = {key: None for key in actors}
    series = dict(context.series)
    valid = sorted((e for e in entries if e.valid), key=lambda e: (e.listing.date, e.id))  # type: ignore[union-attr]
    for entry in valid:
        for actor in entry.scenario.actors:  # type: ignore[union-attr]
            actors.setdefault(actor.id, actor)
            actor_home.setdefault(actor.id, entry.id)
        for item in entry.scenario.series:  # type: ignore[union-attr]
            series.setdefault(item.id, item)
    broken = sorted((e for e in entries if not e.valid), key=lambda e: e.path.name)
    return Corpus(
        root=context.root,
        sources=context.sources,
        actors=actors,
        actor_home=actor_home,
        series=series,
        scenarios=valid + broken,
        reports=context.reports + [e.report for e in entries],
    )


def _load_sources(context: Context, root: Path, texts: Unsaved | None) -> None:
    path = root / SOURCES_FILE
    report = FileReport(path)
    context.reports.append(report)
    text = unsaved_text(texts, path)
    if text is None and not path.exists():
        report.at(1, 1, "error", "missing-file", "the corpus has no seeds/sources.toml")
        add_root(context.roots, report, "source", None, "the corpus has no seeds/sources.toml")
        return
    seeds = (root / "seeds").resolve()
    for index, source in _catalog_items(context, path, report, "sources", "Source", "source", text):
        loc = ("sources", index)
        if source.id in context.sources:
            report.error(loc + ("id",), "duplicate-id", f"source '{source.id}' is defined twice")
            continue
        context.catalog_index.setdefault("sources", {})[source.id] = index
        checks.check_source(source, loc, report)
        context.sources[source.id] = _read_document(seeds, source, loc, report)


def _read_document(seeds: Path, source: Source, loc: tuple[Any, ...], report: FileReport) -> SourceDoc:
    """A source's document, or why it cannot be had (reported on the catalog, kept on the SourceDoc)."""
    try:
        text_path = document_path(seeds, source.file)
        raw = read_regular(text_path, SOURCE_TEXT_LIMIT, f"seeds/{source.file}")
    except ReadRefused as refused:
        code = "missing-file" if refused.code == "unreadable" else refused.code
        report.error(loc + ("file",), code, refused.message)
        return SourceDoc(source, seeds / source.file, None, refused.message)
    if source.sha256 is not None and hashlib.sha256(raw).hexdigest() != source.sha256:
        report.error(loc + ("sha256",), "document-changed", f"seeds/{source.file} differs from the document as imported (sha256 mismatch); documents are never edited")
    probe = FileReport(text_path)
    text = decode(raw, probe)
    for diagnostic in probe.diagnostics:
        report.error(loc + ("file",), diagnostic.code, f"seeds/{source.file}:{diagnostic.line}:{diagnostic.col}: {diagnostic.message}")
    problem = f"seeds/{source.file} is not valid UTF-8" if text is None else None
    return SourceDoc(source, text_path, text, problem)


def _load_catalog(context: Context, path: Path, key: str, model: str, into: dict[str, Any], noun: str, texts: Unsaved | None) -> None:
    text = unsaved_text(texts, path)
    if text is None and not path.exists():
        return  # both shared catalogs are optional
    report = FileReport(path)
    context.reports.append(report)
    for index, item in _catalog_items(context, path, report, key, model, noun, text):
        if item.id in into:
            report.error((key, index, "id"), "duplicate-id", f"{noun} '{item.id}' is defined twice")
            continue
        into[item.id] = item
        context.catalog_index.setdefault(key, {})[item.id] = index


def _catalog_items(context: Context, path: Path, report: FileReport, key: str, model: str, noun: str, text: str | None = None) -> list[tuple[int, Any]]:
    roots = context.roots
    data = read_toml(path, report, limit=CATALOG_LIMIT, text=text)
    if data is None:
        add_root(roots, report, noun, None, f"{report.shown} is broken")
        return []
    for extra in data.keys() - {key}:
        report.error((extra,), "unknown-key", f"unknown key '{extra}' (this file holds only [[{key}]])", value=False)
    items = data.get(key, [])
    if not isinstance(items, list):
        before = len(report.diagnostics)
        report.error((key,), "type", f"{key} must be an array of tables ([[{key}]])")
        add_root(roots, report, noun, None, f"{report.shown} is broken", first=before)
        return []
    # read_toml already reported control characters; the entries holding them are left out.
    screen = any(d.code == "control-char" for d in report.diagnostics)
    out = []
    for index, item in enumerate(items):
        item_id = item.get("id") if isinstance(item, dict) and isinstance(item.get("id"), str) else None
        why = f"{noun} '{item_id}' in {report.shown} is broken"
        if screen:
            control = next(control_chars.find_in(item), None)
            if control is not None:
                if item_id is not None:
                    line, col = report.positions.find((key, index) + tuple(control[0]), value=True)
                    cause = next((d for d in report.diagnostics if d.code == "control-char" and (d.line, d.col) == (line, col)), None)
                    add_root(roots, report, noun, item_id, why, cause=cause)
                continue
        before = len(report.diagnostics)
        parsed = context.validated(model, item, report, prefix=(key, index))
        if parsed is not None:
            out.append((index, parsed))
        elif item_id is not None:
            add_root(roots, report, noun, item_id, why, first=before)
    return out
