"""The JSON codec of evaluator snapshots: `SNAPSHOT_FORMAT`, `encode_slots` / `decode_slots` for the
slots of indicator objects (domain.indicators), and the value encoding the node objects use for
theirs (non-finite floats, datetimes, deques and tuples in JSON). Decoding makes plain values and
the NamedTuples listed here, never a class named by the snapshot.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Mapping
from datetime import datetime
from typing import Any, Final

from domain import indicators

__all__ = [
    "SNAPSHOT_FORMAT",
    "decode_slots",
    "encode_slots",
]

SNAPSHOT_FORMAT: Final = 1


_NAMED_TUPLES: Final[Mapping[str, type]] = {"MACDValue": indicators.MACDValue, "Bands": indicators.Bands}
_SKIP_SLOTS: Final = frozenset({"instrument"})  # configuration the plan rebuilds


def _enc(x: Any) -> Any:
    if x is None or isinstance(x, bool | int | str):
        return x
    if isinstance(x, float):
        return x if math.isfinite(x) else {"$float": repr(x)}
    if isinstance(x, datetime):
        return {"$dt": x.isoformat()}
    if isinstance(x, deque):
        return {"$deque": [_enc(i) for i in x], "maxlen": x.maxlen}
    if isinstance(x, tuple):
        name = type(x).__name__ if type(x).__name__ in _NAMED_TUPLES else None
        return {"$tuple": [_enc(i) for i in x], "type": name}
    if isinstance(x, list):
        return [_enc(i) for i in x]
    raise TypeError(f"cannot encode {type(x).__name__} in evaluator state")


def _dec(x: Any) -> Any:
    if isinstance(x, list):
        return [_dec(i) for i in x]
    if not isinstance(x, dict):
        return x
    if "$float" in x:
        return float(x["$float"])
    if "$dt" in x:
        return datetime.fromisoformat(x["$dt"])
    if "$deque" in x:
        return deque((_dec(i) for i in x["$deque"]), maxlen=x["maxlen"])
    if "$tuple" in x:
        items = [_dec(i) for i in x["$tuple"]]
        name = x.get("type")
        return _NAMED_TUPLES[name](*items) if name is not None else tuple(items)
    raise ValueError("unknown value in evaluator state")


def _slots(obj: Any) -> list[str]:
    names: list[str] = []
    for cls in type(obj).__mro__:
        slots = cls.__dict__.get("__slots__", ())
        names.extend([slots] if isinstance(slots, str) else slots)
    return [n for n in names if n not in _SKIP_SLOTS]


def encode_slots(obj: Any) -> dict[str, Any]:
    """The state of an indicator object of domain.indicators: every slot, JSON-able."""
    return {name: _enc(getattr(obj, name)) for name in _slots(obj)}


def decode_slots(obj: Any, state: Mapping[str, Any]) -> None:
    """Load `encode_slots` output into an object of the same class (made by the plan)."""
    names = _slots(obj)
    if set(state) != set(names):
        raise ValueError(f"state of {type(obj).__name__} has the wrong fields")
    for name in names:
        setattr(obj, name, _dec(state[name]))
