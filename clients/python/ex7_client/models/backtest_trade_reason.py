from enum import StrEnum


class BacktestTradeReason(StrEnum):
    END_OF_DATA = "end_of_data"
    EXIT = "exit"
    MAX_BARS = "max_bars"
    REVERSE = "reverse"
    STOP = "stop"
    TARGET = "target"

    def __str__(self) -> str:
        return str(self.value)
