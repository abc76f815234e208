from enum import StrEnum


class TierId(StrEnum):
    ELITE = "elite"
    FREE = "free"
    PRO = "pro"

    def __str__(self) -> str:
        return str(self.value)
