from enum import StrEnum


class AlertVerificationSentStatus(StrEnum):
    SENT = "sent"

    def __str__(self) -> str:
        return str(self.value)
