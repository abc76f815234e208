from enum import StrEnum


class StrategyImportNameOnConflict(StrEnum):
    ERROR = "error"
    SUFFIX = "suffix"

    def __str__(self) -> str:
        return str(self.value)
