"""Vix local provider (domain/vix/local.py): the limits, defaults and reference date of a reading."""

from __future__ import annotations

from datetime import date
from typing import Final

MAX_PROMPT: Final = 2000  # the contract's VixGenerateRequest.prompt maxLength
DEFAULT_INSTRUMENT: Final = "MNQ"
DEFAULT_TIMEFRAME: Final = "5m"
EXCHANGE_TZ: Final = "America/Chicago"
# Zone conversions that depend on the date use this one, so that a prompt always gives the same graph.
REFERENCE_DATE: Final = date(2025, 1, 15)
# More conditions than this is not a sentence any more; it also bounds the graph and the explanation.
MAX_CONDITIONS: Final = 12
_MAX_UNRECOGNIZED: Final = 40
_MAX_WORD: Final = 40  # longer "words" are not looked up (nothing in the vocabulary is that long)
META: Final = {"generated_by": "vix", "provider": "local"}
