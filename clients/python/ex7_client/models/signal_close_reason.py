from enum import StrEnum


class SignalCloseReason(StrEnum):
    EXIT = "exit"
    FORCE_CLOSE = "force_close"
    MAX_BARS = "max_bars"
    REVERSE = "reverse"
    RUNTIME_STOPPED = "runtime_stopped"
    STOP = "stop"
    TARGET = "target"
    USER = "user"

    def __str__(self) -> str:
        return str(self.value)
