"""Fail when generated/models.py is not exactly what the contract generates (CI's drift check).

Also validates the contract with openapi-spec-validator first, since a broken contract can still
generate models.
"""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
from openapi_spec_validator import validate

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = ROOT / "generated" / "models.py"


def main() -> int:
    validate(yaml.safe_load((ROOT / "openapi" / "openapi.yaml").read_text()))
    # Inside the project, so the formatter reads the same configuration (pyproject.toml) as `tox -e generate`.
    with tempfile.TemporaryDirectory(dir=ROOT / "generated") as tmp:
        fresh = Path(tmp) / "models.py"
        # Flags come from [tool.datamodel-codegen] in pyproject.toml; only the output is redirected.
        codegen = Path(sys.executable).parent / "datamodel-codegen"  # the one installed beside this Python
        # Its ~90 warnings that pydantic cannot hold a string bound on a UUID, datetime or URL field are
        # expected (the contract's bounds are for other clients; the types bound those fields) and drown the log.
        quiet = "ignore:Pydantic does not take:UserWarning,ignore:fields holding AnyUrl:UserWarning"
        subprocess.run([str(codegen), "--output", str(fresh)], cwd=ROOT, check=True,
                       env={**os.environ, "PYTHONWARNINGS": quiet})
        expected, actual = fresh.read_text(), COMMITTED.read_text()
    if expected != actual:
        sys.stdout.writelines(difflib.unified_diff(actual.splitlines(True), expected.splitlines(True),
                                                   "generated/models.py (committed)", "generated/models.py (fresh)"))
        print("\ngenerated/models.py is out of date: run `tox -e generate` and commit the result.")
        return 1
    print("contract valid; generated models up to date")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
