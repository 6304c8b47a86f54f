"""Exports read by the renderers people really use: GitHub's cmark-gfm and pandoc for Markdown,
the HTML parser for the page. Links keep every character, footnotes stay apart, paragraphs stay."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from typing import Callable
from urllib.parse import unquote

import cmarkgfm
import pypandoc
import pytest
from cmarkgfm.cmark import Options
from corpus_builder import SCENARIO, SOURCES, write_corpus

from tui.corpus.export import RENDERERS, find_scenario

URL = "https://example.com/news/iraq_us-troops_withdrawal?id=3_000&lang=en#top_1"
FIRST, SECOND = "The minister wants the troops to stay.", "Officials say so in private, too."


class Page(HTMLParser):
    """The links, the footnote references in a row, and the paragraphs of a rendered page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.paragraphs: list[str] = []
        self._open: list[str] | None = None
        self.runs: list[str] = []  # the text between consecutive footnote references, "" when adjacent
        self._since_ref: str | None = None
        self._in_ref = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href") or ""
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)
        if tag == "a":
            self.hrefs.append(href)
            if href.startswith("#fn") and not href.startswith("#fnref"):
                if self._since_ref is not None:
                    self.runs.append(self._since_ref)
                self._in_ref = True
        if tag == "p":
            self._open = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._in_ref:
            self._in_ref, self._since_ref = False, ""
        if tag == "p" and self._open is not None:
            self.paragraphs.append(" ".join("".join(self._open).split()))
            self._open = None
            self._since_ref = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.append(data)
        if self._since_ref is not None and not self._in_ref:
            self._since_ref += data


def cmark_gfm(markdown: str) -> str:
    return cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_FOOTNOTES)


def pandoc_gfm(markdown: str) -> str:
    return pypandoc.convert_text(markdown, "html", format="gfm")


def pandoc_markdown(markdown: str) -> str:
    return pypandoc.convert_text(markdown, "html", format="markdown")


MARKDOWN_RENDERERS = [pytest.param(cmark_gfm, id="cmark-gfm"), pytest.param(pandoc_gfm, id="pandoc-gfm"), pytest.param(pandoc_markdown, id="pandoc")]


def corpus_with_link_and_paragraphs(tmp_path: Path) -> Path:
    sources = SOURCES.replace('kind = "news"', f'kind = "news"\nurl = "{URL}"')
    scenario = SCENARIO.replace(
        'summary = "The minister wants the troops to stay."\nquotes = [\n  { source = "doc", text = "will stay until the job is done" },\n]',
        f'summary = """{FIRST}\n\n{SECOND}"""\nquotes = [\n  {{ source = "doc", text = "will stay until the job is done" }},\n'
        '  { source = "doc", text = "3,000 troops would remain" },\n]',
    )
    assert scenario != SCENARIO
    write_corpus(tmp_path, scenario=scenario)
    (tmp_path / "seeds" / "sources.toml").write_text(sources, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("render", MARKDOWN_RENDERERS)
def test_markdown_links_keep_every_character_of_the_address(tmp_path: Path, render: Callable[[str], str]) -> None:
    page = Page()
    page.feed(render(RENDERERS["markdown"](find_scenario("s1", corpus_with_link_and_paragraphs(tmp_path)))))
    web = [href for href in page.hrefs if href.startswith("http")]
    assert web and set(web) == {URL}, web


@pytest.mark.parametrize("render", MARKDOWN_RENDERERS)
def test_markdown_footnotes_in_a_row_render_as_separate_numbers(tmp_path: Path, render: Callable[[str], str]) -> None:
    page = Page()
    page.feed(render(RENDERERS["markdown"](find_scenario("s1", corpus_with_link_and_paragraphs(tmp_path)))))
    assert page.runs, "the step with two quotes has two references in a row"
    assert all(run.strip() for run in page.runs), page.runs  # never "12" for notes 1 and 2


@pytest.mark.parametrize("render", MARKDOWN_RENDERERS)
def test_markdown_keeps_the_paragraphs_of_a_summary(tmp_path: Path, render: Callable[[str], str]) -> None:
    page = Page()
    page.feed(render(RENDERERS["markdown"](find_scenario("s1", corpus_with_link_and_paragraphs(tmp_path)))))
    assert FIRST in page.paragraphs
    assert any(p.startswith(SECOND) for p in page.paragraphs), page.paragraphs


def test_html_page_links_the_source_and_keeps_paragraphs(tmp_path: Path) -> None:
    page = Page()
    page.feed(RENDERERS["html"](find_scenario("s1", corpus_with_link_and_paragraphs(tmp_path))))
    assert page.hrefs == [URL]
    assert FIRST in page.paragraphs and SECOND in page.paragraphs


HOSTILE_URL = 'https://example.com/a"onmouseover="alert(1)<b>x</b>_&amp;'


@pytest.mark.parametrize("render", [*MARKDOWN_RENDERERS, pytest.param(None, id="html")])
def test_a_hostile_address_stays_one_harmless_link(tmp_path: Path, render: Callable[[str], str] | None) -> None:
    root = corpus_with_link_and_paragraphs(tmp_path)
    sources = root / "seeds" / "sources.toml"
    sources.write_text(sources.read_text(encoding="utf-8").replace(URL, HOSTILE_URL.replace('"', '\\"')), encoding="utf-8")
    resolved = find_scenario("s1", root)
    assert resolved.corpus.sources["doc"].meta.url == HOSTILE_URL
    rendered = render(RENDERERS["markdown"](resolved)) if render else RENDERERS["html"](resolved)
    page = Page()
    page.feed(rendered)
    web = [href for href in page.hrefs if href.startswith("http")]
    assert len(set(web)) == 1
    assert "onmouseover" not in page.attributes and "b" not in page.tags
    # Markdown percent-encodes what an autolink cannot hold (so may a renderer); the address is the same.
    assert unquote(web[0]) == HOSTILE_URL, web[0]
