"""A Vix strategy draft: what a provider (the local parser, domain/vix/local.py, or a language model)
hands back. A preview only; the client creates a strategy from it through the strategies API, so the
limits are the contract's (VixStrategyDraft; the explanation is VixGenerateResponse.explanation)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

NAME_MAX: Final = 100
DESCRIPTION_MAX: Final = 2000
TAGS_MAX: Final = 20
TAG_MAX: Final = 32
EXPLANATION_MAX: Final = 2000


@dataclass(frozen=True)
class Draft:
    name: str  # <= 100 characters, e.g. "MNQ 9/21 EMA cross"
    description: str  # <= 2000 characters: one sentence of what it does
    instrument: str
    timeframe: str
    tags: tuple[str, ...]  # <= 20 tags of <= 32 characters, e.g. ("ema", "crossover", "trend")
    graph: dict[str, Any]  # {nodes, edges, meta}; meta says who generated it
    # One plain-language line per rule, then "Assumed: ..." and "Ignored: ..." lines.
    explanation: tuple[str, ...]


def explanation_text(draft: Draft) -> str:
    """The explanation as the contract's one string: the lines joined by newlines."""
    return "\n".join(draft.explanation)
