from enum import StrEnum


class Timeframe(StrEnum):
    FIFTEEN_MINUTES = "15m"
    FIVE_MINUTES = "5m"
    FOUR_HOURS = "4h"
    ONE_DAY = "1d"
    ONE_HOUR = "1h"
    ONE_MINUTE = "1m"
    THIRTY_MINUTES = "30m"
    TWO_MINUTES = "2m"

    def __str__(self) -> str:
        return str(self.value)
