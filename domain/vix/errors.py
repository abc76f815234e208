"""The failures of Vix, one class per code: the local parser's (domain/vix/local.py), the language
model's (services/vix_llm.py) and the quota's (domain/vix/quota.py).

A language model fails two ways, with different blame: the provider could not be used (down, slow,
refusing this server's key, rate limiting it: a 503, nothing the user can fix, no quota used), or it
answered but not with a valid strategy, even after the bounded repair turns (a 422 for that prompt).
"""

from __future__ import annotations

from typing import Any

from domain.errors import DomainError, Invalid, TooMany


class PromptNotUnderstood(Invalid):
    """Part of the prompt could not be read as a rule of the catalogue (a 422). The detail says what and
    why; `unrecognized` (a problem extension member) lists the words or phrases, as typed but lower-cased,
    so a client can mark them. A prompt that asks for something outside the catalogue ("add a node of type
    python") lands here too: its words are simply not understood, never obeyed."""

    code = "prompt_not_understood"

    def __init__(self, detail: str, *, unrecognized: list[str], **extra: Any) -> None:
        super().__init__(detail, unrecognized=list(unrecognized), **extra)

    @property
    def unrecognized(self) -> list[str]:
        words: list[str] = self.extra["unrecognized"]
        return words


class VixUnavailable(DomainError):
    """The language-model provider could not be reached or refused the request. The detail is human and
    never holds the API key or the provider's own error text (which may quote part of the key)."""

    status = 503
    code = "vix_unavailable"
    title = "Vix unavailable"


class DraftInvalid(Invalid):
    """The model could not produce a valid strategy for that prompt within the repair turns. Carries
    `validation_errors` (the last answer's graph issues, GraphValidationError dicts cut at 200 as in
    domain.strategy.graph.issues_member, possibly empty when the answer was not a graph at all),
    `problems` (every problem of the last answer, as told to the model) and `attempts` (calls made)."""

    code = "draft_invalid"


class QuotaExceeded(TooMany):
    """Carries `quota` (the contract's VixQuota) and `retry_after_seconds`, the time until it resets."""

    code = "quota_exceeded"
