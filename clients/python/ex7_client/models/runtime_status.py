from enum import StrEnum


class RuntimeStatus(StrEnum):
    DRAINING = "draining"
    ERROR = "error"
    PAUSED = "paused"
    RUNNING = "running"
    STARTING = "starting"
    STOPPED = "stopped"

    def __str__(self) -> str:
        return str(self.value)
