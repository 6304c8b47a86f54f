"""Actor paths: one actor through every scenario, in date order, with every spelling."""

from __future__ import annotations

from pathlib import Path

from analysis_corpus import actor, build, pressure, quote, scenario, step

from tui.corpus.actor_paths import actor_listing, actor_path, step_order
from tui.corpus.bundled import bundled_root
from tui.corpus.load import load_corpus

ACTORS = actor("sadr", "Moqtada al-Sadr", "Moktada al-Sadr", "Muqtada al-Sadr", "moktada AL-SADR") + actor("other", "Other")
EARLY_DOC = "Moktada al-Sadr spoke first. Then MUQTADA AL-SADR spoke again. Nobody else spoke.\n"
LATE_DOC = "The cleric Moqtada al\u00a0Sadr was quoted.\nMoqtada al-Sadr said more.\n"


def corpus(tmp_path: Path):
    early = scenario(
        "early",
        "2011-06-01",
        sources=("early-doc",),
        options=["x"],
        steps=[
            pressure("sadr", "public", "Undated, first in the file.", quotes=[quote("Moktada al-Sadr spoke first.", "early-doc")]),  # 0
            step("event", "Dated March.", actor="sadr", date="2011-03-02"),  # 1
            step("event", "Someone else.", actor="other", date="2011-02-01"),  # 2
            pressure("sadr", "private", "Undated, after March.", toward="x", quotes=[quote("Then MUQTADA AL-SADR spoke again.", "early-doc")]),  # 3
            step("event", "Dated January, last in the file.", actor="sadr", date="2011-01-01"),  # 4
        ],
    )
    late = scenario(
        "late",
        "2021-10-21",
        sources=("late-doc",),
        steps=[step("event", "Later.", actor="sadr", quotes=[quote("Moqtada al-Sadr said more.", "late-doc")])],
    )
    # The later scenario is written first, so only the dates can put it second.
    return build(tmp_path, {"late": late, "early": early}, actors=ACTORS, documents={"early-doc": EARLY_DOC, "late-doc": LATE_DOC})


def test_path_orders_by_scenario_date_then_step_date_then_file_order(tmp_path: Path) -> None:
    path = actor_path(corpus(tmp_path), "sadr")
    assert path is not None
    # Step 0 has no date and nothing dated above it: first. Step 3 has no date and sorts as of the
    # nearest dated step above it (step 2, February, another actor's), so before March's step 1.
    assert [(s.scenario_id, s.index) for s in path.steps] == [("early", 0), ("early", 4), ("early", 3), ("early", 1), ("late", 0)]
    assert path.scenario_ids == ("early", "late")
    assert path.years == (2011, 2021)
    assert all(s.step.actor == "sadr" for s in path.steps)


def test_spellings_are_name_then_aliases_once_each(tmp_path: Path) -> None:
    path = actor_path(corpus(tmp_path), "sadr")
    assert path.spellings == ("Moqtada al-Sadr", "Moktada al-Sadr", "Muqtada al-Sadr")  # the case-only variant is one spelling


def test_each_step_says_which_spellings_its_quotes_print(tmp_path: Path) -> None:
    path = actor_path(corpus(tmp_path), "sadr")
    printed = {(s.scenario_id, s.index): s.spellings for s in path.steps}
    assert printed[("early", 0)] == ("Moktada al-Sadr",)
    assert printed[("early", 3)] == ("Muqtada al-Sadr",)  # printed in capitals
    assert printed[("early", 1)] == ()  # no quote
    assert printed[("late", 0)] == ("Moqtada al-Sadr",)
    assert path.spellings_printed == ("Moqtada al-Sadr", "Moktada al-Sadr", "Muqtada al-Sadr")


def test_unknown_actor_has_no_path(tmp_path: Path) -> None:
    assert actor_path(corpus(tmp_path), "nobody") is None


def test_listing_counts_scenarios_and_steps_and_keeps_unused_actors(tmp_path: Path) -> None:
    listing = {summary.actor.id: summary for summary in actor_listing(corpus(tmp_path))}
    assert (listing["sadr"].scenarios, listing["sadr"].steps, listing["sadr"].years) == (2, 5, (2011, 2021))
    assert (listing["other"].scenarios, listing["other"].steps) == (1, 1)
    assert (listing["minister"].scenarios, listing["minister"].steps) == (0, 0)
    names = [summary.actor.name for summary in actor_listing(corpus(tmp_path / "again"))]
    assert names == sorted(names, key=str.casefold)


def test_step_order_without_dates_is_file_order(tmp_path: Path) -> None:
    steps = [step("event", f"Step {n}.") for n in range(4)]
    built = build(tmp_path, {"s1": scenario("s1", "2020-01-07", steps=steps)})
    assert step_order(built.entry("s1").scenario) == [0, 1, 2, 3]


def test_bundled_sadr_path_spans_three_years_and_three_spellings() -> None:
    corpus = load_corpus(bundled_root())
    path = actor_path(corpus, "al-sadr")
    assert path is not None
    assert path.years == (2011, 2020, 2021)
    first_words = {spelling.split()[0] for spelling in path.spellings_printed}
    assert first_words == {"Moqtada", "Moktada", "Muqtada"}
    by_year = {s.scenario_date.year: set() for s in path.steps}
    for s in path.steps:
        by_year[s.scenario_date.year].update(word.split()[0] for word in s.spellings)
    assert "Moqtada" in by_year[2021] and "Moktada" in by_year[2011]
    order = [e.id for e in corpus.scenarios]
    assert [order.index(s.scenario_id) for s in path.steps] == sorted(order.index(s.scenario_id) for s in path.steps)


def test_bundled_listing_matches_the_paths() -> None:
    corpus = load_corpus(bundled_root())
    listing = actor_listing(corpus)
    assert {summary.actor.id for summary in listing} == set(corpus.actors)
    for summary in listing:
        path = actor_path(corpus, summary.actor.id)
        assert (summary.steps, summary.scenarios) == (len(path.steps), len(path.scenario_ids))
