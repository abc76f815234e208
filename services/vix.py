"""Vix: a strategy draft from a sentence, counted against the tier's monthly quota.

A generation reserves its slot in one transaction (under the user's billing lock, which the tier's
other caps take too: two requests at the last slot, one passes), generates with no transaction open
(a language model takes seconds; a pooled connection must not wait on it), then records the slot as
used in a second transaction, or gives it back when the generation failed. The draft is a preview:
nothing of it is saved.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Protocol

from db import billing as billing_db
from db import vix as vix_db
from domain.market.errors import UnknownInstrument
from domain.market.instruments import INSTRUMENTS
from domain.strategy.graph import validate_graph, validation_result
from domain.vix import local
from domain.vix.draft import Draft
from domain.vix.quota import RESERVATION_SECONDS, Quota, month_bounds
from services import entitlements
from services.tx import Tx
from services.vix_llm import LlmProvider


class Provider(Protocol):
    name: str

    async def generate(self, prompt: str, *, instrument: str | None, timeframe: str | None) -> Draft: ...

    async def close(self) -> None: ...


class LocalProvider:
    """The deterministic parser (domain.vix.local): no network, the default."""

    name = "local"

    async def generate(self, prompt: str, *, instrument: str | None, timeframe: str | None) -> Draft:
        return local.generate(prompt, instrument=instrument, timeframe=timeframe)

    async def close(self) -> None:
        return None


class ModelProvider:
    """A language model behind services.vix_llm, its answer already checked by our validator there."""

    def __init__(self, llm: LlmProvider, name: str) -> None:
        self.llm = llm
        self.name = name

    async def generate(self, prompt: str, *, instrument: str | None, timeframe: str | None) -> Draft:
        d = await self.llm.generate(prompt, instrument=instrument, timeframe=timeframe)
        graph = {**d.graph, "meta": {**d.graph.get("meta", {}), "generated_by": "vix", "provider": self.name}}
        return Draft(name=d.name[:100], description=d.description[:2000], instrument=d.instrument,
                     timeframe=d.timeframe, tags=tuple(t[:32] for t in d.tags[:20]), graph=graph,
                     explanation=d.explanation)

    async def close(self) -> None:
        await self.llm.close()


@dataclass(frozen=True)
class Generated:
    draft: Draft
    validation: dict[str, Any]
    quota: Quota


async def get_quota(tx: Tx, user_id: str | None = None) -> Quota:
    user = user_id or tx.caller()
    now = tx.clock.now()
    start, end = month_bounds(now)
    tier = (await entitlements.of_user(tx, user)).tier
    used = await vix_db.used(tx.cur, user, start=start, end=end,
                             live_since=now - timedelta(seconds=RESERVATION_SECONDS))
    return Quota(tier.id, used, tier.vix_generations_per_month, start, end)


async def generate_strategy(begin: Callable[[], AbstractAsyncContextManager[Tx]], provider: Provider, *,
                            prompt: str, instrument: str | None, timeframe: str | None) -> Generated:
    """`begin` opens a transaction as the caller; this use case needs three (see the module's docstring)."""
    if instrument is not None and instrument not in INSTRUMENTS:
        raise UnknownInstrument(f"{instrument!r} is not an instrument of the catalogue ({', '.join(INSTRUMENTS)}).")
    async with begin() as tx:
        user = tx.caller()
        await billing_db.lock_billing(tx.cur, user)
        (await get_quota(tx)).check_one_more(tx.clock.now())
        reservation = await vix_db.reserve(tx.cur, user, provider.name, tx.clock.now())
    try:
        draft = await provider.generate(prompt, instrument=instrument, timeframe=timeframe)
    except BaseException:
        async with begin() as tx:
            await vix_db.release(tx.cur, reservation)
        raise
    async with begin() as tx:
        await vix_db.finish(tx.cur, reservation, tx.clock.now())
        quota = await get_quota(tx)
    return Generated(draft, validation_result(validate_graph(draft.graph, draft.instrument, draft.timeframe)), quota)
