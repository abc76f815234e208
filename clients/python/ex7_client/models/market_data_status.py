from enum import StrEnum


class MarketDataStatus(StrEnum):
    CLOSED = "closed"
    FRESH = "fresh"
    STALE = "stale"

    def __str__(self) -> str:
        return str(self.value)
