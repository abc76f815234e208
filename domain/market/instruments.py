"""Contract specifications of the instruments EX7 trades (CME equity-index futures).

This is the single source of the catalogue: `ex7 migrate` upserts it into the `instruments` table,
and P&L and the engine read the same specs. Costs per side are retail all-in estimates
(commission + exchange + regulatory) and can be overridden by configuration.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from domain.market.errors import UnknownInstrument

TIMEFRAMES: tuple[str, ...] = ("1m", "2m", "5m", "15m", "30m", "1h", "4h", "1d")


@dataclass(frozen=True)
class InstrumentSpec:
    symbol: str
    name: str
    exchange: str
    currency: str
    tick_size: Decimal
    tick_value: Decimal
    commission_per_side: Decimal
    session_timezone: str = "America/Chicago"
    session_open: str = "17:00"
    session_close: str = "16:00"

    @property
    def point_value(self) -> Decimal:
        return self.tick_value / self.tick_size


INSTRUMENTS: dict[str, InstrumentSpec] = {
    spec.symbol: spec
    for spec in (
        InstrumentSpec("MNQ", "Micro E-mini Nasdaq-100", "CME", "USD",
                       Decimal("0.25"), Decimal("0.50"), Decimal("0.57")),
        InstrumentSpec("MES", "Micro E-mini S&P 500", "CME", "USD", Decimal("0.25"), Decimal("1.25"), Decimal("0.57")),
        InstrumentSpec("NQ", "E-mini Nasdaq-100", "CME", "USD", Decimal("0.25"), Decimal("5.00"), Decimal("2.15")),
        InstrumentSpec("ES", "E-mini S&P 500", "CME", "USD", Decimal("0.25"), Decimal("12.50"), Decimal("2.15")),
    )
}


def get_instrument(instrument: InstrumentSpec | str) -> InstrumentSpec:
    """The spec of a symbol (a spec passes through); an unknown symbol is a 422."""
    if isinstance(instrument, InstrumentSpec):
        return instrument
    spec = INSTRUMENTS.get(instrument)
    if spec is None:
        raise UnknownInstrument(f"Unknown instrument {instrument!r}.")
    return spec
