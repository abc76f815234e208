from enum import StrEnum


class SignalStatus(StrEnum):
    CANCELLED = "cancelled"
    CLOSED = "closed"
    OPEN = "open"

    def __str__(self) -> str:
        return str(self.value)
