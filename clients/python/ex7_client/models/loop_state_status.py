from enum import StrEnum


class LoopStateStatus(StrEnum):
    BACKOFF = "backoff"
    FINISHED = "finished"
    RUNNING = "running"
    STOPPED = "stopped"

    def __str__(self) -> str:
        return str(self.value)
