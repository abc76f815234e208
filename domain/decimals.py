"""Decimal numbers on the wire: plain strings, never exponents, never through float."""

from __future__ import annotations

from decimal import Decimal

CENT = Decimal("0.01")


def money(value: Decimal) -> str:
    """Dollars and cents: '-500.00'."""
    return f"{value.quantize(CENT):f}"


def plain(value: Decimal) -> str:
    """A price or size without trailing zeros or exponent: '0.25', '50', '18250.5'."""
    text = f"{value.normalize():f}"
    return text
