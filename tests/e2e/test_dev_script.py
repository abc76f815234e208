"""`./dev serve`'s own logic, with stand-ins for python3 and npm so that nothing is installed (.ci/run runs the
real thing on a clean clone, in both orders' worth: `./dev test` then `./dev serve`)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).parents[2]

# Stands for python3: `-m venv DIR` makes DIR/bin/python (pip: nothing to do) and DIR/bin/ex7 (echoes).
FAKE_PYTHON = """#!/usr/bin/env bash
set -euo pipefail
if [[ $1 == -m && $2 == venv ]]; then
    mkdir -p "$3/bin"
    printf '#!/usr/bin/env bash\\nexit 0\\n' > "$3/bin/python"
    printf '#!/usr/bin/env bash\\necho "ex7 $*"\\n' > "$3/bin/ex7"
    chmod +x "$3/bin/python" "$3/bin/ex7"
fi
"""


# Stands for npm: `npm ci` makes node_modules and says so in npm.log.
FAKE_NPM = """#!/usr/bin/env bash
set -euo pipefail
echo "npm $*" >> npm.log
mkdir -p node_modules
"""

# What dev runs besides the stand-ins, for a PATH without npm (see test_serve_without_npm_still_serves).
TOOLS = ("bash", "env", "cat", "cmp", "cp", "cut", "head", "rm", "mkdir", "chmod", "sha256sum", "dirname", "id")


def _checkout(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    for name in ("dev", "pyproject.toml", "tox.ini", "package-lock.json"):
        shutil.copy2(ROOT / name, tmp_path / name)
    fake = tmp_path / "fake-python3"
    fake.write_text(FAKE_PYTHON)
    fake.chmod(0o755)
    bin_dir = tmp_path / "fake-bin"
    bin_dir.mkdir()
    (bin_dir / "npm").write_text(FAKE_NPM)
    (bin_dir / "npm").chmod(0o755)
    return tmp_path / "dev", {**os.environ, "PYTHON": str(fake), "PATH": f"{bin_dir}:{os.environ['PATH']}"}


def test_serve_replaces_a_venv_redirect_file_left_by_tox(tmp_path: Path) -> None:
    dev, env = _checkout(tmp_path)
    (tmp_path / ".venv").write_text(".tox/ci\n")  # what tox 4.67 writes after `./dev test`
    first = subprocess.run([str(dev), "serve", "--port", "9"], env=env, capture_output=True, text=True, timeout=60)
    assert first.returncode == 0, first.stderr
    lines = first.stdout.splitlines()
    assert [line for line in lines if "redirect" in line] == [
        "==> .venv is a redirect file left by tox (to .tox/ci); replacing it with EX7's own venv"]
    # The docs site is built (when stale) before the server starts.
    assert lines[-2:] == ["ex7 docs build --if-stale", "ex7 serve --port 9"]
    assert (tmp_path / ".venv").is_dir()
    assert (tmp_path / "npm.log").read_text().splitlines() == ["npm ci --no-audit --no-fund --loglevel=error"]
    # Installed once: the next run neither replaces nor installs anything.
    again = subprocess.run([str(dev), "serve"], env=env, capture_output=True, text=True, timeout=60)
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines() == ["ex7 docs build --if-stale", "ex7 serve"]
    assert len((tmp_path / "npm.log").read_text().splitlines()) == 1


def test_serve_leaves_a_venv_symlink_alone(tmp_path: Path) -> None:
    dev, env = _checkout(tmp_path)
    elsewhere = tmp_path / "my-venv"
    elsewhere.mkdir()
    (tmp_path / ".venv").symlink_to(elsewhere, target_is_directory=True)
    result = subprocess.run([str(dev), "serve"], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "redirect" not in result.stdout
    assert (tmp_path / ".venv").is_symlink() and (elsewhere / "bin" / "ex7").exists()


def test_serve_without_npm_still_serves(tmp_path: Path) -> None:
    dev, env = _checkout(tmp_path)
    only = tmp_path / "only-bin"  # the tools dev needs, and no npm
    only.mkdir()
    for tool in TOOLS:
        found = shutil.which(tool)
        assert found, tool
        (only / tool).symlink_to(found)
    result = subprocess.run([str(dev), "serve"], env={**env, "PATH": str(only)}, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert "npm not found" in result.stderr
    assert result.stdout.splitlines()[-1] == "ex7 serve"  # no docs build, but the API serves


def test_serve_goes_on_when_the_docs_build_fails(tmp_path: Path) -> None:
    dev, env = _checkout(tmp_path)
    assert subprocess.run([str(dev), "serve"], env=env, capture_output=True, timeout=60).returncode == 0
    (tmp_path / ".venv" / "bin" / "ex7").write_text(
        '#!/usr/bin/env bash\nif [[ $1 == docs ]]; then echo "ex7 docs build: npx not found" >&2; exit 1; fi\n'
        'echo "ex7 $*"\n')
    result = subprocess.run([str(dev), "serve"], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "the docs site did not build; /docs says how to build it" in result.stderr
    assert result.stdout.splitlines() == ["ex7 serve"]
