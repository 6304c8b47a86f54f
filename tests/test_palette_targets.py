"""The palette keeps no text per step or actor: a step's target is made from the step when a query shows it,
the same as the one matched (some 70,000 steps at 3,000 scenarios held 40 MB of texts), and an actor's from the actor."""

from __future__ import annotations

import gc
import types

from tui.commands import ActorTargets, PaletteTargets, ScenarioSteps, palette_targets
from tui.corpus.bundled import bundled_root
from tui.corpus.live import LiveCorpus


def _held(palette: PaletteTargets) -> list[object]:
    """Every object the palette holds, short of the corpus its scenarios' steps belong to."""
    seen: dict[int, object] = {}
    todo: list[object] = [palette]
    while todo:
        held = todo.pop()
        if id(held) in seen:
            continue
        seen[id(held)] = held
        if isinstance(held, (ScenarioSteps, ActorTargets, type, types.ModuleType, types.FunctionType)):
            continue  # a step's or actor's text is made from the corpus's models, which the corpus holds; a class leads everywhere
        todo.extend(gc.get_referents(held))
    return list(seen.values())


def test_no_step_text_or_target_is_kept() -> None:
    palette = palette_targets(LiveCorpus(bundled_root()))
    steps = [target for target in palette.every() if target.text.startswith("Step ")]
    assert len(steps) > 50
    texts = {text for target in steps for text in (target.text, target.detail)}
    held = _held(palette)
    assert not [o for o in held if isinstance(o, str) and o in texts]
    assert not [o for o in held if isinstance(o, type(steps[0])) and o.text.startswith("Step ")]


def test_no_actor_text_or_target_is_kept() -> None:
    live = LiveCorpus(bundled_root())
    palette = palette_targets(live)
    actors = [target for target in palette.every() if target.kind == "actor"]
    assert len(actors) == len(live.corpus.actors) > 10
    texts = {text for target in actors for text in (target.text, target.detail)}
    held = _held(palette)
    assert not [o for o in held if isinstance(o, str) and o in texts]
    assert not [o for o in held if isinstance(o, type(actors[0])) and o.kind == "actor"]
    # Made again as it was matched, in the order of the actors' names.
    number = next(n for n, target in enumerate(palette.every()) if target.kind == "actor")
    assert palette.lowered(number) == palette.target(number).text.lower()
    names = [target.text.lower() for target in actors]
    assert names == sorted(names)
    assert palette.target(number) in [hit for _, _, hit in palette.best(palette.target(number).text)]


def test_a_step_is_found_and_shown_as_it_was_matched() -> None:
    palette = palette_targets(LiveCorpus(bundled_root()))
    number = next(n for n, target in enumerate(palette.every()) if target.text.startswith("Step 2 "))
    target = palette.target(number)
    assert palette.lowered(number) == target.text.lower()
    assert target == palette.target(number) and target is not palette.target(number)
    hits = palette.best(target.text)
    assert target in [hit for _, _, hit in hits]


def test_a_query_matches_across_characters_of_any_width() -> None:
    from tui.commands import Target

    texts = ["Actor: Nūrī al-Mālikī", "Source: “Withdrawal” — a plan…", "Actor: 🇮🇶 flag"]
    palette = PaletteTargets([Target(t, "", "actor", t, 0, False) for t in texts])
    assert [hit.text for _, _, hit in palette.best("mālikī")] == [texts[0]]
    assert [hit.text for _, _, hit in palette.best("nrmk")] == [texts[0]]
    assert [hit.text for _, _, hit in palette.best("“w—")] == [texts[1]]
    assert [hit.text for _, _, hit in palette.best("🇶f")] == [texts[2]]
    score, offsets, _ = palette.best("wal")[0]
    assert [texts[1].lower()[o] for o in offsets] == list("wal")


def test_a_highlight_falls_on_the_letters_matched_where_a_letter_lower_cases_to_two() -> None:
    from tui.commands import Target

    # "İ".lower() is "i" and a combining dot: every offset after it in the lower-cased text is one on.
    texts = ["Actor: İbrahim al-Jaafari", "Actor: İİİİ Ali"]
    palette = PaletteTargets([Target(t, "", "actor", t, 0, False) for t in texts])
    for query, text in (("jaafari", texts[0]), ("ali", texts[1]), ("ibr", texts[0])):
        hits = [(offsets, hit) for _, offsets, hit in palette.best(query) if hit.text == text]
        assert hits, query
        offsets, _ = hits[0]
        assert "".join(text[o] for o in offsets).lower().replace("i̇", "i") == query
