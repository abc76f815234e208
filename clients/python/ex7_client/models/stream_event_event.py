from enum import StrEnum


class StreamEventEvent(StrEnum):
    COMPLIANCE = "compliance"
    RESET = "reset"
    SIGNAL = "signal"
    SIGNAL_CLOSED = "signal_closed"
    TOKEN_EXPIRED = "token_expired"

    def __str__(self) -> str:
        return str(self.value)
