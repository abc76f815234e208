"""Realized P&L of a closed futures position: the one formula EX7 uses (DESIGN §7).

    gross      = (close - entry) * point_value * size        (sign flipped for a short)
    slippage   = 2 ticks adverse on entry + 2 on exit = 4 * tick_value * size
    commission = commission_per_side * 2 sides * size
    net        = gross - slippage - commission

Everything is Decimal: prices come in on the tick grid and every contract constant is a decimal
number of dollars, so no binary rounding can creep in. Gross and slippage are whole multiples of
the tick value and normally already cents; commission can carry sub-cent digits when configured
so. Rounding happens once, at the end: each cost component is quantized to cents with
ROUND_HALF_EVEN (banker's rounding, so the half-cent errors of many trades do not all lean the
same way), and `net` is derived from the rounded components so that the identity above holds
exactly on the numbers a trader sees.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Literal

from domain.errors import Invalid
from domain.market.instruments import InstrumentSpec, get_instrument

Side = Literal["long", "short"]

SLIPPAGE_TICKS_PER_SIDE = Decimal("2.0")
_SIDES_PER_ROUND_TRIP = 2
_CENT = Decimal("0.01")


@dataclass(frozen=True)
class PnL:
    gross: Decimal
    slippage: Decimal
    commission: Decimal
    net: Decimal
    slippage_ticks: Decimal = SLIPPAGE_TICKS_PER_SIDE  # per side, as stored on the signal row


class InvalidSide(Invalid):
    code = "invalid_side"


class InvalidSize(Invalid):
    code = "invalid_size"


class InvalidPrice(Invalid):
    code = "invalid_price"


class PriceOffTick(Invalid):
    code = "price_off_tick"


def compute_pnl(
    instrument: InstrumentSpec | str,
    side: Side,
    size: int,
    entry_price: Decimal,
    close_price: Decimal,
) -> PnL:
    """P&L in instrument currency of `size` contracts opened at `entry_price`, closed at `close_price`.

    Raises `Invalid` for an unknown instrument or side, a size below 1, or a price that is not a
    positive multiple of the instrument's tick size.
    """
    spec = get_instrument(instrument)
    if side not in ("long", "short"):
        raise InvalidSide(f"Side must be 'long' or 'short', not {side!r}.")
    # bool is an int subclass; True contracts is a bug, not a size.
    if not isinstance(size, int) or isinstance(size, bool) or size < 1:
        raise InvalidSize(f"Size must be a whole number of contracts >= 1, not {size!r}.")
    _check_price("entry_price", entry_price, spec)
    _check_price("close_price", close_price, spec)

    move = close_price - entry_price if side == "long" else entry_price - close_price
    gross = move * spec.point_value * size
    slippage = SLIPPAGE_TICKS_PER_SIDE * _SIDES_PER_ROUND_TRIP * spec.tick_value * size
    commission = spec.commission_per_side * _SIDES_PER_ROUND_TRIP * size

    gross_c, slippage_c, commission_c = (_cents(v) for v in (gross, slippage, commission))
    return PnL(
        gross=gross_c,
        slippage=slippage_c,
        commission=commission_c,
        net=gross_c - slippage_c - commission_c,
    )


def _check_price(name: str, price: Decimal, spec: InstrumentSpec) -> None:
    # A float would already have lost the exact tick value; refuse it rather than guess.
    if not isinstance(price, Decimal) or not price.is_finite():
        raise InvalidPrice(f"{name} must be a finite Decimal, not {price!r}.", field=name)
    if price <= 0:
        raise InvalidPrice(f"{name} must be positive, not {price}.", field=name)
    if price % spec.tick_size != 0:
        raise PriceOffTick(f"{name} {price} is not on the {spec.symbol} tick grid ({spec.tick_size}).", field=name)


def _cents(value: Decimal) -> Decimal:
    return value.quantize(_CENT, rounding=ROUND_HALF_EVEN)
