from enum import StrEnum


class AlertUnsubscribeOneClickFormListUnsubscribe(StrEnum):
    ONE_CLICK = "One-Click"

    def __str__(self) -> str:
        return str(self.value)
