from enum import StrEnum


class NodePortKind(StrEnum):
    BOOLEAN_SERIES = "boolean_series"
    NUMBER_SERIES = "number_series"

    def __str__(self) -> str:
        return str(self.value)
