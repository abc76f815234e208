"""The JSON encoding of answers."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from decimal import Decimal

from ex7.wire import to_json


def test_times_uuids_and_decimals() -> None:
    ident = uuid.uuid4()
    body = {"at": datetime(2026, 12, 1, 18, 5, 7, 120, tzinfo=UTC), "midnight": datetime(2026, 12, 1, tzinfo=UTC),
            "id": ident, "price": Decimal("18250.50")}
    assert json.loads(to_json(body)) == {"at": "2026-12-01T18:05:07.000120Z", "midnight": "2026-12-01T00:00:00Z",
                                         "id": str(ident), "price": "18250.50"}


def test_integers_beyond_64_bits_are_written_exactly_in_the_same_form() -> None:
    big = -370578100094030109781306285729251328
    body = {"meta": {"n": big, "at": datetime(2026, 12, 1, tzinfo=UTC), "s": "é"}, "id": uuid.UUID(int=1)}
    assert json.loads(to_json(body)) == {"meta": {"n": big, "at": "2026-12-01T00:00:00Z", "s": "é"},
                                         "id": "00000000-0000-0000-0000-000000000001"}
    small = {"meta": {"n": 1, "at": datetime(2026, 12, 1, tzinfo=UTC), "s": "é"}, "id": uuid.UUID(int=1)}
    assert to_json(small) == to_json(body).replace(str(big).encode(), b"1")
