"""pyproject.toml builds without deprecation warnings on current setuptools."""

from __future__ import annotations

import tomllib
from pathlib import Path

from packaging.licenses import canonicalize_license_expression
from packaging.requirements import Requirement

PYPROJECT = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text())


def test_license_is_an_spdx_expression_and_the_build_backend_understands_it() -> None:
    # The TOML-table form ({text = ...}) is deprecated by setuptools (PEP 639) and warns on every build.
    license_ = PYPROJECT["project"]["license"]
    assert isinstance(license_, str), "project.license must be an SPDX string, not a table"
    assert canonicalize_license_expression(license_) == license_
    # setuptools reads the string form from 77.0 on: the floor must guarantee it.
    [setuptools] = [Requirement(r) for r in PYPROJECT["build-system"]["requires"]
                    if Requirement(r).name == "setuptools"]
    floors = [s.version for s in setuptools.specifier if s.operator in (">=", "==", "~=")]
    assert floors, "setuptools needs a lower bound"
    assert int(floors[0].split(".")[0]) >= 77
