"""Files that are not what they seem: pipes, devices, links out of seeds/, missing documents, names in NFD.

Each is reported as `path:line:col: error: ... [code]` and costs only itself; nothing blocks
or reads without end. The checks that could hang without the fix run `drawdown validate` in a
child process with a timeout, so a regression fails instead of stalling the suite.
"""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from corpus_builder import DOCUMENT, write_corpus
from tui.corpus.load import load_corpus

REPO = Path(__file__).resolve().parent.parent
HANG = 60  # seconds: far beyond a check of this corpus, well short of forever


def validate(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", "validate", str(root)], capture_output=True, text=True, cwd=root, timeout=HANG
    )


def errors(root: Path) -> list[str]:
    return [d.format() for d in load_corpus(root).diagnostics if d.is_error]


def replace_with_fifo(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


def test_read_regular_reads_a_file_and_refuses_a_pipe(tmp_path: Path) -> None:
    from tui.corpus.regular_file import ReadRefused, read_regular

    (tmp_path / "a.txt").write_bytes(b"abc")
    assert read_regular(tmp_path / "a.txt", 3) == b"abc"
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(ReadRefused) as refused:
        read_regular(tmp_path / "pipe", 10)
    assert refused.value.code == "not-a-regular-file"


def test_the_limit_is_on_what_is_read_not_on_what_stat_says(tmp_path: Path) -> None:
    from tui.corpus.regular_file import ReadRefused, read_regular

    # /proc files say they are 0 bytes long and are regular files: the read itself must stop.
    path = Path("/proc/self/maps")
    if not path.exists():
        pytest.skip("no /proc on this system")
    with pytest.raises(ReadRefused) as refused:
        read_regular(path, 10)
    assert refused.value.code == "file-too-large"


def test_a_pipe_in_place_of_a_document_is_reported_not_waited_on(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    replace_with_fifo(tmp_path / "seeds" / "doc.txt")
    result = validate(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "seeds/sources.toml:4:8: error: seeds/doc.txt is a named pipe (FIFO), not a regular file" in result.stdout
    assert "[not-a-regular-file]" in result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("name", ["scenarios/s1.toml", "scenarios/actors.toml", "scenarios/series.toml", "seeds/sources.toml"])
def test_a_pipe_in_place_of_a_scenario_or_catalog_is_reported(tmp_path: Path, name: str) -> None:
    write_corpus(tmp_path)
    replace_with_fifo(tmp_path / name)
    result = validate(tmp_path)
    assert result.returncode == 1
    assert f"{name}:1:1: error: file is a named pipe (FIFO), not a regular file; only regular files are read [not-a-regular-file]" in result.stdout


def test_a_pipe_named_on_the_command_line_is_reported(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    os.mkfifo(tmp_path / "scenarios" / "pipe.toml")
    result = subprocess.run(
        [sys.executable, "-m", "tui", "validate", "scenarios/pipe.toml"], capture_output=True, text=True, cwd=tmp_path, timeout=HANG
    )
    assert "scenarios/pipe.toml:1:1: error: file is a named pipe (FIFO)" in result.stdout


def test_a_link_to_a_device_is_refused(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    document = tmp_path / "seeds" / "doc.txt"
    document.unlink()
    document.symlink_to("/dev/zero")
    result = validate(tmp_path)
    assert result.returncode == 1
    assert "seeds/doc.txt is a symbolic link that leads out of seeds/ (to /dev/zero)" in result.stdout
    assert "[outside-seeds]" in result.stdout


def test_a_link_to_a_device_inside_seeds_is_refused_for_what_it_is(tmp_path: Path) -> None:
    # The kind of file is checked on what a link leads to: a pipe inside seeds/ is still a pipe.
    write_corpus(tmp_path)
    os.mkfifo(tmp_path / "seeds" / "pipe")
    document = tmp_path / "seeds" / "doc.txt"
    document.unlink()
    document.symlink_to("pipe")
    assert any("seeds/doc.txt is a named pipe (FIFO)" in line for line in errors(tmp_path))


@pytest.mark.skipif(os.geteuid() != 0, reason="mknod needs root")
def test_a_device_in_place_of_a_document_is_not_read(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    document = tmp_path / "seeds" / "doc.txt"
    document.unlink()
    os.mknod(document, 0o644 | 0o020000, os.makedev(1, 5))  # a character device: /dev/zero
    result = validate(tmp_path)
    assert "seeds/doc.txt is a character device, not a regular file" in result.stdout


def test_a_scenario_linked_to_a_device_is_named_where_the_link_is(tmp_path: Path) -> None:
    # Named as its neighbours are, relative to where validate runs: it was the only absolute path.
    write_corpus(tmp_path)
    (tmp_path / "scenarios" / "zero.toml").symlink_to("/dev/zero")
    result = validate(tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any(line.startswith("scenarios/zero.toml:1:1: error: file is a character device") for line in lines), result.stdout
    assert str(tmp_path) not in result.stdout


def test_a_pipe_in_scenarios_is_listed_not_skipped(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    os.mkfifo(tmp_path / "scenarios" / "pipe.toml")
    assert any(line.startswith(str(tmp_path / "scenarios" / "pipe.toml") + ":1:1:") or "scenarios/pipe.toml:1:1:" in line for line in errors(tmp_path))


def test_a_link_that_stays_inside_seeds_is_followed(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    (tmp_path / "seeds" / "real").mkdir()
    (tmp_path / "seeds" / "doc.txt").rename(tmp_path / "seeds" / "real" / "doc.txt")
    (tmp_path / "seeds" / "doc.txt").symlink_to(Path("real") / "doc.txt")
    assert errors(tmp_path) == []


def test_a_link_out_of_seeds_is_refused(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    outside = tmp_path / "elsewhere.txt"
    (tmp_path / "seeds" / "doc.txt").rename(outside)
    (tmp_path / "seeds" / "doc.txt").symlink_to(outside)
    found = errors(tmp_path)
    assert any("seeds/sources.toml:4:8:" in line and "leads out of seeds/" in line and "[outside-seeds]" in line for line in found), found


@pytest.mark.parametrize("break_it", ["missing", "fifo", "outside"])
def test_every_quote_of_an_unreadable_document_says_it_was_not_checked(tmp_path: Path, break_it: str) -> None:
    write_corpus(tmp_path)
    document = tmp_path / "seeds" / "doc.txt"
    document.unlink()
    if break_it == "fifo":
        os.mkfifo(document)
    elif break_it == "outside":
        (tmp_path / "outside.txt").write_text(DOCUMENT, encoding="utf-8")
        document.symlink_to(tmp_path / "outside.txt")
    corpus = load_corpus(tmp_path)
    [entry] = corpus.scenarios
    unchecked = [d for d in entry.diagnostics if d.code == "quote-unchecked"]
    assert len(unchecked) == 2  # the step's quote and the figure's
    assert all(d.is_error and "quote not checked: its document seeds/doc.txt cannot be read" in d.message for d in unchecked)
    # Still shown (marked as unchecked), with its quotes unlocated.
    assert entry.scenario is not None
    assert entry.scenario.steps[0].quotes[0].span is None
    assert corpus.sources["doc"].problem


def test_a_document_named_in_nfd_on_disk_is_found(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    nfc = unicodedata.normalize("NFC", "café.txt")
    nfd = unicodedata.normalize("NFD", nfc)
    (tmp_path / "seeds" / "doc.txt").rename(tmp_path / "seeds" / nfd)
    catalog = tmp_path / "seeds" / "sources.toml"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace('file = "doc.txt"', f'file = "{nfc}"'), encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert [d.format() for d in corpus.diagnostics if d.is_error] == []
    assert corpus.sources["doc"].text == DOCUMENT


def drawdown_in(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True, cwd=root, timeout=HANG)


def test_actors_with_a_pipe_for_the_actors_catalog_reports_it(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    replace_with_fifo(tmp_path / "scenarios" / "actors.toml")
    result = drawdown_in(tmp_path, "actors")
    assert "Traceback" not in result.stderr


def test_add_source_with_a_pipe_for_the_catalog_refuses(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    replace_with_fifo(tmp_path / "seeds" / "sources.toml")
    (tmp_path / "new.txt").write_text("A new document.\n", encoding="utf-8")
    result = drawdown_in(tmp_path, "add-source", "new.txt", "--id", "new", "--title", "New", "--kind", "news")
    assert result.returncode != 0
    assert "named pipe (FIFO)" in result.stderr
    assert not (tmp_path / "seeds" / "new.txt").exists()


@pytest.mark.parametrize("catalog", ["seeds/sources.toml", "scenarios/actors.toml", "scenarios/series.toml"])
def test_a_catalog_named_on_the_command_line_is_checked_as_a_catalog(tmp_path: Path, catalog: str) -> None:
    # seeds/sources.toml was once checked as a scenario file: "missing required key 'scenario'" and more.
    write_corpus(tmp_path)
    result = subprocess.run([sys.executable, "-m", "tui", "validate", catalog], capture_output=True, text=True, cwd=tmp_path, timeout=HANG)
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().endswith("0 errors, 0 warnings")


def test_a_pipe_beside_the_file_checked_is_not_waited_on(tmp_path: Path) -> None:
    # Checking one file reads the other scenarios' local actors: a pipe among them must not block it.
    write_corpus(tmp_path)
    os.mkfifo(tmp_path / "scenarios" / "pipe.toml")
    result = subprocess.run([sys.executable, "-m", "tui", "validate", "scenarios/s1.toml"], capture_output=True, text=True, cwd=tmp_path, timeout=20)
    assert result.returncode == 0, result.stdout + result.stderr
