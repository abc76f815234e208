"""Vix's local provider (domain/vix/local.py): a corpus of prompts (tests/data/vix_corpus.json), each with
what its graph must contain or which words it must refuse, plus properties that hold for any text.

A corpus entry is `{prompt, instrument?, timeframe?, expect}`; `expect` is either
`{instrument, timeframe, entries, nodes: [{type, params}], edges?: [["node.port", "node.port"]], absent?,
explanation?}` (each node type with at least those params, each edge, exactly those entry actions, no node
of an `absent` type, each explanation text somewhere in the explanation), or
`{error: "prompt_not_understood", unrecognized: [...], detail?}` (those words among `unrecognized`).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import asdict
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.errors import Invalid
from domain.market.errors import UnknownInstrument, UnknownTimeframe
from domain.strategy.catalog import ENTRY_TYPES, NODE_TYPES_BY_NAME
from domain.strategy.graph import validate_graph
from domain.vix.draft import Draft, explanation_text
from domain.vix.errors import PromptNotUnderstood
from domain.vix.local import MAX_PROMPT, REFERENCE_DATE, generate
from generated.models import StrategyGraph

ROOT = Path(__file__).resolve().parents[2]
CORPUS: list[dict[str, Any]] = json.loads((ROOT / "tests" / "data" / "vix_corpus.json").read_text())
SUCCESSES = [e for e in CORPUS if "error" not in e["expect"]]
REFUSALS = [e for e in CORPUS if "error" in e["expect"]]
RULE_TYPES = ENTRY_TYPES | {"exit", "stop_loss", "take_profit", "max_bars_in_trade", "position_size"}


def _run(entry: Mapping[str, Any]) -> Draft:
    return generate(entry["prompt"], instrument=entry.get("instrument"), timeframe=entry.get("timeframe"))


def _same(actual: Any, expected: Any) -> bool:
    if isinstance(expected, int | float) and not isinstance(expected, bool):
        return isinstance(actual, int | float) and not isinstance(actual, bool) and actual == expected
    return bool(actual == expected)


def _edges(graph: Mapping[str, Any]) -> set[tuple[str, str]]:
    return {(f"{e['from']['node']}.{e['from']['port']}", f"{e['to']['node']}.{e['to']['port']}")
            for e in graph["edges"]}


def check_draft(draft: Draft, expect: Mapping[str, Any]) -> None:
    """Everything a corpus entry expects of a draft; AssertionError naming what is missing."""
    graph = draft.graph
    assert validate_graph(graph, draft.instrument, draft.timeframe) == []
    assert (draft.instrument, draft.timeframe) == (expect["instrument"], expect["timeframe"])
    assert sorted(n["type"] for n in graph["nodes"] if n["type"] in ENTRY_TYPES) == expect["entries"]
    for want in expect["nodes"]:
        assert any(n["type"] == want["type"] and all(_same(n["params"].get(k), v) for k, v in want["params"].items())
                   for n in graph["nodes"]), f"no {want} in {graph['nodes']}"
    missing = {tuple(e) for e in expect.get("edges", [])} - _edges(graph)
    assert not missing, f"edges {sorted(missing)} not in {sorted(_edges(graph))}"
    for type_ in expect.get("absent", []):
        assert all(n["type"] != type_ for n in graph["nodes"]), f"unexpected {type_}"
    text = explanation_text(draft)
    for part in expect.get("explanation", []):
        assert part in text, f"{part!r} not in the explanation:\n{text}"


def check_refusal(entry: Mapping[str, Any]) -> None:
    with pytest.raises(PromptNotUnderstood) as caught:
        _run(entry)
    error = caught.value
    missing = set(entry["expect"]["unrecognized"]) - set(error.unrecognized)
    assert not missing, f"{sorted(missing)} not among {error.unrecognized}"
    assert error.detail and error.extra["unrecognized"] == error.unrecognized
    if "detail" in entry["expect"]:
        assert entry["expect"]["detail"] in error.detail, error.detail


def check_contract(draft: Draft) -> None:
    """What every draft is, whatever the prompt: catalogue types only, the contract's limits, laid out."""
    assert len(draft.name) <= 100 and draft.name and len(draft.description) <= 2000
    assert len(draft.tags) <= 20 and all(0 < len(t) <= 32 for t in draft.tags)
    assert len(set(draft.tags)) == len(draft.tags)
    assert draft.graph["meta"] == {"generated_by": "vix", "provider": "local"}
    assert all(n["type"] in NODE_TYPES_BY_NAME for n in draft.graph["nodes"])
    assert all(set(n["position"]) == {"x", "y"} for n in draft.graph["nodes"])
    assert len({n["id"] for n in draft.graph["nodes"]}) == len(draft.graph["nodes"])
    StrategyGraph.model_validate(draft.graph)
    text = explanation_text(draft)
    assert len(text) <= 2000 and text.split("\n") == list(draft.explanation)


# ---- the corpus ------------------------------------------------------------------------------------

def test_the_corpus_covers_what_vix_promises() -> None:
    assert len(CORPUS) >= 70 and len(REFUSALS) >= 8
    assert len({e["prompt"] for e in CORPUS}) == len(CORPUS)
    wanted = {w["type"] for e in SUCCESSES for w in e["expect"]["nodes"]}
    assert wanted >= {"ema", "sma", "wma", "rsi", "macd", "bollinger", "highest", "lowest", "vwap", "opening_range",
                      "time_window", "stop_loss", "take_profit", "max_bars_in_trade", "position_size", "exit"}
    assert any(e["expect"]["entries"] == ["enter_long", "enter_short"] for e in SUCCESSES)
    assert any(e["prompt"].startswith("buy MNQ when the 9 EMA crosses above the 21 EMA, 20 tick stop, 2R target, only "
                                      "9:30 to 11:30 New York") for e in CORPUS)  # the sentence


@pytest.mark.parametrize("entry", SUCCESSES, ids=lambda e: e["prompt"][:70])
def test_corpus_prompt_gives_the_expected_graph(entry: dict[str, Any]) -> None:
    draft = _run(entry)
    check_draft(draft, entry["expect"])
    check_contract(draft)


@pytest.mark.parametrize("entry", REFUSALS, ids=lambda e: e["prompt"][:70])
def test_corpus_prompt_is_refused(entry: dict[str, Any]) -> None:
    check_refusal(entry)


def test_the_checks_can_fail() -> None:
    entry = SUCCESSES[0]
    draft = _run(entry)
    wrong_period = json.loads(json.dumps(entry["expect"]).replace('"period": 9', '"period": 10'))
    wrong_edge = {**entry["expect"], "edges": [["slow.value", "cross_up.a"]]}
    wrong_entries = {**entry["expect"], "entries": ["enter_long", "enter_short"]}
    wrong_zone = json.loads(json.dumps(entry["expect"]).replace('"08:30"', '"09:30"'))
    for expect in (wrong_period, wrong_edge, wrong_entries, wrong_zone):
        with pytest.raises(AssertionError):
            check_draft(draft, expect)
    with pytest.raises(AssertionError):  # a refusal that names a word the parser did read
        check_refusal({"prompt": "asdkj buy when the 9 ema crosses above the 21 ema",
                       "expect": {"error": "prompt_not_understood", "unrecognized": ["ema"]}})
    with pytest.raises(BaseException):  # noqa: B017 - pytest's Failed: a prompt that is understood
        check_refusal({"prompt": entry["prompt"], "expect": {"error": "prompt_not_understood", "unrecognized": []}})


# ---- explanations ----------------------------------------------------------------------------------

def test_one_line_per_rule_then_assumptions() -> None:
    draft = generate("buy MNQ when the 9 EMA crosses above the 21 EMA, 20 tick stop, 2R target, only 9:30 to 11:30 "
                     "New York")
    rules = [line for line in draft.explanation if not line.startswith(("Assumed: ", "Ignored: "))]
    assert rules == [
        "Enter long when the 9-bar EMA crosses above the 21-bar EMA.",
        "Enter only on bars that open from 08:30 to 10:30 Chicago time (09:30 to 11:30 New York).",
        "Stop loss 20 ticks (5 points) from the entry price.",
        "Take profit at 2R: 2 times the stop distance from the entry price.",
    ]
    assert draft.explanation[len(rules):] == ("Assumed: timeframe 5m (none was named).",
                                              "Assumed: 1 contract per entry (no size was given).")
    assert draft.name == "MNQ 9/21 EMA cross" and {"ema", "crossover"} <= set(draft.tags)


@pytest.mark.parametrize("entry", SUCCESSES[::3], ids=lambda e: e["prompt"][:70])
def test_every_rule_node_has_its_line(entry: dict[str, Any]) -> None:
    draft = _run(entry)
    lines = list(draft.explanation)
    rules = [line for line in lines if not line.startswith(("Assumed: ", "Ignored: "))]
    assert lines[: len(rules)] == rules  # rules first, then what was assumed or ignored
    windows = any(e["to"]["port"] == "b" and e["from"]["port"] == "active" and e["to"]["node"].endswith("_in_window")
                  for e in draft.graph["edges"])
    assert len(rules) == sum(n["type"] in RULE_TYPES for n in draft.graph["nodes"]) + windows


def test_defaults_are_said_and_arguments_are_not_assumed() -> None:
    defaults = generate("buy when the ema crosses above the vwap")
    text = explanation_text(defaults)
    for said in ("Assumed: instrument MNQ (none was named).", "Assumed: timeframe 5m (none was named).",
                 "Assumed: EMA period 20 (none was given).", "Assumed: no stop loss"):
        assert said in text
    given_ = generate("buy when the 20 ema crosses above the vwap, stop 8 ticks", instrument="ES", timeframe="15m")
    assert (given_.instrument, given_.timeframe) == ("ES", "15m")
    assert "instrument" not in explanation_text(given_) and "timeframe" not in explanation_text(given_)


def test_out_of_range_numbers_name_the_catalogue_bounds() -> None:
    bounds = NODE_TYPES_BY_NAME["sma"].params_schema["properties"]["period"]
    too_long = bounds["maximum"] + 1
    with pytest.raises(PromptNotUnderstood) as caught:
        generate(f"buy when the close crosses above the {too_long} sma")
    assert str(too_long) in caught.value.unrecognized
    assert f"at least {bounds['minimum']} and at most {bounds['maximum']}" in caught.value.detail
    ticks = NODE_TYPES_BY_NAME["stop_loss"].params_schema["properties"]["ticks"]["maximum"]
    with pytest.raises(PromptNotUnderstood) as caught:  # 2501 points of MNQ are 10004 ticks
        generate(f"buy when the close crosses above the 50 sma, stop {ticks // 4 + 1} points")
    assert f"at most {ticks} ticks" in caught.value.detail


def test_the_refusal_is_a_422_with_its_words() -> None:
    with pytest.raises(PromptNotUnderstood) as caught:
        generate("buy when the stochastic crosses above 20")
    error = caught.value
    assert isinstance(error, Invalid) and error.status == 422 and error.code == "prompt_not_understood"
    assert error.extra == {"unrecognized": error.unrecognized} and "stochastic" in error.unrecognized
    assert "stochastic" in error.detail


def test_arguments_outside_the_catalogue_and_long_prompts() -> None:
    with pytest.raises(UnknownInstrument):
        generate("buy when the 9 ema crosses above the 21 ema", instrument="CL")
    with pytest.raises(UnknownTimeframe):
        generate("buy when the 9 ema crosses above the 21 ema", timeframe="3m")
    with pytest.raises(PromptNotUnderstood):
        generate("buy when the 9 ema crosses above the 21 ema " + "please " * (MAX_PROMPT // 7))


# ---- determinism -----------------------------------------------------------------------------------

_SAMPLE = [e["prompt"] for e in SUCCESSES[::4]]


def test_same_prompt_same_draft() -> None:
    first = [generate(p) for p in _SAMPLE]
    assert first == [generate(p) for p in _SAMPLE]
    # ...and in another process with another string hash seed (no set order leaks into a draft).
    script = ("import json, sys; from dataclasses import asdict; from domain.vix.local import generate; "
              "print(json.dumps([asdict(generate(p)) for p in json.loads(sys.stdin.read())]))")
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", script], input=json.dumps(_SAMPLE), capture_output=True, text=True,
                         env=env, cwd=ROOT, check=True, timeout=60).stdout
    assert json.loads(out) == json.loads(json.dumps([asdict(d) for d in first]))


# ---- any text --------------------------------------------------------------------------------------

def _generate_or_refuse(prompt: str) -> None:
    """Any text either is a draft that validates or is PromptNotUnderstood; nothing else escapes."""
    try:
        draft = generate(prompt)
    except PromptNotUnderstood as error:
        assert isinstance(error.unrecognized, list) and all(isinstance(w, str) for w in error.unrecognized)
        assert len(error.unrecognized) <= 40 and error.detail
        return
    check_contract(draft)
    assert validate_graph(draft.graph, draft.instrument, draft.timeframe) == []


_FRAGMENTS = [
    "buy", "sell", "long and short", "when", "the 9 ema", "crosses above", "crosses below", "the 21 ema", "rsi(14)",
    "below 30", "above 70", "macd", "its signal line", "histogram turns positive", "upper bollinger band (20, 2)",
    "lower band", "20-bar high", "20 bar low", "vwap", "opening range breakout", "first 15 minutes",
    "from 9:30 new york", "9:30 to 11:30 new york", "between 8:30 and 10 am chicago", "during the new york session",
    "20 tick stop", "stop 5 points", "stop at 1.5 atr", "2r target", "target 2:1", "40 tick target",
    "exit after 10 bars", "2 contracts", "exit on the opposite cross", ",", ".", "and", "or", "close", "price",
    "breaks", "above", "below", "cross", "new", "fast sma(10)", "slow sma(30)", "9/21 ema cross", "mnq", "es",
    "on the 15-minute chart", "hourly", "exit when", "flat by 3 pm", "oversold", "bullish", "-5", "0", "10000",
    "$100 stop", "london session", "utc", "9:30", "zero", "size 3", "max 10 bars in trade", "both ways",
    "short only", "exit", "signal", "first hour", "python", "node", "ignore the schema", "(", ")", "/", "-", ":",
]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=MAX_PROMPT))
def test_any_text_is_a_valid_draft_or_a_refusal(prompt: str) -> None:
    _generate_or_refuse(prompt)


_HEADS = ["buy when", "sell when", "long and short when", "go long", "short only,", ""]
_RULES = ["the 9 ema crosses above the 21 ema", "rsi(14) below 30", "macd crosses above its signal line",
          "close breaks above the upper bollinger band (20, 2)", "price crosses above vwap", "breaks the 20-bar high",
          "opening range breakout of the first 15 minutes", "the histogram turns positive", "9/21 ema cross"]
# Mostly prompts that read: so that "every success validates" is tested on many successes.
_LIKELY = st.builds(lambda head, rule, extras: " ".join([head, rule, *extras]), st.sampled_from(_HEADS),
                    st.sampled_from(_RULES), st.lists(st.sampled_from(_FRAGMENTS), max_size=6))


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.lists(st.sampled_from(_FRAGMENTS), max_size=24).map(" ".join), _LIKELY))
def test_any_mix_of_known_phrases_is_a_valid_draft_or_a_refusal(prompt: str) -> None:
    _generate_or_refuse(prompt)


def test_work_is_bounded() -> None:
    # The densest prompts (a number or a comma at every other character) stay linear.
    for prompt in ("1," * (MAX_PROMPT // 2), "9 " * (MAX_PROMPT // 2), "crosses above " * (MAX_PROMPT // 14)):
        started = time.perf_counter()
        with pytest.raises(PromptNotUnderstood):
            generate(prompt[:MAX_PROMPT])
        assert time.perf_counter() - started < 2


def test_the_reference_date_is_safe_for_us_zones_and_said_for_europe() -> None:
    """Why one fixed date converts times: New York is an hour ahead of Chicago every day of the year (US
    zones change clocks together), so its windows are exact; London is 6 hours ahead except in the weeks
    when US and UK clocks change on different dates, which the explanation says."""
    def chicago(day: date, zone: str) -> clock:
        local = datetime.combine(day, clock(9, 30), tzinfo=ZoneInfo(zone))
        return local.astimezone(ZoneInfo("America/Chicago")).time()

    days = [date(2025, 1, 1) + timedelta(days=n) for n in range(365)]
    assert {chicago(d, "America/New_York") for d in days} == {clock(8, 30)}
    off = [d for d in days if chicago(d, "Europe/London") != chicago(REFERENCE_DATE, "Europe/London")]
    assert 0 < len(off) <= 28
    draft = generate("buy when the 9 ema crosses above the 21 ema, 9:30 to 10:30 london, stop 20 ticks")
    assert {"start": "03:30", "end": "04:30"} in [n["params"] for n in draft.graph["nodes"]]
    assert f"offsets of {REFERENCE_DATE.isoformat()}" in explanation_text(draft)
