from enum import StrEnum


class AlertEventType(StrEnum):
    RISK_BLOCK = "risk_block"
    RUNTIME_ERROR = "runtime_error"
    SIGNAL = "signal"
    SIGNAL_CLOSED = "signal_closed"

    def __str__(self) -> str:
        return str(self.value)
