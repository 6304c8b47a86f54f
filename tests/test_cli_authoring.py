"""The authoring commands as a user runs them: the corpus each one reads, quote, add-source, actors, new."""

from __future__ import annotations

import hashlib
import json
import textwrap
from pathlib import Path

import pytest
import tomli
from corpus_builder import DOCUMENT, SCENARIO, write_corpus
from test_cli import drawdown

from tui.corpus.load import load_context
from tui.corpus.quotes import Found, locate

NEW_DOCUMENT = """Minister says troops stay

The minister said on Monday that the 2,000 troops “will stay until the work is done”.
Aides said the troops would stay. Critics said the troops would not.
"""


def broken_corpus(root: Path) -> None:
    write_corpus(root, scenario=SCENARIO.replace('stance = "public"', 'stance = "secret"'))


# One corpus rule for every command.


def test_validate_inside_a_corpus_checks_that_corpus_and_names_it(tmp_path: Path) -> None:
    broken_corpus(tmp_path)
    for cwd, label in ((tmp_path, "./"), (tmp_path / "scenarios", "../")):
        result = drawdown("validate", cwd=cwd)
        assert result.returncode == 1, result.stdout
        assert result.stdout.splitlines()[-1] == f"checked {label} (1 scenario file, 3 catalogs): 1 error, 0 warnings"


def test_validate_outside_any_corpus_says_it_read_the_bundled_one(tmp_path: Path) -> None:
    result = drawdown("validate", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.splitlines()[-1].startswith("checked the bundled corpus (")


def test_validate_a_file_names_it_and_its_corpus(tmp_path: Path) -> None:
    path = write_corpus(tmp_path)
    result = drawdown("validate", str(path.relative_to(tmp_path)), cwd=tmp_path)
    assert result.stdout.splitlines()[-1] == "checked scenarios/s1.toml in ./ (1 scenario file, 3 catalogs): 0 errors, 0 warnings"


def test_validate_several_files_names_their_corpus_once_and_counts_only_them_as_scenarios(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    (tmp_path / "scenarios" / "zero.toml").write_text("", encoding="utf-8")
    result = drawdown("validate", "scenarios/s1.toml", "scenarios/zero.toml", cwd=tmp_path)
    assert result.returncode == 1, result.stdout
    assert result.stdout.splitlines()[-1].startswith("checked scenarios/s1.toml, scenarios/zero.toml in ./ (2 scenario files, 3 catalogs): ")


def test_validate_a_corpus_given_by_path_from_inside_it_names_it_once(tmp_path: Path) -> None:
    path = write_corpus(tmp_path)
    result = drawdown("validate", str(tmp_path), str(path), cwd=tmp_path)
    assert result.stdout.splitlines()[-1] == "checked ./ (1 scenario file, 3 catalogs): 0 errors, 0 warnings"


def test_export_and_actors_and_new_read_the_corpus_they_stand_in(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    inside = tmp_path / "scenarios"
    exported = drawdown("export", "s1", "--format", "json", cwd=inside)
    assert exported.returncode == 0, exported.stderr
    assert json.loads(exported.stdout)["scenario"]["id"] == "s1"
    assert exported.stderr == "exported 's1' as json from ../\n"
    missing = drawdown("export", "nope", "--format", "json", cwd=inside)
    assert missing.returncode == 1 and "no scenario 'nope' in ../" in missing.stderr
    actors = drawdown("actors", cwd=inside)
    assert actors.returncode == 0 and "minister" in actors.stdout and actors.stdout.splitlines()[-1] == "1 actor in ../"
    new = drawdown("new", "s2", "--source", "doc", cwd=inside)
    assert new.returncode == 0, new.stderr
    assert (tmp_path / "scenarios" / "s2.toml").is_file()
    assert "(corpus ../)" in new.stdout


def test_writing_commands_never_fall_back_to_the_bundled_corpus(tmp_path: Path) -> None:
    (tmp_path / "doc.txt").write_text(DOCUMENT, encoding="utf-8")
    for args in (("new", "s2", "--source", "doc"), ("add-source", "doc.txt", "--id", "d", "--title", "T", "--kind", "news")):
        result = drawdown(*args, cwd=tmp_path)
        assert result.returncode == 1 and "no corpus here or above" in result.stderr, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.txt"]


def test_the_explorer_opens_the_corpus_it_stands_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tui.app
    from tui.cli import main

    opened: list[Path] = []

    class Recorder:
        return_code = 0  # as a Textual app that quit cleanly

        def __init__(self, root: Path, **options: object) -> None:
            opened.append(root)

        def run(self) -> None:
            pass

    write_corpus(tmp_path)
    monkeypatch.setattr(tui.app, "DrawdownApp", Recorder)
    monkeypatch.setenv("DRAWDOWN_CONFIG_DIR", str(tmp_path / "settings"))  # not the reader's own settings
    monkeypatch.chdir(tmp_path / "scenarios")
    assert main([]) == 0
    assert opened == [tmp_path.resolve()]


# drawdown quote


def quote(root: Path, *args: str):
    return drawdown("quote", *args, cwd=root)


def located(root: Path, entry: str) -> tuple[int, int]:
    """Where the validator's own finder puts a pasted entry; fails unless it is found once."""
    item = tomli.loads(f"q = {entry}")["q"]
    doc = load_context(root).sources[item["source"]]
    result = locate(doc.normalised, item["text"], item.get("prefix"), item.get("suffix"))
    assert isinstance(result, Found), result
    assert doc.text is not None and doc.text[result.start : result.end] == item["text"]
    return result.start, result.end


def test_quote_prints_an_entry_to_paste(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    result = quote(tmp_path, "doc", "will stay until the job is done")
    assert result.returncode == 0, result.stderr
    assert result.stdout == '{ source = "doc", text = "will stay until the job is done" }\n'
    assert "found once in 'doc' (seeds/doc.txt) in ./, line 3:31" in result.stderr


def test_quote_gives_the_documents_own_characters_when_typed_straight(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    result = quote(tmp_path, "doc", 'troops "will', "stay")  # several arguments are joined with spaces
    assert result.returncode == 0, result.stderr
    assert result.stdout == '{ source = "doc", text = "troops “will stay" }\n'
    assert "as normalised" in result.stderr


def test_quote_adds_the_shortest_prefix_or_suffix_that_singles_it_out(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    result = quote(tmp_path, "doc", "3,000 troops")
    assert result.returncode == 0
    assert result.stdout == '{ source = "doc", text = "3,000 troops", prefix = "said" }\n'
    assert "found 2 times" in result.stderr and "--all" in result.stderr
    listed = quote(tmp_path, "doc", "troops", "--all")
    lines = listed.stdout.splitlines()
    assert lines == [
        'seeds/doc.txt:3:23: { source = "doc", text = "troops", prefix = "the" }',
        'seeds/doc.txt:4:32: { source = "doc", text = "troops", suffix = "would" }',
        'seeds/doc.txt:4:67: { source = "doc", text = "troops", suffix = "went" }',
    ]
    spans = [located(tmp_path, line.split(": ", 1)[1]) for line in lines]
    assert len(set(spans)) == 3


def test_quote_offers_the_closest_passage(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    result = quote(tmp_path, "doc", "Another 3000 troops went")
    assert result.returncode == 1  # a miss, with a passage to check
    assert quote(tmp_path, "doc", "Another 3,000 troops went").returncode == 0
    assert result.stdout == '{ source = "doc", text = "Another 3,000 troops went" }\n'
    assert "not found as typed" in result.stderr and "line 4:53" in result.stderr
    # Widened to whole words, the closest passage leaves out the quotation marks the words asked for lack.
    job = quote(tmp_path, "doc", "will stay until the work is done")
    assert job.stdout == '{ source = "doc", text = "will stay until the job is done" }\n'


def test_quote_errors(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    unknown = quote(tmp_path, "dok", "troops")
    assert unknown.returncode == 1 and unknown.stdout == ""
    assert unknown.stderr == "drawdown: error: unknown source 'dok' in ./ (known: doc)\n"
    nothing = quote(tmp_path, "doc", "zebra quagga okapi")
    assert nothing.returncode == 1 and nothing.stdout == "" and "no passage" in nothing.stderr
    assert "Traceback" not in unknown.stderr + nothing.stderr


def test_quote_escapes_what_toml_and_the_terminal_need(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    result = quote(tmp_path, "doc", "document The minister")  # across a blank line
    assert result.returncode == 0, result.stderr
    assert result.stdout == '{ source = "doc", text = "document\\n\\nThe minister" }\n'
    located(tmp_path, result.stdout.strip())


# drawdown add-source


def add(root: Path, *args: str):
    return drawdown("add-source", *args, cwd=root)


def test_add_source_copies_the_document_and_appends_its_entry(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    catalog = tmp_path / "seeds" / "sources.toml"
    before = catalog.read_bytes()
    incoming = tmp_path / "minister.txt"
    incoming.write_bytes(NEW_DOCUMENT.encode("utf-8").replace(b"\n", b"\r\n"))  # CRLF kept as is
    result = add(
        tmp_path, str(incoming), "--id", "minister-2025", "--title", "Minister says troops stay", "--kind", "news",
        "--outlet", "Example Wire", "--published", "2025-03-03", "--published-basis", "inferred",
        "--url", "https://example.com/a", "--file-name", "2025-minister.txt",
    )
    assert result.returncode == 0, result.stderr
    copied = tmp_path / "seeds" / "2025-minister.txt"
    assert copied.read_bytes() == incoming.read_bytes()
    after = catalog.read_bytes()
    assert after.startswith(before)
    entry = tomli.loads(after.decode("utf-8"))["sources"][-1]
    assert entry == {
        "id": "minister-2025", "file": "2025-minister.txt", "sha256": hashlib.sha256(incoming.read_bytes()).hexdigest(),
        "title": "Minister says troops stay", "title_basis": "stated", "outlet": "Example Wire",
        "published": __import__("datetime").date(2025, 3, 3), "published_basis": "inferred", "kind": "news",
        "url": "https://example.com/a",
    }
    assert "copied" in result.stdout and "(corpus ./)" in result.stdout
    assert drawdown("validate", cwd=tmp_path).returncode == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--id", "doc", "--title", "T", "--kind", "news"), "a source with id 'doc' is already in seeds/sources.toml"),
        (("--id", "new-one", "--title", "T", "--kind", "news", "--file-name", "doc.txt"), "seeds/doc.txt already exists"),
        (("--id", "new-one", "--title", "T", "--kind", "news", "--published", "2025-3-3", "--published-basis", "stated"), "'2025-3-3' is not a date"),
        (("--id", "new-one", "--title", "T", "--kind", "news", "--published", "2025-03-03"), "--published needs --published-basis"),
        (("--id", "New One", "--title", "T", "--kind", "news"), "id: String should match pattern"),
        (("--id", "new-one", "--title", "T", "--kind", "news", "--url", "example.com"), "url: String should match pattern"),
        (("--id", "new-one", "--title", "T", "--kind", "op-ed"), "invalid choice: 'op-ed'"),
    ],
)
def test_add_source_refuses_before_writing_anything(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    write_corpus(tmp_path)
    incoming = tmp_path / "new.txt"
    incoming.write_text(NEW_DOCUMENT, encoding="utf-8")
    seeds_before = {p.name: p.read_bytes() for p in (tmp_path / "seeds").iterdir()}
    result = add(tmp_path, str(incoming), *args)
    assert result.returncode != 0 and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert {p.name: p.read_bytes() for p in (tmp_path / "seeds").iterdir()} == seeds_before


def test_add_source_refuses_a_document_that_is_not_utf8(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    (tmp_path / "latin.txt").write_bytes("caf\xe9".encode("latin-1"))
    result = add(tmp_path, "latin.txt", "--id", "latin", "--title", "T", "--kind", "news")
    assert result.returncode == 1 and "UTF-8" in result.stderr and "nothing was written" in result.stderr
    assert not (tmp_path / "seeds" / "latin.txt").exists()


def test_add_source_appends_to_a_catalog_without_a_final_newline(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    catalog = tmp_path / "seeds" / "sources.toml"
    catalog.write_bytes(catalog.read_bytes().rstrip(b"\n"))
    before = catalog.read_bytes()
    (tmp_path / "new.txt").write_text(NEW_DOCUMENT, encoding="utf-8")
    assert add(tmp_path, "new.txt", "--id", "new-one", "--title", "T", "--kind", "opinion").returncode == 0
    assert catalog.read_bytes().startswith(before)
    assert [s["id"] for s in tomli.loads(catalog.read_text(encoding="utf-8"))["sources"]] == ["doc", "new-one"]


# drawdown actors


def test_actors_lists_shared_and_local_actors_with_where_they_are_defined(tmp_path: Path) -> None:
    local = textwrap.dedent(
        """
        [[actors]]
        id = "aide"
        name = "An aide"
        aliases = ["The aide", "Aide"]
        side = "gov"
        kind = "person"
        description = "An aide."
        """
    )
    path = write_corpus(tmp_path, scenario=SCENARIO + local)
    line = (SCENARIO + local).splitlines().index("[[actors]]") + 1
    text = drawdown("actors", cwd=tmp_path)
    assert text.returncode == 0, text.stderr
    lines = text.stdout.splitlines()
    assert lines[0].split() == ["id", "name", "aliases", "defined", "at"]
    assert lines[1].split("  ")[0] == "minister" and lines[1].endswith("scenarios/actors.toml:2")
    assert lines[2].startswith("aide ") and "The aide, Aide" in lines[2] and lines[2].endswith(f"scenarios/s1.toml:{line}")
    assert len({row.index("scenarios/") for row in lines[1:3]}) == 1  # aligned
    assert lines[-1] == "2 actors in ./"
    listed = json.loads(drawdown("actors", str(tmp_path / "scenarios"), "--format", "json", cwd=tmp_path.parent).stdout)
    assert [a["id"] for a in listed] == ["minister", "aide"]
    (tmp_path / "scenarios" / "broken.toml").write_text("format = 1\n[[actors]]\nid = 3\n", encoding="utf-8")
    partial = drawdown("actors", cwd=tmp_path)
    assert partial.returncode == 0 and partial.stdout == text.stdout
    assert partial.stderr == "not read, for their errors (see drawdown validate): scenarios/broken.toml\n"
    shown = str(path.relative_to(tmp_path.parent))
    assert listed[1] == {"id": "aide", "name": "An aide", "aliases": ["The aide", "Aide"], "path": shown, "line": line}


# drawdown new


def test_new_writes_the_schema_its_schema_line_names(tmp_path: Path) -> None:
    from tui.corpus.schema import schema_text

    write_corpus(tmp_path)
    result = drawdown("new", "s9", "--source", "doc", "--corpus", str(tmp_path))
    assert result.returncode == 0, result.stderr
    scenario = tmp_path / "scenarios" / "s9.toml"
    first = scenario.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("#:schema ")
    schema = (scenario.parent / first.removeprefix("#:schema ")).resolve()
    assert schema == (tmp_path / "docs" / "scenario.schema.json").resolve()
    assert schema.read_text(encoding="utf-8") == schema_text()
    assert "wrote docs/scenario.schema.json" in result.stdout


def test_new_never_overwrites_a_differing_schema_and_says_so(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "scenario.schema.json").write_text("{}\n", encoding="utf-8")
    result = drawdown("new", "s9", "--source", "doc", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "docs" / "scenario.schema.json").read_text(encoding="utf-8") == "{}\n"
    assert "left docs/scenario.schema.json as it is" in result.stdout
    again = drawdown("new", "s10", "--source", "doc", cwd=tmp_path)
    assert "left docs/scenario.schema.json" in again.stdout


# From a new file to a valid scenario, without copying a quote by hand.


def test_a_new_document_becomes_a_valid_scenario_end_to_end(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    (tmp_path / "minister.txt").write_text(NEW_DOCUMENT, encoding="utf-8")
    added = drawdown(
        "add-source", "minister.txt", "--id", "minister-2025", "--title", "Minister says troops stay",
        "--kind", "news", "--published", "2025-03-03", "--published-basis", "inferred", cwd=tmp_path,
    )
    assert added.returncode == 0, added.stderr
    new = drawdown("new", "2025-minister", "--source", "minister-2025", cwd=tmp_path / "scenarios")
    assert new.returncode == 0, new.stderr
    public = drawdown("quote", "minister-2025", "will stay until the work is done", cwd=tmp_path)
    aides = drawdown("quote", "minister-2025", "the troops would", cwd=tmp_path)  # said twice: needs a suffix
    assert public.returncode == aides.returncode == 0, public.stderr + aides.stderr
    assert aides.stdout.endswith(", suffix = \"stay.\" }\n")
    path = tmp_path / "scenarios" / "2025-minister.toml"
    text = path.read_text(encoding="utf-8")
    for placeholder, filled in (
        ("TODO: a short title", "The minister says the troops stay"),
        ("TODO: the question this scenario explores", "Do the troops stay?"),
        ("TODO: a neutral summary of what the document reports", "The minister says the troops stay."),
    ):
        text = text.replace(placeholder, filled)
    text += textwrap.dedent(
        """
        [[steps]]
        kind = "pressure"
        actor = "minister"
        stance = "public"
        summary = "The minister says the troops stay."
        quotes = [
          {public},
        ]

        [[steps]]
        kind = "event"
        summary = "Aides say the troops stay."
        quotes = [
          {aides},
        ]
        """
    ).format(public=public.stdout.strip(), aides=aides.stdout.strip())
    path.write_text(text, encoding="utf-8")
    result = drawdown("validate", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines()[-1].startswith("checked ./ (2 scenario files, 3 catalogs): 0 errors")
