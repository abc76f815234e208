from enum import StrEnum


class SignalAuditDecision(StrEnum):
    BLOCKED = "blocked"
    ENTER_LONG = "enter_long"
    ENTER_SHORT = "enter_short"
    ERROR = "error"
    EXIT = "exit"
    HOLD = "hold"
    SKIPPED = "skipped"

    def __str__(self) -> str:
        return str(self.value)
