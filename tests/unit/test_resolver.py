"""Which operations answer 501: only those whose handler module or function does not exist."""

from __future__ import annotations

from pathlib import Path

import pytest

from ex7.app import HandlersResolver
from handlers.not_implemented import not_implemented


@pytest.fixture
def fake_handlers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    package = tmp_path / "fakehandlers"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "ok.py").write_text("async def present(): ...\n")
    (package / "broken.py").write_text("import a_module_that_is_not_installed\n\nasync def present(): ...\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    return "fakehandlers"


def test_an_existing_handler_resolves_to_itself(fake_handlers: str) -> None:
    resolved = HandlersResolver(fake_handlers).resolve_function_from_operation_id(f"{fake_handlers}.ok.present")
    assert resolved.__name__ == "present" and resolved is not not_implemented


def test_a_missing_module_or_function_is_the_501_handler_and_is_listed(fake_handlers: str) -> None:
    resolver = HandlersResolver(fake_handlers)
    for operation in ("absent.anything", "ok.absent", "ok.absent"):
        assert resolver.resolve_function_from_operation_id(f"{fake_handlers}.{operation}") is not_implemented
    assert resolver.not_implemented == ["absent.anything", "ok.absent"]


def test_an_import_error_inside_a_handler_module_fails_loudly(fake_handlers: str) -> None:
    # Connexion's own resolver turns this into "cannot resolve", which a 501 fallback would hide.
    with pytest.raises(ModuleNotFoundError, match="a_module_that_is_not_installed"):
        HandlersResolver(fake_handlers).resolve_function_from_operation_id(f"{fake_handlers}.broken.present")
