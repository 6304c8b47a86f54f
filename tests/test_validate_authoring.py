"""Validation that helps an author (issue 10): every error of a file in one run, root causes first
with their consequences folded, messages that say how to fix, and warnings for the same person
twice and for leftover skeleton text."""

from __future__ import annotations

import ast
import json
import re
import shutil
from pathlib import Path

import pytest

from corpus_builder import ACTORS, SCENARIO, write_corpus
from test_validate_errors import diagnose, only_error, where
from tui.corpus import validate as validate_module
from tui.corpus.bundled import bundled_root
from tui.corpus.diagnostics import Diagnostic, render_json, render_text
from tui.corpus.load import load_corpus, load_files
from tui.corpus.validate import validate_paths

REPO = Path(__file__).resolve().parent.parent

STEP = """
[[steps]]
kind = "pressure"
actor = "minister"
stance = "public"
toward = "stay"
summary = "Again."
quotes = [{ source = "doc", text = "will stay until the job is done" }]
"""


def at(d: Diagnostic) -> tuple[str, int, int]:
    return (d.code, d.line, d.col)


# -- every error of a file in one run ---------------------------------------------------------


def test_every_error_of_a_file_shows_in_one_run(tmp_path: Path) -> None:
    text = SCENARIO.replace('stance = "public"', 'stance = "Public"')  # a shape error in step 1
    text += """
[[options]]
id = "leave"
label = "Leave"
troops = "many"

[[steps]]
kind = "pressure"
actor = "minister"
stance = "public"
toward = "go-home"
summary = "Step 2."
quotes = [{ source = "doc", text = "will stay until the work is done" }]

[[steps]]
kind = "event"
actor = "ministr"
date = "2020-01-05"
summary = "Step 3."
quotes = [{ source = "doc", text = "3,000 troops would remain" }]

[[actors]]
id = "general"
name = "A general"
side = "mil"
kind = "soldier"
description = "X."
"""
    text = text.replace('series = "troops"', 'series = "troop"')
    found = {at(d) for d in diagnose(tmp_path, text) if d.is_error}
    assert found == {
        ("value", *where(text, '"Public"')),
        ("type", *where(text, '"many"')),
        ("unknown-id", *where(text, '"go-home"')),
        ("quote-not-found", *where(text, '"will stay until the work')),
        ("type", *where(text, '"2020-01-05"')),
        ("unknown-id", *where(text, '"ministr"')),  # same step as the bad date: the rest of it is still checked
        ("value", *where(text, '"soldier"')),
        ("unknown-id", *where(text, '"troop"')),
    }, found


def test_a_key_of_the_wrong_shape_is_not_also_reported_missing(tmp_path: Path) -> None:
    # The bad stance is left out to check the rest of the step; it is not then "missing".
    text = SCENARIO.replace('stance = "public"', 'stance = "Public"').replace('  { source = "doc", text = "will stay until the job is done" },\n', "")
    text = text.replace("quotes = [\n]", 'quote = { source = "doc", text = "will stay" }')
    errors = [d for d in diagnose(tmp_path, text)]
    assert sorted(d.code for d in errors) == ["unknown-key", "value"], [d.format() for d in errors]


# -- root causes first, consequences folded ---------------------------------------------------


def _bundled_copy(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    for part in ("seeds", "scenarios"):
        shutil.copytree(bundled_root() / part, root / part)
    return root


def _shared_actor_references(root: Path) -> int:
    corpus = load_corpus(root)
    shared = {actor for actor, home in corpus.actor_home.items() if home is None}
    return sum(step.actor in shared for entry in corpus.scenarios if entry.scenario for step in entry.scenario.steps)


@pytest.mark.parametrize("parallel", [False, True])
def test_a_broken_actor_catalog_is_reported_first_with_its_references_counted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parallel: bool) -> None:
    root = _bundled_copy(tmp_path)
    references = _shared_actor_references(root)
    assert references > 20
    actors = root / "scenarios" / "actors.toml"
    broken = actors.read_text(encoding="utf-8").replace('name = "', 'name = "unterminated\n', 1)
    actors.write_text(broken, encoding="utf-8")
    # An error of its own in a file whose name sorts before actors.toml.
    first = root / "scenarios" / "2011-troop-levels.toml"
    first.write_text(first.read_text(encoding="utf-8").replace('question = "', 'questio = "', 1), encoding="utf-8")
    if parallel:
        monkeypatch.setattr(validate_module, "PARALLEL_FROM", 1)
    monkeypatch.chdir(root)
    diagnostics, _ = validate_paths([root])
    errors = [d for d in diagnostics if d.is_error]
    assert [d.code for d in errors] == ["toml-syntax", "unknown-key"], [d.format() for d in errors]
    root_cause = errors[0]
    assert root_cause.path == "scenarios/actors.toml"
    assert len(root_cause.folded) == references
    lines = render_text(diagnostics, 8).splitlines()
    assert lines[0].startswith("scenarios/actors.toml:")
    assert lines[1] == (
        f"    … {references} references to actors in scenarios/2011-troop-levels.toml, scenarios/2020-expulsion-vote.toml, "
        f"scenarios/2021-combat-mission-end.toml and 2 more files could not be checked because scenarios/actors.toml is broken"
    )
    [item, *_] = json.loads(render_json(diagnostics))
    assert item["folded"]["count"] == references and len(item["folded"]["refs"]) == references
    assert item["folded"]["refs"][0].startswith("scenarios/2011-troop-levels.toml:")


def test_a_broken_source_entry_is_one_error_with_its_references_counted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_corpus(tmp_path)
    catalog = tmp_path / "seeds" / "sources.toml"
    text = catalog.read_text(encoding="utf-8").replace('kind = "news"', 'kind = "newz"')
    catalog.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    diagnostics = load_corpus(tmp_path).diagnostics
    [error] = [d for d in diagnostics if d.is_error]
    assert (error.code, error.line, error.col) == ("value", *where(text, '"newz"'))
    assert "did you mean 'news'" in error.message and error.suggestion == "news"
    # [scenario] sources, the step's quote and the figure's quote.
    assert len(error.folded) == 3
    assert error.folded_note == "3 references to sources in scenarios/s1.toml could not be checked because source 'doc' in seeds/sources.toml is broken"


def test_a_broken_local_actor_folds_the_steps_that_name_it(tmp_path: Path) -> None:
    local = '\n[[actors]]\nid = "general"\nname = "A general"\nside = "mil"\nkind = "soldier"\ndescription = "X."\n'
    text = SCENARIO.replace('actor = "minister"', 'actor = "general"') + local
    [error] = [d for d in diagnose(tmp_path, text) if d.is_error]
    assert (error.code, error.line, error.col) == ("value", *where(text, '"soldier"'))
    assert error.folded_note == "1 reference to actors in this file could not be checked because actor 'general' of this file is broken"


# -- messages that say how to fix -------------------------------------------------------------


def test_a_key_of_another_table_says_where_it_belongs(tmp_path: Path) -> None:
    text = SCENARIO.replace("quotes = [", "quote = [", 1)
    d = only_error(diagnose(tmp_path, text), "unknown-key")
    assert (d.line, d.col) == where(text, "quote = [")
    assert d.message == "unknown key 'quote' on step 1: `quote` belongs on a figure ([[figures]]); a step has `quotes = [{ source, text }]`"
    assert d.suggestion == "quotes"


def test_quotes_on_a_figure_says_a_figure_has_one_quote(tmp_path: Path) -> None:
    text = SCENARIO.replace("quote = { source", "quotes = { source")
    d = only_error(diagnose(tmp_path, text), "unknown-key")
    assert "did you mean 'quotes'" not in d.message and "`quotes` belongs on a step ([[steps]]) or an option ([[options]])" in d.message
    assert "a figure has one `quote = { source, text }`" in d.message


def test_date_in_the_sources_catalog_names_published(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    catalog = tmp_path / "seeds" / "sources.toml"
    text = catalog.read_text(encoding="utf-8").replace("published = 2020-01-07", "date = 2020-01-07")
    catalog.write_text(text, encoding="utf-8")
    errors = [d for d in load_corpus(tmp_path).diagnostics if d.is_error]
    d = next(d for d in errors if d.code == "unknown-key")
    assert (d.line, d.col) == where(text, "date = ")
    assert "did you mean 'date'" not in d.message
    assert "`date` belongs on a step ([[steps]]) or [scenario]; a source has `published` (with `published_basis`)" in d.message


def test_an_option_of_another_scenario_lists_this_scenarios_options(tmp_path: Path) -> None:
    text = SCENARIO.replace('toward = "stay"', 'toward = "withdraw"')
    d = only_error(diagnose(tmp_path, text), "unknown-id")
    assert d.message == "unknown option 'withdraw'; this scenario's options are stay"


def test_a_new_series_says_where_series_are_defined(tmp_path: Path) -> None:
    text = SCENARIO.replace('series = "troops"', 'series = "contractors"')
    d = only_error(diagnose(tmp_path, text), "unknown-id")
    assert d.message == "unknown series 'contractors'; series are defined in scenarios/series.toml or in a [[series]] table of this file (troops)"


def test_an_unknown_actor_names_the_near_ids_and_where_actors_are_defined(tmp_path: Path) -> None:
    text = SCENARIO.replace('actor = "minister"', 'actor = "ministers"')
    d = only_error(diagnose(tmp_path, text), "unknown-id")
    assert d.message == "unknown actor 'ministers' (did you mean 'minister'?); actors are defined in scenarios/actors.toml or in an [[actors]] table of this file"
    assert d.suggestion == "minister"


def test_a_wrong_prefix_is_named_as_such_at_the_prefix(tmp_path: Path) -> None:
    text = SCENARIO.replace('text = "3,000 troops would remain" }', 'text = "3,000 troops would remain", prefix = "Officials said" }')
    d = only_error(diagnose(tmp_path, text), "prefix-mismatch")
    assert (d.line, d.col) == where(text, '"Officials said"')
    assert "quote not found" not in d.message and "closest" not in d.message
    assert "«Officials said» is not just before it: the document has «privately said»" in d.message
    assert d.suggestion == "privately said"


def test_a_wrong_suffix_is_named_as_such(tmp_path: Path) -> None:
    text = SCENARIO.replace('text = "3,000 troops would remain" }', 'text = "3,000 troops", suffix = "went away" }')
    d = only_error(diagnose(tmp_path, text), "suffix-mismatch")
    assert (d.line, d.col) == where(text, '"went away"')
    assert "2 times, line 4" in d.message


def _with_document(tmp_path: Path, scenario: str, document: str) -> list[Diagnostic]:
    write_corpus(tmp_path, scenario=scenario)
    (tmp_path / "seeds" / "doc.txt").write_text(document, encoding="utf-8")
    return [d for d in load_corpus(tmp_path).diagnostics if d.path.endswith("s1.toml")]


@pytest.mark.parametrize(
    ("in_document", "in_quote", "named"),
    [
        ("stay — until", "stay -- until", '"--" (2 × hyphen-minus) where the document has "—" (em dash): hyphens and dashes look alike but differ'),
        ("stay – until", "stay - until", '"-" (hyphen-minus) where the document has "–" (en dash)'),
        ("stay… until", "stay... until", '"..." (three full stops) where the document has "…" (an ellipsis)'),
        ("«stay» until", '"stay" until', '"\\"" (straight quote) where the document has "«" (left guillemet): quote marks look alike but differ'),
    ],
)
def test_a_look_alike_character_is_named_and_marked_with_a_caret(tmp_path: Path, in_document: str, in_quote: str, named: str) -> None:
    document = f"Headline\n\nThe minister said the troops will {in_document} the job is done, on Monday.\nOfficials privately said 3,000 troops would remain.\n"
    text = SCENARIO.replace("will stay until the job is done", f"troops will {in_quote} the job is done".replace('"', '\\"'))
    d = only_error(_with_document(tmp_path, text, document), "quote-not-found")
    assert named.replace('\\"', '"') in d.message.replace('\\"', '"'), d.message
    quote_line, document_line, caret = d.detail
    column = caret.index("^")
    assert quote_line.startswith("quote:    ") and document_line.startswith("document: ")
    # Alike up to the caret, different at it.
    assert quote_line[10:column] == document_line[10:column] and quote_line[column] != document_line[column]
    assert d.closest is not None and d.closest.line == 3
    assert d.suggestion is not None and in_document in d.suggestion


def test_the_caret_sits_under_the_first_difference(tmp_path: Path) -> None:
    document = "Headline\n\nThe minister said the troops will stay — until the job is done, on Monday.\nOfficials privately said 3,000 troops would remain.\n"
    text = SCENARIO.replace("will stay until the job is done", "will stay -- until the job is done")
    d = only_error(_with_document(tmp_path, text, document), "quote-not-found")
    assert d.detail == (
        "quote:    will stay -- until the job is done",
        "document: will stay — until the job is done,",
        "                    ^",
    )
    assert d.format().splitlines()[1:] == ["    " + line for line in d.detail]


def test_the_caret_lines_show_each_side_s_own_quote_marks(tmp_path: Path) -> None:
    # Curly and straight marks count as alike, but the author is shown the characters each side has.
    document = "Headline\n\nThe minister said the troops’ commander will stay — until the job is done, on Monday.\nOfficials privately said 3,000 troops would remain.\n"
    text = SCENARIO.replace("will stay until the job is done", "troops' commander will stay -- until the job is done")
    d = only_error(_with_document(tmp_path, text, document), "quote-not-found")
    assert d.detail == (
        "quote:    troops' commander will stay -- until the job is done",
        "document: troops’ commander will stay — until the job is done,",
        "                                      ^",
    )


def test_json_carries_the_suggestion_and_the_closest_passage(tmp_path: Path) -> None:
    document = "Headline\n\nThe minister said the troops will stay — until the job is done, on Monday.\nOfficials privately said 3,000 troops would remain.\n"
    text = SCENARIO.replace("will stay until the job is done", "will stay -- until the job is done")
    [item] = [i for i in json.loads(render_json(_with_document(tmp_path, text, document))) if i["severity"] == "error"]
    assert item["closest"] == {"text": "troops will stay — until the job is done,", "line": 3, "col": 23}
    assert item["suggestion"] == "will stay — until the job is done"


def test_a_raw_newline_in_a_string_suggests_triple_quotes(tmp_path: Path) -> None:
    text = SCENARIO.replace('summary = "A test."', 'summary = "A test\nover two lines."')
    d = only_error(diagnose(tmp_path, text), "toml-syntax")
    assert "Illegal character" in d.message and 'use """…""" for text over several lines' in d.message
    assert d.suggestion == '"""'


def test_steps_are_counted_as_the_explorer_counts_them(tmp_path: Path) -> None:
    text = SCENARIO.replace("\n[[figures]]", STEP * 4 + STEP.replace('"public"', '"secret"') + "\n[[figures]]")
    d = only_error(diagnose(tmp_path, text), "value")
    assert d.message.startswith("step 6 stance must be 'public', 'private' or 'reported'; got 'secret'")
    assert "steps[" not in d.message


def test_the_scenario_date_without_its_basis_reads_as_a_steps_does(tmp_path: Path) -> None:
    text = SCENARIO.replace('date_basis = "stated"\n', "").replace('stance = "public"', 'stance = "public"\ndate = 2020-01-06')
    errors = [d for d in diagnose(tmp_path, text) if d.is_error]
    assert [d.code for d in errors] == ["missing-basis", "missing-basis"], [d.format() for d in errors]
    scenario_date, step_date = errors
    assert (scenario_date.line, scenario_date.col) == where(text, "date = 2020-01-07")
    assert scenario_date.message == step_date.message == "'date' needs 'date_basis' (\"stated\" if the document prints it, else \"inferred\")"


# -- warnings --------------------------------------------------------------------------------

LOCAL = """
[[actors]]
id = "{id}"
name = "{name}"
aliases = [{aliases}]
side = "gov"
kind = "person"
description = "X."
"""


def test_a_local_actor_named_as_a_shared_one_is_flagged(tmp_path: Path) -> None:
    text = SCENARIO.replace('actor = "minister"', 'actor = "the-minister"') + LOCAL.format(id="the-minister", name="Minister", aliases="")
    write_corpus(tmp_path, scenario=text)
    diagnostics = load_corpus(tmp_path).diagnostics
    [d] = [d for d in diagnostics if d.code == "same-actor"]
    assert d.severity == "warning" and (d.line, d.col) == where(text, '"Minister"')
    assert "actor 'the-minister' is named \"Minister\", already an alias of actor 'minister' (scenarios/actors.toml)" in d.message
    assert not [d for d in diagnostics if d.is_error]


def test_two_shared_actors_with_one_spelling_are_flagged(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    actors = tmp_path / "scenarios" / "actors.toml"
    text = actors.read_text(encoding="utf-8") + LOCAL.format(id="pm", name="Prime Minister", aliases='"The  minister"')
    actors.write_text(text, encoding="utf-8")
    [d] = [d for d in load_corpus(tmp_path).diagnostics if d.code == "same-actor"]
    assert d.path.endswith("actors.toml") and (d.line, d.col) == where(text, '"The  minister"')
    assert "already the name of actor 'minister' (this file)" in d.message


def test_validating_one_file_flags_a_clash_with_another_files_local_actor(tmp_path: Path) -> None:
    other = SCENARIO.replace('id = "s1"', 'id = "s2"').replace('actor = "minister"', 'actor = "mahdi"')
    other += LOCAL.format(id="mahdi", name="Adel Abdul Mahdi", aliases='"Mahdi", "Abdul Mahdi"')
    mine = SCENARIO.replace('actor = "minister"', 'actor = "abdul-mahdi"') + LOCAL.format(id="abdul-mahdi", name="Adil Abdul-Mahdi", aliases='"Abdul-Mahdi"')
    path = write_corpus(tmp_path, scenario=mine)
    (tmp_path / "scenarios" / "s2.toml").write_text(other, encoding="utf-8")
    # Checked alone, s1 is told of s2's actor.
    [d] = [d for d in load_files([path]).diagnostics if d.code == "same-actor"]
    assert d.path.endswith("s1.toml") and (d.line, d.col) == where(mine, '"Abdul-Mahdi"')
    assert "actor 'abdul-mahdi' is also called \"Abdul-Mahdi\", already an alias of actor 'mahdi' (" in d.message and "s2.toml)" in d.message
    # In the whole corpus the file read second is told.
    [d] = [d for d in load_corpus(tmp_path).diagnostics if d.code == "same-actor"]
    assert d.path.endswith("s2.toml") and "actor 'abdul-mahdi' (" in d.message and "s1.toml)" in d.message


def test_leftover_skeleton_placeholders_are_flagged(tmp_path: Path) -> None:
    from tui.corpus.skeleton import write_skeleton

    write_corpus(tmp_path)
    path = write_skeleton(tmp_path, "fresh", "doc").path
    text = path.read_text(encoding="utf-8")
    diagnostics = [d for d in load_files([path]).diagnostics if d.code == "placeholder"]
    assert [(d.severity, d.line, d.col) for d in diagnostics] == [
        ("warning", *where(text, '"TODO: a short title"')),
        ("warning", *where(text, '"TODO: the question')),
        ("warning", *where(text, '"TODO: a neutral summary')),
    ]
    assert diagnostics[0].message.startswith("scenario.title still holds the skeleton's placeholder «TODO: a short title»")
    # Every TODO the skeleton writes is caught (the test fails if the skeleton grows a new one unseen).
    assert len(diagnostics) == len(re.findall(r'= "TODO', text))


def test_an_uncommented_skeleton_example_is_flagged(tmp_path: Path) -> None:
    text = SCENARIO.replace("will stay until the job is done", "words copied exactly from the document")
    warnings = [d for d in diagnose(tmp_path, text) if d.code == "placeholder"]
    assert [(d.line, d.col) for d in warnings] == [where(text, '"words copied exactly')]
    assert "step 1 quote 1 text" in warnings[0].message


# -- every code documented -------------------------------------------------------------------


def _codes_in_source() -> set[str]:
    """Every diagnostic code the data layer can emit, read from its calls and returns."""
    codes: set[str] = set()
    positions = {"error": 1, "warning": 1, "report": 2, "at": 3, "Diagnostic": 4}
    for path in (REPO / "tui" / "corpus").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                index = positions.get(name)
                if index is not None and len(node.args) > index:
                    arg = node.args[index]
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and re.fullmatch(r"[a-z]+(-[a-z]+)*", arg.value):
                        codes.add(arg.value)
                    elif isinstance(arg, ast.JoinedStr):
                        codes.add(ast.unparse(arg))
            elif isinstance(node, ast.Tuple) and len(node.elts) in (4, 5):
                # (loc, message, code, on_value, suggestion) from _describe; (index, loc, severity, code, message) across files
                for elt in node.elts:
                    if isinstance(elt, ast.Constant) and isinstance(elt.value, str) and re.fullmatch(r"[a-z]+(-[a-z]+)+|type|value", elt.value):
                        codes.add(elt.value)
    return codes


def test_every_diagnostic_code_is_documented() -> None:
    reference = (REPO / "docs" / "format.md").read_text(encoding="utf-8")
    table = reference.split("## Diagnostics", 1)[1]
    documented = set(re.findall(r"`([a-z-]+)`", table))
    codes = _codes_in_source()
    expanded = set()
    for code in codes:
        if code.startswith("f'") or code.startswith('f"'):
            # f"unused-{noun}", f"{key}-mismatch": the docs list each spelled out.
            pattern = re.sub(r"\\\{[^}]*\\\}", "[a-z]+", re.escape(code[2:-1]))
            matches = {c for c in documented if re.fullmatch(pattern, c)}
            assert matches, code
            expanded |= matches
        else:
            expanded.add(code)
    assert {"same-actor", "placeholder", "prefix-mismatch", "suffix-mismatch", "unknown-id"} <= expanded
    assert sorted(expanded - documented) == []
