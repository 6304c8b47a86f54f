"""The command line as a user runs it: exit codes, output formats, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from corpus_builder import SCENARIO, write_corpus

REPO = Path(__file__).resolve().parent.parent


def drawdown(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args], capture_output=True, text=True, cwd=cwd or REPO, timeout=120
    )


def test_validate_bundled_corpus_is_clean() -> None:
    result = drawdown("validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("0 errors, 0 warnings"), result.stdout


def test_validate_reports_errors_with_exit_1_and_no_traceback(tmp_path: Path) -> None:
    write_corpus(tmp_path, scenario=SCENARIO.replace('stance = "public"', 'stance = "secret"'))
    (tmp_path / "scenarios" / "broken.toml").write_bytes(b"\xff\xfe")
    result = drawdown("validate", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stdout.splitlines()
    assert lines[0].startswith("scenarios/broken.toml:1:1: error: file is not valid UTF-8")
    line = SCENARIO[: SCENARIO.index('stance = "public"')].count("\n") + 1
    assert lines[1].startswith(f"scenarios/s1.toml:{line}:10: error: step 1 stance must be 'public', 'private' or 'reported'; got 'secret'")
    assert lines[-1] == "checked ./ (2 scenario files, 3 catalogs): 2 errors, 0 warnings"


def test_validate_json(tmp_path: Path) -> None:
    write_corpus(tmp_path, scenario=SCENARIO.replace('actor = "minister"', 'actor = "nobody"'))
    result = drawdown("validate", "--format", "json", str(tmp_path / "scenarios" / "s1.toml"), cwd=tmp_path)
    assert result.returncode == 1
    [item] = json.loads(result.stdout)
    assert item == {
        "path": "scenarios/s1.toml",
        "line": SCENARIO[: SCENARIO.index('actor = "minister"')].count("\n") + 1,
        "col": len('actor = "'),
        "severity": "error",
        "code": "unknown-id",
        "message": "unknown actor 'nobody'; actors are defined in scenarios/actors.toml or in an [[actors]] table of this file",
    }


def test_validate_missing_path() -> None:
    result = drawdown("validate", "no/such/file.toml")
    assert result.returncode == 1
    assert "no/such/file.toml:1:1: error: no such file or directory" in result.stdout


def test_validate_does_not_import_textual() -> None:
    code = (
        "import sys; from tui.cli import main; rc = main(['validate']); "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')); "
        "print(bad); sys.exit(rc)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_version() -> None:
    from tui import __version__

    result = drawdown("--version")
    assert result.stdout.strip() == f"drawdown {__version__}"


def test_schema_prints_json_schema() -> None:
    schema = json.loads(drawdown("schema").stdout)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert schema["additionalProperties"]["allOf"] == [False]  # an unknown key is refused, at the key
    assert set(schema["properties"]) == {"format", "scenario", "options", "steps", "figures", "actors", "series"}


def test_new_writes_a_skeleton_that_validates_and_never_overwrites(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    result = drawdown("new", "s9", "--source", "doc", "--corpus", str(tmp_path))
    assert result.returncode == 0, result.stderr
    path = tmp_path / "scenarios" / "s9.toml"
    text = path.read_text(encoding="utf-8")
    assert "Headline of the test document" in text
    assert drawdown("validate", str(path)).returncode == 0
    path.write_text(text + "# my edits\n", encoding="utf-8")
    again = drawdown("new", "s9", "--source", "doc", "--corpus", str(tmp_path))
    assert again.returncode == 1 and "already exists" in again.stderr
    assert path.read_text(encoding="utf-8").endswith("# my edits\n")


def test_new_refuses_unknown_source(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    result = drawdown("new", "s9", "--source", "nope", "--corpus", str(tmp_path))
    assert result.returncode == 1 and "unknown source 'nope'" in result.stderr
    assert not (tmp_path / "scenarios" / "s9.toml").exists()


def test_explorer_on_a_missing_corpus_is_a_clear_error(tmp_path: Path) -> None:
    result = drawdown(str(tmp_path / "nowhere"))
    assert result.returncode == 1
    assert "no such file or directory" in result.stderr and "Traceback" not in result.stderr


CRASHING_EXPLORER = """
import sys
from tui import cli
from tui.app import DrawdownApp

def crash(self):
    raise RuntimeError("a deliberate crash")

started = DrawdownApp.on_mount
if "--quit" in sys.argv:  # the same run, quitting cleanly once started
    DrawdownApp.on_mount = lambda self: (started(self), self.set_timer(1.0, self.exit))
else:  # the explorer fails as it starts, as a bug would
    DrawdownApp.on_mount = crash
sys.exit(cli.main([]))
"""


def test_the_explorer_exits_non_zero_after_a_crash(tmp_path: Path) -> None:
    env = {**os.environ, "DRAWDOWN_CONFIG_DIR": str(tmp_path)}  # not the reader's own settings
    run = lambda *extra: subprocess.run(  # noqa: E731
        [sys.executable, "-c", CRASHING_EXPLORER, *extra], capture_output=True, text=True, cwd=REPO, timeout=120,
        stdin=subprocess.DEVNULL, env=env,
    )
    crashed = run()
    assert "a deliberate crash" in crashed.stdout + crashed.stderr
    assert crashed.returncode == 1
    quit_cleanly = run("--quit")
    assert quit_cleanly.returncode == 0, quit_cleanly.stdout[-2000:] + quit_cleanly.stderr[-2000:]


def test_lsp_is_a_command_with_help() -> None:
    listed = drawdown("--help")
    assert "lsp" in " ".join(listed.stdout.split("Other commands:")[1].split())
    result = drawdown("lsp", "--help")
    assert result.returncode == 0, result.stderr
    assert "Language Server Protocol" in result.stdout and "docs/editors.md" in result.stdout
