from enum import StrEnum


class WaitlistResponseStatus(StrEnum):
    OK = "ok"

    def __str__(self) -> str:
        return str(self.value)
