"""Opaque keyset cursors: base64url of a small JSON array, checked on the way back in."""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from datetime import datetime
from typing import Any

from domain.errors import Invalid

MAX_LIMIT = 200


class InvalidCursor(Invalid):
    """A cursor this server did not hand out: refused rather than guessed at (a guess could skip or
    repeat rows)."""

    code = "invalid_cursor"


def _invalid(detail: str) -> Invalid:
    return InvalidCursor(detail,
                   errors=[{"loc": ["query", "cursor"], "msg": detail, "type": "invalid_cursor"}])


def encode_cursor(*values: Any) -> str:
    raw = json.dumps([v.isoformat() if isinstance(v, datetime) else str(v) for v in values], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_time_id_cursor(cursor: str) -> tuple[datetime, str]:
    """A (timestamp, uuid) cursor, as list endpoints ordered by (time DESC, id DESC) hand out."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        ts_text, id_text = json.loads(raw)
        ts = datetime.fromisoformat(ts_text)
        if ts.tzinfo is None:
            raise ValueError("naive timestamp")
        return ts, str(uuid.UUID(id_text))
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        raise _invalid("The cursor is not one this server handed out; start again without it.") from None


def decode_int_cursor(cursor: str) -> int:
    """A plain integer cursor (the versions list: the last version number of the previous page)."""
    if not cursor.isdigit() or len(cursor) > 9:
        raise _invalid("The cursor must be the version number from the previous page's next_cursor.")
    return int(cursor)
