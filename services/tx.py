"""What every use case takes: the open transaction, whose behalf it runs on, and the clock.

The entry point (an HTTP handler, a worker loop, the CLI) opens the transaction, hands it to one use
case and commits when the use case (and, for a handler, the rendering of its answer) has succeeded;
a failure anywhere rolls everything back. Use cases never commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from db.pool import Cursor
from domain.billing.tiers import DEFAULT_TIERS, Tier


class Clock(Protocol):
    """What use cases need of time (ex7.clock's clocks provide it)."""

    def now(self) -> datetime: ...


@dataclass(frozen=True)
class Tx:
    cur: Cursor
    clock: Clock
    # The caller's user id; None for a public operation or a worker acting for no one in particular.
    user: str | None = None
    # The tier catalogue in force (EX7_TIERS_FILE or the built-in one): what the caps are.
    tiers: tuple[Tier, ...] = DEFAULT_TIERS

    def caller(self) -> str:
        """The caller's id, for a use case that only makes sense on someone's behalf."""
        if self.user is None:
            raise RuntimeError("this use case needs a caller")
        return self.user
