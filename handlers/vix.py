"""Vix tag: a strategy draft from a sentence, and the caller's monthly quota."""

from __future__ import annotations

from functools import partial
from typing import Any

from domain.vix.draft import explanation_text
from generated import models
from handlers._http import as_caller, deps, parse, respond
from services import vix


async def generate_strategy(body: dict[str, Any], token_info: dict[str, Any]) -> Any:
    req = parse(models.VixGenerateRequest, body)
    generated = await vix.generate_strategy(partial(as_caller, token_info), deps().vix, prompt=req.prompt,
                                            instrument=req.instrument, timeframe=req.timeframe)
    d = generated.draft
    return respond({
        "strategy": {"name": d.name, "description": d.description, "instrument": d.instrument,
                     "timeframe": d.timeframe, "tags": list(d.tags), "graph": d.graph},
        "validation": generated.validation, "explanation": explanation_text(d), "quota": generated.quota.to_json(),
    })


async def get_quota(token_info: dict[str, Any]) -> Any:
    async with as_caller(token_info) as tx:
        quota = await vix.get_quota(tx)
    return respond(quota.to_json())
