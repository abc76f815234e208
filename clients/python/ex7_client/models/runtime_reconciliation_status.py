from enum import StrEnum


class RuntimeReconciliationStatus(StrEnum):
    DIFFERENCES = "differences"
    MATCHED = "matched"
    NOT_RUN = "not_run"

    def __str__(self) -> str:
        return str(self.value)
