"""`drawdown export`: offsets that point at the quoted words, briefings that hold every step and quote,
and pages that keep hostile text as text."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
import textwrap
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Iterator

import pytest
from corpus_builder import SCENARIO, write_corpus
from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin

from tui.corpus.bundled import bundled_root
from tui.corpus.crossref import scenario_quotes
from tui.corpus.listing import quote_count
from tui.corpus.export import RENDERERS, find_scenario
from tui.corpus.export.export_json import FORMAT
from tui.corpus.export.export_markdown import escape as md_escape
from tui.corpus.export.resolve import CONTEXT, Resolved
from tui.corpus.load import load_corpus
from tui.corpus.model import ScenarioFile
from tui.corpus.quotes import normalise

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs" / "export.md"


@pytest.fixture(scope="module")
def bundled() -> list[Resolved]:
    corpus = load_corpus(bundled_root())
    found = [Resolved(entry.scenario, corpus) for entry in corpus.scenarios if entry.scenario]
    assert len(found) == len(corpus.scenarios) >= 5
    return found


def exported_json(resolved: Resolved) -> dict[str, Any]:
    return json.loads(RENDERERS["json"](resolved))


def json_quotes(document: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every quote object in an export, those inside the options a step points at included."""
    for option in document["options"]:
        yield from option["quotes"]
    for step in document["steps"]:
        yield from step["quotes"]
        for key in ("toward", "enacts"):
            if step[key]:
                yield from step[key]["quotes"]
    for figure in document["figures"]:
        yield figure["quote"]


# -- JSON --------------------------------------------------------------------------------------


def test_json_offsets_point_at_the_quoted_words_in_every_bundled_scenario(bundled: list[Resolved]) -> None:
    checked = 0
    for resolved in bundled:
        document = exported_json(resolved)
        on_disk = {s["id"]: (bundled_root() / "seeds" / s["file"]).read_text(encoding="utf-8") for s in document["sources"]}
        own = [q for q in json_quotes(document)]
        top_level = sum(len(o["quotes"]) for o in document["options"]) + sum(len(s["quotes"]) for s in document["steps"])
        assert top_level + len(document["figures"]) == quote_count(resolved.scenario)
        for quote in own:
            text = on_disk[quote["source"]]
            words = text[quote["start"] : quote["end"]]
            assert normalise(words) == normalise(quote["text"]), (resolved.id, quote["text"])
            checked += 1
    assert checked > 100


def test_json_selectors_agree_with_the_offsets_and_the_document(bundled: list[Resolved]) -> None:
    for resolved in bundled:
        document = exported_json(resolved)
        texts = {s["id"]: s["text"] for s in document["sources"]}
        for quote in json_quotes(document):
            text, start, end = texts[quote["source"]], quote["start"], quote["end"]
            by_type = {s["type"]: s for s in quote["selector"]}
            assert set(by_type) == {"TextQuoteSelector", "TextPositionSelector"}
            assert by_type["TextPositionSelector"] == {"type": "TextPositionSelector", "start": start, "end": end}
            selector = by_type["TextQuoteSelector"]
            assert selector["exact"] == text[start:end]
            assert selector["prefix"] == text[max(0, start - CONTEXT) : start] and len(selector["prefix"]) <= CONTEXT
            assert selector["suffix"] == text[end : end + CONTEXT] and len(selector["suffix"]) <= CONTEXT
            passage = quote["passage"]
            assert passage["start"] <= start < end <= passage["end"]


TYPOGRAPHIC_DOCUMENT = "Headline\n\nHe said it was  \u201cnot  a  withdrawal\u201d at all.\n"


def test_json_exact_is_the_document_text_not_the_authors(tmp_path: Path) -> None:
    write_corpus(tmp_path, scenario=SCENARIO.replace('"will stay until the job is done"', "'\"not a withdrawal\"'"))
    (tmp_path / "seeds" / "doc.txt").write_text(TYPOGRAPHIC_DOCUMENT + "3,000 troops would remain\n", encoding="utf-8")
    document = exported_json(find_scenario("s1", tmp_path))
    quote = document["steps"][0]["quotes"][0]
    assert quote["text"] == '"not a withdrawal"'
    assert quote["selector"][0]["exact"] == "\u201cnot  a  withdrawal\u201d"
    assert quote["selector"][0]["prefix"] == TYPOGRAPHIC_DOCUMENT[: quote["start"]][-CONTEXT:]
    assert quote["selector"][0]["prefix"].endswith("it was  ")


def test_json_resolves_actors_options_series_and_dates(tmp_path: Path) -> None:
    write_corpus(tmp_path, scenario=SCENARIO.replace('summary = "The minister', 'date = 2020-01-06\ndate_basis = "inferred"\nsummary = "The minister'))
    document = exported_json(find_scenario("s1", tmp_path))
    assert document["format"] == FORMAT == "drawdown-export/1"
    assert document["scenario"]["date"] == {"date": "2020-01-07", "basis": "stated"}
    [step] = document["steps"]
    assert step["number"] == 1 and step["date"] == {"date": "2020-01-06", "basis": "inferred"}
    assert step["actor"] == {
        "id": "minister", "name": "The minister", "aliases": ["Minister"], "side": "gov", "kind": "person",
        "description": "A minister.", "defined_in": None,
    }
    assert step["toward"] == document["options"][0]
    assert step["toward"]["label"] == "Stay" and step["toward"]["troops_text"] == "3,000"
    assert step["enacts"] is None
    [source] = document["sources"]
    assert source["published"] == {"date": "2020-01-07", "basis": "stated"}
    assert source["outlet"] == "Test Outlet" and source["opinion"] is False
    assert "Test Outlet" in source["citation"] and "2020-01-07 (date stated)" in source["citation"]
    [figure] = document["figures"]
    assert figure["series"] == {"id": "troops", "label": "Troops", "unit": "troops", "description": None}
    assert figure["as_of"] is None and figure["value_text"] == "3,000"


def _keys(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _keys(item)
    elif isinstance(value, list):
        for item in value:
            yield from _keys(item)


def test_every_json_key_is_documented(bundled: list[Resolved]) -> None:
    docs = DOCS.read_text(encoding="utf-8")
    keys = {key for resolved in bundled for key in _keys(exported_json(resolved))}
    assert {"format", "selector", "start", "passage"} <= keys
    missing = sorted(key for key in keys if f"`{key}`" not in docs)
    assert missing == [], f"undocumented keys in docs/export.md: {missing}"


# -- Markdown ----------------------------------------------------------------------------------


def markdown_renderer() -> MarkdownIt:
    # CommonMark with the GitHub extensions that could turn text into markup: tables, strikethrough,
    # footnotes and $math$.
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).use(footnote_plugin).use(dollarmath_plugin)


def unescape(markdown: str) -> str:
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)


def test_markdown_holds_every_step_numbered_in_order(bundled: list[Resolved]) -> None:
    for resolved in bundled:
        markdown = RENDERERS["markdown"](resolved)
        steps = markdown.split("\n## Steps\n", 1)[1].split("\n## ", 1)[0]
        numbered = [int(n) for n in re.findall(r"^(\d+)\. ", steps, flags=re.M)]
        assert numbered == list(range(1, len(resolved.scenario.steps) + 1)), resolved.id
        plain = unescape(steps)
        at = 0
        for step in resolved.scenario.steps:
            found = plain.find(" ".join(step.summary.split()), at)
            assert found > at, (resolved.id, step.summary)
            at = found


def test_markdown_cites_every_quote_in_a_footnote_of_its_own(bundled: list[Resolved]) -> None:
    for resolved in bundled:
        markdown = RENDERERS["markdown"](resolved)
        definitions = re.findall(r"^\[\^([^\]]+)\]: (.*)$", markdown, flags=re.M)
        labels = [label for label, _ in definitions]
        assert len(labels) == len(set(labels)) == quote_count(resolved.scenario), resolved.id
        body = markdown.split("\n[^", 1)[0]
        assert sorted(re.findall(r"\[\^([^\]]+)\](?!:)", body)) == sorted(labels)
        for (_, _, _, quote), (_, note) in zip(scenario_quotes_in_page_order(resolved.scenario), definitions):
            meta = resolved.corpus.sources[quote.source].meta
            plain = unescape(note)
            assert normalise(quote.text) in normalise(plain), (resolved.id, quote.text)
            assert meta.title in plain and (meta.outlet or "") in plain and meta.published.isoformat() in plain
        rendered = markdown_renderer().render(markdown)
        assert rendered.count('<li id="fn') == quote_count(resolved.scenario)


def scenario_quotes_in_page_order(scenario: ScenarioFile) -> list[Any]:
    # The briefing shows options first, then steps, then figures.
    order = {"option": 0, "step": 1, "figure": 2}
    return sorted(scenario_quotes(scenario), key=lambda item: order[item[0]])


NASTY_MARKDOWN = [
    "*x* [y](javascript:z)",
    "<script>alert(1)</script> & &amp; <b>bold</b>",
    "# not a heading",
    "1. not a list",
    "2011) not a list either",
    "- no bullet",
    "+ no bullet",
    "> no quote",
    "=== no underline",
    "`code` and ``more``",
    "__strong__ _em_ ~~struck~~",
    "a | b | c",
    "$x^2$ and $$y$$",
    "![img](http://example.com/x.png) [^1] [ref]: http://e.com",
    "trailing backslash \\",
    "<!-- comment --> <http://autolink.example>",
]


@pytest.mark.parametrize("text", NASTY_MARKDOWN)
def test_markdown_escape_renders_literally(text: str) -> None:
    rendered = markdown_renderer().render(md_escape(text))
    assert rendered.startswith("<p>") and rendered.endswith("</p>\n"), rendered
    inner = rendered[3:-5]
    assert "<" not in inner.replace("&lt;", ""), rendered
    assert html.unescape(inner) == text


HOSTILE = '<script>alert(1)</script> "onmouseover="x'
HOSTILE_DOCUMENT = f"Headline\n\nThe minister said {HOSTILE} words-of-the-quote. Officials said 3,000 troops would remain.\n"


def _toml(value: str) -> str:
    return "'" + value + "'"  # a TOML literal string: the hostile text holds no single quote


def hostile_corpus(root: Path, marker: str = HOSTILE) -> dict[str, str]:
    """A corpus with `marker` in every text field; returns field name -> value."""
    fields = {name: f"{marker} {name}" for name in (
        "source-title", "source-outlet", "source-author", "source-note", "actor-name", "actor-description",
        "series-label", "option-label", "option-summary", "step-summary", "figure-label", "scenario-title",
        "scenario-question", "scenario-summary", "tag",
    )}
    fields["quote"] = f"{marker} words-of-the-quote"
    v = {name: _toml(value) for name, value in fields.items()}
    scenario = f"""
format = 1

[scenario]
id = "s1"
title = {v["scenario-title"]}
date = 2020-01-07
date_basis = "inferred"
question = {v["scenario-question"]}
summary = {v["scenario-summary"]}
sources = ["doc"]
tags = [{v["tag"]}]

[[options]]
id = "stay"
label = {v["option-label"]}
troops = 3000
summary = {v["option-summary"]}

[[steps]]
kind = "pressure"
actor = "minister"
stance = "private"
toward = "stay"
summary = {v["step-summary"]}
quotes = [{{ source = "doc", text = {v["quote"]} }}]

[[figures]]
series = "troops"
value = 3000
label = {v["figure-label"]}
quote = {{ source = "doc", text = "3,000 troops would remain" }}
"""
    write_corpus(root, scenario=scenario)
    (root / "seeds" / "doc.txt").write_text(HOSTILE_DOCUMENT.replace(HOSTILE, marker), encoding="utf-8")
    (root / "seeds" / "sources.toml").write_text(textwrap.dedent(f"""
        [[sources]]
        id = "doc"
        file = "doc.txt"
        title = {v["source-title"]}
        outlet = {v["source-outlet"]}
        author = {v["source-author"]}
        published = 2020-01-07
        published_basis = "inferred"
        kind = "opinion"
        note = {v["source-note"]}
        """), encoding="utf-8")
    (root / "scenarios" / "actors.toml").write_text(textwrap.dedent(f"""
        [[actors]]
        id = "minister"
        name = {v["actor-name"]}
        side = "gov"
        kind = "person"
        description = {v["actor-description"]}
        """), encoding="utf-8")
    (root / "scenarios" / "series.toml").write_text(f'[[series]]\nid = "troops"\nlabel = {v["series-label"]}\n', encoding="utf-8")
    return fields


class PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.text: list[str] = []
        self.style: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += attrs
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        (self.style if self._in_style else self.text).append(data)


PAGE_TAGS = {
    "html", "head", "meta", "title", "style", "body", "main", "header", "footer", "section", "h1", "h2", "p", "span",
    "strong", "time", "ul", "ol", "li", "dl", "dt", "dd", "figure", "blockquote", "figcaption", "cite", "mark",
}
PAGE_ATTRIBUTES = {"lang", "charset", "name", "content", "class", "id", "datetime"}


def parse_page(page: str) -> PageParser:
    parser = PageParser()
    parser.feed(page)
    parser.close()
    return parser


def test_html_keeps_hostile_text_as_text_in_every_field(tmp_path: Path) -> None:
    fields = hostile_corpus(tmp_path)
    page = RENDERERS["html"](find_scenario("s1", tmp_path))
    parsed = parse_page(page)
    assert set(parsed.tags) <= PAGE_TAGS
    assert {name for name, _ in parsed.attributes} <= PAGE_ATTRIBUTES
    assert "<script" not in page.lower() and "onmouseover=" not in page.replace("onmouseover=&quot;", "")
    assert '"onmouseover' not in page
    for name, value in fields.items():
        assert html.escape(value, quote=True) in page, name
    assert "<mark>" + html.escape(fields["quote"], quote=True) + "</mark>" in page
    assert HOSTILE in "".join(parsed.text)
    assert page.count(html.escape(HOSTILE, quote=True)) >= len(fields)


def test_markdown_keeps_hostile_text_as_text(tmp_path: Path) -> None:
    fields = hostile_corpus(tmp_path, marker="*x* [y](javascript:z) <script>alert(1)</script>")
    markdown = RENDERERS["markdown"](find_scenario("s1", tmp_path))
    rendered = markdown_renderer().render(markdown)
    parsed = parse_page(rendered)
    assert "script" not in parsed.tags and "<em>x</em>" not in rendered and "javascript" not in "".join(v or "" for _, v in parsed.attributes)
    assert all(value.startswith("#fn") for name, value in parsed.attributes if name == "href")
    assert markdown.startswith("# ") and "<h1>" + html.escape(fields["scenario-title"], quote=False) + "</h1>" in rendered
    for name in ("scenario-title", "scenario-question", "option-label", "step-summary", "source-title", "quote"):
        assert fields[name] in "".join(parsed.text), name


def test_html_page_is_self_contained_for_every_bundled_scenario(bundled: list[Resolved]) -> None:
    for resolved in bundled:
        page = RENDERERS["html"](resolved)
        parsed = parse_page(page)
        assert set(parsed.tags) <= PAGE_TAGS, resolved.id
        assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
        style = "".join(parsed.style)
        assert style and "url(" not in style and "@import" not in style and "@font-face" not in style
        for _, value in parsed.attributes:
            assert value is None or not re.search(r"https?:|//", value), value
        text = "".join(parsed.text)
        assert page.count("http") == text.count("http"), resolved.id


def test_html_marks_stances_in_words_and_every_quote_in_its_passage(bundled: list[Resolved]) -> None:
    for resolved in bundled:
        page = RENDERERS["html"](resolved)
        for stance in ("public", "private", "reported"):
            count = sum(step.stance == stance for step in resolved.scenario.steps)
            assert page.count(f'<span class="badge stance-{stance}">{stance.upper()}</span>') == count
        marks = re.findall(r"<mark>(.*?)</mark>", page, flags=re.S)
        assert len(marks) == quote_count(resolved.scenario)
        for mark, (_, _, _, quote) in zip(marks, scenario_quotes_in_page_order(resolved.scenario)):
            assert normalise(html.unescape(mark)) == normalise(quote.text)
        opinion = sum(doc.meta.kind == "opinion" for doc in resolved.sources)
        assert ('class="badge opinion">OPINION<' in page) == bool(opinion)


# -- the command line --------------------------------------------------------------------------


def drawdown(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args], capture_output=True, text=True, encoding="utf-8", cwd=cwd or REPO, timeout=120
    )


def test_cli_exports_a_bundled_scenario_by_id() -> None:
    result = drawdown("export", "2020-expulsion-vote", "--format", "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["format"] == FORMAT and document["scenario"]["id"] == "2020-expulsion-vote"
    assert result.stderr == "exported '2020-expulsion-vote' as json from ./\n"  # the repository is the corpus it stands in


def test_cli_exports_a_scenario_by_path_from_its_own_corpus(tmp_path: Path) -> None:
    path = write_corpus(tmp_path)
    result = drawdown("export", str(path), "--format", "markdown", cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Test scenario\n")
    page = drawdown("export", "s1", "--format", "html", "--corpus", str(tmp_path))
    assert page.returncode == 0 and page.stdout.startswith("<!doctype html>")


def test_cli_unknown_id_suggests_the_closest(tmp_path: Path) -> None:
    # Outside any corpus, an id is looked up in the bundled one.
    result = drawdown("export", "2011-troop-level", "--format", "html", cwd=tmp_path)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == "drawdown: error: no scenario '2011-troop-level' in the bundled corpus (did you mean '2011-troop-levels'?)\n"


def test_cli_broken_file_prints_its_diagnostics(tmp_path: Path) -> None:
    path = write_corpus(tmp_path, scenario=SCENARIO.replace('stance = "public"', 'stance = "secret"'))
    line = SCENARIO[: SCENARIO.index('stance = "public"')].count("\n") + 1
    for target in ("s1", str(path)):
        result = drawdown("export", target, "--format", "json", "--corpus", str(tmp_path), cwd=tmp_path)
        assert result.returncode == 1 and result.stdout == ""
        lines = result.stderr.splitlines()
        assert lines[0].startswith(f"scenarios/s1.toml:{line}:10: error: step 1 stance must be")
        assert lines[-1] == "drawdown: error: scenarios/s1.toml has 1 error; fix it and export again"
        assert "Traceback" not in result.stderr


def test_cli_missing_path_and_unreadable_document(tmp_path: Path) -> None:
    result = drawdown("export", str(tmp_path / "nope.toml"), "--format", "json")
    assert result.returncode == 1 and "nope.toml: no such file or directory" in result.stderr
    write_corpus(tmp_path)
    (tmp_path / "seeds" / "doc.txt").unlink()
    result = drawdown("export", "s1", "--format", "json", "--corpus", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 1 and result.stdout == "" and "Traceback" not in result.stderr
    assert "seeds/sources.toml:" in result.stderr and "cannot read seeds/doc.txt" in result.stderr
    assert result.stderr.splitlines()[-1].startswith("drawdown: error: scenario 's1' quotes documents that cannot be read ('doc')")


def test_cli_export_does_not_import_textual() -> None:
    # -X importtime lists every module the run imports, on standard error.
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "tui", "export", "2011-troop-levels", "--format", "html"],
        capture_output=True, text=True, encoding="utf-8", cwd=REPO, timeout=120,
    )
    assert result.returncode == 0 and result.stdout.startswith("<!doctype html>")
    imported = [line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")]
    assert "tui.corpus.export.export_html" in imported
    assert [m for m in imported if m.split(".")[0] in ("textual", "rich")] == []


def test_control_characters_in_a_document_never_reach_the_terminal(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    document = (tmp_path / "seeds" / "doc.txt").read_text(encoding="utf-8")
    painted = document.replace("The minister said", "The \x1b[31mminister\x9b2J said")
    (tmp_path / "seeds" / "doc.txt").write_text(painted, encoding="utf-8")
    resolved = find_scenario("s1", tmp_path)
    for fmt, render in RENDERERS.items():
        out = render(resolved)
        assert "\x1b" not in out and "\x9b" not in out, fmt
    assert json.loads(RENDERERS["json"](resolved))["sources"][0]["text"] == painted
