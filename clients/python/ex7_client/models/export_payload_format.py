from enum import StrEnum


class ExportPayloadFormat(StrEnum):
    EX7_STRATEGYV1 = "ex7.strategy/v1"

    def __str__(self) -> str:
        return str(self.value)
