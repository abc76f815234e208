from enum import StrEnum


class StrategyStatus(StrEnum):
    ARCHIVED = "archived"
    DRAFT = "draft"
    LIVE = "live"
    PAUSED = "paused"
    READY = "ready"

    def __str__(self) -> str:
        return str(self.value)
