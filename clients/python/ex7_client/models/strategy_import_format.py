from enum import StrEnum


class StrategyImportFormat(StrEnum):
    EX7_STRATEGYV1 = "ex7.strategy/v1"

    def __str__(self) -> str:
        return str(self.value)
