"""Unicode: composed and decomposed text are the same words (NFC on both sides for locating quotes),
and search leaves out diacritics ("cafe" finds "café", "صوت" finds "صوّت"). Offsets always point
into the document as it is on disk.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from explorer_support import flat, make_app, screen_text

from corpus_builder import DOCUMENT, SCENARIO, write_corpus
from textual.content import Content

from tui.corpus.load import load_corpus
from tui.corpus.quotes import Found, NormalisedText, locate
from tui.corpus.search import SearchIndex
from tui.navigation import OpenScenario
from tui.screens.scenario import ScenarioScreen
from tui.screens.search import SearchScreen
from tui.widgets.quote_list import QuoteList
from tui.widgets.search_result_list import SearchResultList

NFC = unicodedata.normalize("NFC", "café")
NFD = unicodedata.normalize("NFD", NFC)  # "cafe" and a combining acute accent
ARABIC = "صوّت البرلمان"  # "parliament voted", the verb with a shadda
EXTRA = f"The {NFD} stayed open on Monday.\nSaid in Arabic: {ARABIC} اليوم.\n"


def corpus(tmp_path: Path, quote: str) -> Path:
    path = write_corpus(tmp_path, scenario=SCENARIO.replace("will stay until the job is done", quote))
    (tmp_path / "seeds" / "doc.txt").write_text(DOCUMENT + EXTRA, encoding="utf-8")
    return path


@pytest.mark.parametrize(("typed", "written"), [(NFC, NFD), (NFD, NFC)])
def test_a_quote_in_one_normal_form_is_found_in_a_document_in_the_other(tmp_path: Path, typed: str, written: str) -> None:
    write_corpus(tmp_path, scenario=SCENARIO.replace("will stay until the job is done", f"The {typed} stayed open"))
    document = DOCUMENT + f"The {written} stayed open on Monday.\n"
    (tmp_path / "seeds" / "doc.txt").write_text(document, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert [d.format() for d in corpus.diagnostics] == []
    quote = corpus.scenarios[0].scenario.steps[0].quotes[0]  # type: ignore[union-attr]
    start, end = quote.span  # type: ignore[misc]
    assert document[start:end] == f"The {written} stayed open"  # the accent included, as on disk


def test_offsets_after_a_decomposed_letter_still_point_at_the_original() -> None:
    text = f"Un {NFD}  “noir”, puis un autre {NFD}.\nFin."
    source = NormalisedText(text)
    found = locate(source, '"noir", puis')
    assert isinstance(found, Found) and text[found.start : found.end] == "“noir”, puis"
    found = locate(source, f"autre {NFC}.")
    assert isinstance(found, Found) and text[found.start : found.end] == f"autre {NFD}."
    found = locate(source, NFC)
    assert not isinstance(found, Found)  # twice in the document: ambiguous, not a wrong offset


def test_a_document_already_composed_keeps_its_offsets_one_for_one() -> None:
    text = f"Le {NFC} “x”  y"
    source = NormalisedText(text)
    assert source.ends is None  # the fast path: no second offset table for NFC text
    assert source.span(0, len(source.text)) == (0, len(text))


@pytest.mark.parametrize(
    ("query", "marked"),
    [(NFC, NFD), ("cafe", NFD), (NFD, NFD), ("صوت", "صوّت"), ("صوّت", "صوّت"), ("صوت البرلمان", ARABIC)],
)
def test_search_ignores_diacritics_and_marks_the_original_words(tmp_path: Path, query: str, marked: str) -> None:
    corpus(tmp_path, "will stay until the job is done")
    results = SearchIndex(load_corpus(tmp_path)).search(query)
    hits = [hit for group in results.groups for hit in group.hits]
    assert hits, query
    assert [hit.snippet[a:b] for hit in hits for a, b in hit.marks] == [marked]


def test_harakat_and_the_dagger_alef_are_left_out_of_search() -> None:
    from tui.corpus.folding import fold

    marks = "".join(chr(code) for code in range(0x064B, 0x0660)) + "\u0670"
    assert fold("ص" + marks + "وت") == "صوت"


async def first_quote_shown(root: Path, path: Path) -> Content:
    """The first quote of the scenario at `path` as its quotes pane draws it, once home shows no error badge."""
    app = make_app(root)
    async with app.run_test(size=(120, 40)) as pilot:
        assert "✖" not in screen_text(app)
        app.post_message(OpenScenario(path))
        await pilot.pause()
        assert isinstance(app.screen, ScenarioScreen)
        return app.screen.query_one(QuoteList).prompt(0)


async def test_the_explorer_shows_a_composed_quote_in_a_decomposed_document(tmp_path: Path) -> None:
    path = corpus(tmp_path, f"The {NFC} stayed open")
    prompt = await first_quote_shown(tmp_path, path)
    quoted = [prompt.plain[span.start : span.end] for span in prompt.spans if span.start != span.end]
    assert f"The {NFD} stayed open" in quoted


async def test_the_search_screen_finds_decomposed_text_for_a_composed_query(tmp_path: Path) -> None:
    corpus(tmp_path, "will stay until the job is done")
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*NFC)
        await pilot.pause()
        hits = app.screen.query_one(SearchResultList).hits
        assert [hit.kind for hit in hits] == ["source"]
        assert NFD in flat(screen_text(app))


async def test_a_document_whose_file_name_is_decomposed_is_found(tmp_path: Path) -> None:
    """macOS writes file names in NFD; sources.toml names the file as typed, in NFC."""
    path = write_corpus(tmp_path)
    (tmp_path / "seeds" / "doc.txt").rename(tmp_path / "seeds" / f"{NFD}.txt")
    catalog = tmp_path / "seeds" / "sources.toml"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace('"doc.txt"', f'"{NFC}.txt"'), encoding="utf-8")
    prompt = await first_quote_shown(tmp_path, path)
    assert "not checked" not in prompt.plain
    assert prompt.plain.startswith("The minister said the troops")  # shown in its passage: located
