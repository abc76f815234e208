from enum import StrEnum


class BillingStatus(StrEnum):
    ACTIVE = "active"
    CANCELED = "canceled"
    COMPED = "comped"
    INCOMPLETE = "incomplete"
    NONE = "none"
    PAST_DUE = "past_due"
    TRIALING = "trialing"

    def __str__(self) -> str:
        return str(self.value)
