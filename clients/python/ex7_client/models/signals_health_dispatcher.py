from enum import StrEnum


class SignalsHealthDispatcher(StrEnum):
    OK = "ok"
    STALE = "stale"

    def __str__(self) -> str:
        return str(self.value)
