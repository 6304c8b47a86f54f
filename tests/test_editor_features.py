"""What the language server's features compute, without the protocol: completions, hover text, quote
fixes and moving an actor (tui/corpus/completions, hover_text, quote_fixes, actor_move)."""

from __future__ import annotations

import random
import subprocess
import sys
import typing
from pathlib import Path

from corpus_builder import SCENARIO, write_corpus

from tui.corpus.actor_move import move_actor
from tui.corpus.bundled import bundled_root
from tui.corpus.completions import complete, file_kind
from tui.corpus.hover_text import definition_hover, escape, key_hover, quote_hover
from tui.corpus.id_refs import definitions, id_at
from tui.corpus.load import load_context
from tui.corpus.model import Step
from tui.corpus.quote_at import quote_at
from tui.corpus.quote_fixes import apply, closest_passage_fix, single_out_fixes
from tui.corpus.toml_cursor import scan
from tui.corpus.validate import validate_paths


def _labels(kind: str, text: str, root: Path | None = None) -> list[str]:
    context = load_context(root) if root else None
    return [c.label for c in complete(kind, scan(text), len(text), context)]  # type: ignore[arg-type]


def test_choices_are_the_models_own() -> None:
    expected = [a for a in typing.get_args(typing.get_args(Step.model_fields["stance"].annotation)[0])]
    assert _labels("scenario", '[[steps]]\nkind = "pressure"\nstance = "') == expected == ["public", "private", "reported"]
    assert _labels("scenario", "[scenario]\ndate_basis = ") == ["stated", "inferred"]
    assert _labels("sources", "[[sources]]\nkind = ") == ["news", "opinion", "aggregation", "analysis"]
    assert _labels("actors", '[[actors]]\nid = "x"\nkind = "') == ["person", "institution", "group", "state", "commentator"]
    assert _labels("scenario", '[[steps]]\nkind = "outcome"\nstatus = "') == ["reported", "confirmed", "denied", "unresolved"]


def test_keys_are_those_the_table_lacks_and_its_kind_allows() -> None:
    assert _labels("scenario", '[[steps]]\nkind = "event"\nsummary = "s"\n') == ["actor", "date", "date_basis", "quotes"]
    assert _labels("scenario", '[[steps]]\nkind = "outcome"\n') == ["actor", "date", "date_basis", "status", "enacts", "summary", "quotes"]
    assert _labels("scenario", '[[figures]]\nquote = { source = "doc", ') == ["text", "prefix", "suffix"]
    assert _labels("scenario", "") == ["format"]  # tables are headers, not keys


def test_headers_leave_out_a_second_scenario_table() -> None:
    assert _labels("scenario", "format = 1\n[scenario]\nid = 'x'\n[") == ["[[options]]", "[[steps]]", "[[figures]]", "[[actors]]", "[[series]]"]
    assert "[scenario]" in _labels("scenario", "format = 1\n[")


def test_ids_in_scope_are_the_catalogs_and_this_files_own(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    other = '[[actors]]\nid = "elsewhere"\nname = "E"\nside = "x"\nkind = "person"\ndescription = "d"\n'
    (tmp_path / "scenarios" / "s2.toml").write_text(SCENARIO.replace('id = "s1"', 'id = "s2"') + other, encoding="utf-8")
    local = '\n[[actors]]\nid = "aide"\nname = "An aide"\n\n[[steps]]\nkind = "pressure"\nactor = "'
    assert _labels("scenario", SCENARIO + local, tmp_path) == ["aide", "minister"]
    assert _labels("scenario", SCENARIO + '\n[[steps]]\ntoward = "', tmp_path) == ["stay"]
    assert _labels("scenario", SCENARIO + '\n[[figures]]\nseries = "', tmp_path) == ["troops"]
    assert _labels("scenario", SCENARIO + '\n[[steps]]\nquotes = [{ source = "', tmp_path) == ["doc"]


def test_file_kinds() -> None:
    assert [file_kind(Path(p)) for p in ("c/seeds/sources.toml", "c/scenarios/actors.toml", "c/scenarios/series.toml", "c/scenarios/s.toml", "c/scenarios/sources.toml")] == ["sources", "actors", "series", "scenario", "scenario"]


def test_markdown_in_a_document_shows_literally() -> None:
    assert escape("a *b* [c](d) <x> _e_ `f` \\ ") == "a \\*b\\* \\[c\\](d) \\<x\\> \\_e\\_ \\`f\\` \\\\"
    assert escape("- not a list") == "\\- not a list"
    assert escape("1. not a list") == "1\\. not a list"


def test_a_quotes_hover_marks_it_in_its_passage_and_escapes_the_document(tmp_path: Path) -> None:
    path = write_corpus(tmp_path)
    (tmp_path / "seeds" / "doc.txt").write_text("Intro.\n\nThe *minister* said [it] would [stay](x) now. Next sentence.\n", encoding="utf-8")
    text = path.read_text(encoding="utf-8").replace("will stay until the job is done", "[it] would [stay](x)")
    context = load_context(tmp_path)
    layout = scan(text)
    quote = quote_at(layout, text.index("[it] would"))
    assert quote is not None
    hover = quote_hover(quote, context)
    assert hover is not None
    assert "> The \\*minister\\* said **\\[it\\] would \\[stay\\](x)** now." in hover
    assert "Next sentence" not in hover
    assert "*Headline of the test document*" in hover and "outlet: Test Outlet" in hover and "published: 2020-01-07  \n" in hover


def _validates(root: Path) -> list[str]:
    return [d.format() for d in validate_paths([root])[0] if d.is_error]


def test_the_closest_passage_fix_validates(tmp_path: Path) -> None:
    path = write_corpus(tmp_path)
    text = SCENARIO.replace("will stay until the job is done", "will stay until the work is done")
    layout = scan(text)
    fix = closest_passage_fix(layout, quote_at(layout, text.index("until the work")), load_context(tmp_path))  # type: ignore[arg-type]
    assert fix is not None and "«will stay until the job is done»" in fix.title
    path.write_text(apply(text, fix.edits), encoding="utf-8")
    assert _validates(tmp_path) == []


def test_single_out_fixes_one_per_occurrence_each_validates(tmp_path: Path) -> None:
    path = write_corpus(tmp_path)
    text = SCENARIO.replace('text = "3,000 troops would remain"', 'text = "3,000 troops"')
    layout = scan(text)
    quote = quote_at(layout, text.index('"3,000 troops"') + 1)
    fixes = single_out_fixes(layout, quote, load_context(tmp_path))  # type: ignore[arg-type]
    assert [f.title for f in fixes] == ["Add prefix «said» (the occurrence on line 4)", "Add suffix «went» (the occurrence on line 4)"]
    # The entries `drawdown quote --all` prints for the same words, one per occurrence.
    listed = subprocess.run([sys.executable, "-m", "tui", "quote", "doc", "3,000 troops", "--all", "--corpus", str(tmp_path)], capture_output=True, text=True, check=True).stdout
    entries = [line.split(": ", 1)[1] for line in listed.splitlines()]
    for fix, entry in zip(fixes, entries, strict=True):
        fixed = apply(text, fix.edits)
        assert f"quote = {entry}" in fixed
        path.write_text(fixed, encoding="utf-8")
        assert _validates(tmp_path) == []


def test_fixes_of_a_quote_written_as_a_table_of_its_own(tmp_path: Path) -> None:
    path = write_corpus(tmp_path)
    step = '\n[[steps]]\nkind = "event"\nsummary = "x"\n\n[[steps.quotes]]\nsource = "doc"\ntext = "3,000 troops"\nprefix = "nowhere"\n'
    text = SCENARIO + step
    layout = scan(text)
    quote = quote_at(layout, text.index('"3,000 troops"') + 1)
    assert quote is not None and quote.inline is None
    path.write_text(text, encoding="utf-8")
    assert any("prefix-mismatch" in e for e in _validates(tmp_path))
    fixes = single_out_fixes(layout, quote, load_context(tmp_path))
    assert [f.title for f in fixes] == ["Use prefix «said» (the occurrence on line 4)", "Use suffix «went» (the occurrence on line 4)"]
    for fix in fixes:
        fixed = apply(text, fix.edits)
        assert "nowhere" not in fixed
        path.write_text(fixed, encoding="utf-8")
        assert _validates(tmp_path) == []


def test_a_prefix_a_quote_found_once_does_not_need_is_removed(tmp_path: Path) -> None:
    path = write_corpus(tmp_path)
    text = SCENARIO.replace('text = "will stay until the job is done"', 'text = "will stay until the job is done", prefix = "nowhere"')
    layout = scan(text)
    [fix] = single_out_fixes(layout, quote_at(layout, text.index("nowhere")), load_context(tmp_path))  # type: ignore[arg-type]
    assert fix.title == "Remove the prefix: the quote is found once, on line 3"
    path.write_text(apply(text, fix.edits), encoding="utf-8")
    assert _validates(tmp_path) == []
    assert '{ source = "doc", text = "will stay until the job is done" }' in path.read_text(encoding="utf-8")


def _read(path: Path) -> str | None:
    return path.read_text(encoding="utf-8") if path.exists() else None


LOCAL = '\n[[actors]]\nid = "aide"\nname = "An aide"\naliases = ["{alias}"]\nside = "gov"\nkind = "person"\ndescription = "An aide."\n'
USES = '\n[[steps]]\nkind = "pressure"\nactor = "aide"\nstance = "reported"\nsummary = "The aide."\nquotes = [{ source = "doc", text = "Officials privately said" }]\n'


def _two_scenarios(root: Path, second_defines: bool, alias: str = "The aide") -> tuple[Path, Path]:
    first = write_corpus(root, scenario=SCENARIO + LOCAL.format(alias="The aide") + USES)
    second = root / "scenarios" / "s2.toml"
    body = SCENARIO.replace('id = "s1"', 'id = "s2"') + USES + (LOCAL.format(alias=alias) if second_defines else "")
    second.write_text(body, encoding="utf-8")
    return first, second


def _move(root: Path, first: Path) -> None:
    move = move_actor(root, "aide", _read, first=first)
    assert move is not None
    for path, edits in move.edits.items():
        path.write_text(apply(_read(path) or "", edits), encoding="utf-8")


def test_moving_an_actor_another_scenario_names(tmp_path: Path) -> None:
    first, second = _two_scenarios(tmp_path, second_defines=False)
    assert any("unknown actor 'aide'" in e for e in _validates(tmp_path))
    assert move_actor(tmp_path, "minister", _read) is None  # already shared
    _move(tmp_path, first)
    assert _validates(tmp_path) == []
    assert 'id = "aide"' not in first.read_text(encoding="utf-8")
    assert (tmp_path / "scenarios" / "actors.toml").read_text(encoding="utf-8").endswith(LOCAL.format(alias="The aide"))


def test_moving_an_actor_two_scenarios_define_keeps_every_alias(tmp_path: Path) -> None:
    first, second = _two_scenarios(tmp_path, second_defines=True, alias="Aide to the minister")
    assert any("duplicate-id" in e for e in _validates(tmp_path))
    _move(tmp_path, first)
    assert _validates(tmp_path) == []
    actors = (tmp_path / "scenarios" / "actors.toml").read_text(encoding="utf-8")
    assert 'aliases = ["The aide", "Aide to the minister"]' in actors
    assert 'id = "aide"' not in second.read_text(encoding="utf-8")


def test_moving_an_actor_creates_actors_toml_when_there_is_none(tmp_path: Path) -> None:
    first, second = _two_scenarios(tmp_path, second_defines=False)
    for path in (first, second):  # no shared actor left to name
        path.write_text(path.read_text(encoding="utf-8").replace('actor = "minister"', 'actor = "aide"'), encoding="utf-8")
    (tmp_path / "scenarios" / "actors.toml").unlink()
    move = move_actor(tmp_path, "aide", _read, first=first)
    assert move is not None and move.create
    _move(tmp_path, first)
    assert _validates(tmp_path) == []


def test_an_actor_only_one_scenario_needs_is_not_moved(tmp_path: Path) -> None:
    write_corpus(tmp_path, scenario=SCENARIO + LOCAL.format(alias="The aide") + USES)
    assert move_actor(tmp_path, "aide", _read) is None


def test_an_ambiguous_quotes_hover_marks_the_first_occurrence_as_the_document_spaces_it(tmp_path: Path) -> None:
    path = write_corpus(tmp_path)
    text = path.read_text(encoding="utf-8").replace('"3,000 troops would remain"', '"3,000   troops"')  # spacing is forgiven
    layout = scan(text)
    hover = quote_hover(quote_at(layout, text.index("3,000   troops")), load_context(tmp_path))  # type: ignore[arg-type]
    assert hover is not None and hover.startswith("Found 2 times (lines 4, 4)")
    assert "> Officials privately said **3,000 troops** would remain." in hover


def test_a_citation_gives_the_catalogs_url_and_a_stated_date_as_stated(tmp_path: Path) -> None:
    path = write_corpus(tmp_path)
    sources = tmp_path / "seeds" / "sources.toml"
    sources.write_text(sources.read_text(encoding="utf-8") + 'url = "https://example.org/a_(b)"\nauthor = "A. *Writer*"\n', encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    layout = scan(text)
    hover = quote_hover(quote_at(layout, text.index("will stay")), load_context(tmp_path))  # type: ignore[arg-type]
    assert hover is not None
    assert "url: <https://example.org/a_(b)>" in hover
    assert "author: A. \\*Writer\\*" in hover
    assert "published: 2020-01-07  \n" in hover and "inferred" not in hover


def test_an_array_of_ids_offers_each_id_once_and_a_quotes_array_offers_an_entry(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    assert _labels("scenario", '[scenario]\nsources = ["', tmp_path) == ["doc"]
    assert _labels("scenario", '[scenario]\nsources = ["doc", "', tmp_path) == []
    context = load_context(tmp_path)
    text = '[scenario]\nsources = ["doc"]\n\n[[steps]]\nkind = "event"\nquotes = [\n  '
    [entry] = complete("scenario", scan(text), len(text), context)
    assert entry.insert == '{ source = "doc", text = "" }'


def test_a_keys_hover_is_the_models_description_and_choices() -> None:
    text = key_hover("scenario", ("steps", 0, "stance"))
    assert text is not None and text.startswith("**stance** (optional)")
    assert Step.model_fields["stance"].description in text  # type: ignore[operator]
    assert text.endswith("one of: `public`, `private`, `reported`")
    assert key_hover("scenario", ("steps", 0, "nonsense")) is None


def test_every_feature_answers_on_a_scenario_cut_anywhere_and_at_any_offset() -> None:
    root = bundled_root()
    context = load_context(root)
    full = (root / "scenarios" / "2021-combat-mission-end.toml").read_text(encoding="utf-8")
    chooser = random.Random(12)
    for _ in range(40):
        cut = chooser.randrange(len(full))
        hole = chooser.randrange(cut, min(len(full), cut + 40))
        text = full[:cut] + full[hole:]  # a piece taken out of the middle: strings, tables and arrays left open
        layout = scan(text)
        for offset in sorted(chooser.sample(range(len(text) + 1), 25)):
            complete("scenario", layout, offset, context)
            quote = quote_at(layout, offset)
            if quote is not None:
                quote_hover(quote, context)
                closest_passage_fix(layout, quote, context)
                single_out_fixes(layout, quote, context)
            found = id_at(layout, offset)
            if found is not None:
                item = definitions(found[0], layout, context).get(found[1].string or "")
                if item is not None:
                    assert definition_hover(item)


def test_a_keys_detail_says_whether_this_kind_of_step_requires_it() -> None:
    def detail(text: str, key: str) -> str:
        return next(c.detail for c in complete("scenario", scan(text), len(text), None) if c.label == key)

    assert detail('[[steps]]\nkind = "pressure"\n', "actor") == "required key of [[steps]]"
    assert detail('[[steps]]\nkind = "event"\n', "actor") == "optional key of [[steps]]"
    assert detail('[[steps]]\nquotes = [{ source = "a", ', "text") == "required key of a quote"


def test_a_sources_file_is_offered_from_the_documents_no_entry_names(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    (tmp_path / "seeds" / "new-document.txt").write_text("Words.\n", encoding="utf-8")
    assert _labels("sources", '[[sources]]\nid = "new"\nfile = "', tmp_path) == ["new-document.txt"]
