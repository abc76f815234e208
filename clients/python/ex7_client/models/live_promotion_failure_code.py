from enum import StrEnum


class LivePromotionFailureCode(StrEnum):
    COMPLIANCE_NOT_ACCEPTED = "compliance_not_accepted"
    GRAPH_INVALID = "graph_invalid"
    MISSING_STOP_LOSS = "missing_stop_loss"

    def __str__(self) -> str:
        return str(self.value)
