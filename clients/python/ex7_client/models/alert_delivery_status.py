from enum import StrEnum


class AlertDeliveryStatus(StrEnum):
    BOUNCED = "bounced"
    DELIVERED = "delivered"
    FAILED = "failed"
    PENDING = "pending"
    SENDING = "sending"
    SUPPRESSED = "suppressed"

    def __str__(self) -> str:
        return str(self.value)
