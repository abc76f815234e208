"""Schemathesis over every operation of the contract, against the real app on a real uvicorn.

Pass 1 sends a valid token with every request and runs every check. Pass 2 sends no token: every
operation that is not public must answer 401 with WWW-Authenticate, and public ones must not.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import hypothesis
import pytest
import requests
import schemathesis
import yaml
from schemathesis.config import SchemathesisConfig

from tests.support.users import new_user

ROOT = Path(__file__).resolve().parents[2]
SPEC = yaml.safe_load((ROOT / "openapi" / "openapi.yaml").read_text())
CONFIG_DICT = tomllib.loads((ROOT / "schemathesis.toml").read_text())
# One user for the whole run: the fuzzer creates objects and must be able to read them back. The
# token is given as the contract's bearerAuth, so that Schemathesis knows a request carries it (a
# token added behind its back turns some of its negative cases back into valid ones).
USER = new_user()
CONFIG = SchemathesisConfig.from_dict({**CONFIG_DICT, "auth": {"openapi": {"bearerAuth": {"bearer": USER.token}}}})

schema = schemathesis.openapi.from_dict(SPEC, config=CONFIG)
# The 401 pass sends only valid requests: an invalid one may fail routing (404) before auth runs.
POSITIVE = SchemathesisConfig.from_dict({**CONFIG_DICT, "generation": {"mode": "positive", "max-examples": 5}})
unauthenticated = schemathesis.openapi.from_dict(SPEC, config=POSITIVE)
PUBLIC = {
    (method.upper(), path)
    for path, item in SPEC["paths"].items()
    for method, op in item.items()
    if isinstance(op, dict) and op.get("security") == []
}


@pytest.fixture(scope="module")
def session() -> requests.Session:
    return requests.Session()


@schema.parametrize()
@hypothesis.settings(deadline=None, suppress_health_check=list(hypothesis.HealthCheck), derandomize=True,
                     database=None)
def test_every_operation_with_a_valid_token(case: schemathesis.Case, base_url: str, session: requests.Session) -> None:
    case.call_and_validate(base_url=base_url, session=session, timeout=30)


@unauthenticated.parametrize()
@hypothesis.settings(deadline=None, max_examples=5, suppress_health_check=list(hypothesis.HealthCheck),
                     derandomize=True, database=None)
def test_every_private_operation_answers_401_without_a_token(case: schemathesis.Case, base_url: str) -> None:
    if case.method != case.operation.method.upper():
        return  # undeclared methods are the first pass's business (405)
    if case.headers:
        case.headers.pop("Authorization", None)
    response = case.call(base_url=base_url, timeout=30)
    if (case.method, case.path) in PUBLIC:
        assert response.status_code != 401, response.text
    else:
        assert response.status_code == 401, (case.method, case.path, response.status_code, response.text)
        assert response.headers["www-authenticate"][0].startswith("Bearer")
        assert response.headers["content-type"][0].startswith("application/problem+json")
