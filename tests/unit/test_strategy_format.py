"""Canonical JSON and content hashes, export/import of ex7.strategy/v1, name disambiguation."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from domain.errors import Invalid
from domain.strategy.format import (
    EXPORT_FORMAT,
    canonical_json,
    content_hash,
    disambiguate,
    export_payload,
    json_depth,
    normalize_graph,
    parse_import,
)
from generated.models import ExportPayload, StrategyImport
from tests.support.graphs import fixture_graph

AT = datetime(2026, 11, 25, 12, 40, tzinfo=UTC)


def strategy_row() -> dict[str, Any]:
    """A strategy as the database layer might hand it over, internals included."""
    return {
        "id": "3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60", "user_id": "0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6",
        "name": "SMA crossover", "description": "Long on a 9/21 SMA cross.", "instrument": "MNQ",
        "timeframe": "5m", "tags": ["trend"], "status": "live", "current_version": 4,
        "created_at": AT - timedelta(days=5), "updated_at": AT, "deleted_at": None,
    }


def reordered(value: Any) -> Any:
    """The same JSON with every object's keys in reverse order."""
    if isinstance(value, dict):
        return {k: reordered(value[k]) for k in reversed(list(value))}
    if isinstance(value, list):
        return [reordered(v) for v in value]
    return value


# ---- canonical JSON and hashes ---------------------------------------------------------------------

def test_canonical_json_form() -> None:
    value = {"b": [1, 2.5, None, True, False], "a": {"é": "ü", "z": -0.0, "y": 3.0}, "": "\n\"x"}
    assert canonical_json(value) == '{"":"\\n\\"x","a":{"y":3,"z":0,"é":"ü"},"b":[1,2.5,null,true,false]}'
    # Same text as json.dumps would give where numbers agree: sorted keys, no whitespace, UTF-8.
    plain = {"k": [1, "ü", {"b": 1, "a": None}]}
    assert canonical_json(plain) == json.dumps(plain, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def test_hash_is_stable_under_key_order_and_number_spelling() -> None:
    g = fixture_graph()
    h = content_hash(g)
    assert h == hashlib.sha256(canonical_json(normalize_graph(g)).encode()).hexdigest()
    assert content_hash(reordered(g)) == h
    g2 = fixture_graph()
    g2["nodes"][1]["params"]["period"] = 9.0
    assert content_hash(g2) == h
    no_meta = fixture_graph()
    del no_meta["meta"]
    assert content_hash(no_meta) == h  # meta defaults to {}
    assert content_hash(json.loads(json.dumps(g))) == h


@pytest.mark.parametrize(
    "change",
    [
        lambda g: g["nodes"][1]["params"].update(period=10),
        lambda g: g["nodes"][0]["position"].update(x=1),
        lambda g: g["edges"].reverse(),
        lambda g: g["meta"].update(note="hi"),
        lambda g: g["nodes"].pop(),
    ],
)
def test_any_content_change_changes_the_hash(change: Any) -> None:
    g = fixture_graph()
    change(g)
    assert content_hash(g) != content_hash(fixture_graph())


def test_hash_survives_hostile_content() -> None:
    deep: dict[str, Any] = {}
    cursor = deep
    for _ in range(50_000):  # far deeper than Python's recursion limit
        cursor["a"] = {}
        cursor = cursor["a"]
    g = {"nodes": [], "edges": [], "meta": {"deep": deep, "s": "\ud800"}}  # a lone surrogate too
    assert len(content_hash(g)) == 64
    assert json_depth(g) == 50_003
    with pytest.raises(Invalid) as caught:
        content_hash({"nodes": [], "edges": [], "meta": {"x": float("nan")}})
    assert caught.value.code == "non_finite_number"


def test_json_depth() -> None:
    assert json_depth(1) == 0
    assert json_depth([]) == 1
    assert json_depth({"a": [1, {"b": {}}]}) == 4


# ---- export ----------------------------------------------------------------------------------------

def test_export_is_exactly_the_payload() -> None:
    row = strategy_row()
    g = fixture_graph()
    g["nodes"][0]["internal"] = "x"  # whatever sneaks into a node stays behind
    payload = export_payload(row, g, AT)
    assert list(payload) == ["format", "exported_at", "name", "description", "instrument", "timeframe", "tags",
                             "graph"]
    assert payload["format"] == EXPORT_FORMAT == "ex7.strategy/v1"
    assert payload["exported_at"] == "2026-11-25T12:40:00Z"
    assert set(payload["graph"]) == {"nodes", "edges", "meta"}
    assert all(set(n) <= {"id", "type", "params", "position"} for n in payload["graph"]["nodes"])
    text = json.dumps(payload)
    for internal in ("3f0c6a8e", "0d1e2f3a", "live", "current_version", "created_at", "updated_at", "user_id"):
        assert internal not in text
    ExportPayload.model_validate(payload)


def test_exported_at_in_utc() -> None:
    local = datetime(2026, 11, 25, 6, 40, 0, 123456, tzinfo=timezone(timedelta(hours=-6)))
    assert export_payload(strategy_row(), fixture_graph(), local)["exported_at"] == "2026-11-25T12:40:00.123456Z"
    with pytest.raises(ValueError):
        export_payload(strategy_row(), fixture_graph(), datetime(2026, 1, 1))  # naive


def test_export_import_export_round_trips() -> None:
    first = export_payload(strategy_row(), reordered(fixture_graph()), AT)
    sent = json.loads(json.dumps(first))
    sent["name_on_conflict"] = "suffix"
    StrategyImport.model_validate(sent)
    imported = parse_import(sent)
    assert imported.name_on_conflict == "suffix"
    again = export_payload(
        {"name": imported.name, "description": imported.description, "instrument": imported.instrument,
         "timeframe": imported.timeframe, "tags": imported.tags},
        imported.graph, AT + timedelta(hours=1))
    first.pop("exported_at")
    again.pop("exported_at")
    assert json.dumps(again) == json.dumps(first)


# ---- import ----------------------------------------------------------------------------------------

def test_import_rejects_a_wrong_stamp() -> None:
    payload = export_payload(strategy_row(), fixture_graph(), AT)
    for stamp in ("ex7.strategy/v2", "EX7.STRATEGY/V1", "", None, 1):
        payload["format"] = stamp
        with pytest.raises(Invalid) as caught:
            parse_import(payload)
        assert caught.value.code == "unsupported_format"
        assert caught.value.extra["errors"][0]["loc"] == ["body", "format"]
    del payload["format"]
    with pytest.raises(Invalid):
        parse_import(payload)


def test_import_fills_defaults_and_ignores_extras() -> None:
    payload = {"format": EXPORT_FORMAT, "name": "X", "instrument": "MES", "timeframe": "1h",
               "graph": {"nodes": [], "edges": []}, "exported_at": "whenever", "id": "smuggled"}
    imported = parse_import(payload)
    assert (imported.description, imported.tags, imported.name_on_conflict) == ("", [], "error")
    assert imported.graph == {"nodes": [], "edges": [], "meta": {}}
    assert parse_import({**payload, "tags": None, "description": None}).tags == []


@pytest.mark.parametrize(
    ("field", "value"),
    [("name", ""), ("name", "n" * 101), ("name", 5), ("tags", "trend"), ("graph", {"nodes": []}),
     ("name_on_conflict", "rename"), ("instrument", None), ("description", "d" * 2001)],
)
def test_import_rejects_ill_typed_fields(field: str, value: Any) -> None:
    payload = {"format": EXPORT_FORMAT, "name": "X", "instrument": "MES", "timeframe": "1h",
               "graph": {"nodes": [], "edges": []}, field: value}
    with pytest.raises(Invalid) as caught:
        parse_import(payload)
    assert caught.value.code == "validation_failed"
    assert caught.value.extra["errors"][0]["loc"] == ["body", field]


def test_import_keeps_an_invalid_graph() -> None:
    payload = {"format": EXPORT_FORMAT, "name": "X", "instrument": "MES", "timeframe": "1h",
               "graph": {"nodes": [{"id": "a", "type": "nope", "params": {}}], "edges": []}}
    assert parse_import(payload).graph["nodes"][0]["type"] == "nope"


# ---- names -----------------------------------------------------------------------------------------

def test_disambiguate_copy() -> None:
    assert disambiguate("SMA", set(), "copy") == "SMA (copy)"
    assert disambiguate("SMA", {"SMA", "SMA (copy)"}, "copy") == "SMA (copy 2)"
    assert disambiguate("SMA", {"SMA (copy)", "SMA (copy 2)", "SMA (copy 4)"}, "copy") == "SMA (copy 3)"
    assert disambiguate("SMA", {"sma (copy)"}, "copy") == "SMA (copy)"  # exact comparison, like the index


def test_disambiguate_suffix() -> None:
    assert disambiguate("SMA", set(), "suffix") == "SMA"
    assert disambiguate("SMA", {"SMA"}, "suffix") == "SMA (2)"
    assert disambiguate("SMA", {"SMA", "SMA (2)", "SMA (3)"}, "suffix") == "SMA (4)"


def test_disambiguate_respects_the_name_limit() -> None:
    long = "x" * 100
    copy_name = disambiguate(long, set(), "copy")
    assert len(copy_name) == 100 and copy_name.endswith("x (copy)")
    taken = {copy_name} | {"x" * (100 - len(f" (copy {n})")) + f" (copy {n})" for n in range(2, 12)}
    eleventh = disambiguate(long, taken, "copy")
    assert eleventh == "x" * 90 + " (copy 12)" and len(eleventh) == 100
    assert disambiguate(long, {long}, "suffix") == "x" * 96 + " (2)"
    # The cut leaves no dangling space before the suffix.
    assert disambiguate("a" * 92 + " bcdef", set(), "copy") == "a" * 92 + " (copy)"


def test_disambiguate_many_taken_is_linear() -> None:
    taken = {"S"} | {f"S ({n})" for n in range(2, 5000)}
    assert disambiguate("S", taken, "suffix") == "S (5000)"
