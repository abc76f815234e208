"""The SDK's unwrap and ProblemError (clients/python/ex7_sdk/problems.py), over the generated client's own
parsing: each answer comes from an httpx.MockTransport behind an AuthenticatedClient, through the
generated `*.sync_detailed` functions, as a real call's would."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

import httpx
import pytest
from ex7_client import AuthenticatedClient
from ex7_client.api.signals import signals_list_signals, signals_start_runtime
from ex7_client.api.strategies import strategies_get_strategy, strategies_promote_strategy
from ex7_client.models import LifecycleConflict, Problem, SignalList
from ex7_client.types import Response
from ex7_sdk import Conflict, Forbidden, NotFound, ProblemError, RateLimited, Unauthorized, unwrap

SID = uuid.UUID("3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60")


def client_answering(status: int, body: Any = None, *, content: bytes | None = None,
                     headers: dict[str, str] | None = None, raise_on_unexpected_status: bool = False
                     ) -> AuthenticatedClient:
    def handler(request: httpx.Request) -> httpx.Response:
        assert request.headers["Authorization"] == "Bearer t0ken"
        if content is not None:
            return httpx.Response(status, content=content, headers=headers)
        return httpx.Response(status, json=body, headers={"content-type": "application/problem+json"
                                                          if status >= 400 else "application/json",
                                                          **(headers or {})})
    return AuthenticatedClient(base_url="http://ex7.test", token="t0ken",
                               raise_on_unexpected_status=raise_on_unexpected_status,
                               httpx_args={"transport": httpx.MockTransport(handler)})


def problem(status: int, code: str, **extra: Any) -> dict[str, Any]:
    return {"type": "about:blank", "title": HTTPStatus(status).phrase, "status": status, "code": code,
            "detail": f"detail of {code}", **extra}


def test_unwrap_returns_the_typed_success_model() -> None:
    body = {"items": [], "next_cursor": "abc", "disclaimer": "Hypothetical results..."}
    page = unwrap(signals_list_signals.sync_detailed(client=client_answering(200, body)))
    assert isinstance(page, SignalList)
    assert page.items == [] and page.next_cursor == "abc" and page.disclaimer == "Hypothetical results..."


Call = Callable[[AuthenticatedClient], Any]
get_strategy: Call = lambda c: strategies_get_strategy.sync_detailed(SID, client=c)  # noqa: E731
promote: Call = lambda c: strategies_promote_strategy.sync_detailed(SID, client=c)  # noqa: E731
start: Call = lambda c: signals_start_runtime.sync_detailed(SID, client=c)  # noqa: E731


@pytest.mark.parametrize(("status", "code", "call", "cls"), [
    (401, "invalid_token", get_strategy, Unauthorized),
    (403, "tier_cap_reached", start, Forbidden),
    (404, "strategy_not_found", get_strategy, NotFound),
    (429, "rate_limited", promote, RateLimited),
    (422, "validation_failed", get_strategy, ProblemError),
])
def test_an_error_answer_raises_its_subclass_with_the_problems_fields(status: int, code: str, call: Call,
                                                                       cls: type[ProblemError]) -> None:
    body = problem(status, code, instance="/api/strategies/x")
    response = call(client_answering(status, body))
    assert isinstance(response.parsed, Problem)  # the generated client made a model of it
    with pytest.raises(cls) as info:
        unwrap(response)
    exc = info.value
    assert type(exc) is cls
    assert (exc.status, exc.code, exc.title, exc.detail, exc.type, exc.instance) == (
        status, code, body["title"], f"detail of {code}", "about:blank", "/api/strategies/x")
    assert exc.problem is response.parsed and exc.body["code"] == code
    assert f"{status} " in str(exc) and f"[{code}]" in str(exc)


def test_a_422_carries_its_field_errors() -> None:
    errors = [{"loc": ["query", "limit"], "msg": "must be at most 200", "type": "less_than_equal"},
              {"loc": ["query", "cursor"], "msg": "not a cursor", "type": "invalid"}]
    response = signals_list_signals.sync_detailed(
        client=client_answering(422, problem(422, "validation_failed", errors=errors)))
    with pytest.raises(ProblemError) as info:
        unwrap(response)
    assert type(info.value) is ProblemError and info.value.status == 422
    assert info.value.errors == errors
    assert "query.limit: must be at most 200" in str(info.value)


def test_a_409_is_a_conflict_with_its_extension_members() -> None:
    body = problem(409, "invalid_transition", current_status="live", allowed=["archived"])
    response = promote(client_answering(409, body))
    assert isinstance(response.parsed, LifecycleConflict)
    with pytest.raises(Conflict) as info:
        unwrap(response)
    exc = info.value
    assert exc.status == 409 and exc.code == "invalid_transition" and exc.problem is response.parsed
    assert exc.body["current_status"] == "live" and exc.body["allowed"] == ["archived"]


def test_a_429_reads_retry_after() -> None:
    response = promote(client_answering(429, problem(429, "rate_limited"), headers={"Retry-After": "7"}))
    with pytest.raises(RateLimited) as info:
        unwrap(response)
    assert info.value.retry_after == 7.0


def test_an_undocumented_status_with_a_problem_body_is_parsed_from_the_content() -> None:
    # 503 is not documented for this operation: the generated client gives parsed None.
    response = get_strategy(client_answering(503, problem(503, "database_unavailable"), headers={"Retry-After": "2"}))
    assert response.parsed is None
    with pytest.raises(ProblemError) as info:
        unwrap(response)
    assert (info.value.status, info.value.code, info.value.retry_after) == (503, "database_unavailable", 2.0)
    assert isinstance(info.value.problem, Problem)


@pytest.mark.parametrize(("status", "cls"), [(502, ProblemError), (404, NotFound), (500, ProblemError)])
def test_a_non_json_error_body_still_raises_with_the_status(status: int, cls: type[ProblemError]) -> None:
    html = b"<html><body><h1>502 Bad Gateway</h1></body></html>"
    if status == 502:  # an undocumented status through the generated client: parsed None, the raw body kept
        response: Any = get_strategy(client_answering(502, content=html, headers={"content-type": "text/html"}))
        assert response.parsed is None
    else:  # the Response of any call whose body was not a problem, as unwrap receives it
        response = Response(status_code=HTTPStatus(status), content=html if status == 404 else b"", headers={},
                            parsed=None)
    with pytest.raises(cls) as info:
        unwrap(response)
    exc = info.value
    assert type(exc) is cls and exc.status == status and exc.code is None
    assert exc.title == HTTPStatus(status).phrase
    assert exc.detail == (html.decode() if status != 500 else None)


def test_a_json_error_body_that_is_not_an_object_raises_with_the_status() -> None:
    response = Response(status_code=HTTPStatus(409), content=b"[1, 2]", headers={}, parsed=None)
    with pytest.raises(Conflict) as info:
        unwrap(response)
    assert info.value.status == 409 and info.value.code is None
