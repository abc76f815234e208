"""The one place where failures become RFC 9457 problem+json answers.

Domain exceptions, database outages and Connexion's own problems (validation, auth, routing) are all
rendered here. 4xx answers are logged as warnings, 5xx as errors; no stack trace reaches a client.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from connexion.exceptions import ProblemException
from connexion.lifecycle import ConnexionRequest, ConnexionResponse
from starlette.exceptions import HTTPException

from db.errors import TransactionConflict
from domain.errors import DomainError
from ex7.wire import to_json

log = logging.getLogger("ex7.problems")

PROBLEM_JSON = "application/problem+json"

# Connexion's problems carry no machine code; give each status a stable one.
_DEFAULT_CODES = {
    400: "malformed_body",
    401: "invalid_token",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    408: "request_timeout",
    409: "conflict",
    413: "body_too_large",
    415: "unsupported_media_type",
    422: "validation_failed",
    429: "rate_limited",
    500: "internal_error",
    501: "not_implemented",
    503: "service_unavailable",
}

# Every code the web layer itself sends (the domain's are its DomainError classes'); the contract's
# Problem.code lists these and the domain's, and tests/contract/test_problem_codes.py checks both ways.
WEB_CODES = frozenset({*_DEFAULT_CODES.values(), "database_unavailable", "bad_request"})


def _default_code(status: int) -> str:
    return _DEFAULT_CODES.get(status) or ("internal_error" if status >= 500 else "bad_request")


# A problem lists at most this many failures (the contract's Problem.errors maxItems): a body with
# thousands of bad elements gets a short answer that says how many there were, not megabytes.
MAX_REPORTED_ERRORS = 100


def capped(errors: list[dict[str, Any]], limit: int = MAX_REPORTED_ERRORS) -> dict[str, Any]:
    """`errors` cut to `limit`, with `errors_total` and `errors_truncated` when something was cut."""
    if len(errors) <= limit:
        return {"errors": errors}
    return {"errors": errors[:limit], "errors_total": len(errors), "errors_truncated": True}


class RequestValidationProblem(ProblemException):
    """A well-formed request that fails the contract: 422 with every failure (up to 100) and where it is."""

    def __init__(self, errors: list[dict[str, Any]]) -> None:
        detail = f"{len(errors)} validation error{'s' if len(errors) != 1 else ''}: " + "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in errors[:5]
        )
        super().__init__(status=422, title="Unprocessable Entity", detail=detail,
                         ext={"code": "validation_failed", **capped(errors)})


class MalformedRequestProblem(ProblemException):
    """A body that cannot be read at all (not UTF-8, not JSON, missing): 400."""

    def __init__(self, detail: str) -> None:
        super().__init__(status=400, title="Bad Request", detail=detail, ext={"code": "malformed_body"})


def problem(
    status: int, detail: str, *, code: str | None = None, title: str | None = None,
    headers: dict[str, str] | None = None, **extra: Any,
) -> ConnexionResponse:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": title or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "code": code or _default_code(status),
    }
    body.update(extra)
    all_headers = dict(headers or {})
    if status == 401:
        all_headers.setdefault("WWW-Authenticate", 'Bearer realm="ex7"')
    return ConnexionResponse(
        status_code=status,
        mimetype=PROBLEM_JSON,
        content_type=PROBLEM_JSON,
        body=to_json(body),
        headers=all_headers,
    )


def _logged(
    request: ConnexionRequest, response: ConnexionResponse, cause: BaseException | None = None
) -> ConnexionResponse:
    status = response.status_code or 500
    where = f"{request.method} {request.url.path}"
    body = response.body.decode(errors="replace") if isinstance(response.body, bytes) else response.body
    text = body if isinstance(body, str) else ""
    if status >= 500:
        log.error("%s -> %s %s", where, status, text, exc_info=cause)  # a traceback only with a cause
    else:
        log.warning("%s -> %s %s", where, status, text)
    return response


def on_domain_error(request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
    assert isinstance(exc, DomainError)
    retry = exc.extra.get("retry_after_seconds")
    headers = {"Retry-After": str(retry)} if retry is not None else None
    # A domain error is a rule that held (billing not configured, a cap), not a fault: its answer is
    # the whole story, so it is logged without a traceback, even a 5xx.
    return _logged(request, problem(exc.status, exc.detail, code=exc.code, title=exc.title, headers=headers,
                                    **exc.extra))


def on_database_unavailable(request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
    if isinstance(exc, TransactionConflict):  # the database is there: this request lost a race
        answer = problem(503, "The request collided with a concurrent one and was rolled back; nothing was "
                              "written. Retry it.", code="database_unavailable", headers={"Retry-After": "1"})
    else:
        answer = problem(503, "The database is unavailable; try again shortly.", code="database_unavailable",
                         headers={"Retry-After": "5"})
    return _logged(request, answer, exc)


def on_connexion_problem(request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
    assert isinstance(exc, ProblemException)
    status = exc.status or 500
    ext = dict(exc.ext or {})
    code = ext.pop("code", None)
    if status == 400 and code is None and exc.__class__.__name__ == "ExtraParameterProblem":
        # Strict validation: an unknown query parameter is a validation failure of a well-formed request.
        status, code = 422, "validation_failed"
        ext["errors"] = [{"loc": ["query"], "msg": str(exc.detail), "type": "additionalProperties"}]
    detail = str(exc.detail or exc.title or HTTPStatus(status).phrase)
    if status == 500:
        # NonConformingResponse and friends: our bug, not the caller's. Say nothing about internals.
        log.error("internal problem on %s %s: %s", request.method, request.url.path, detail)
        detail = "Internal error; it has been logged."
    title = exc.title if status not in (500, 422) else None
    return _logged(request, problem(status, detail, code=code, title=title, headers=dict(exc.headers or {}), **ext))


def on_http_exception(request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
    """Routing errors (405s are answered earlier, from the contract: see ex7/app.py)."""
    assert isinstance(exc, HTTPException)
    headers = dict(exc.headers or {})
    detail = exc.detail if isinstance(exc.detail, str) and exc.detail else HTTPStatus(exc.status_code).phrase
    if exc.status_code == 404:
        path = request.url.path
        detail = f"No such route: {path if len(path) <= 200 else path[:200] + '...'}"  # detail is bounded
    return _logged(request, problem(exc.status_code, detail, headers=headers))


def on_unexpected(request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
    return _logged(request, problem(500, "Internal error; it has been logged.", code="internal_error"), exc)


def on_client_disconnected(request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
    """Nobody will read this answer: say so in the log, quietly."""
    log.info("%s %s: the client went away before sending the whole body", request.method, request.url.path)
    return problem(400, "The request body was not complete.", headers={"Connection": "close"})
