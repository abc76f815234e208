"""CI's SDK drift check (tools/generate_sdk.py --check) passes on the committed SDK and fails, with the diff,
on one that is not what the contract generates: a hand edit, a file left over, a file missing."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest
import yaml

from tools import generate_sdk


def test_the_drift_check_fails_on_every_kind_of_drift(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert generate_sdk.check() == 0, capsys.readouterr().out  # the committed SDK is current
    copy = tmp_path / "ex7_client"
    shutil.copytree(generate_sdk.PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    client = copy / "client.py"
    client.write_text(client.read_text().replace("class Client", "class EditedClient", 1))
    (copy / "models" / "leftover.py").write_text("X = 1\n")
    (copy / "types.py").unlink()
    capsys.readouterr()
    assert generate_sdk.check(copy) == 1
    out = capsys.readouterr().out
    assert "+class Client" in out and "-class EditedClient" in out
    assert "ex7_client/models/leftover.py (committed)" in out and "ex7_client/types.py (fresh)" in out
    assert "run `python tools/generate_sdk.py`" in out


def test_the_sdk_is_versioned_as_the_contract_it_is_generated_from() -> None:
    contract = yaml.safe_load(generate_sdk.SPEC.read_text())["info"]["version"]
    sdk = tomllib.loads((generate_sdk.CLIENTS / "pyproject.toml").read_text())["project"]["version"]
    assert sdk == contract, "clients/python/pyproject.toml's version must be the contract's info.version"
