"""The node objects an evaluator runs: an `_Op` subclass per kind of node that computes values
(constants are preset in the value vector; action and risk nodes are read by the plan), each
evaluating its node on one bar into the value vector (`Values`) and giving its state for
snapshots. Made by domain.engine.compile; the accelerated path (domain.engine.columns) evaluates
the same nodes column by column and checks its comparisons against `COMPARE_OPS`.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final, cast

from domain.engine.sessions import ExchangeClock, OpeningRange, hhmm_seconds
from domain.engine.state import _dec, _enc, decode_slots, encode_slots
from domain.engine.types import Bar

__all__ = [
    "COMPARE_OPS",
    "Values",
    "time_window_active",
]


Values = list[Any]  # one slot per (node, output port): float | None for numbers, bool for booleans


class _Op:
    """One node's evaluation on one bar. `outs` are its output slots, in port order."""

    __slots__ = ("node_id", "outs")

    def __init__(self, node_id: str, outs: Sequence[int]) -> None:
        self.node_id = node_id
        self.outs = tuple(outs)

    def run(self, v: Values, bar: Bar) -> None:
        raise NotImplementedError

    def state(self) -> Any:
        return None

    def load(self, state: Any) -> None:
        return None


class _Price(_Op):
    __slots__ = ("_get",)

    def __init__(self, node_id: str, outs: Sequence[int], field: str) -> None:
        super().__init__(node_id, outs)
        self._get: Callable[[Bar], float] = (
            _typical if field == "typical" else cast(Callable[[Bar], float], operator.attrgetter(field)))

    def run(self, v: Values, bar: Bar) -> None:
        v[self.outs[0]] = self._get(bar)


def _typical(bar: Bar) -> float:
    return (bar.high + bar.low + bar.close) / 3.0


class _Indicator(_Op):
    """A series indicator of domain.indicators on one input; several outputs for MACD and
    Bollinger (their NamedTuple fields are in port order)."""

    __slots__ = ("_in", "ind")

    def __init__(self, node_id: str, outs: Sequence[int], ind: Any, src: int) -> None:
        super().__init__(node_id, outs)
        self.ind = ind
        self._in = src

    def run(self, v: Values, bar: Bar) -> None:
        x = v[self._in]
        if len(self.outs) == 1:
            v[self.outs[0]] = None if x is None else self.ind.update(x)
            return
        r = None if x is None else self.ind.update(x)
        if r is None:
            for o in self.outs:
                v[o] = None
        else:
            for o, y in zip(self.outs, r, strict=True):
                v[o] = y

    def state(self) -> Any:
        return encode_slots(self.ind)

    def load(self, state: Any) -> None:
        decode_slots(self.ind, state)


class _ATR(_Indicator):
    __slots__ = ()

    def run(self, v: Values, bar: Bar) -> None:
        v[self.outs[0]] = self.ind.update(bar.high, bar.low, bar.close)


class _VWAP(_Indicator):
    __slots__ = ()

    def run(self, v: Values, bar: Bar) -> None:
        v[self.outs[0]] = self.ind.update(bar.ts, bar.high, bar.low, bar.close, bar.volume)


class _OpeningRangeOp(_Op):
    __slots__ = ("rng",)

    def __init__(self, node_id: str, outs: Sequence[int], rng: OpeningRange) -> None:
        super().__init__(node_id, outs)
        self.rng = rng

    def run(self, v: Values, bar: Bar) -> None:
        r = self.rng.update(bar.ts, bar.high, bar.low)
        if r is None:
            v[self.outs[0]] = v[self.outs[1]] = None
        else:
            v[self.outs[0]], v[self.outs[1]] = r

    def state(self) -> Any:
        return {name: _enc(getattr(self.rng, name)) for name in OpeningRange.STATE}

    def load(self, state: Any) -> None:
        for name in OpeningRange.STATE:
            setattr(self.rng, name, _dec(state[name]))


COMPARE_OPS: Final[Mapping[str, Callable[[float, float], bool]]] = {
    ">": operator.gt, "<": operator.lt, ">=": operator.ge, "<=": operator.le}


class _Compare(_Op):
    __slots__ = ("_a", "_b", "_fn")

    def __init__(self, node_id: str, outs: Sequence[int], a: int, b: int, op: str) -> None:
        super().__init__(node_id, outs)
        self._a, self._b, self._fn = a, b, COMPARE_OPS[op]

    def run(self, v: Values, bar: Bar) -> None:
        a, b = v[self._a], v[self._b]
        v[self.outs[0]] = a is not None and b is not None and self._fn(a, b)


class _Cross(_Op):
    """crosses_above: a > b now and a <= b on the previous bar (crosses_below mirrored)."""

    __slots__ = ("_a", "_above", "_b", "prev_a", "prev_b")

    def __init__(self, node_id: str, outs: Sequence[int], a: int, b: int, above: bool) -> None:
        super().__init__(node_id, outs)
        self._a, self._b, self._above = a, b, above
        self.prev_a: float | None = None
        self.prev_b: float | None = None

    def run(self, v: Values, bar: Bar) -> None:
        a, b = v[self._a], v[self._b]
        pa, pb = self.prev_a, self.prev_b
        self.prev_a, self.prev_b = a, b
        if a is None or b is None or pa is None or pb is None:
            v[self.outs[0]] = False
        elif self._above:
            v[self.outs[0]] = a > b and pa <= pb
        else:
            v[self.outs[0]] = a < b and pa >= pb

    def state(self) -> Any:
        return [_enc(self.prev_a), _enc(self.prev_b)]

    def load(self, state: Any) -> None:
        self.prev_a, self.prev_b = _dec(state[0]), _dec(state[1])


class _TimeWindow(_Op):
    __slots__ = ("_clock", "_end", "_start")

    def __init__(self, node_id: str, outs: Sequence[int], clock: ExchangeClock, start: str, end: str) -> None:
        super().__init__(node_id, outs)
        self._clock = clock
        self._start, self._end = hhmm_seconds(start), hhmm_seconds(end)

    def run(self, v: Values, bar: Bar) -> None:
        v[self.outs[0]] = time_window_active(self._clock.sod, self._start, self._end)


def time_window_active(sod: int, start: int, end: int) -> bool:
    """Whether seconds-of-day `sod` is in [start, end), wrapping past midnight when start > end."""
    if start < end:
        return start <= sod < end
    return sod >= start or sod < end


class _And(_Op):
    __slots__ = ("_a", "_b")

    def __init__(self, node_id: str, outs: Sequence[int], a: int, b: int) -> None:
        super().__init__(node_id, outs)
        self._a, self._b = a, b

    def run(self, v: Values, bar: Bar) -> None:
        v[self.outs[0]] = bool(v[self._a] and v[self._b])


class _Or(_And):
    __slots__ = ()

    def run(self, v: Values, bar: Bar) -> None:
        v[self.outs[0]] = bool(v[self._a] or v[self._b])


class _Not(_Op):
    __slots__ = ("_a",)

    def __init__(self, node_id: str, outs: Sequence[int], a: int) -> None:
        super().__init__(node_id, outs)
        self._a = a

    def run(self, v: Values, bar: Bar) -> None:
        v[self.outs[0]] = not v[self._a]
