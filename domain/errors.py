"""Domain exceptions: one base class, one subclass per failure.

The domain raises these and knows nothing about HTTP; the single error handler in the web layer
turns any `DomainError` into an RFC 9457 problem (`application/problem+json`) using the class
attributes below. `code` is the stable machine code clients branch on, one per class: a raise site
names the class of its failure (``StrategyNotFound("No such strategy.")``), and each area keeps
its classes beside its rules (`domain.strategy.errors`, `domain.market.errors`, ...). Keyword
arguments become problem extension members (`extra`), which is how the reference's promised
extras (the allowed transitions on a 409, the current row on a close conflict, the list of
validation failures on a 422) travel without the domain building response bodies. The contract
lists every code (tests/contract/test_problem_codes.py checks both ways).
"""

from __future__ import annotations

from typing import Any, ClassVar

# Members defined by RFC 9457 (plus our `code`): an extension must not shadow them, or the
# problem body would contradict its own status/title. `headers` is the renderer's own keyword.
_RESERVED_MEMBERS = frozenset({"type", "title", "status", "detail", "instance", "code", "headers"})


class DomainError(Exception):
    """A rule of the domain was not met. Subclasses fix `status`, `code` and `title`."""

    status: ClassVar[int] = 500
    code: ClassVar[str] = "internal_error"
    title: ClassVar[str] = "Domain error"

    def __init__(self, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        clash = _RESERVED_MEMBERS.intersection(extra)
        if clash:
            raise ValueError(f"extension members shadow problem members: {sorted(clash)}")
        self.detail = detail
        self.extra: dict[str, Any] = dict(extra)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.detail!r}, code={self.code!r}, extra={self.extra!r})"


class NotFound(DomainError):
    status = 404
    code = "not_found"
    title = "Not found"


class Conflict(DomainError):
    status = 409
    code = "conflict"
    title = "Conflict"


class Forbidden(DomainError):
    status = 403
    code = "forbidden"
    title = "Forbidden"


class TooMany(DomainError):
    """A per-user limit on concurrent use. Carries `retry_after_seconds`, which the web layer also
    sends as the Retry-After header."""

    status = 429
    code = "rate_limited"
    title = "Too many requests"


class Invalid(DomainError):
    status = 422
    code = "validation_failed"
    title = "Validation failed"


class PreconditionFailed(DomainError):
    status = 412
    code = "version_mismatch"
    title = "Precondition failed"


class InvalidRange(Invalid):
    """A time range whose start is not before its end."""

    code = "invalid_range"


class InvalidSignature(DomainError):
    """A webhook that comes to us (Stripe's, Resend's) is not signed as its sender signs."""

    status = 400
    code = "invalid_signature"
    title = "Bad Request"
