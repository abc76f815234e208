"""compute_pnl by hand-worked examples: a trader should be able to redo every line on paper.

Contract facts (DESIGN §10, domain.market.instruments): tick 0.25 for all four;
  MNQ $0.50/tick = $2/point,  MES $1.25/tick = $5/point,  commission $0.57/side
  NQ  $5.00/tick = $20/point, ES $12.50/tick = $50/point, commission $2.15/side
Costs per contract per round trip: slippage 2 ticks x 2 sides = 4 ticks; commission x 2 sides.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.errors import Invalid
from domain.market.instruments import INSTRUMENTS
from domain.pnl import PnL, compute_pnl

EXAMPLES = [
    # instrument, side, size, entry, close, gross, slippage, commission, net
    # MNQ long 1, win: +10.00 pts x $2 x 1 = 20.00; slip 4 x 0.50 x 1 = 2.00; comm 0.57 x 2 x 1 = 1.14
    #   net 20.00 - 2.00 - 1.14 = 16.86
    ("MNQ", "long", 1, "18000.00", "18010.00", "20.00", "2.00", "1.14", "16.86"),
    # MNQ short 3, loss: entry - close = 18000.00 - 18010.25 = -10.25 pts x $2 x 3 = -61.50;
    #   slip 4 x 0.50 x 3 = 6.00; comm 0.57 x 2 x 3 = 3.42; net -61.50 - 6.00 - 3.42 = -70.92
    ("MNQ", "short", 3, "18000.00", "18010.25", "-61.50", "6.00", "3.42", "-70.92"),
    # MNQ short 1, win: 18000.00 - 17990.50 = 9.50 pts x $2 = 19.00; net 19.00 - 2.00 - 1.14 = 15.86
    ("MNQ", "short", 1, "18000.00", "17990.50", "19.00", "2.00", "1.14", "15.86"),
    # MNQ long 3, loss: 17995.75 - 18000.25 = -4.50 pts x $2 x 3 = -27.00; net -27.00 - 6.00 - 3.42 = -36.42
    ("MNQ", "long", 3, "18000.25", "17995.75", "-27.00", "6.00", "3.42", "-36.42"),
    # MES long 1, win: 4.25 pts x $5 = 21.25; slip 4 x 1.25 = 5.00; comm 1.14; net 21.25 - 5.00 - 1.14 = 15.11
    ("MES", "long", 1, "5000.00", "5004.25", "21.25", "5.00", "1.14", "15.11"),
    # MES short 3, loss: 5000.00 - 5002.00 = -2.00 pts x $5 x 3 = -30.00; slip 4 x 1.25 x 3 = 15.00;
    #   comm 0.57 x 2 x 3 = 3.42; net -30.00 - 15.00 - 3.42 = -48.42
    ("MES", "short", 3, "5000.00", "5002.00", "-30.00", "15.00", "3.42", "-48.42"),
    # MES short 1, win: 10.00 pts x $5 = 50.00; net 50.00 - 5.00 - 1.14 = 43.86
    ("MES", "short", 1, "5000.00", "4990.00", "50.00", "5.00", "1.14", "43.86"),
    # MES long 3, loss of one tick: -0.25 pts x $5 x 3 = -3.75; net -3.75 - 15.00 - 3.42 = -22.17
    ("MES", "long", 3, "5000.00", "4999.75", "-3.75", "15.00", "3.42", "-22.17"),
    # NQ long 1, win: 25.00 pts x $20 = 500.00; slip 4 x 5.00 = 20.00; comm 2.15 x 2 = 4.30;
    #   net 500.00 - 20.00 - 4.30 = 475.70
    ("NQ", "long", 1, "18000.00", "18025.00", "500.00", "20.00", "4.30", "475.70"),
    # NQ short 3, loss: -12.50 pts x $20 x 3 = -750.00; slip 4 x 5.00 x 3 = 60.00; comm 2.15 x 2 x 3 = 12.90;
    #   net -750.00 - 60.00 - 12.90 = -822.90
    ("NQ", "short", 3, "18000.00", "18012.50", "-750.00", "60.00", "12.90", "-822.90"),
    # NQ short 1, a one-tick "win" that loses after costs: 0.25 x $20 = 5.00; net 5.00 - 20.00 - 4.30 = -19.30
    ("NQ", "short", 1, "18000.00", "17999.75", "5.00", "20.00", "4.30", "-19.30"),
    # NQ long 3, loss: -50.00 pts x $20 x 3 = -3000.00; net -3000.00 - 60.00 - 12.90 = -3072.90
    ("NQ", "long", 3, "18000.00", "17950.00", "-3000.00", "60.00", "12.90", "-3072.90"),
    # ES long 1, win: 10.00 pts x $50 = 500.00; slip 4 x 12.50 = 50.00; comm 4.30; net 500 - 50 - 4.30 = 445.70
    ("ES", "long", 1, "5000.00", "5010.00", "500.00", "50.00", "4.30", "445.70"),
    # ES short 3, loss: -3.75 pts x $50 x 3 = -562.50; slip 4 x 12.50 x 3 = 150.00; comm 12.90;
    #   net -562.50 - 150.00 - 12.90 = -725.40
    ("ES", "short", 3, "5000.00", "5003.75", "-562.50", "150.00", "12.90", "-725.40"),
    # ES short 1, win: 5000.00 - 4980.50 = 19.50 pts x $50 = 975.00; net 975.00 - 50.00 - 4.30 = 920.70
    ("ES", "short", 1, "5000.00", "4980.50", "975.00", "50.00", "4.30", "920.70"),
    # ES long 3, loss: -2.00 pts x $50 x 3 = -300.00; net -300.00 - 150.00 - 12.90 = -462.90
    ("ES", "long", 3, "5000.00", "4998.00", "-300.00", "150.00", "12.90", "-462.90"),
    # Flat MNQ trade (close = entry, as a force-close books it): gross 0; net -(2.00 + 1.14) = -3.14
    ("MNQ", "long", 1, "18000.00", "18000.00", "0.00", "2.00", "1.14", "-3.14"),
]


@pytest.mark.parametrize(
    ("symbol", "side", "size", "entry", "close", "gross", "slippage", "commission", "net"), EXAMPLES
)
def test_hand_worked_examples(
    symbol: str, side: str, size: int, entry: str, close: str, gross: str, slippage: str, commission: str, net: str
) -> None:
    result = compute_pnl(symbol, side, size, D(entry), D(close))  # type: ignore[arg-type]
    assert result == PnL(D(gross), D(slippage), D(commission), D(net))
    # Money goes out as decimal strings with exactly two places ("-70.92", "0.00").
    for field in (result.gross, result.slippage, result.commission, result.net):
        assert isinstance(field, D) and field.as_tuple().exponent == -2
    assert result.slippage_ticks == D("2.0") and str(result.slippage_ticks) == "2.0"


def test_accepts_a_spec_as_well_as_a_symbol() -> None:
    assert compute_pnl(INSTRUMENTS["ES"], "long", 1, D("5000"), D("5010")) == compute_pnl(
        "ES", "long", 1, D("5000.00"), D("5010.00")
    )


def test_rounding_happens_once_at_the_end_half_even() -> None:
    # A configured sub-cent cost: $0.5625/side. Round trip for 1 contract = 1.125 -> 1.12 (half-even:
    # 2 is even; half-up would give 1.13); for 3 contracts 3.375 -> 3.38 (8 is even).
    spec = replace(INSTRUMENTS["MES"], commission_per_side=D("0.5625"))
    one = compute_pnl(spec, "long", 1, D("5000.00"), D("5001.00"))
    # gross 1.00 pt x $5 = 5.00; slip 5.00; comm 1.12; net 5.00 - 5.00 - 1.12 = -1.12
    assert (one.gross, one.slippage, one.commission, one.net) == (D("5.00"), D("5.00"), D("1.12"), D("-1.12"))
    three = compute_pnl(spec, "short", 3, D("5000.00"), D("5001.00"))
    # gross -1.00 x $5 x 3 = -15.00; slip 15.00; comm 3.375 -> 3.38 (not 3 x 1.12 = 3.36: no early rounding)
    assert (three.gross, three.slippage, three.commission, three.net) == (
        D("-15.00"), D("15.00"), D("3.38"), D("-33.38"),
    )


@settings(max_examples=200, deadline=None)
@given(
    symbol=st.sampled_from(sorted(INSTRUMENTS)),
    entry_ticks=st.integers(min_value=1, max_value=200_000),
    move_ticks=st.integers(min_value=-4_000, max_value=4_000),
    size=st.integers(min_value=1, max_value=50),
)
def test_identities(symbol: str, entry_ticks: int, move_ticks: int, size: int) -> None:
    spec = INSTRUMENTS[symbol]
    entry = entry_ticks * spec.tick_size
    close = max(entry_ticks + move_ticks, 1) * spec.tick_size
    long = compute_pnl(symbol, "long", size, entry, close)
    short = compute_pnl(symbol, "short", size, entry, close)
    unit = compute_pnl(symbol, "long", 1, entry, close)
    # net is exactly gross minus costs; a short mirrors a long; costs do not depend on the side.
    assert long.net == long.gross - long.slippage - long.commission
    assert short.gross == -long.gross
    assert (short.slippage, short.commission) == (long.slippage, long.commission)
    # Ticks of move x tick value, and per-contract linearity (no rounding needed for these specs).
    assert long.gross == (close - entry) / spec.tick_size * spec.tick_value * size
    assert (long.gross, long.slippage, long.commission, long.net) == tuple(
        v * size for v in (unit.gross, unit.slippage, unit.commission, unit.net)
    )


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"instrument": "XYZ"}, "unknown_instrument"),
        ({"side": "buy"}, "invalid_side"),
        ({"side": "LONG"}, "invalid_side"),
        ({"size": 0}, "invalid_size"),
        ({"size": -2}, "invalid_size"),
        ({"size": True}, "invalid_size"),
        ({"size": 1.5}, "invalid_size"),
        ({"entry_price": D("18000.10")}, "price_off_tick"),
        ({"close_price": D("18000.125")}, "price_off_tick"),
        ({"entry_price": D("0")}, "invalid_price"),
        ({"close_price": D("-18000.00")}, "invalid_price"),
        ({"entry_price": 18000.0}, "invalid_price"),
        ({"entry_price": D("NaN")}, "invalid_price"),
        ({"close_price": D("Infinity")}, "invalid_price"),
    ],
)
def test_invalid_inputs_raise_invalid(kwargs: dict[str, object], code: str) -> None:
    args: dict[str, object] = {
        "instrument": "MNQ", "side": "long", "size": 1, "entry_price": D("18000.00"), "close_price": D("18001.00"),
    }
    args.update(kwargs)
    with pytest.raises(Invalid) as info:
        compute_pnl(**args)  # type: ignore[arg-type]
    assert info.value.code == code
    assert info.value.status == 422
