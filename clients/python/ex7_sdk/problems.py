"""RFC 9457 problem+json answers as exceptions, and `unwrap`, which turns a generated `*_detailed` call's
Response into its success model or raises.

    strategy = unwrap(strategies_get_strategy.sync_detailed(sid, client=client))   # typed Strategy
    ...
    except NotFound as exc:
        exc.code  # "strategy_not_found"

The generated client returns error answers as values (`Strategy | Problem | None`); this module is the
other style, where the happy path reads straight through and errors are caught by type or by `code`.
"""

from __future__ import annotations

import email.utils
import json
from collections.abc import Mapping
from datetime import UTC, datetime
from http import HTTPStatus
from typing import Any, Protocol, TypeVar

from ex7_client.models import (
    HealthProblem,
    LifecycleConflict,
    Problem,
    RuntimeConflict,
    SignalCloseConflict,
    VixQuotaProblem,
)

# The generated models of problem answers: Problem, and those that extend it with members of their own
# (a 409's `current_status`, a quota's `quota`...). They all carry type/title/status/code.
PROBLEM_MODELS: tuple[type, ...] = (Problem, LifecycleConflict, RuntimeConflict, SignalCloseConflict, HealthProblem,
                                    VixQuotaProblem)

_SNIPPET = 500  # how much of a non-JSON error body is kept as `detail`


class ProblemError(Exception):
    """An error answer of the API, read as RFC 9457 problem details.

    `code` is the stable machine code (see the contract's Problem schema) to branch on; `status`, `title`,
    `detail`, `type` and `instance` are the RFC's members; `errors` the field errors of a 422
    `validation_failed` (each `{"loc": [...], "msg": ..., "type": ...}`, empty when there are none);
    `body` the whole JSON object, extension members included (`current_status`, `allowed`, `cap`...);
    `problem` the generated model when the answer parsed into one, else that dict; `retry_after` the
    Retry-After header in seconds (429, 503), or None.

    An answer that is not problem+json (a proxy's HTML 502, an empty 500) is a ProblemError too, with
    `code` None, the HTTP reason phrase as `title` and the start of the body as `detail`.
    """

    status: int
    code: str | None
    title: str
    detail: str | None
    type: str
    instance: str | None
    errors: list[dict[str, Any]]
    body: dict[str, Any]
    problem: Any
    retry_after: float | None
    headers: Mapping[str, str]

    def __init__(self, status: int, body: Mapping[str, Any], *, problem: Any = None,
                 headers: Mapping[str, str] | None = None) -> None:
        self.status = status
        self.body = dict(body)
        self.code = _str_or_none(body.get("code"))
        self.title = _str_or_none(body.get("title")) or _reason(status)
        self.detail = _str_or_none(body.get("detail"))
        self.type = _str_or_none(body.get("type")) or "about:blank"
        self.instance = _str_or_none(body.get("instance"))
        errors = body.get("errors")
        self.errors = [e for e in errors if isinstance(e, dict)] if isinstance(errors, list) else []
        self.problem = problem if problem is not None else self.body
        self.headers = dict(headers or {})
        self.retry_after = _retry_after(self.headers)
        super().__init__(str(self))

    def __str__(self) -> str:
        head = f"{self.status} {self.title}" + (f" [{self.code}]" if self.code else "")
        text = f"{head}: {self.detail}" if self.detail else head
        for e in self.errors[:5]:  # the first few field errors say what to fix; `errors` has them all
            where = ".".join(str(part) for part in e.get("loc", []))
            text += f"\n  {where}: {e.get('msg')}"
        if len(self.errors) > 5:
            text += f"\n  ... {len(self.errors) - 5} more"
        return text

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status={self.status}, code={self.code!r}, detail={self.detail!r})"


class Unauthorized(ProblemError):
    """401: no token, or one that is invalid or expired (`invalid_token`)."""


class Forbidden(ProblemError):
    """403: not allowed for this caller (`forbidden`, `tier_cap_reached`, `paper_only`...)."""


class NotFound(ProblemError):
    """404: no such object, or not the caller's (`strategy_not_found`, `signal_not_found`...)."""


class Conflict(ProblemError):
    """409: the object's state does not allow it (`invalid_transition`, `runtime_already_active`...)."""


class RateLimited(ProblemError):
    """429: too many requests, streams or attempts; wait `retry_after` seconds before trying again."""


_BY_STATUS: dict[int, type[ProblemError]] = {401: Unauthorized, 403: Forbidden, 404: NotFound, 409: Conflict,
                                             429: RateLimited}


def problem_error(status: int, content: bytes, headers: Mapping[str, str] | None = None, *,
                  parsed: Any = None) -> ProblemError:
    """The ProblemError (of the status's subclass) for an error answer: from `parsed` when the generated
    client made a problem model of it, else from the raw `content`."""
    cls = _BY_STATUS.get(status, ProblemError)
    if isinstance(parsed, PROBLEM_MODELS):
        return cls(status, parsed.to_dict(), problem=parsed, headers=headers)  # type: ignore[attr-defined]
    body = _json_object(content)
    if body is None:
        text = content.decode("utf-8", errors="replace").strip()[:_SNIPPET]
        body = {"type": "about:blank", "title": _reason(status), "status": status, **({"detail": text} if text else {})}
        return cls(status, body, headers=headers)
    return cls(status, body, problem=_model(body), headers=headers)


T = TypeVar("T")
_T_co = TypeVar("_T_co", covariant=True)


class _Answer(Protocol[_T_co]):
    """What unwrap reads of a generated Response. A protocol with a covariant `parsed`, so that the
    type checker matches `Response[Problem | Strategy]` against `Problem | ... | T` and infers T."""

    @property
    def status_code(self) -> int: ...

    @property
    def content(self) -> bytes: ...

    @property
    def headers(self) -> Any: ...

    @property
    def parsed(self) -> _T_co | None: ...


def unwrap(response: _Answer[Problem | LifecycleConflict | RuntimeConflict | SignalCloseConflict | HealthProblem
                             | VixQuotaProblem | T]) -> T:
    """The success model of a generated `*_detailed` call's Response, or a ProblemError.

    2xx: `response.parsed` (None for a 204). Anything else raises: from the generated problem model when
    `parsed` is one, else parsed from `response.content` (an undocumented status, or a client made with
    raise_on_unexpected_status=False); a body that is not problem+json still raises a ProblemError."""
    status = int(response.status_code)
    if 200 <= status < 300:
        return response.parsed  # type: ignore[return-value]  # None only for a 204 (typed Any there)
    raise problem_error(status, response.content, response.headers, parsed=response.parsed)


def _model(body: Mapping[str, Any]) -> Any:
    """The generated Problem of a problem+json object, or the dict itself when it does not fit the model
    (a code newer than this SDK's enum, a member missing): the exception must still be raised."""
    try:
        return Problem.from_dict(body)
    except (KeyError, ValueError, TypeError, AttributeError):
        return dict(body)


def _json_object(content: bytes) -> dict[str, Any] | None:
    try:
        body = json.loads(content)
    except ValueError:  # not JSON, or not UTF-8
        return None
    return body if isinstance(body, dict) else None


def _str_or_none(value: Any) -> str | None:
    if value is None:
        return None
    return str(value.value if hasattr(value, "value") else value)  # an enum (ProblemCode) reads as its value


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return f"HTTP {status}"


def _retry_after(headers: Mapping[str, str]) -> float | None:
    """Retry-After as seconds: delta-seconds, or an HTTP date (RFC 9110 allows both)."""
    value = next((v for k, v in headers.items() if k.lower() == "retry-after"), None)
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
