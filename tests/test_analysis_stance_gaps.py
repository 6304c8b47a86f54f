"""Stance gaps: public against private or reported, per actor and scenario."""

from __future__ import annotations

from pathlib import Path

from analysis_corpus import actor, build, pressure, scenario

from tui.corpus.bundled import bundled_root
from tui.corpus.load import load_corpus
from tui.corpus.stance_gaps import scenario_gaps, stance_gaps

OPTIONS = ["a", "b", "c"]
ACTORS = "".join(actor(name, name.title()) for name in ("one", "two", "three", "four", "five", "six", "seven", "eight"))


def gaps_of(tmp_path: Path, steps):
    corpus = build(tmp_path, {"s1": scenario("s1", "2020-01-07", options=OPTIONS, steps=steps)}, actors=ACTORS)
    return {(gap.actor_id, gap.stance): gap for gap in scenario_gaps(corpus.entry("s1").scenario)}


def indices(side) -> list[int]:
    return [ref.index for ref in side.steps]


def test_public_against_private_toward_another_option(tmp_path: Path) -> None:
    gaps = gaps_of(tmp_path, [pressure("one", "public", "Says a.", toward="a"), pressure("one", "private", "Wants b.", toward="b")])
    gap = gaps.pop(("one", "private"))
    assert not gaps
    assert indices(gap.public) == [0] and indices(gap.other) == [1]
    assert gap.public.positions == ("a",) and gap.other.positions == ("b",)
    assert gap.public.stance == "public" and gap.other.stance == "private"


def test_a_private_position_also_said_in_public_is_no_gap(tmp_path: Path) -> None:
    gaps = gaps_of(
        tmp_path,
        [
            pressure("two", "public", "Says a.", toward="a"),
            pressure("two", "public", "Says b too.", toward="b"),
            pressure("two", "private", "Wants b.", toward="b"),
        ],
    )
    assert gaps == {}


def test_several_public_steps_all_shown_against_only_the_differing_private_ones(tmp_path: Path) -> None:
    gaps = gaps_of(
        tmp_path,
        [
            pressure("three", "public", "Says a.", toward="a"),  # 0
            pressure("three", "private", "Wants b.", toward="b"),  # 1: said in public too (step 2)
            pressure("three", "public", "Says b.", toward="b"),  # 2
            pressure("three", "private", "Wants c.", toward="c"),  # 3: never said in public
        ],
    )
    gap = gaps[("three", "private")]
    assert indices(gap.public) == [0, 2]
    assert indices(gap.other) == [3]


def test_a_missing_toward_differs_from_everything_even_another_missing_one(tmp_path: Path) -> None:
    gaps = gaps_of(
        tmp_path,
        [
            pressure("four", "public", "Says nothing specific."),  # 0
            pressure("four", "private", "Wants a.", toward="a"),  # 1
            pressure("five", "public", "Says a.", toward="a"),  # 2
            pressure("five", "reported", "Reportedly, nothing specific."),  # 3
            pressure("six", "public", "Says nothing specific."),  # 4
            pressure("six", "private", "Privately, nothing specific either."),  # 5
        ],
    )
    assert indices(gaps[("four", "private")].other) == [1]
    assert gaps[("four", "private")].public.positions == (None,)
    assert indices(gaps[("five", "reported")].other) == [3]
    assert indices(gaps[("six", "private")].other) == [5]
    assert len(gaps) == 3


def test_no_public_step_no_gap_and_private_and_reported_are_separate(tmp_path: Path) -> None:
    gaps = gaps_of(
        tmp_path,
        [
            pressure("seven", "private", "Wants a.", toward="a"),
            pressure("seven", "reported", "Reportedly b.", toward="b"),
            pressure("eight", "public", "Says a.", toward="a"),
            pressure("eight", "private", "Wants a.", toward="a"),
            pressure("eight", "reported", "Reportedly b.", toward="b"),
        ],
    )
    assert set(gaps) == {("eight", "reported")}


def test_gaps_come_in_scenario_date_order_across_the_corpus(tmp_path: Path) -> None:
    steps = [pressure("one", "public", "Says a.", toward="a"), pressure("one", "private", "Wants b.", toward="b")]
    corpus = build(
        tmp_path,
        {
            # File names sort the other way round from dates.
            "a-late": scenario("a-late", "2024-05-01", options=OPTIONS, steps=steps),
            "z-early": scenario("z-early", "2011-05-01", options=OPTIONS, steps=steps),
            "m-middle": scenario("m-middle", "2020-05-01", options=OPTIONS, steps=[pressure("one", "public", "Only public.", toward="a")]),
        },
        actors=ACTORS,
    )
    assert [gap.scenario_id for gap in stance_gaps(corpus)] == ["z-early", "a-late"]


def test_bundled_sudani_public_against_private() -> None:
    gaps = stance_gaps(load_corpus(bundled_root()))
    sudani = [g for g in gaps if g.scenario_id == "2024-sudani-committee" and g.actor_id == "al-sudani"]
    assert len(sudani) == 1
    gap = sudani[0]
    assert gap.stance == "private"
    assert gap.public.positions == ("end-coalition-presence",)
    assert gap.other.positions == ("continued-presence",)
    assert any("privately" in q.text for ref in gap.other.steps for q in ref.step.quotes)


def test_bundled_gaps_are_sound_and_in_date_order() -> None:
    corpus = load_corpus(bundled_root())
    gaps = stance_gaps(corpus)
    order = [e.id for e in corpus.scenarios]
    assert [order.index(g.scenario_id) for g in gaps] == sorted(order.index(g.scenario_id) for g in gaps)
    for gap in gaps:
        said = {p for p in gap.public.positions if p is not None}
        assert all(p is None or p not in said for p in gap.other.positions), gap
        assert all(ref.step.actor == gap.actor_id for ref in gap.public.steps + gap.other.steps)
    # In 2020 Trump acts only in public; the "behind the scenes" line is his administration's, as
    # the writer reports it, and an administration is an actor of its own: no gap for him there.
    assert not any(g.actor_id == "trump" and g.scenario_id == "2020-expulsion-vote" for g in gaps)
