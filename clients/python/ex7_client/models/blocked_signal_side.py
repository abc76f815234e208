from enum import StrEnum


class BlockedSignalSide(StrEnum):
    LONG = "long"
    SHORT = "short"

    def __str__(self) -> str:
        return str(self.value)
