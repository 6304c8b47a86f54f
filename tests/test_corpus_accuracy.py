"""Accuracy rules of the bundled corpus, read from its TOML files and documents.

Each rule is one the format states (docs/format.md): a person and the administration they head
are two actors; a named commentator quoted directly is `public`, a paraphrase or the writer's own
voice is `reported`, an unnamed one is `reported`; a hedge the quote prints stays in the summary.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tui.corpus.bundled import bundled_root
from tui.corpus.load import Corpus, load_corpus
from tui.corpus.model import Actor, Quote, Step
from tui.corpus.quotes import normalise

# "Trump administration", "US Biden administration", "the administration of former President
# Donald Trump": the words that name an administration, not its head.
ADMINISTRATION = re.compile(r"[\w’'-]+ administration\b|\badministration of [^,.;]*", re.IGNORECASE)
UNNAMED = re.compile(r"\b(anonymous|unnamed)\b", re.IGNORECASE)
OPENING = "“\""
# A hedge a quote prints, and the forms of it a summary or label may use.
HEDGES = {
    "reportedly": ("reportedly",),
    "allegedly": ("allegedly",),
    "claimed": ("claim",),
    "for what it's worth": ("for what it's worth",),
}


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    built = load_corpus(bundled_root())
    assert built.diagnostics == []
    return built


def steps(corpus: Corpus) -> Iterator[tuple[str, int, Step]]:
    for entry in corpus.scenarios:
        assert entry.scenario is not None
        for index, step in enumerate(entry.scenario.steps):
            yield entry.id, index + 1, step


def spellings(actor: Actor) -> list[str]:
    names = [actor.name, *actor.aliases]
    if actor.kind == "person":
        names.append(actor.name.split()[-1])  # the surname, as the documents mostly print it
    return [normalise(name).lower() for name in names]


def names_actor_outside_administration(actor: Actor, text: str) -> bool:
    folded = normalise(text).lower()
    # An alias such as "a senior administration official" names this very actor; an alias that is
    # an administration's name ("Trump administration" on a person) is the fault looked for.
    if any(s in folded for s in spellings(actor) if "administration" in s and not s.endswith("administration")):
        return True
    bare = ADMINISTRATION.sub(" ", folded)
    return any(s in bare for s in spellings(actor) if "administration" not in s)


# ------------------------------------------------------------------ person and administration


def test_a_person_has_no_administration_among_their_spellings(corpus: Corpus) -> None:
    for actor in corpus.actors.values():
        if actor.kind == "person" and "administration" not in actor.name.lower():  # not "Senior … administration official"
            wrong = [a for a in actor.aliases if "administration" in a.lower()]
            assert not wrong, f"{actor.id} is a person; {wrong} is an administration, an actor of its own"


def test_an_administration_has_no_bare_name_among_its_spellings(corpus: Corpus) -> None:
    # "Trump administration", not "Senior Trump administration official (anonymous, 2020)"
    administrations = [a for a in corpus.actors.values() if a.name.lower().endswith("administration")]
    assert administrations
    for actor in administrations:
        assert actor.kind != "person", actor.id
        wrong = [a for a in actor.aliases if "administration" not in a.lower()]
        assert not wrong, f"{actor.id}: {wrong} names a person, not the administration"


def test_no_person_step_quotes_only_their_administration(corpus: Corpus) -> None:
    for scenario_id, number, step in steps(corpus):
        actor = corpus.actors.get(step.actor or "")
        if actor is None or actor.kind != "person":
            continue
        for quote in step.quotes:
            if "administration" in quote.text.lower():
                assert names_actor_outside_administration(actor, quote.text), (
                    f"{scenario_id} step {number}: actor {actor.id} is a person, but {quote.text!r} "
                    "names only an administration (or its officials)"
                )


def test_every_administration_quote_has_an_actor_that_it_names(corpus: Corpus) -> None:
    """A step quoting "X administration officials" belongs to the administration, or to officials."""
    seen = 0
    for scenario_id, number, step in steps(corpus):
        actor = corpus.actors.get(step.actor or "")
        for quote in step.quotes:
            if actor is not None and re.search(r"administration officials?\b", quote.text, re.IGNORECASE):
                seen += 1
                assert actor.kind != "person" or names_actor_outside_administration(actor, quote.text), (
                    f"{scenario_id} step {number}: {quote.text!r} is about officials, not {actor.id}"
                )
    assert seen, "the bundled corpus quotes Trump administration officials; this rule must see them"


# ------------------------------------------------------------------ commentators


def is_direct(corpus: Corpus, quote: Quote) -> bool:
    """The quoted words are the speaker's own: inside quotation marks, or a block quotation."""
    text = corpus.sources[quote.source].text
    assert text is not None and quote.span is not None
    start, _ = quote.span
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    if text[start] in OPENING:
        return True
    if before.count("“") > before.count("”") or before.count('"') % 2 == 1:
        return True
    # A line introduced by one ending in a colon ("He lays out the dynamics in Iraq as such:").
    previous = text[:line_start].rstrip()
    return previous.endswith(":")


def test_commentator_stance_follows_the_rule(corpus: Corpus) -> None:
    named_public = 0
    for scenario_id, number, step in steps(corpus):
        actor = corpus.actors.get(step.actor or "")
        if actor is None or actor.kind != "commentator" or step.kind != "pressure":
            continue
        where = f"{scenario_id} step {number} ({actor.id})"
        if UNNAMED.search(f"{actor.name} {actor.description}"):
            assert step.stance == "reported", f"{where}: an unnamed source is not on the record"
            continue
        direct = [is_direct(corpus, q) for q in step.quotes]
        assert all(direct) or not any(direct), f"{where}: own words and paraphrase mixed; split the step"
        if all(direct):
            named_public += 1
            assert step.stance == "public", f"{where}: a named commentator quoted directly is public"
        else:
            assert step.stance == "reported", f"{where}: a paraphrase, or the writer's own voice, is reported"
    assert named_public, "no named commentator quoted directly: the rule saw nothing to check"


def test_is_direct_tells_own_words_from_paraphrase(corpus: Corpus) -> None:
    """The classifier itself, on passages of the 2020 and 2011 documents."""
    pollack = Quote(source="time-2020", text="It was a classic delaying tactic designed to buy time for tempers to cool")
    own = Quote(source="time-2020", text="That is so insulting to Iraq sensibilities.")
    block = Quote(source="wire-2011", text="the more Maliki et al. should want a larger U.S. troop presence")
    for quote in (pollack, own, block):
        text = corpus.sources[quote.source].text
        assert text is not None and text.count(quote.text) == 1
        start = text.find(quote.text)
        quote.resolve(start, start + len(quote.text))
    assert not is_direct(corpus, pollack)
    assert is_direct(corpus, own)
    assert is_direct(corpus, block)


# ------------------------------------------------------------------ hedges


def hedges_lost(quote_text: str, summary: str) -> list[str]:
    quoted, said = quote_text.lower().replace("’", "'"), summary.lower().replace("’", "'")
    return [h for h, forms in HEDGES.items() if h in quoted and not any(f in said for f in forms)]


def test_a_hedge_the_quote_prints_stays_in_the_summary(corpus: Corpus) -> None:
    for scenario_id, number, step in steps(corpus):
        for quote in step.quotes:
            lost = hedges_lost(quote.text, step.summary)
            assert not lost, f"{scenario_id} step {number}: the quote says {lost}, the summary drops it"
    for entry in corpus.scenarios:
        assert entry.scenario is not None
        for figure in entry.scenario.figures:
            lost = hedges_lost(figure.quote.text, figure.label)
            assert not lost, f"{entry.id} figure {figure.label!r}: the quote says {lost}, the label drops it"


# ------------------------------------------------------------------ options


def test_a_troop_level_on_the_table_is_someones(corpus: Corpus) -> None:
    """An option with a troop figure is one some actor pushes toward, not a number no one proposes."""
    for entry in corpus.scenarios:
        assert entry.scenario is not None
        pushed = {step.toward for step in entry.scenario.steps if step.toward}
        for option in entry.scenario.options:
            if option.troops is not None:
                assert option.id in pushed, f"{entry.id}: no step pushes toward {option.id!r} ({option.troops} troops)"
