from enum import StrEnum


class AlertDeliveryAttemptOutcome(StrEnum):
    DELIVERED = "delivered"
    FAILED = "failed"
    GONE = "gone"
    RETRY = "retry"

    def __str__(self) -> str:
        return str(self.value)
