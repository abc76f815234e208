from enum import StrEnum


class TradingMode(StrEnum):
    LIVE = "live"
    PAPER = "paper"

    def __str__(self) -> str:
        return str(self.value)
