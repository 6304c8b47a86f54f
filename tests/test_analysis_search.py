"""Search over summaries, quotes and source texts: folding, aliases, grouping, snippets, the cap."""

from __future__ import annotations

from pathlib import Path

import pytest
from analysis_corpus import actor, build, pressure, quote, scenario, step

from tui.corpus.bundled import bundled_root
from tui.corpus.crossref import scenario_quotes
from tui.corpus.folding import fold
from tui.corpus.load import load_corpus
from tui.corpus.search import Hit, SearchIndex

ACTORS = (
    actor("sadr", "Moqtada al-Sadr", "Moktada al-Sadr", "Muqtada al-Sadr")
    + actor("hez-one", "Kataib Hezbollah")
    + actor("hez-two", "Harakat Hezbollah al-Nujaba")
)
A_DOC = "Moktada al-Sadr opposed any troops remaining.  Withdraw, he said;  withdraw\u00a0 now.\n\nMuqtada’s men agreed.\n"
B_DOC = "Moqtada al-Sadr spoke in 2021.\n"
ORPHAN = "An orphan document about withdraw plans.\n"


def corpus(tmp_path: Path):
    late = scenario(
        "late",
        "2021-10-21",
        sources=("b-doc",),
        steps=[pressure("sadr", "public", "Sadr speaks.", quotes=[quote("Moqtada al-Sadr spoke in 2021.", "b-doc")])],
    )
    early = scenario(
        "early",
        "2011-09-07",
        sources=("a-doc", "doc"),
        options=[{"id": "stay", "label": "Stay", "quotes": [quote("3,000 troops would remain")]}],
        steps=[
            step("event", "Withdraw, and withdraw again."),  # 0
            pressure("sadr", "public", "He opposes troops.", quotes=[quote("Moktada al-Sadr opposed any troops remaining.", "a-doc")]),  # 1
            pressure("minister", "public", "The minister wants them to stay.", toward="stay", quotes=[quote("will stay until the job is done")]),  # 2
            step("event", "One troop stayed behind."),  # 3
        ],
        figures=[{"series": "troops", "value": 3000, "label": "Troops home", "quote": quote("3,000 troops went home")}],
    )
    return build(
        tmp_path,
        {"late": late, "early": early},
        actors=ACTORS,
        documents={"a-doc": A_DOC, "b-doc": B_DOC, "orphan": ORPHAN},
    )


def hits(results) -> list[Hit]:
    return [hit for group in results.groups for hit in group.hits]


def marked(hit: Hit) -> list[str]:
    return [hit.snippet[a:b] for a, b in hit.marks]


@pytest.mark.parametrize("query", ["", " ", "w", " w ", "\n\t"])
def test_short_queries_find_nothing(tmp_path: Path, query: str) -> None:
    results = SearchIndex(corpus(tmp_path)).search(query)
    assert (results.total, results.groups) == (0, ())


def test_groups_in_scenario_date_order_with_year_and_orphan_document_last(tmp_path: Path) -> None:
    results = SearchIndex(corpus(tmp_path)).search("withdraw")
    assert [(g.scenario_id, g.year) for g in results.groups] == [("early", 2011), (None, None)]
    assert results.groups[-1].title == "Document orphan"
    assert [h.kind for h in results.groups[-1].hits] == ["source"]


def test_summary_hit_marks_every_match_case_insensitively(tmp_path: Path) -> None:
    first = hits(SearchIndex(corpus(tmp_path)).search("WITHDRAW"))[0]
    assert (first.kind, first.scenario_id, first.holder, first.index, first.step) == ("summary", "early", "step", 0, 0)
    assert marked(first) == ["Withdraw", "withdraw"]
    assert first.via is None


def test_source_passage_hits_ignore_whitespace_and_give_document_offsets(tmp_path: Path) -> None:
    built = corpus(tmp_path)
    results = SearchIndex(built).search("said; withdraw now")
    (hit,) = hits(results)
    assert (hit.kind, hit.scenario_id, hit.source_id) == ("source", "early", "a-doc")
    text = built.sources["a-doc"].text
    assert text[hit.offset :].startswith("said;  withdraw\u00a0 now")
    assert marked(hit) == ["said;  withdraw\u00a0 now"]
    assert text[hit.snippet_start : hit.snippet_start + len(hit.snippet)] == hit.snippet


def test_each_passage_is_one_hit(tmp_path: Path) -> None:
    results = SearchIndex(corpus(tmp_path)).search("withdraw")
    passages = [h for h in hits(results) if h.kind == "source" and h.source_id == "a-doc"]
    assert len(passages) == 1  # "Withdraw, he said; withdraw now." is one sentence holding two matches
    assert marked(passages[0]) == ["Withdraw", "withdraw"]


def test_curly_and_straight_quotes_match_each_other(tmp_path: Path) -> None:
    index = SearchIndex(corpus(tmp_path))
    straight = hits(index.search('"will stay'))
    assert [(h.kind, h.source_id) for h in straight] == [("source", "doc")]
    assert marked(straight[0]) == ["“will stay"]
    curly = hits(index.search("Muqtada’s men"))
    assert marked(curly[0]) == ["Muqtada’s men"]
    assert hits(index.search("Muqtada's men")) == curly


def test_quotes_of_steps_options_and_figures_say_what_holds_them(tmp_path: Path) -> None:
    index = SearchIndex(corpus(tmp_path))
    found = {(h.kind, h.holder, h.index, h.quote_index) for h in hits(index.search("3,000 troops"))}
    assert ("quote", "option", 0, 0) in found
    assert ("quote", "figure", 0, 0) in found
    stay = [h for h in hits(index.search("job is done")) if h.kind == "quote"]
    assert [(h.holder, h.step, h.quote_index, h.quote.text) for h in stay] == [("step", 2, 0, "will stay until the job is done")]


def test_a_query_naming_one_actor_finds_its_other_spellings(tmp_path: Path) -> None:
    index = SearchIndex(corpus(tmp_path))
    results = index.search("Muqtada")
    assert results.named is not None and results.named.actor_ids == ("sadr",)
    found = {(h.scenario_id, h.kind, h.source_id, h.via) for h in hits(results)}
    assert ("late", "quote", "b-doc", "Moqtada al-Sadr") in found  # 2021 prints "Moqtada"
    assert ("early", "quote", "a-doc", "Moktada al-Sadr") in found  # 2011 prints "Moktada"
    assert ("early", "source", "a-doc", None) in found  # "Muqtada’s men": the query itself
    late = next(h for h in hits(index.search("Moktada al-Sadr")) if h.scenario_id == "late" and h.kind == "quote")
    assert marked(late) == ["Moqtada al-Sadr"]


def test_a_query_naming_no_single_actor_is_searched_as_typed(tmp_path: Path) -> None:
    index = SearchIndex(corpus(tmp_path))
    assert index.search("Hezbollah").named is None  # two different actors
    assert index.search("Muqt").named is None  # not a whole word of a spelling
    assert index.search("Muqt").total == 1  # only "Muqtada’s men" in a-doc
    assert all(h.via is None for h in hits(index.search("al-")))


def test_cap_keeps_the_first_hits_in_order_and_counts_all(tmp_path: Path) -> None:
    index = SearchIndex(corpus(tmp_path))
    full = index.search("troops")
    capped = index.search("troops", limit=3)
    assert capped.total == full.total > 3
    assert capped.shown == 3 and capped.truncated and not full.truncated
    assert hits(capped) == hits(full)[:3]


def test_results_do_not_depend_on_what_was_typed_before(tmp_path: Path) -> None:
    built = corpus(tmp_path)
    typed = SearchIndex(built)
    # Backspacing from "troops" to "troop" must find step 3's "troop" again; "muqtada" names an actor.
    sequence = ["wi", "wit", "with", "withdraw", "withd", "wi", "tr", "troops", "troop", "mu", "muqtada", "muqtad"]
    for query in sequence:
        assert typed.search(query) == SearchIndex(built).search(query), query


def test_excerpt_is_one_line_around_the_first_match() -> None:
    snippet = "A long\nline " + "x" * 50 + " with the word here\tand more " + "y" * 50
    start = snippet.index("word")
    hit = Hit("summary", "s", "step", 0, None, None, None, None, snippet, 0, ((start, start + 4),), None)
    line, marks = hit.excerpt(40)
    assert len(line) == 40 and line.startswith("…") and line.endswith("…")
    assert "\n" not in line and "\t" not in line
    assert [line[a:b] for a, b in marks] == ["word"]
    whole, same = hit.excerpt(500)
    assert whole == snippet.replace("\n", " ").replace("\t", " ") and same == hit.marks


def test_excerpt_shows_control_characters_visibly() -> None:
    hit = Hit("summary", "s", "step", 0, None, None, None, None, "a\x1b[31mred", 0, ((2, 5),), None)
    line, marks = hit.excerpt(80)
    assert "\x1b" not in line and [line[a:b] for a, b in marks] == ["[31"]


# ------------------------------------------------------------------ bundled corpus


@pytest.fixture(scope="module")
def bundled():
    corpus = load_corpus(bundled_root())
    return corpus, SearchIndex(corpus)


def test_bundled_moktada_finds_the_2021_moqtada_step(bundled) -> None:
    _, index = bundled
    results = index.search("Moktada")
    late = [h for h in hits(results) if h.scenario_id == "2021-combat-mission-end" and h.kind in ("summary", "quote")]
    assert late and all(h.via == "Moqtada al-Sadr" for h in late)
    assert {g.year for g in results.groups} == {2011, 2020, 2021}


def test_bundled_5200_finds_the_2020_figure(bundled) -> None:
    _, index = bundled
    found = [h for h in hits(index.search("5,200")) if h.holder == "figure"]
    assert [(h.scenario_id, h.index) for h in found] == [("2020-expulsion-vote", 0)]


def test_bundled_summaries_and_quotes_match_a_plain_folded_scan(bundled) -> None:
    corpus, index = bundled
    for query in ("withdraw", "troops", "Pentagon", "combat mission", "private"):
        needle = fold(query)
        expected = set()
        for entry in corpus.scenarios:
            for number, s in enumerate(entry.scenario.steps):
                if needle in fold(s.summary):
                    expected.add((entry.id, "summary", "step", number, None))
            positions: dict[tuple[str, int], int] = {}
            for holder, number, _, q in scenario_quotes(entry.scenario):
                at = positions[holder, number] = positions.get((holder, number), -1) + 1
                if needle in fold(q.text):
                    expected.add((entry.id, "quote", holder, number, at))
        found = index.search(query, limit=10_000)
        got = {(h.scenario_id, h.kind, h.holder, h.index, h.quote_index) for h in hits(found) if h.kind != "source"}
        assert got == expected, query
        assert found.total == found.shown >= len(expected)
        for hit in hits(found):
            assert all(needle in fold(hit.snippet[a:b]) or hit.via for a, b in hit.marks)
