"""Incremental search over step summaries, quotes and the full source texts.

Built once per loaded corpus (`SearchIndex(corpus)`), then asked once per keystroke
(`index.search(query)`). What it matches:

- every step summary, every quote (of steps, options and figures) and every source document;
- case-insensitively, with text normalised as quotes are (composed, whitespace runs are one space,
  curly quotes equal straight ones), so “withdraw” finds "withdraw" and the reverse;
- without regard to diacritics (folding.py): "cafe" finds "café" and "صوت" finds "صوّت";
- when the query names one actor (it matches whole words of one actor's name or aliases:
  "Muqtada", "Moktada al-Sadr", "PMU"), the actor's other spellings as well.

A query shorter than two characters (after trimming) finds nothing.

What it returns: hits grouped by scenario, in corpus order (scenario date). A summary or a quote
that matches is one hit, with every match in it marked. A source document is split into passages
(a sentence, as the side pane shows a quote in); each passage that matches is one hit, listed under
the first scenario that lists the document in its `sources` (a document no scenario lists gets a
group of its own, at the end). `total` counts every hit; at most `limit` are returned.

Why it is quick: every text is folded once, when the index is built; each query keeps the list
of texts it matched, and the next keystroke (which usually extends the query) searches only
those. Hits are turned into snippets only for the ones returned. And the hits to list are found
first (`begin`): texts are searched in the order hits are listed, so a short query that matches
nearly everything is listed after a few hundred texts; the rest of the search, which only the
count needs, goes on in steps of a few thousand texts (`PendingSearch.steps`), which the screen
runs between keys. Searched to the end, a query's count and list of texts are kept.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Generator, Hashable, Iterable, Iterator
from dataclasses import dataclass
from itertools import compress, repeat
from operator import contains
from typing import Literal, TypeVar

from .control_chars import visible
from .crossref import CiteKind, scenario_quotes
from .folding import fold, fold_normalised, occurrences, without_marks
from .load import Corpus
from .model import Quote, ScenarioFile
from .quotes import NormalisedText, normalise, passage_bounds
from .spellings import NamedActor, SpellingIndex
from .view_data import built, derived

MIN_QUERY = 2
DEFAULT_LIMIT = 200
_CACHED_QUERIES = 64  # each keeps the ids of the texts it matched, 4 bytes a text at most
# Texts searched per step of a search that goes on behind its first page: about a millisecond's work
# at 3,000 scenarios, so that a key waits at most that long for it.
_CHUNK = 4096
# Texts `begin` searches before it returns, at least: a corpus of a hundred scenarios or so is searched
# whole at once, its count exact in the first answer.
AT_ONCE = 8192

HitKind = Literal["summary", "quote", "source"]
_WHITESPACE = re.compile(r"\s")


@dataclass(frozen=True, slots=True)
class Hit:
    kind: HitKind
    scenario_id: str | None  # None only for a document no scenario lists
    holder: CiteKind | None  # summary: "step"; quote: what holds it; source passage: None
    index: int | None  # step, option or figure index in the scenario file
    quote_index: int | None  # position of the quote in its holder's quotes (0 for a figure)
    quote: Quote | None
    source_id: str | None  # the quoted document, or the document of a passage
    offset: int | None  # source passage: where its first match starts in the document
    snippet: str  # original text, not folded
    snippet_start: int  # where the snippet starts in its text (the summary, quote or document)
    marks: tuple[tuple[int, int], ...]  # [start, end) of each match, relative to the snippet
    via: str | None  # the actor spelling that matched, when the query itself does not occur here

    @property
    def step(self) -> int | None:
        return self.index if self.holder == "step" else None

    def excerpt(self, width: int) -> tuple[str, tuple[tuple[int, int], ...]]:
        """The snippet as one line of at most `width` characters around its first match, and its marks.

        Each whitespace character shows as a space and each control character as its visible
        picture, one for one, so the marks still point at the matched words; a cut end shows "…".
        """
        text = visible(_WHITESPACE.sub(" ", self.snippet))
        if len(text) <= width:
            return text, self.marks
        width = max(width, 3)
        first = self.marks[0][0] if self.marks else 0
        start = max(0, min(first - width // 3, len(text) - width))
        end = start + width
        lead, tail = start > 0, end < len(text)
        start, end = start + lead, end - tail
        line = "…" * lead + text[start:end] + "…" * tail
        shift = lead - start
        marks = tuple(
            (max(lo, start) + shift, min(hi, end) + shift) for lo, hi in self.marks if min(hi, end) > max(lo, start)
        )
        return line, marks


@dataclass(frozen=True, slots=True)
class HitGroup:
    scenario_id: str | None
    title: str  # the scenario's title, or the document's for a document no scenario lists
    year: int | None
    hits: tuple[Hit, ...]


@dataclass(frozen=True, slots=True)
class SearchResults:
    query: str
    groups: tuple[HitGroup, ...]
    total: int  # every hit, returned or not
    named: NamedActor | None  # the actor the query names, whose other spellings were searched too
    counted: bool = True  # False: the first page of a search still under way; `total` counts only what it shows

    @property
    def shown(self) -> int:
        return sum(len(group.hits) for group in self.groups)

    @property
    def truncated(self) -> bool:
        return self.shown < self.total


EMPTY = SearchResults("", (), 0, None)


class PendingSearch:
    """One query's search: its first page at once (`page`), the rest of the work (the count) step by step.

    `page` holds the hits that are listed; they are final from the start. Only the count may be
    missing (`page.counted` is False) until `steps()` has run to its end or `finish()` was called;
    `results` is then the page with its exact count.
    """

    def __init__(self, work: Iterator[tuple[int, SearchResults | None]], results: SearchResults | None = None) -> None:
        self._work = work
        self._page: SearchResults | None = results
        self.results: SearchResults | None = results

    @property
    def done(self) -> bool:
        return self.results is not None

    @property
    def page(self) -> SearchResults:
        page = self.results or self._page
        assert page is not None, "begin() searches until the page is found"
        return page

    def advance(self, texts: int) -> None:
        """Search on until the page is found and at least `texts` more texts were searched, or to the end."""
        searched = 0
        try:
            while self._page is None or searched < texts:
                step, page = next(self._work)
                searched += step
                if page is not None and self._page is None:
                    self._page = page
        except StopIteration as stop:
            self.results = self._page = stop.value

    def steps(self) -> Iterator[None]:
        """The rest of the search, a few thousand texts a step (stop iterating to give it up)."""
        while not self.done:
            self.advance(_CHUNK)
            yield

    def finish(self) -> SearchResults:
        for _ in self.steps():
            pass
        assert self.results is not None
        return self.results


@dataclass(frozen=True, slots=True)
class _Text:
    """Where one searchable text comes from."""

    kind: HitKind
    group: int
    scenario_id: str | None
    holder: CiteKind | None
    index: int | None
    quote_index: int | None
    quote: Quote | None
    source_id: str | None
    original: str


class _TextStore:
    """The searchable texts' `_Text`s, packed: one object each cost 100 bytes, 21 MB at 3,000
    scenarios, for what is read only for the few texts a query returns. A `_Text` is made again
    from the columns when asked for."""

    _KINDS: tuple[HitKind, ...] = ("summary", "quote", "source")

    def __init__(self) -> None:
        self._kind = array("B")
        self._group = array("I")
        self._index = array("i")  # -1 for None
        self._quote_index = array("i")
        self._holder = array("B")  # a code into _holders
        self._holders: list[CiteKind | None] = [None]
        # A scenario id per group, and a code per text into the few distinct source ids: a list of
        # references per text costs 8 bytes a text (1.8 MB each at 3,000 scenarios).
        self._group_scenario: dict[int, str | None] = {}
        self._source = array("I")
        self._sources: list[str | None] = [None]
        self._source_codes: dict[str | None, int] = {None: 0}
        # Lists of references, not one tuple per text: a tuple costs 64 bytes, a reference 8.
        self._quote: list[Quote | None] = []
        self._original: list[str] = []

    def __len__(self) -> int:
        return len(self._original)

    def append(self, text: _Text) -> None:
        if text.holder not in self._holders:
            self._holders.append(text.holder)
        self._kind.append(self._KINDS.index(text.kind))
        self._group.append(text.group)
        self._index.append(-1 if text.index is None else text.index)
        self._quote_index.append(-1 if text.quote_index is None else text.quote_index)
        self._holder.append(self._holders.index(text.holder))
        if self._group_scenario.setdefault(text.group, text.scenario_id) != text.scenario_id:
            raise ValueError(f"group {text.group} holds the texts of one scenario, not of {text.scenario_id!r} too")
        code = self._source_codes.get(text.source_id)
        if code is None:
            code = self._source_codes[text.source_id] = len(self._sources)
            self._sources.append(text.source_id)
        self._source.append(code)
        self._quote.append(text.quote)
        self._original.append(text.original)

    def group(self, text_id: int) -> int:
        return self._group[text_id]

    def __getitem__(self, text_id: int) -> _Text:
        index, quote_index, group = self._index[text_id], self._quote_index[text_id], self._group[text_id]
        return _Text(
            self._KINDS[self._kind[text_id]], group, self._group_scenario[group], self._holders[self._holder[text_id]],
            None if index < 0 else index, None if quote_index < 0 else quote_index, self._quote[text_id],
            self._sources[self._source[text_id]], self._original[text_id],
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Group:
    scenario_id: str | None
    title: str
    year: int | None


@dataclass(frozen=True, slots=True)
class _Needle:
    folded: str
    via: str | None  # None for the query itself


class SearchIndex:
    def __init__(self, corpus: Corpus) -> None:
        self._groups: list[_Group] = []
        self._texts = _TextStore()
        self._folded: list[str] = []
        self._segments: dict[int, list[int]] = {}  # text id of a document -> passage starts
        self._normalised: dict[int, NormalisedText] = {}
        self._kept: dict[int, tuple[array[int], int]] = {}  # text id -> where each folded character was, and how long it was
        self._remapped: set[int] = set()  # text ids whose normalised text does not line up with the original
        self._spellings = SpellingIndex(corpus.actors.values())
        self._cache: OrderedDict[str, array[int]] = OrderedDict()
        self._totals: OrderedDict[tuple[str, ...], int] = OrderedDict()  # the count of each query searched to the end
        self._lock = threading.Lock()  # the UI may search from a worker thread
        # While building: each distinct summary or quote, folded once. A corpus quotes the same
        # sentences again and again; each distinct text then costs one folded string, not one per quote.
        self._folding: dict[str, tuple[str, tuple[array[int], int] | None, bool]] = {}
        self._build(corpus)
        del self._folding

    def _build(self, corpus: Corpus) -> None:
        placed: dict[str, int] = {}  # source id -> group it is listed under
        for entry in corpus.scenarios:
            scenario = entry.scenario
            if scenario is None:
                continue
            group = len(self._groups)
            meta = scenario.scenario
            self._groups.append(_Group(meta.id, meta.title, meta.date.year))
            held = _held_quotes(scenario, group)
            for index, step in enumerate(scenario.steps):
                self._add(_Text("summary", group, meta.id, "step", index, None, None, None, step.summary))
                for text in held.pop(("step", index), []):
                    self._add(text)
            for texts in held.values():
                for text in texts:
                    self._add(text)
            for source_id in meta.sources:
                placed.setdefault(source_id, group)
        for source_id in corpus.sources:
            if source_id not in placed:
                meta = corpus.sources[source_id].meta
                placed[source_id] = len(self._groups)
                self._groups.append(_Group(None, meta.title, meta.published.year if meta.published else None))
        # Documents after every summary and quote, in group order, so text ids follow the order hits are listed in.
        self._first_document = len(self._texts)
        for source_id, group in sorted(placed.items(), key=lambda pair: pair[1]):
            doc = corpus.sources.get(source_id)
            if doc is None or not doc.text:
                continue
            text_id = len(self._texts)
            scenario_id = self._groups[group].scenario_id
            text = _Text("source", group, scenario_id, None, None, None, None, source_id, doc.text)
            self._add(text, fold_normalised(doc.normalised.text))
            self._normalised[text_id] = doc.normalised
            self._segments[text_id] = _passage_starts(doc.text)

    def _add(self, text: _Text, lowered: str | None = None) -> None:
        """Add a text, searched without its diacritics; `lowered` is a document's normalised, lower-cased
        text (a summary's or a quote's is worked out here, once per distinct text)."""
        text_id = len(self._texts)
        folding = self._folding.get(text.original) if lowered is None else None
        if folding is None:
            a_document = lowered is not None
            if lowered is None:
                lowered = _lowered(text.original)
            folded, kept = without_marks(lowered)
            if folded == text.original:
                folded = text.original  # already lower case, plain and composed: kept once, not twice
            # When its normalised offsets are not the original ones, they are mapped back (see _spans).
            remapped = len(lowered) != len(text.original) or not _composed(text.original)
            folding = (folded, None if kept is None else (kept, len(lowered)), remapped)
            if not a_document:
                self._folding[text.original] = folding
        folded, kept_at, remapped = folding
        if kept_at is not None:
            self._kept[text_id] = kept_at
        if remapped:
            self._remapped.add(text_id)
        self._texts.append(text)
        self._folded.append(folded)

    # ------------------------------------------------------------------ searching

    def search(self, query: str, limit: int = DEFAULT_LIMIT) -> SearchResults:
        """Every hit's count and the first `limit` hits, searched to the end before returning."""
        return self.begin(query, limit, at_once=0).finish()

    def begin(self, query: str, limit: int = DEFAULT_LIMIT, *, at_once: int | None = None) -> PendingSearch:
        """The search of `query`, its first `limit` hits found at once (and `at_once` texts searched
        at least); the rest, which only the count needs, is left to `PendingSearch.steps`."""
        folded = fold(query).strip()
        if len(folded) < MIN_QUERY:
            return PendingSearch(iter(()), EMPTY)
        named = self._spellings.named(folded)
        needles = [_Needle(folded, None)]
        if named is not None:
            # A spelling that contains the query finds nothing the query does not find already.
            needles += [_Needle(s.folded, s.text) for s in named.spellings if folded not in s.folded]
        pending = PendingSearch(self._searching(query, named, needles, limit))
        pending.advance(AT_ONCE if at_once is None else at_once)
        return pending

    def _searching(
        self, query: str, named: NamedActor | None, needles: list[_Needle], limit: int
    ) -> Generator[tuple[int, SearchResults | None], None, SearchResults]:
        """The work of one search, a chunk of texts at a time: yields how many texts each step searched,
        and the first page once it is found; returns the results with the exact count.

        Hits are listed by group, then text, then passage. Summaries and quotes are searched in text id
        order (which is group order) and the documents' hits are merged in by group: the page is done
        once `limit` hits are found. Each needle's full list of ids is cached only once searched to the end.
        """
        texts, first_document = self._folded, self._first_document
        key = tuple(n.folded for n in needles)
        sources = [self._source(n.folded) for n in needles]
        with self._lock:
            total = self._totals.get(key)
        # The documents first, whole (one text each): their hits are merged into the summaries' and quotes'.
        in_documents = [array("I", _ids_in(texts, n.folded, *source, first_document, len(texts))) for n, source in zip(needles, sources)]
        documents = _union(in_documents)
        yield len(documents), None
        found = [array("I") for _ in needles]  # summaries and quotes, for each needle
        page: list[tuple[int, Hit]] = []
        paged = False  # the page was handed out
        listed = 0  # documents whose hits are on the page (or which came after it was full)
        passages = 0  # hits in the documents listed
        matched = 0  # summaries and quotes
        group = self._texts.group

        def list_documents(before: int | None) -> None:
            nonlocal listed, passages
            while listed < len(documents) and len(page) < limit and (before is None or group(documents[listed]) < before):
                doc = documents[listed]
                doc_hits = self._passage_hits(doc, needles)
                passages += len(doc_hits)
                page.extend((group(doc), hit) for _, hit in doc_hits[: limit - len(page)])
                listed += 1

        for lo in range(0, first_document, _CHUNK):
            hi = min(lo + _CHUNK, first_document)
            starts = [len(ids) for ids in found]
            for ids, needle, source in zip(found, needles, sources):
                ids.extend(_ids_in(texts, needle.folded, *source, lo, hi))
            chunk = _union([ids[at:] for ids, at in zip(found, starts)])
            matched += len(chunk)
            for text_id in chunk:
                if len(page) >= limit:
                    break
                list_documents(group(text_id))
                if len(page) < limit:
                    page.append((group(text_id), self._text_hit(text_id, needles)))
            if len(page) >= limit and total is not None:
                return SearchResults(query, self._grouped(page), total, named)  # counted before
            if len(page) >= limit and not paged:
                paged = True
                yield hi - lo, SearchResults(query, self._grouped(page), len(page), named, counted=False)
            else:
                yield hi - lo, None
        list_documents(None)
        if total is not None:
            return SearchResults(query, self._grouped(page), total, named)
        if listed < len(documents) and not paged:
            yield 0, SearchResults(query, self._grouped(page), len(page), named, counted=False)
        for doc in documents[listed:]:
            passages += len(self._by_passage(doc, needles))
            yield 1, None
        total = matched + passages
        with self._lock:
            for needle, ids, doc_ids in zip(needles, found, in_documents):
                ids.extend(doc_ids)
                _remember(self._cache, needle.folded, ids)
            _remember(self._totals, key, total)
        return SearchResults(query, self._grouped(page), total, named)

    def _source(self, needle: str) -> tuple[array[int] | None, bool]:
        """The ids `needle` is searched among: its own (exact) when cached, else those of the best
        earlier query that it contains, else None (every text)."""
        with self._lock:
            found = self._cache.get(needle)
            if found is not None:
                self._cache.move_to_end(needle)
                return found, True
            narrower = [ids for key, ids in self._cache.items() if key in needle]
        return (min(narrower, key=len) if narrower else None), False

    def _spans(self, text_id: int, needles: list[_Needle]) -> list[tuple[int, int, str | None]]:
        """Original [start, end) of every match of every needle, with the spelling it came through."""
        folded = self._folded[text_id]
        spans = [(at, at + len(n.folded), n.via) for n in needles for at in occurrences(folded, n.folded)]
        kept = self._kept.get(text_id)
        if kept is not None:
            spans = [(*_with_marks(kept, start, end), via) for start, end, via in spans]
        if text_id in self._remapped:
            # Lower-casing keeps a normalised text's length: its offsets map back through NormalisedText.
            normalised = self._normalised.get(text_id) or NormalisedText(self._texts[text_id].original)
            spans = [(*normalised.span(start, end - start), via) for start, end, via in spans]
        spans.sort(key=lambda span: (span[0], -span[1]))
        return spans

    def _text_hit(self, text_id: int, needles: list[_Needle]) -> Hit:
        text = self._texts[text_id]
        spans = self._spans(text_id, needles)
        first_start, first_end = spans[0][0], spans[0][1]
        start, end = passage_bounds(text.original, first_start, first_end)
        return self._hit(text, start, text.original[start:end], spans, offset=None)

    def _by_passage(self, text_id: int, needles: list[_Needle]) -> dict[int, list[tuple[int, int, str | None]]]:
        """The matches in a document by the passage they start in (in passage order)."""
        starts = self._segments[text_id]
        by_passage: dict[int, list[tuple[int, int, str | None]]] = {}
        for span in self._spans(text_id, needles):
            by_passage.setdefault(max(0, bisect_right(starts, span[0]) - 1), []).append(span)
        return by_passage

    def _passage_hits(self, text_id: int, needles: list[_Needle]) -> list[tuple[int, Hit]]:
        """One hit per passage of a document holding a match, with its passage number."""
        text = self._texts[text_id]
        starts = self._segments[text_id]
        hits = []
        for number, spans in self._by_passage(text_id, needles).items():
            start = starts[number]
            end = starts[number + 1] if number + 1 < len(starts) else len(text.original)
            end = max(end, spans[-1][1])  # a match that runs on past the passage's end stays whole
            snippet = text.original[start:end].rstrip()
            hits.append((number, self._hit(text, start, snippet, spans, offset=spans[0][0])))
        return hits

    @staticmethod
    def _hit(text: _Text, start: int, snippet: str, spans: list[tuple[int, int, str | None]], *, offset: int | None) -> Hit:
        end = start + len(snippet)
        marks: list[tuple[int, int]] = []
        for span_start, span_end, _ in spans:
            lo, hi = max(span_start, start) - start, min(span_end, end) - start
            if hi <= lo:
                continue
            if marks and lo <= marks[-1][1]:
                marks[-1] = (marks[-1][0], max(marks[-1][1], hi))  # overlapping spellings: one mark
            else:
                marks.append((lo, hi))
        direct = any(via is None for _, _, via in spans)
        via = None if direct else spans[0][2]
        return Hit(
            text.kind, text.scenario_id, text.holder, text.index, text.quote_index, text.quote, text.source_id,
            offset, snippet, start, tuple(marks), via,
        )  # fmt: skip

    def _grouped(self, hits: list[tuple[int, Hit]]) -> tuple[HitGroup, ...]:
        by_group: dict[int, list[Hit]] = {}
        for group, hit in hits:
            by_group.setdefault(group, []).append(hit)
        return tuple(
            HitGroup(self._groups[g].scenario_id, self._groups[g].title, self._groups[g].year, tuple(found))
            for g, found in by_group.items()
        )


def search_index(corpus: Corpus) -> SearchIndex:
    """The corpus's index, built once per corpus (in the background after a load; see view_data.py)."""
    return derived(corpus, "search index", SearchIndex)


def built_index(corpus: Corpus) -> SearchIndex | None:
    """The corpus's index if it is built already (never waits for it)."""
    index: SearchIndex | None = built(corpus, "search index")
    return index


def _ids_in(texts: list[str], needle: str, among: array[int] | None, exact: bool, lo: int, hi: int) -> Iterable[int]:
    """The ids in [lo, hi) of the texts holding `needle`: those of `among` (all if `exact`), or of every text."""
    if among is None:
        return compress(range(lo, hi), map(contains, texts[lo:hi], repeat(needle)))
    ids = among[bisect_left(among, lo) : bisect_left(among, hi)]
    if exact:
        return ids
    return compress(ids, map(contains, map(texts.__getitem__, ids), repeat(needle)))


def _union(lists: list[array[int]]) -> list[int] | array[int]:
    """The ids in any of `lists` (each in order), in order."""
    return lists[0] if len(lists) == 1 else sorted(set().union(*lists))


_Key = TypeVar("_Key", bound=Hashable)


def _remember(cache: OrderedDict[_Key, object], key: _Key, value: object) -> None:
    cache[key] = value
    cache.move_to_end(key)
    while len(cache) > _CACHED_QUERIES:
        cache.popitem(last=False)


def _lowered(text: str) -> str:
    """A summary or quote as it is searched before its diacritics are left out: normalised, lower-cased."""
    return fold_normalised(normalise(text))


def _composed(text: str) -> bool:
    return text.isascii() or unicodedata.is_normalized("NFC", text)


def _with_marks(kept: tuple[array[int], int], start: int, end: int) -> tuple[int, int]:
    """The range [start, end) of a text without marks, in the text with them: the marks after its last letter included."""
    where, length = kept
    return where[start], where[end] if end < len(where) else length


def _held_quotes(scenario: ScenarioFile, group: int) -> dict[tuple[CiteKind, int], list[_Text]]:
    """The quotes of a scenario by what holds them, each with its position among its holder's quotes."""
    held: dict[tuple[CiteKind, int], list[_Text]] = {}
    for kind, index, _label, quote in scenario_quotes(scenario):
        texts = held.setdefault((kind, index), [])
        texts.append(_Text("quote", group, scenario.scenario.id, kind, index, len(texts), quote, quote.source, quote.text))
    return held


def _passage_starts(text: str) -> list[int]:
    """Where each passage of a document starts: its sentences, as `passage_bounds` cuts them."""
    starts: list[int] = []
    at = 0
    while at < len(text):
        while at < len(text) and text[at].isspace():
            at += 1
        if at >= len(text):
            break
        starts.append(at)
        _, end = passage_bounds(text, at, at + 1)
        at = max(end, at + 1)
    return starts or [0]
