from enum import StrEnum


class NodeTypeCategory(StrEnum):
    ACTION = "action"
    CONDITION = "condition"
    INDICATOR = "indicator"
    LOGIC = "logic"
    RISK = "risk"
    SOURCE = "source"

    def __str__(self) -> str:
        return str(self.value)
