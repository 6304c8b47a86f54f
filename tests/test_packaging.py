"""A plain, non-editable install carries the bundled corpus and validates it from any directory."""

from __future__ import annotations

import os
import site
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _site_packages() -> list[str]:
    """Where this interpreter finds its installed packages: a venv's own, or the system's."""
    paths = [sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"], *site.getsitepackages()]
    return list(dict.fromkeys(p for p in paths if Path(p).is_dir()))


def test_wheel_install_validates_bundled_corpus(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(dist), str(REPO)],
        check=True,
        timeout=600,
    )
    [wheel] = dist.glob("drawdown-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "tui/bundled/scenarios/2020-expulsion-vote.toml" in names
    assert "tui/bundled/seeds/sources.toml" in names
    assert "tui/bundled/seeds/2020-time-mahdi-delay.txt" in names

    # The environment sees this interpreter's packages (textual, pydantic...) but installs its own drawdown.
    # Not `system_site_packages`: inside a virtual environment that exposes the base interpreter, not
    # the venv the dependencies were installed into. A .pth file of plain paths adds the running
    # interpreter's site-packages after the new environment's own, and (unlike site.addsitedir) runs
    # none of their .pth files, so an editable install of this checkout stays out of the way.
    env_dir = tmp_path / "env"
    venv.create(env_dir, system_site_packages=False, with_pip=False)
    python = env_dir / "bin" / "python"
    [own_site] = (env_dir / "lib").glob("python*/site-packages")
    (own_site / "_host_packages.pth").write_text("\n".join(_site_packages()) + "\n", encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--quiet", str(wheel)],
        check=True,
        timeout=600,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # A PYTHONPATH pointing at a checkout would shadow the installed package.
    clean_env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run(
        [str(env_dir / "bin" / "drawdown"), "validate"], capture_output=True, text=True, cwd=elsewhere, timeout=120, env=clean_env
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("0 errors, 0 warnings")
    where = subprocess.run(
        [str(python), "-c", "import tui.corpus.bundled as b; print(b.bundled_root())"],
        capture_output=True, text=True, cwd=elsewhere, check=True, env=clean_env,
    ).stdout.strip()
    assert where.startswith(str(env_dir)) and where.endswith("tui/bundled"), where
