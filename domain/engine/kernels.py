"""Compiled kernels for the accelerated path (domain.engine.columns), with numba.

A kernel computes a whole indicator column at once and must equal, bit for bit, feeding the
column one value at a time through the class of domain.indicators: it performs exactly the
same float operations in the same order (numba does not reassociate or fuse them into FMAs
without fastmath, which is not used). tests/unit/test_engine_properties.py checks that the
accelerated path decides exactly as the bar-by-bar one with and without kernels.

Only indicators whose arithmetic is a plain recursion are here (EMA). numba is a dependency
(pyproject.toml); should it fail to import, `KERNELS` is empty and the accelerated path feeds the
classes instead: same results, slower.
Compiled code is cached on disk (`cache=True`), so only the first run on a machine compiles.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

FloatArray = np.ndarray[Any, np.dtype[np.float64]]


def _ema(xs: FloatArray, period: int) -> FloatArray:
    """indicators.EMA over xs (no NaN in xs): NaN while warming up, as the class's None."""
    n = xs.shape[0]
    out = np.full(n, np.nan)
    if n < period:
        return out
    k = 2.0 / (period + 1)
    total = 0.0
    for i in range(period):
        total += xs[i]
    value = total / period
    out[period - 1] = value
    for i in range(period, n):
        value = (xs[i] - value) * k + value
        out[i] = value
    return out


def _compile() -> dict[str, Callable[..., FloatArray]]:
    try:
        import numba
    except ImportError:  # the accelerated path falls back to the indicator classes
        return {}
    ema = numba.njit(cache=True, nogil=True)(_ema)
    return {"EMA": lambda xs, params: ema(xs, int(params["period"]))}


# indicators class name -> kernel(column without NaN, node params) -> column, NaN for "no value"
KERNELS: dict[str, Callable[..., FloatArray]] = _compile()
