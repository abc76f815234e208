"""Generate the Python SDK (clients/python/ex7_client) from the contract, or check that it is current.

    python tools/generate_sdk.py          regenerate clients/python/ex7_client
    python tools/generate_sdk.py --check  fail, with a diff, when the committed SDK is not what the
                                          contract generates (CI's drift check, like check_generated.py)

openapi-python-client (pinned in pyproject.toml) reads its settings from
clients/python/openapi-python-client.yaml; the hand-written layer (clients/python/ex7_sdk) is beside the
generated package, never inside it, so regenerating never touches it.
"""

from __future__ import annotations

import difflib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi" / "openapi.yaml"
CLIENTS = ROOT / "clients" / "python"
CONFIG = CLIENTS / "openapi-python-client.yaml"
PACKAGE = CLIENTS / "ex7_client"


def generate(into: Path) -> None:
    bin_dir = Path(sys.executable).parent  # the generator and the ruff of its post hooks, from this env
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    subprocess.run(
        [str(bin_dir / "openapi-python-client"), "generate", "--path", str(SPEC), "--config", str(CONFIG),
         "--meta", "none", "--output-path", str(into), "--overwrite"],
        check=True, env=env, stdout=subprocess.DEVNULL,
    )


def tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): p.read_text() for p in sorted(folder.rglob("*"))
            if p.is_file() and "__pycache__" not in p.parts}


def check(package: Path = PACKAGE) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        fresh_dir = Path(tmp) / "ex7_client"
        generate(fresh_dir)
        fresh, committed = tree(fresh_dir), tree(package) if package.is_dir() else {}
    if fresh == committed:
        print(f"SDK up to date ({len(fresh)} files in clients/python/ex7_client)")
        return 0
    for name in sorted(fresh.keys() | committed.keys()):
        old, new = committed.get(name, ""), fresh.get(name, "")
        if old != new:
            sys.stdout.writelines(difflib.unified_diff(old.splitlines(True), new.splitlines(True),
                                                       f"ex7_client/{name} (committed)", f"ex7_client/{name} (fresh)"))
    print("\nclients/python/ex7_client is out of date: run `python tools/generate_sdk.py` and commit the result.")
    return 1


def main(argv: list[str]) -> int:
    if argv == ["--check"]:
        return check()
    if argv:
        print(__doc__, file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        generate(Path(tmp) / "ex7_client")
        shutil.rmtree(PACKAGE, ignore_errors=True)
        shutil.copytree(Path(tmp) / "ex7_client", PACKAGE)
    print(f"generated {PACKAGE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
