from enum import StrEnum


class BacktestTradeSide(StrEnum):
    LONG = "long"
    SHORT = "short"

    def __str__(self) -> str:
        return str(self.value)
