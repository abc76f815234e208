"""Server-Sent Events as the WHATWG spec frames them: `field: value` lines, a blank line ending each
event, a line starting with `:` as a comment. `data` is one line of compact JSON, so no event needs
the multi-line form."""

from __future__ import annotations

from typing import Any

from domain.billing.compliance import CFTC_4_41_TEXT
from domain.signals.records import StreamEvent
from ex7.wire import to_json

CFTC_RULE = "17 CFR 4.41(b)(1)(i)"


def frame(event: str, data: Any, event_id: int | None = None) -> bytes:
    head = f"id: {event_id}\n" if event_id is not None else ""
    return f"{head}event: {event}\n".encode() + b"data: " + to_json(data) + b"\n\n"


def retry(milliseconds: int) -> bytes:
    return f"retry: {milliseconds}\n\n".encode()


def comment(text: str) -> bytes:
    return f": {text}\n\n".encode()


HEARTBEAT = comment("heartbeat")


def banner() -> bytes:
    return frame("compliance", {"rule": CFTC_RULE, "text": CFTC_4_41_TEXT})


def signal_frame(event: StreamEvent) -> bytes:
    """A `signal` or `signal_closed` frame: the event id, and the signal as the contract's Signal."""
    return frame(event.kind, event.signal.to_json(), event.id)
