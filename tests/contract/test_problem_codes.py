"""Every problem code the server can send is in the contract's Problem.code, and every code there is one
the server can send.

What the server can send: the `code` of every DomainError class (each failure its class) and the web
layer's own codes (ex7.problems.WEB_CODES). A scan of the sources makes sure no code is written as
a literal outside those two places.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

import db
import domain
import ex7
import handlers
import services
from domain.errors import DomainError
from ex7.problems import WEB_CODES

ROOT = Path(__file__).resolve().parents[2]
SPEC = yaml.safe_load((ROOT / "openapi" / "openapi.yaml").read_text())
CONTRACT_CODES = set(SPEC["components"]["schemas"]["Problem"]["properties"]["code"]["enum"])


def _import_everything() -> None:
    for package in (domain, db, services, handlers, ex7):
        for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            importlib.import_module(module.name)


def _subclasses(cls: type) -> Iterator[type]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def domain_codes() -> set[str]:
    _import_everything()
    return {DomainError.code, *(c.code for c in _subclasses(DomainError))}


def test_the_contract_lists_exactly_the_codes_the_server_can_send() -> None:
    sendable = domain_codes() | WEB_CODES
    assert sendable - CONTRACT_CODES == set(), "sent but not in the contract's Problem.code"
    assert CONTRACT_CODES - sendable == set(), "in the contract but nothing sends it"


def _literal_codes(path: Path) -> Iterator[tuple[int, str]]:
    """String literals given as `code=...` or as a dict's "code" in a module."""
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg == "code" and isinstance(node.value, ast.Constant):
            yield node.lineno, str(node.value.value)
        if isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if (isinstance(key, ast.Constant) and key.value == "code" and isinstance(value, ast.Constant)
                        and isinstance(value.value, str)):
                    yield key.lineno, value.value


def test_no_code_is_sent_that_the_contract_does_not_list() -> None:
    found = []
    for folder in ("ex7", "handlers", "services", "db"):
        for path in (ROOT / folder).rglob("*.py"):
            found += [(f"{path.relative_to(ROOT)}:{line}", code) for line, code in _literal_codes(path)
                      if code not in CONTRACT_CODES]
    assert found == []


def test_domain_errors_name_their_code_on_the_class() -> None:
    # One code per failure: no raise site overrides it (the keyword is gone from DomainError).
    found = []
    for path in (ROOT / "domain").rglob("*.py"):
        found += [f"{path.relative_to(ROOT)}:{line} code={code!r}" for line, code in _literal_codes(path)
                  if code not in ("loc",)]
    # Graph issue codes and live-check failure codes are data inside problems, not problem codes.
    issue_codes = set(SPEC["components"]["schemas"]["GraphValidationError"]["properties"]["code"]["enum"])
    failure_codes = set(SPEC["components"]["schemas"]["LivePromotionFailure"]["properties"]["code"]["enum"])
    assert [f for f in found if f.rsplit("=", 1)[1].strip("'") not in issue_codes | failure_codes] == []


def _problem_examples(item: Any) -> Iterator[dict[str, Any]]:
    if isinstance(item, dict):
        if "code" in item and "status" in item and "title" in item and isinstance(item["code"], str):
            yield item
        for value in item.values():
            yield from _problem_examples(value)
    elif isinstance(item, list):
        for value in item:
            yield from _problem_examples(value)


def _implemented(operation_id: str) -> bool:
    module_name, _, function = f"handlers.{operation_id}".rpartition(".")
    return hasattr(importlib.import_module(module_name), function) if importlib.util.find_spec(module_name) else False


def test_the_examples_of_implemented_operations_use_listed_codes() -> None:
    unlisted = []
    for path, item in SPEC["paths"].items():
        for method, operation in item.items():
            if not isinstance(operation, dict) or not _implemented(operation["operationId"]):
                continue
            for response in operation.get("responses", {}).values():
                unlisted += [(method.upper(), path, ex["code"]) for ex in _problem_examples(response)
                             if ex["code"] not in CONTRACT_CODES]
    for name, response in SPEC["components"]["responses"].items():
        unlisted += [("shared", name, ex["code"]) for ex in _problem_examples(response)
                     if ex["code"] not in CONTRACT_CODES]
    assert unlisted == []
