"""The suite's own layout: shared helpers live in tests/support/, and no module under tests/ imports a
test module or conftest (that would collect its tests again and tie unrelated files together)."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
FORBIDDEN = ("tests.unit", "tests.integration", "tests.e2e", "tests.contract", "tests.conftest")


def _forbidden(module: str) -> bool:
    return any(module == f or module.startswith(f + ".") for f in FORBIDDEN)


def forbidden_imports(source: str, module: str, *, is_package: bool = False) -> list[str]:
    """The modules under FORBIDDEN that `source` (the module named `module`) imports, in any form:
    `import x`, `from x import y`, `from x import module`, relative imports, `importlib.import_module("x")`."""
    package = module if is_package else module.rpartition(".")[0]
    found: list[str] = []
    for n in ast.walk(ast.parse(source)):
        targets: list[str] = []
        if isinstance(n, ast.Import):
            targets = [alias.name for alias in n.names]
        elif isinstance(n, ast.ImportFrom):
            base = n.module or ""
            if n.level:
                parts = package.split(".")
                anchor = ".".join(parts[:len(parts) - (n.level - 1)])
                base = f"{anchor}.{base}" if base else anchor
            # `from tests import conftest` imports tests.conftest.
            targets = [base] if _forbidden(base) else [f"{base}.{alias.name}" for alias in n.names]
        elif (isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute | ast.Name)
              and (n.func.attr if isinstance(n.func, ast.Attribute) else n.func.id) in ("import_module", "__import__")
              and n.args and isinstance(n.args[0], ast.Constant) and isinstance(n.args[0].value, str)):
            targets = [n.args[0].value]
        found += [t for t in targets if _forbidden(t)]
    return sorted(set(found))


def test_no_module_under_tests_imports_a_test_module_or_conftest() -> None:
    # The scan sees every form of import (else the check below would pass for the wrong reason)...
    samples = {
        "from tests.integration.test_errors import assert_problem": ["tests.integration.test_errors"],
        "import tests.unit.test_engine": ["tests.unit.test_engine"],
        "import os, tests.e2e.test_cli as cli": ["tests.e2e.test_cli"],
        "from tests import conftest": ["tests.conftest"],
        "from tests.conftest import make_settings": ["tests.conftest"],
        "from .test_cli import EX7": ["tests.e2e.test_cli"],
        "from . import helpers": ["tests.e2e"],
        "from ..contract import test_schemathesis": ["tests.contract"],
        "def f():\n    from tests.unit.test_engine import bars": ["tests.unit.test_engine"],
        "importlib.import_module('tests.unit.test_engine')": ["tests.unit.test_engine"],
        "from tests.support.graphs import sma_crossover\nimport tests.support.users": [],
        "from tests.unit_helpers import x\nfrom tests import support": [],
    }
    for source, expected in samples.items():
        assert forbidden_imports(source, "tests.e2e.test_bars_cli") == expected, source
    assert forbidden_imports("from . import graphs", "tests.support", is_package=True) == []
    assert forbidden_imports("from .. import conftest", "tests.support", is_package=True) == ["tests.conftest"]
    assert forbidden_imports("from ..conftest import x", "tests.support.db") == ["tests.conftest"]

    # ...and no file under tests/ has any.
    checked, offenders = 0, {}
    for path in sorted(TESTS.rglob("*.py")):
        rel = path.relative_to(TESTS.parent)
        is_package = path.name == "__init__.py"
        module = ".".join(rel.parent.parts if is_package else rel.with_suffix("").parts)
        found = forbidden_imports(path.read_text(encoding="utf-8"), module, is_package=is_package)
        if found:
            offenders[str(rel)] = found
        checked += 1
    assert checked > 30 and (TESTS / "conftest.py").exists() and (TESTS / "support" / "__init__.py").exists()
    assert offenders == {}, f"import helpers from tests.support instead: {offenders}"
