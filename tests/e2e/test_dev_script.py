"""`./dev serve`'s own logic, with a stand-in for python3 so that nothing is installed (.ci/run runs the
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


def _checkout(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    for name in ("dev", "pyproject.toml", "tox.ini"):
        shutil.copy2(ROOT / name, tmp_path / name)
    fake = tmp_path / "fake-python3"
    fake.write_text(FAKE_PYTHON)
    fake.chmod(0o755)
    return tmp_path / "dev", {**os.environ, "PYTHON": str(fake)}


def test_serve_replaces_a_venv_redirect_file_left_by_tox(tmp_path: Path) -> None:
    dev, env = _checkout(tmp_path)
    (tmp_path / ".venv").write_text(".tox/ci\n")  # what tox 4.67 writes after `./dev test`
    first = subprocess.run([str(dev), "serve", "--port", "9"], env=env, capture_output=True, text=True, timeout=60)
    assert first.returncode == 0, first.stderr
    lines = first.stdout.splitlines()
    assert [line for line in lines if "redirect" in line] == [
        "==> .venv is a redirect file left by tox (to .tox/ci); replacing it with EX7's own venv"]
    assert lines[-1] == "ex7 serve --port 9"
    assert (tmp_path / ".venv").is_dir()
    # Installed once: the next run neither replaces nor installs anything.
    again = subprocess.run([str(dev), "serve"], env=env, capture_output=True, text=True, timeout=60)
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines() == ["ex7 serve"]


def test_serve_leaves_a_venv_symlink_alone(tmp_path: Path) -> None:
    dev, env = _checkout(tmp_path)
    elsewhere = tmp_path / "my-venv"
    elsewhere.mkdir()
    (tmp_path / ".venv").symlink_to(elsewhere, target_is_directory=True)
    result = subprocess.run([str(dev), "serve"], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "redirect" not in result.stdout
    assert (tmp_path / ".venv").is_symlink() and (elsewhere / "bin" / "ex7").exists()
