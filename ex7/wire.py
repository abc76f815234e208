"""The one JSON encoding of everything the API sends: answers and problems alike."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

import orjson
from pydantic import BaseModel


class RawJSON:
    """JSON text to embed as it is (a jsonb value as PostgreSQL printed it), not parsed and re-encoded."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


def _default(value: Any) -> Any:
    if isinstance(value, RawJSON):
        return orjson.Fragment(value.text)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    raise TypeError(f"{type(value).__name__} is not JSON")


def _default_slow(value: Any) -> Any:
    if isinstance(value, RawJSON):
        return json.loads(value.text)
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, uuid.UUID):
        return str(value)
    return _default(value)


def to_json(body: Any) -> bytes:
    """UTC times with a Z (as pydantic writes them), UUIDs and Decimals as strings, compact.

    orjson does it, except for integers beyond 64 bits, which JSON allows and a client may have
    stored in free-form data (a graph's meta): those take the standard library's slower path, which
    writes them exactly.
    """
    try:
        return orjson.dumps(body, default=_default, option=orjson.OPT_UTC_Z)
    except orjson.JSONEncodeError as exc:
        if "64-bit" not in str(exc):
            raise
        return json.dumps(body, default=_default_slow, separators=(",", ":"), ensure_ascii=False).encode()
