from enum import StrEnum


class BillingPaidTierId(StrEnum):
    ELITE = "elite"
    PRO = "pro"

    def __str__(self) -> str:
        return str(self.value)
