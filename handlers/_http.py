"""What every handler needs from the request: the app's dependencies, a transaction as the caller, the
body parsed into its model, and a JSON answer."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any, TypeVar

from connexion import request
from connexion.lifecycle import ConnexionResponse
from pydantic import BaseModel, ValidationError

from ex7.deps import Deps
from ex7.problems import RequestValidationProblem
from ex7.scope import deps_of
from ex7.wire import to_json
from services.tx import Tx

M = TypeVar("M", bound=BaseModel)


def deps() -> Deps:
    return deps_of(request)


@asynccontextmanager
async def as_caller(token_info: dict[str, Any] | None) -> AsyncIterator[Tx]:
    """A transaction whose row-level security sees the caller's rows only (none without a token).

    Commits when the block ends: a handler returns its answer from inside the block, so that an answer
    that cannot be rendered rolls the transaction back instead of reporting a failure about a write
    that was kept.
    """
    d = deps()
    async with d.db.transaction(token_info) as cur:
        yield Tx(cur, d.clock, str(token_info["sub"]) if token_info else None, d.tiers)


@asynccontextmanager
async def as_system() -> AsyncIterator[Tx]:
    """A transaction for work done for no caller (Stripe's webhook), as ex7_worker."""
    d = deps()
    assert d.system_db is not None
    async with d.system_db.transaction() as cur:
        yield Tx(cur, d.clock, None, d.tiers)


def parse(model: type[M], data: Any) -> M:
    """Parse a request body (already checked against the contract) into its generated model.

    The models are sometimes stricter than JSON Schema (pydantic's email check, say); what they
    reject is the caller's input, so it is a 422 like any contract violation.
    """
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise RequestValidationProblem([
            {"loc": ["body", *e["loc"]], "msg": e["msg"], "type": e["type"]} for e in exc.errors(include_url=False)
        ]) from exc


def query_time(name: str, value: str | None) -> datetime | None:
    """A date-time query parameter (already checked as RFC 3339 by the contract) as an aware UTC datetime.

    RFC 3339 allows what Python's parser does not (a lower-case `t` or `z`) and times whose UTC form
    falls outside years 1 to 9999 (9999-12-31T23:59:59-23:00): the former are read, the latter are
    the caller's input that cannot be a time here, so a 422 like any contract violation."""
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value.upper()).astimezone(UTC)
    except (ValueError, OverflowError):
        raise RequestValidationProblem([
            {"loc": ["query", name], "msg": "Not a date-time between years 1 and 9999 (UTC).", "type": "format"}
        ]) from None


def client_ip() -> str | None:
    client = request.client
    return client.host if client else None


def user_agent() -> str | None:
    agent = request.headers.get("user-agent")
    return agent[:512] if agent else None


def respond(body: Mapping[str, Any] | Sequence[Any] | BaseModel | None, status: int = 200,
            headers: dict[str, str] | None = None) -> ConnexionResponse:
    """A JSON answer: a document already in the contract's shape (checked against it in tests and with
    --dev, not on every request), or a generated model. Operations that can also answer
    problem+json declare two media types, so Connexion needs the content type said explicitly."""
    if body is None:  # 204: no content, so no content type either
        return ConnexionResponse(status_code=status, headers=headers or {})
    return ConnexionResponse(status_code=status, content_type="application/json", mimetype="application/json",
                             body=to_json(body), headers=headers or {})
