"""The node catalogue: its shape is the contract's, its schemas are sound JSON Schema, and its
indicator bounds are exactly the ones domain/indicators.py enforces."""

from __future__ import annotations

import re
from typing import Any

import pytest
from jsonschema import Draft7Validator

from domain import indicators
from domain.errors import Invalid
from domain.strategy.catalog import (
    CATEGORIES,
    NODE_TYPES,
    NODE_TYPES_BY_NAME,
    engine_catalog,
    get_node_type,
    node_types_as_dicts,
    params_with_defaults,
)
from generated.models import EngineCatalog

REQUIRED_TYPES = {
    "price", "constant", "sma", "ema", "wma", "rsi", "macd", "atr", "bollinger", "vwap", "highest", "lowest",
    "compare", "crosses_above", "crosses_below", "and", "or", "not", "time_window",
    "enter_long", "enter_short", "exit", "stop_loss", "take_profit", "max_bars_in_trade", "position_size",
}


def _validator(type_: str) -> Draft7Validator:
    return Draft7Validator(NODE_TYPES_BY_NAME[type_].params_schema)


def test_the_catalogue_has_every_required_node_type_once() -> None:
    names = [nt.type for nt in NODE_TYPES]
    assert len(names) == len(set(names))
    assert set(names) >= REQUIRED_TYPES


def test_engine_catalog_matches_the_contract() -> None:
    body = engine_catalog()
    EngineCatalog.model_validate(body)  # the wire model generated from the contract
    assert [item["type"] for item in body["items"]] == [nt.type for nt in NODE_TYPES]
    assert {f["slug"] for f in body["fixtures"]} >= {"ema-crossover", "rsi-mean-reversion",
                                                       "opening-range-breakout", "vwap-reversion",
                                                       "bollinger-breakout", "demo-1m-momentum"}
    for fixture in body["fixtures"]:
        assert set(fixture) == {"slug", "name", "description", "instrument", "timeframe"}
    for item in body["items"]:
        assert set(item) == {"type", "category", "label", "description", "inputs", "outputs", "params_schema"}


def test_catalog_dicts_are_fresh_copies() -> None:
    first = node_types_as_dicts()
    first[0]["params_schema"]["properties"].clear()
    first[0]["inputs"].append({"name": "x", "kind": "number_series"})
    assert node_types_as_dicts()[0] == NODE_TYPES[0].to_dict()
    assert NODE_TYPES[0].to_dict()["params_schema"]["properties"]


@pytest.mark.parametrize("node_type", NODE_TYPES, ids=lambda nt: nt.type)
def test_each_node_type_is_well_formed(node_type: Any) -> None:
    assert re.fullmatch(r"[a-z][a-z0-9_]*", node_type.type)
    assert node_type.category in CATEGORIES
    assert node_type.label and node_type.description
    for port in (*node_type.inputs, *node_type.outputs):
        assert re.fullmatch(r"[a-z][a-z0-9_]*", port.name)
        assert port.kind in ("number_series", "boolean_series")
    assert len({p.name for p in node_type.inputs}) == len(node_type.inputs)
    assert len({p.name for p in node_type.outputs}) == len(node_type.outputs)
    schema = node_type.params_schema
    Draft7Validator.check_schema(schema)
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    # Every default is a valid value of its own property.
    for name, prop in schema["properties"].items():
        if "default" in prop:
            assert not list(Draft7Validator(prop).iter_errors(prop["default"])), name


def test_categories_follow_the_ports() -> None:
    for nt in NODE_TYPES:
        if nt.category == "risk":
            assert nt.inputs == () and nt.outputs == (), nt.type  # they configure the runtime
        if nt.category == "action":
            assert [(p.name, p.kind) for p in nt.inputs] == [("when", "boolean_series")] and nt.outputs == ()
        if nt.category in ("condition", "logic"):
            assert [p.kind for p in nt.outputs] == ["boolean_series"], nt.type
        if nt.category in ("source", "indicator"):
            assert nt.outputs and all(p.kind == "number_series" for p in nt.outputs), nt.type


def test_ports_the_brief_names() -> None:
    def names(ports: Any) -> list[str]:
        return [p.name for p in ports]

    assert names(NODE_TYPES_BY_NAME["macd"].outputs) == ["macd", "signal", "hist"]
    assert names(NODE_TYPES_BY_NAME["bollinger"].outputs) == ["upper", "middle", "lower"]
    assert names(NODE_TYPES_BY_NAME["compare"].inputs) == ["a", "b"]
    assert NODE_TYPES_BY_NAME["price"].params_schema["properties"]["field"]["enum"] == [
        "open", "high", "low", "close", "volume", "typical"]
    assert NODE_TYPES_BY_NAME["compare"].params_schema["properties"]["op"]["enum"] == [">", "<", ">=", "<="]
    assert get_node_type("nope") is None


@pytest.mark.parametrize(
    ("type_", "params", "valid"),
    [
        ("stop_loss", {"ticks": 20}, True),  # mode defaults to ticks (the contract's example)
        ("stop_loss", {"mode": "ticks"}, False),
        ("stop_loss", {"mode": "atr", "atr_multiple": 2.0}, True),
        ("stop_loss", {"mode": "atr", "atr_multiple": 0}, False),
        ("stop_loss", {"mode": "atr"}, False),
        ("stop_loss", {"mode": "percent", "ticks": 5}, False),
        ("stop_loss", {"ticks": 1.5}, False),
        ("take_profit", {"ticks": 40}, True),
        ("take_profit", {"mode": "r_multiple", "r_multiple": 2}, True),
        ("take_profit", {"mode": "r_multiple"}, False),
        ("max_bars_in_trade", {"bars": 10}, True),
        ("max_bars_in_trade", {}, False),
        ("position_size", {"contracts": 100}, True),
        ("position_size", {"contracts": 101}, False),
        ("position_size", {"contracts": 0}, False),
        ("position_size", {}, True),
        ("time_window", {"start": "08:30", "end": "15:00"}, True),
        ("time_window", {"start": "8:30", "end": "15:00"}, False),
        ("time_window", {"start": "08:30", "end": "24:00"}, False),
        ("compare", {"op": "=="}, False),
        ("price", {"field": "typical"}, True),
        ("price", {"field": "vwap"}, False),
        ("constant", {"value": -2.5}, True),
        ("constant", {}, False),
        ("crosses_above", {"extra": 1}, False),
        ("sma", {"period": True}, False),
    ],
)
def test_params_schemas(type_: str, params: dict[str, Any], valid: bool) -> None:
    assert _validator(type_).is_valid(params) is valid


# type -> (class in domain/indicators.py, {param: class minimum}). The catalogue must accept exactly
# what the class accepts, so the evaluator can instantiate it from any params that validated.
INDICATOR_BOUNDS: dict[str, tuple[type, dict[str, int]]] = {
    "sma": (indicators.SMA, {"period": 1}),
    "ema": (indicators.EMA, {"period": 1}),
    "wma": (indicators.WMA, {"period": 1}),
    "rsi": (indicators.RSI, {"period": 2}),
    "macd": (indicators.MACD, {"fast": 2, "slow": 2, "signal": 1}),
    "atr": (indicators.ATR, {"period": 1}),
    "bollinger": (indicators.Bollinger, {"period": 2}),
    "highest": (indicators.Highest, {"period": 2}),
    "lowest": (indicators.Lowest, {"period": 2}),
}


@pytest.mark.parametrize("type_", sorted(INDICATOR_BOUNDS))
def test_indicator_bounds_equal_the_classes(type_: str) -> None:
    cls, minima = INDICATOR_BOUNDS[type_]
    node_type = NODE_TYPES_BY_NAME[type_]
    assert node_type.indicator == cls.__name__
    props = node_type.params_schema["properties"]
    assert set(minima) <= set(props)
    for param, minimum in minima.items():
        assert props[param]["minimum"] == minimum
        maximum = props[param]["maximum"]
        for value in (minimum, maximum):  # both schema bounds: the class accepts them
            cls(**params_with_defaults(type_, {param: value}))
        for value in (minimum - 1, maximum + 1):  # one past: both refuse
            assert not _validator(type_).is_valid({param: value})
            with pytest.raises(Invalid):
                cls(**params_with_defaults(type_, {param: value}))


def test_every_indicator_builds_from_its_defaults() -> None:
    for nt in NODE_TYPES:
        if nt.indicator is not None:
            getattr(indicators, nt.indicator)(**params_with_defaults(nt.type, {}))


def test_params_with_defaults() -> None:
    assert params_with_defaults("macd", {"fast": 5}) == {"fast": 5, "slow": 26, "signal": 9}
    assert params_with_defaults("stop_loss", {"ticks": 20}) == {"mode": "ticks", "ticks": 20, "atr_period": 14}
    # JSON Schema draft 7 calls 9.0 an integer; the indicator classes want an int.
    out = params_with_defaults("sma", {"period": 9.0})
    assert out == {"period": 9} and isinstance(out["period"], int)
    assert _validator("sma").is_valid({"period": 9.0})
