"""Every kind of bad input gets a diagnostic at the right line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus_builder import SCENARIO, write_corpus
from tui.corpus.diagnostics import Diagnostic
from tui.corpus.load import load_corpus


def where(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """1-based line and column of the nth occurrence of `needle` in `text`."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


def diagnose(tmp_path: Path, scenario: str, name: str = "s1.toml") -> list[Diagnostic]:
    write_corpus(tmp_path, scenario=scenario, name=name)
    corpus = load_corpus(tmp_path)
    return [d for d in corpus.diagnostics if d.path.endswith(name)]


def only_error(diagnostics: list[Diagnostic], code: str) -> Diagnostic:
    errors = [d for d in diagnostics if d.is_error]
    assert [d.code for d in errors] == [code], [d.format() for d in diagnostics]
    return errors[0]


def test_clean_corpus_has_no_diagnostics(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    corpus = load_corpus(tmp_path)
    assert corpus.diagnostics == []
    [entry] = corpus.scenarios
    assert entry.scenario is not None
    quote = entry.scenario.steps[0].quotes[0]
    document = (tmp_path / "seeds" / "doc.txt").read_text(encoding="utf-8")
    assert quote.span is not None
    assert document[quote.span[0] : quote.span[1]] == "will stay until the job is done"


def test_toml_syntax_error(tmp_path: Path) -> None:
    text = SCENARIO.replace('title = "Test scenario"', 'title = "Test scenario')
    d = only_error(diagnose(tmp_path, text), "toml-syntax")
    assert d.line == where(text, 'title = "Test scenario')[0]


@pytest.mark.parametrize(("opening", "what"), [("[", "an array"), ("{ a = 1", "an inline table"), ('"""text', "a multi-line string")])
def test_an_unclosed_value_is_reported_where_it_opens(tmp_path: Path, opening: str, what: str) -> None:
    # tomli stops lines later, at the [scenario] header; the mistake is where the value opens.
    text = SCENARIO.replace("format = 1", f"format = {opening}", 1)
    d = only_error(diagnose(tmp_path, text), "toml-syntax")
    assert (d.line, d.col) == where(text, opening)
    assert d.message.startswith(f"invalid TOML: {what} is never closed (reading stopped at line ")


def test_a_wrong_value_closed_on_its_line_is_reported_where_tomli_stops(tmp_path: Path) -> None:
    text = SCENARIO.replace("format = 1", "format = [1] = 2", 1)
    d = only_error(diagnose(tmp_path, text), "toml-syntax")
    assert (d.line, d.col) == (where(text, "format")[0], len("format = [1] ") + 1)


def test_impossible_date(tmp_path: Path) -> None:
    text = SCENARIO.replace("date = 2020-01-07", "date = 2020-02-30")
    d = only_error(diagnose(tmp_path, text), "toml-syntax")
    assert (d.line, d.col) == where(text, "2020-02-30")
    assert "date" in d.message


def test_wrong_type_points_at_value(tmp_path: Path) -> None:
    text = SCENARIO.replace("troops = 3000", 'troops = "3000"')
    d = only_error(diagnose(tmp_path, text), "type")
    assert (d.line, d.col) == where(text, '"3000"')
    assert "option 1 troops" in d.message


def test_date_as_string_is_refused(tmp_path: Path) -> None:
    text = SCENARIO.replace("date = 2020-01-07", 'date = "2020-01-07"')
    d = only_error(diagnose(tmp_path, text), "type")
    assert (d.line, d.col) == where(text, '"2020-01-07"')


def test_unknown_key_with_suggestion(tmp_path: Path) -> None:
    text = SCENARIO.replace('stance = "public"', 'stance = "public"\nstanse = "x"')
    d = only_error(diagnose(tmp_path, text), "unknown-key")
    assert (d.line, d.col) == where(text, "stanse")
    assert "did you mean 'stance'" in d.message


def test_missing_key_points_at_its_table(tmp_path: Path) -> None:
    text = SCENARIO.replace('question = "Do the troops stay?"\n', "")
    d = only_error(diagnose(tmp_path, text), "missing-key")
    assert (d.line, d.col) == where(text, "[scenario]")
    assert "question" in d.message


def test_bad_enum_value(tmp_path: Path) -> None:
    text = SCENARIO.replace('stance = "public"', 'stance = "secret"')
    d = only_error(diagnose(tmp_path, text), "value")
    assert (d.line, d.col) == where(text, '"secret"')
    assert "'public'" in d.message


@pytest.mark.parametrize(
    ("old", "new", "needle"),
    [
        ('actor = "minister"', 'actor = "ministr"', '"ministr"'),
        ('toward = "stay"', 'toward = "leave"', '"leave"'),
        ('sources = ["doc"]', 'sources = ["doc", "nope"]', '"nope"'),
        ('series = "troops"', 'series = "troop"', '"troop"'),
        ('{ source = "doc", text = "will', '{ source = "dco", text = "will', '"dco"'),
    ],
)
def test_unknown_ids(tmp_path: Path, old: str, new: str, needle: str) -> None:
    text = SCENARIO.replace(old, new)
    d = only_error(diagnose(tmp_path, text), "unknown-id")
    assert (d.line, d.col) == where(text, needle)


def test_unknown_actor_suggests_the_close_one(tmp_path: Path) -> None:
    text = SCENARIO.replace('actor = "minister"', 'actor = "ministr"')
    d = only_error(diagnose(tmp_path, text), "unknown-id")
    assert "did you mean 'minister'" in d.message


def test_duplicate_option_id(tmp_path: Path) -> None:
    text = SCENARIO.replace("[[steps]]", '[[options]]\nid = "stay"\nlabel = "Again"\n\n[[steps]]')
    d = only_error(diagnose(tmp_path, text), "duplicate-id")
    assert (d.line, d.col) == where(text, '"stay"', nth=1)


def test_local_actor_duplicating_a_shared_one(tmp_path: Path) -> None:
    text = SCENARIO + '\n[[actors]]\nid = "minister"\nname = "X"\nside = "gov"\nkind = "person"\ndescription = "X."\n'
    d = only_error(diagnose(tmp_path, text), "duplicate-id")
    assert (d.line, d.col) == where(text, '"minister"', nth=1)


def test_duplicate_source_in_catalog(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    catalog = tmp_path / "seeds" / "sources.toml"
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(text + text, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    [d] = [d for d in corpus.diagnostics if d.is_error]
    assert d.code == "duplicate-id" and d.path.endswith("sources.toml")
    assert (d.line, d.col) == where(text + text, '"doc"', nth=1)
    assert corpus.scenarios[0].scenario is not None  # the first definition still serves


def test_local_actor_defined_in_two_scenarios(tmp_path: Path) -> None:
    local = '\n[[actors]]\nid = "general"\nname = "A general"\nside = "mil"\nkind = "person"\ndescription = "X."\n'
    uses = SCENARIO.replace('actor = "minister"', 'actor = "general"') + local
    write_corpus(tmp_path, scenario=uses)
    (tmp_path / "scenarios" / "s2.toml").write_text(uses.replace('id = "s1"', 'id = "s2"'), encoding="utf-8")
    corpus = load_corpus(tmp_path)
    errors = [d for d in corpus.diagnostics if d.is_error]
    assert [(d.code, Path(d.path).name) for d in errors] == [("duplicate-id", "s2.toml")]


def test_file_stem_differs_from_id(tmp_path: Path) -> None:
    d = only_error(diagnose(tmp_path, SCENARIO, name="other.toml"), "id-mismatch")
    assert (d.line, d.col) == where(SCENARIO, '"s1"')


def test_quote_not_found_names_closest_passage(tmp_path: Path) -> None:
    text = SCENARIO.replace("will stay until the job is done", "will stay until the work is done")
    d = only_error(diagnose(tmp_path, text), "quote-not-found")
    assert (d.line, d.col) == where(text, '"will stay until the work')
    assert "will stay until the job is done" in d.message
    assert "line 3" in d.message


def test_quote_with_typographic_and_space_differences_is_found(tmp_path: Path) -> None:
    text = SCENARIO.replace(
        'text = "will stay until the job is done"', 'text = "said the troops \\"will  stay until"'
    )
    assert diagnose(tmp_path, text) == []


def test_quote_ambiguous(tmp_path: Path) -> None:
    text = SCENARIO.replace('text = "3,000 troops would remain"', 'text = "3,000 troops"')
    d = only_error(diagnose(tmp_path, text), "quote-ambiguous")
    assert (d.line, d.col) == where(text, '"3,000 troops"')
    assert "2 times" in d.message


def test_prefix_singles_out_an_ambiguous_quote(tmp_path: Path) -> None:
    text = SCENARIO.replace('text = "3,000 troops would remain"', 'text = "3,000 troops", prefix = "Another"')
    write_corpus(tmp_path, scenario=text)
    corpus = load_corpus(tmp_path)
    assert corpus.diagnostics == []
    span = corpus.scenarios[0].scenario.figures[0].quote.span
    document = (tmp_path / "seeds" / "doc.txt").read_text(encoding="utf-8")
    assert document[span[0] - 8 : span[1]] == "Another 3,000 troops"


@pytest.mark.parametrize("escape", ["\\u001b[31m", "\\e[2J", "\\u009b", "\\u202e", "\\rovertyped", "\\b"])
def test_control_characters_in_text(tmp_path: Path, escape: str) -> None:
    text = SCENARIO.replace('summary = "A test."', f'summary = "A {escape}test."')
    d = only_error(diagnose(tmp_path, text), "control-char")
    assert (d.line, d.col) == where(text, f'"A {escape}')


def test_backslash_text_without_control_characters_is_fine(tmp_path: Path) -> None:
    text = SCENARIO.replace('summary = "A test."', 'summary = "C:\\\\build and \\\\u0041"')
    assert diagnose(tmp_path, text) == []


@pytest.mark.parametrize("file", ["../outside.txt", "/etc/hostname", "sub/../../outside.txt"])
def test_source_file_outside_seeds(tmp_path: Path, file: str) -> None:
    write_corpus(tmp_path)
    (tmp_path / "outside.txt").write_text("secret", encoding="utf-8")
    catalog = tmp_path / "seeds" / "sources.toml"
    text = catalog.read_text(encoding="utf-8").replace('file = "doc.txt"', f'file = "{file}"')
    catalog.write_text(text, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    errors = [d for d in corpus.diagnostics if d.is_error and d.path.endswith("sources.toml")]
    assert [d.code for d in errors] == ["outside-seeds"]
    assert (errors[0].line, errors[0].col) == where(text, f'"{file}"')
    assert corpus.sources["doc"].text is None
    # The scenario's quotes of it are reported as not checked (test_validate_files.py has the details).
    assert {d.code for d in corpus.diagnostics if d.is_error and d.path.endswith("s1.toml")} == {"quote-unchecked"}


def test_invalid_utf8(tmp_path: Path) -> None:
    path = write_corpus(tmp_path)
    raw = SCENARIO.encode("utf-8").replace(b"Test scenario", b"Test \xff scenario")
    path.write_bytes(raw)
    d = only_error(diagnose_existing(tmp_path), "encoding")
    line, col = where(SCENARIO, "Test scenario")
    assert (d.line, d.col) == (line, col + len("Test "))


def diagnose_existing(root: Path, name: str = "s1.toml") -> list[Diagnostic]:
    return [d for d in load_corpus(root).diagnostics if d.path.endswith(name)]


@pytest.mark.parametrize("content", ["", "   \n\n"])
def test_empty_file(tmp_path: Path, content: str) -> None:
    d = only_error(diagnose(tmp_path, content), "empty-file")
    assert (d.line, d.col) == (1, 1)


def test_nesting_too_deep(tmp_path: Path) -> None:
    text = SCENARIO + "deep = " + "[" * 5000 + "]" * 5000 + "\n"
    d = only_error(diagnose(tmp_path, text), "too-deep")
    assert d.line == where(text, "deep")[0]


def test_file_over_the_size_limit_is_not_parsed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tomli

    path = write_corpus(tmp_path)
    path.write_text(SCENARIO + "#" * (1024 * 1024), encoding="utf-8")
    parsed: list[str] = []
    real = tomli.loads
    monkeypatch.setattr(tomli, "loads", lambda text, **kw: parsed.append(text[:40]) or real(text, **kw))
    d = only_error(diagnose_existing(tmp_path), "file-too-large")
    assert (d.line, d.col) == (1, 1)
    assert not any(p.startswith("\nformat = 1") for p in parsed)


def test_kind_specific_keys(tmp_path: Path) -> None:
    text = SCENARIO.replace('kind = "pressure"', 'kind = "event"')
    diagnostics = diagnose(tmp_path, text)
    errors = [d for d in diagnostics if d.is_error]
    assert sorted(d.code for d in errors) == ["misplaced-key", "misplaced-key"]
    assert {(d.line, d.col) for d in errors} == {where(text, "stance ="), where(text, "toward =")}


def test_pressure_needs_actor_and_stance(tmp_path: Path) -> None:
    text = SCENARIO.replace('actor = "minister"\n', "").replace('stance = "public"\n', "")
    diagnostics = diagnose(tmp_path, text)
    errors = [d for d in diagnostics if d.is_error]
    assert [d.code for d in errors] == ["missing-key", "missing-key"]
    assert all((d.line, d.col) == where(text, "[[steps]]") for d in errors)


def test_date_needs_its_basis(tmp_path: Path) -> None:
    text = SCENARIO.replace('stance = "public"', 'stance = "public"\ndate = 2020-01-06')
    d = only_error(diagnose(tmp_path, text), "missing-basis")
    assert (d.line, d.col) == where(text, "date = 2020-01-06")


def test_range_must_be_ordered(tmp_path: Path) -> None:
    text = SCENARIO.replace("troops = 3000", "troops = [4000, 3000]")
    d = only_error(diagnose(tmp_path, text), "type")
    assert (d.line, d.col) == where(text, "[4000, 3000]")


def test_one_bad_file_never_hides_the_good_ones(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    (tmp_path / "scenarios" / "broken.toml").write_text("format = [\n", encoding="utf-8")
    (tmp_path / "scenarios" / "s2.toml").write_text(SCENARIO.replace('id = "s1"', 'id = "s2"'), encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert [e.id for e in corpus.scenarios if e.scenario] == ["s1", "s2"]
    assert [e.id for e in corpus.scenarios if not e.scenario] == ["broken"]
    assert [Path(d.path).name for d in corpus.diagnostics if d.is_error] == ["broken.toml"]


def test_one_bad_catalog_entry_costs_only_itself(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    actors = tmp_path / "scenarios" / "actors.toml"
    actors.write_text(actors.read_text(encoding="utf-8") + '\n[[actors]]\nid = "Bad Id"\nname = "x"\nside = "s"\nkind = "person"\ndescription = "d"\n', encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert "minister" in corpus.actors
    assert [d.code for d in corpus.diagnostics if d.is_error] == ["value"]
    assert corpus.scenarios[0].scenario is not None


def test_warnings_for_what_is_legal_but_suspicious(tmp_path: Path) -> None:
    text = SCENARIO.replace('sources = ["doc"]', "sources = []").replace("sources = []", 'sources = ["doc"]')
    text = text + '\n[[actors]]\nid = "bystander"\nname = "A bystander"\nside = "x"\nkind = "person"\ndescription = "Never speaks."\n'
    write_corpus(tmp_path, scenario=text)
    (tmp_path / "scenarios" / "actors.toml").write_text(
        (tmp_path / "scenarios" / "actors.toml").read_text(encoding="utf-8")
        + '\n[[actors]]\nid = "idle"\nname = "Idle"\nside = "x"\nkind = "person"\ndescription = "Unused."\n',
        encoding="utf-8",
    )
    corpus = load_corpus(tmp_path)
    warnings = {(Path(d.path).name, d.code) for d in corpus.diagnostics if not d.is_error}
    assert warnings == {("s1.toml", "unused-actor"), ("actors.toml", "unused-actor")}
    assert not corpus.has_errors


def test_quoted_source_missing_from_scenario_sources_warns(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    catalog = tmp_path / "seeds" / "sources.toml"
    catalog.write_text(
        catalog.read_text(encoding="utf-8")
        + '\n[[sources]]\nid = "doc2"\nfile = "doc.txt"\ntitle = "Same text"\nkind = "news"\n',
        encoding="utf-8",
    )
    text = SCENARIO.replace('{ source = "doc", text = "will', '{ source = "doc2", text = "will')
    (tmp_path / "scenarios" / "s1.toml").write_text(text, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    [d] = [d for d in corpus.diagnostics if d.code == "unlisted-source"]
    assert (d.line, d.col) == where(text, '"doc2"')
    assert d.severity == "warning"


def test_published_needs_basis(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    catalog = tmp_path / "seeds" / "sources.toml"
    text = catalog.read_text(encoding="utf-8").replace('published_basis = "stated"\n', "")
    catalog.write_text(text, encoding="utf-8")
    [d] = [d for d in load_corpus(tmp_path).diagnostics if d.is_error]
    assert d.code == "missing-basis" and (d.line, d.col) == where(text, "published =")


def test_crlf_files_place_diagnostics(tmp_path: Path) -> None:
    text = SCENARIO.replace('stance = "public"', 'stance = "secret"')
    path = write_corpus(tmp_path)
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    d = only_error(diagnose_existing(tmp_path), "value")
    assert (d.line, d.col) == where(text, '"secret"')


def test_clean_files_never_build_a_position_index(monkeypatch: pytest.MonkeyPatch) -> None:
    from tui.corpus import reading
    from tui.corpus.bundled import bundled_root

    def refuse(text: str) -> None:
        raise AssertionError("a position index was built for a clean file")

    monkeypatch.setattr(reading, "Positions", refuse)
    corpus = load_corpus(bundled_root())
    assert corpus.scenarios and not corpus.diagnostics


def test_a_diagnostic_builds_the_position_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The counterpart of the test above: it would pass vacuously if reports never used positions.
    from tui.corpus import reading

    built: list[str] = []
    real = reading.Positions
    monkeypatch.setattr(reading, "Positions", lambda text: built.append(text) or real(text))
    diagnose(tmp_path, SCENARIO.replace('stance = "public"', 'stance = "secret"'))
    assert len(built) == 1


def test_the_closest_passage_is_whole_words(tmp_path: Path) -> None:
    # The longest shared run starts inside "until": the window must still start at a word.
    text = SCENARIO.replace("will stay until the job is done", "xill stax until the job is done and more")
    d = only_error(diagnose(tmp_path, text), "quote-not-found")
    closest = d.message.split("«", 1)[1].rstrip("»")
    source = (tmp_path / "seeds").glob("*.txt")
    words = set(" ".join(next(source).read_text(encoding="utf-8").split()).split(" "))
    assert closest.split(" ")[0] in words and closest.split(" ")[-1] in words, closest


def test_a_quote_unlike_anything_in_the_document_says_so(tmp_path: Path) -> None:
    text = SCENARIO.replace("will stay until the job is done", "zebras quietly orbit a purple moon")
    d = only_error(diagnose(tmp_path, text), "quote-not-found")
    assert d.message.endswith("no passage comes close")
