"""What every handler needs from the request: the app's services and a transaction as the caller."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, TypeVar

from connexion import request
from connexion.lifecycle import ConnexionResponse
from pydantic import BaseModel, ValidationError

from db.pool import Cursor
from ex7.deps import Services, services_of
from ex7.problems import RequestValidationProblem

M = TypeVar("M", bound=BaseModel)


def services() -> Services:
    return services_of(request)


@asynccontextmanager
async def as_caller(token_info: dict[str, Any] | None) -> AsyncIterator[Cursor]:
    """A transaction whose row-level security sees the caller's rows only."""
    async with services().db.transaction(token_info) as cur:
        yield cur


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


def client_ip() -> str | None:
    client = request.client
    return client.host if client else None


def user_agent() -> str | None:
    agent = request.headers.get("user-agent")
    return agent[:512] if agent else None


def respond(body: BaseModel | None, status: int = 200, headers: dict[str, str] | None = None) -> ConnexionResponse:
    """A JSON answer built from a generated model. Operations that can also answer problem+json declare
    two media types, so Connexion needs the content type said explicitly."""
    if body is None:  # 204: no content, so no content type either
        return ConnexionResponse(status_code=status, headers=headers or {})
    return ConnexionResponse(
        status_code=status,
        content_type="application/json",
        mimetype="application/json",
        body=json.dumps(body.model_dump(mode="json", by_alias=True, exclude_unset=True)),
        headers=headers or {},
    )
