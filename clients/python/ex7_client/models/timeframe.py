from enum import StrEnum


class Timeframe(StrEnum):
    VALUE_0 = "1m"
    VALUE_1 = "2m"
    VALUE_2 = "5m"
    VALUE_3 = "15m"
    VALUE_4 = "30m"
    VALUE_5 = "1h"
    VALUE_6 = "4h"
    VALUE_7 = "1d"

    def __str__(self) -> str:
        return str(self.value)
