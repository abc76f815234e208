"""A dependency-free progress bar on stderr, redrawn in place at most ten times a second."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    def __init__(self, label: str, total: int, *, enabled: bool, unit: str = "", stream: TextIO | None = None,
                 width: int = 30) -> None:
        self.label = label
        self.total = max(total, 1)
        self.enabled = enabled
        self.unit = unit
        self.stream = stream if stream is not None else sys.stderr
        self.width = width
        self._started = time.monotonic()
        self._drawn = 0.0
        self._done = 0

    def update(self, done: int, *, force: bool = False) -> None:
        self._done = done
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._drawn < 0.1:
            return
        self._drawn = now
        fraction = min(done / self.total, 1.0)
        filled = int(fraction * self.width)
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\r{self.label:<8} [{bar}] {fraction:6.1%}  {_human(done)}/{_human(self.total)}"
                          f"{self.unit}  {now - self._started:5.1f}s")
        self.stream.flush()

    def finish(self) -> None:
        if self.enabled:
            self.update(self.total, force=True)
            self.stream.write("\n")
            self.stream.flush()


def _human(n: int) -> str:
    if n >= 10_000_000:
        return f"{n / 1_000_000:.0f}M"
    if n >= 10_000:
        return f"{n / 1_000:.0f}k"
    return str(n)
