from enum import StrEnum


class BillingMeSource(StrEnum):
    COMP = "comp"
    FREE = "free"
    STRIPE = "stripe"

    def __str__(self) -> str:
        return str(self.value)
