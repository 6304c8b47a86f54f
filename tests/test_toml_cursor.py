"""The lexical TOML cursor (tui/corpus/toml_cursor.py): where a cursor is in text being typed, not valid TOML."""

from __future__ import annotations

from pathlib import Path

import pytest
import tomli

from tui.corpus.toml_cursor import scan, spot_at

REPO = Path(__file__).resolve().parent.parent
BUNDLED = sorted([*REPO.glob("scenarios/*.toml"), REPO / "seeds" / "sources.toml"])


def _strings(data: object, path: tuple = ()) -> dict[tuple, str]:
    if isinstance(data, dict):
        return {k: v for key, item in data.items() for k, v in _strings(item, path + (key,)).items()}
    if isinstance(data, list):
        return {k: v for index, item in enumerate(data) for k, v in _strings(item, path + (index,)).items()}
    return {path: data} if isinstance(data, str) else {}


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_every_string_of_a_valid_file_is_found_at_its_key_path_as_tomli_reads_it(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    expected = _strings(tomli.loads(text))
    layout = scan(text)
    found = {pair.path: pair.string for pair in layout.pairs if pair.string is not None}
    assert found == expected


def test_escapes_and_multiline_strings_are_decoded_as_tomli_decodes_them() -> None:
    text = 'a = "say \\"no\\" \\u00e9"\nb = """\nfirst\nsecond"""\nc = \'C:\\path\'\nd = """ends with a quote\\""""\n'
    layout = scan(text)
    assert {p.path[0]: p.string for p in layout.pairs} == tomli.loads(text)


def _spot(text: str, at: str = "|"):
    offset = text.index(at)
    return spot_at(scan(text.replace(at, "", 1)), offset)


def test_an_unterminated_string_is_a_value_with_what_is_typed_so_far() -> None:
    spot = _spot('[[steps]]\nkind = "pressure"\nactor = "mah|\nsummary = "x"\n')
    assert spot is not None
    assert (spot.kind, spot.path, spot.prefix, spot.quoted) == ("value", ("steps", 0, "actor"), "mah", True)


def test_the_cursor_inside_a_closed_string_replaces_all_of_its_content() -> None:
    text = 'actor = "mah|di"\n'
    spot = _spot(text)
    assert spot is not None and spot.prefix == "mah"
    clean = text.replace("|", "")
    assert clean[spot.start : spot.end] == "mahdi"


def test_after_the_closing_quote_is_no_value() -> None:
    assert _spot('[[steps]]\nactor = "mahdi"|\n') is None


def test_an_equals_sign_with_nothing_after_it_is_a_value_to_quote() -> None:
    spot = _spot("[scenario]\ndate_basis = |\n")
    assert spot is not None
    assert (spot.kind, spot.path, spot.prefix, spot.quoted) == ("value", ("scenario", "date_basis"), "", False)


def test_a_bare_word_after_equals_is_a_value_being_typed() -> None:
    spot = _spot('[[steps]]\nkind = pre|\n')
    assert spot is not None and (spot.kind, spot.path, spot.prefix, spot.quoted) == ("value", ("steps", 0, "kind"), "pre", False)


def test_a_half_written_key_is_a_key_of_the_nearest_table_above() -> None:
    spot = _spot('[scenario]\nid = "x"\n\n[[steps]]\nkind = "event"\n\n[[steps]]\nkind = "pressure"\nsta|\n')
    assert spot is not None
    assert (spot.kind, spot.path, spot.prefix) == ("key", ("steps", 1), "sta")


def test_a_key_in_an_inline_table_after_a_comma() -> None:
    spot = _spot('[[steps]]\nquotes = [\n  { source = "doc", te|\n')
    assert spot is not None
    assert (spot.kind, spot.path, spot.prefix) == ("key", ("steps", 0, "quotes", 0), "te")


def test_an_inline_tables_source_left_open() -> None:
    spot = _spot('[[steps]]\nquotes = [\n  { source = "doc", text = "a" },\n  { source = "ti|\n')
    assert spot is not None
    assert (spot.kind, spot.path, spot.prefix) == ("value", ("steps", 0, "quotes", 1, "source"), "ti")


def test_an_array_element_not_yet_quoted() -> None:
    spot = _spot('[scenario]\nsources = ["a", |]\n')
    assert spot is not None
    assert (spot.kind, spot.path, spot.quoted) == ("value", ("scenario", "sources", 1), False)


def test_an_array_left_open_ends_at_the_next_table_header() -> None:
    text = '[[steps]]\nquotes = [\n  { source = "doc", text = "a" },\n\n[[steps]]\nkind = "|\n'
    spot = _spot(text)
    assert spot is not None and spot.path == ("steps", 1, "kind")
    layout = scan(text.replace("|", ""))
    assert [t.path for t in layout.tables] == [(), ("steps", 0), ("steps", 1)]


def test_a_table_header_being_typed() -> None:
    spot = _spot('format = 1\n[[st|\n')
    assert spot is not None and (spot.kind, spot.prefix, spot.brackets) == ("header", "st", "[[")


def test_a_comment_is_nowhere() -> None:
    assert _spot('[[steps]]\n# actor = "ma|\n') is None


def test_a_quote_written_as_a_table_of_its_own() -> None:
    text = '[[steps]]\nkind = "event"\n\n[[steps]]\nkind = "event"\n[[steps.quotes]]\nsource = "doc"\ntext = "x"\n|'
    spot = _spot(text)
    assert spot is not None and (spot.kind, spot.path) == ("key", ("steps", 1, "quotes", 0))
    assert scan(text.replace("|", "")).strings(("steps", 1, "quotes", 0)) == {"source": "doc", "text": "x"}


@pytest.mark.parametrize(
    "garbage",
    ['[[steps\nkind = "pre', '{ = = ]] "', "'''never closed", 'a = [[[[[{{{{"', '"""\n', "= = =", "[", "x.y.z = { a = [1, {b = ", "a = \"\\", "\ufeff\U0001f600 = \U0001f600"],
)
def test_broken_text_never_raises_at_any_offset(garbage: str) -> None:
    layout = scan(garbage)
    for offset in range(len(garbage) + 2):
        spot_at(layout, offset)
        layout.pair_at(offset)


def test_a_string_left_open_on_a_crlf_line_stops_before_the_line_break() -> None:
    text = '[[steps]]\r\nactor = "mah\r\nsummary = "x"\r\n'
    layout = scan(text)
    spot = spot_at(layout, text.index("mah") + 3)
    assert spot is not None and text[spot.start : spot.end] == "mah"
