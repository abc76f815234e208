"""tools/spec_breaking.py: each kind of breaking change on a small old/new spec pair, the changes that are
not breaking, the real contract against its release, and main()'s exit codes."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tools import release, spec_breaking
from tools.spec_breaking import breaking_changes

ROOT = Path(__file__).resolve().parents[2]

Spec = dict[str, Any]


def base() -> Spec:
    """A small contract in the house style: a $ref'd request and answer, a query parameter, a path parameter."""
    return {
        "openapi": "3.0.3",
        "info": {"title": "T", "version": "1.0.0"},
        "paths": {
            "/api/alerts": {
                "get": {
                    "operationId": "alerts.list",
                    "parameters": [{"name": "limit", "in": "query",
                                    "schema": {"type": "integer", "minimum": 1, "maximum": 100}}],
                    "responses": {"200": {"description": "ok", "content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/Alert"}}}}},
                },
                "post": {
                    "operationId": "alerts.create",
                    "requestBody": {"required": True, "content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/AlertCreate"}}}},
                    "responses": {"201": {"description": "created", "content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/Alert"}}}}},
                },
            },
            "/api/strategies/{strategy_id}": {
                "parameters": [{"name": "strategy_id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "delete": {"operationId": "strategies.delete", "responses": {"204": {"description": "gone"}}},
            },
        },
        "components": {"schemas": {
            "AlertCreate": {
                "type": "object",
                "required": ["name"],
                "properties": {
                    "name": {"type": "string", "minLength": 1, "maxLength": 100},
                    "channel": {"type": "string", "enum": ["email", "webhook"]},
                    "size": {"type": "number", "maximum": 10},
                },
            },
            "Alert": {
                "type": "object",
                "required": ["id", "entry_price", "status"],
                "properties": {
                    "id": {"type": "string"},
                    "entry_price": {"type": "string"},
                    "status": {"type": "string", "enum": ["open", "closed"]},
                    "count": {"type": "integer"},
                    "parent": {"$ref": "#/components/schemas/Alert"},  # a cycle the comparison must survive
                },
            },
        }},
    }


def changed(edit: Callable[[Spec], None]) -> Spec:
    new = copy.deepcopy(base())
    edit(new)
    return new


def schemas(spec: Spec) -> dict[str, Any]:
    return spec["components"]["schemas"]


def op(spec: Spec, path: str, method: str) -> dict[str, Any]:
    return spec["paths"][path][method]


BREAKING: list[tuple[str, Callable[[Spec], None], str]] = [
    ("operation removed", lambda s: s["paths"]["/api/strategies/{strategy_id}"].pop("delete"),
     "DELETE /api/strategies/{strategy_id}: operation removed"),
    ("path removed", lambda s: s["paths"].pop("/api/alerts"), "GET /api/alerts: operation removed"),
    ("operationId renamed", lambda s: op(s, "/api/alerts", "get").update(operationId="alerts.all"),
     "GET /api/alerts: operationId `alerts.list` renamed to `alerts.all`"),
    ("operationId removed", lambda s: op(s, "/api/alerts", "get").pop("operationId"),
     "GET /api/alerts: operationId `alerts.list` removed"),
    ("success status removed", lambda s: op(s, "/api/alerts", "post")["responses"].update(
        {"200": op(s, "/api/alerts", "post")["responses"].pop("201")}),
     "POST /api/alerts: response 201 removed"),
    ("new required request property", lambda s: schemas(s)["AlertCreate"]["required"].append("channel"),
     "POST /api/alerts request body: property `channel` is now required"),
    ("request type narrowed", lambda s: schemas(s)["AlertCreate"]["properties"]["size"].update(type="integer"),
     "POST /api/alerts request body: property `size` type narrowed from number to integer"),
    ("request type removed", lambda s: schemas(s)["AlertCreate"]["properties"]["name"].update(type="integer"),
     "POST /api/alerts request body: property `name` type narrowed from string to integer"),
    ("request enum value removed",
     lambda s: schemas(s)["AlertCreate"]["properties"]["channel"].update(enum=["email"]),
     "POST /api/alerts request body: property `channel` enum value `webhook` removed (request)"),
    ("maxLength lowered", lambda s: schemas(s)["AlertCreate"]["properties"]["name"].update(maxLength=50),
     "POST /api/alerts request body: property `name` maxLength lowered from 100 to 50"),
    ("minLength raised", lambda s: schemas(s)["AlertCreate"]["properties"]["name"].update(minLength=3),
     "POST /api/alerts request body: property `name` minLength raised from 1 to 3"),
    ("maximum lowered", lambda s: schemas(s)["AlertCreate"]["properties"]["size"].update(maximum=5),
     "POST /api/alerts request body: property `size` maximum lowered from 10 to 5"),
    ("minimum added", lambda s: schemas(s)["AlertCreate"]["properties"]["size"].update(minimum=1),
     "POST /api/alerts request body: property `size` minimum 1 added"),
    ("additionalProperties closed", lambda s: schemas(s)["AlertCreate"].update(additionalProperties=False),
     "POST /api/alerts request body: additionalProperties closed"),
    ("request body now required", lambda s: op(s, "/api/alerts", "get").update(requestBody={
        "required": True, "content": {"application/json": {"schema": {"type": "object"}}}}),
     "GET /api/alerts request body: is new and required"),
    ("parameter now required", lambda s: op(s, "/api/alerts", "get")["parameters"][0].update(required=True),
     "GET /api/alerts: parameter `limit` (query) is now required"),
    ("new required parameter", lambda s: op(s, "/api/alerts", "get")["parameters"].append(
        {"name": "mode", "in": "query", "required": True, "schema": {"type": "string"}}),
     "GET /api/alerts: new required parameter `mode` (query)"),
    ("parameter narrowed", lambda s: op(s, "/api/alerts", "get")["parameters"][0]["schema"].update(maximum=50),
     "GET /api/alerts parameter `limit` (query): maximum lowered from 100 to 50"),
    ("parameter removed", lambda s: op(s, "/api/alerts", "get").pop("parameters"),
     "GET /api/alerts: parameter `limit` (query) removed"),
    ("response property removed", lambda s: schemas(s)["Alert"]["properties"].pop("entry_price"),
     "GET /api/alerts response 200: property `entry_price` removed"),
    ("response property no longer required", lambda s: schemas(s)["Alert"]["required"].remove("status"),
     "GET /api/alerts response 200: property `status` is no longer required"),
    ("response type changed", lambda s: schemas(s)["Alert"]["properties"]["count"].update(type="number"),
     "GET /api/alerts response 200: property `count` type changed from integer to number"),
    ("response now nullable", lambda s: schemas(s)["Alert"]["properties"]["id"].update(nullable=True),
     "GET /api/alerts response 200: property `id` may now be null"),
    ("response media type removed", lambda s: op(s, "/api/alerts", "get")["responses"]["200"].update(
        content={"text/csv": {"schema": {"type": "string"}}}),
     "GET /api/alerts response 200: media type `application/json` removed"),
]


@pytest.mark.parametrize("edit,expected", [(e, x) for _, e, x in BREAKING], ids=[n for n, _, _ in BREAKING])
def test_a_breaking_change_is_found(edit: Callable[[Spec], None], expected: str) -> None:
    assert expected in breaking_changes(base(), changed(edit))


def test_a_change_inside_an_inlined_ref_is_found_at_its_nested_path() -> None:
    def nest(s: Spec) -> None:
        schemas(s)["Wrapper"] = {"type": "object", "properties": {"alert": {"$ref": "#/components/schemas/Alert"}}}
        op(s, "/api/alerts", "get")["responses"]["200"]["content"]["application/json"]["schema"] = {
            "$ref": "#/components/schemas/Wrapper"}
    old, new = changed(nest), changed(nest)
    schemas(new)["Alert"]["properties"].pop("entry_price")
    assert breaking_changes(old, new) == ["GET /api/alerts response 200: property `alert.entry_price` removed",
                                          "POST /api/alerts response 201: property `entry_price` removed"]


NOT_BREAKING: list[tuple[str, Callable[[Spec], None]]] = [
    ("new optional request property",
     lambda s: schemas(s)["AlertCreate"]["properties"].update(note={"type": "string"})),
    ("new response property", lambda s: schemas(s)["Alert"]["properties"].update(note={"type": "string"})),
    ("new operation", lambda s: s["paths"]["/api/strategies/{strategy_id}"].update(
        get={"operationId": "strategies.get", "responses": {"200": {"description": "ok"}}})),
    ("request maximum dropped", lambda s: schemas(s)["AlertCreate"]["properties"]["size"].pop("maximum")),
    ("request type widened to any", lambda s: schemas(s)["AlertCreate"]["properties"]["size"].pop("type")),
    ("request integer widened to number",
     lambda s: op(s, "/api/alerts", "get")["parameters"][0]["schema"].update(type="number")),
    ("request enum value added",
     lambda s: schemas(s)["AlertCreate"]["properties"]["channel"].update(enum=["email", "webhook", "telegram"])),
    ("response enum value added",
     lambda s: schemas(s)["Alert"]["properties"]["status"].update(enum=["open", "closed", "cancelled", None])),
    ("new optional parameter", lambda s: op(s, "/api/alerts", "get")["parameters"].append(
        {"name": "cursor", "in": "query", "schema": {"type": "string"}})),
    ("path parameter renamed", lambda s: s["paths"].update(
        {"/api/strategies/{id}": s["paths"].pop("/api/strategies/{strategy_id}")})),
    ("request maxLength raised", lambda s: schemas(s)["AlertCreate"]["properties"]["name"].update(maxLength=200)),
    ("an error answer added", lambda s: op(s, "/api/alerts", "get")["responses"].update(
        {"404": {"description": "missing"}})),
]


@pytest.mark.parametrize("edit", [e for _, e in NOT_BREAKING], ids=[n for n, _ in NOT_BREAKING])
def test_a_compatible_change_is_not_reported(edit: Callable[[Spec], None]) -> None:
    assert breaking_changes(base(), changed(edit)) == []


def test_the_contract_does_not_break_its_release() -> None:
    current = yaml.safe_load((ROOT / "openapi" / "openapi.yaml").read_text())
    released = yaml.safe_load((ROOT / "openapi" / "releases" / "1.0.0.yaml").read_text())
    assert breaking_changes(released, current) == []


def test_allof_extensions_are_compared_merged() -> None:
    def extend(s: Spec) -> None:
        schemas(s)["Detail"] = {"allOf": [{"$ref": "#/components/schemas/Alert"},
                                          {"type": "object", "properties": {"extra": {"type": "string"}}}]}
        op(s, "/api/alerts", "get")["responses"]["200"]["content"]["application/json"]["schema"] = {
            "$ref": "#/components/schemas/Detail"}
    old, new = changed(extend), changed(extend)
    schemas(new)["Detail"]["allOf"][1]["properties"].pop("extra")
    assert breaking_changes(old, new) == ["GET /api/alerts response 200: property `extra` removed"]


# --- main() -------------------------------------------------------------------------------------------------

def write(folder: Path, name: str, spec: Spec) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(yaml.safe_dump(spec, sort_keys=False))
    return path


def versioned(spec: Spec, version: str) -> Spec:
    spec = copy.deepcopy(spec)
    spec["info"]["version"] = version
    return spec


def breaking() -> Spec:
    return changed(lambda s: s["paths"]["/api/strategies/{strategy_id}"].pop("delete"))


def run(tmp_path: Path, current: Spec, *releases: Spec) -> int:
    for snapshot in releases:
        write(tmp_path / "releases", f"{snapshot['info']['version']}.yaml", snapshot)
    spec = write(tmp_path, "openapi.yaml", current)
    # --repo: a folder that is no git repository, so there is no tag to check.
    return spec_breaking.main([str(spec), "--releases", str(tmp_path / "releases"), "--repo", str(tmp_path)])


def test_main_fails_a_breaking_change_within_the_major(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tmp_path, versioned(breaking(), "1.1.0"), base()) == 1
    out = capsys.readouterr().out
    assert "DELETE /api/strategies/{strategy_id}: operation removed" in out
    assert "openapi.yaml 1.1.0 vs release 1.0.0: 1 breaking change(s)" in out


def test_main_allows_a_breaking_change_with_a_new_major(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tmp_path, versioned(breaking(), "2.0.0"), base()) == 0
    assert "allowed by the new major version" in capsys.readouterr().out


def test_main_compares_with_the_newest_release_by_semantic_version(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # 1.10.0 is newer than 1.9.0 (not by the file names' text); it already removed the operation.
    assert run(tmp_path, versioned(breaking(), "1.10.0"), versioned(base(), "1.9.0"),
               versioned(breaking(), "1.10.0")) == 0
    assert "openapi.yaml 1.10.0 vs release 1.10.0: no breaking change" in capsys.readouterr().out


def test_main_fails_a_version_lower_than_the_release(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tmp_path, versioned(base(), "0.9.0"), base()) == 1
    assert "info.version 0.9.0 is lower than the release 1.0.0" in capsys.readouterr().out


def test_main_fails_a_tag_that_disagrees_with_its_snapshot(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(spec_breaking, "tagged_spec", lambda version, repo: "openapi: 3.0.3\n")
    assert run(tmp_path, base(), base()) == 1
    assert "tag v1.0.0's openapi/openapi.yaml differs from 1.0.0.yaml" in capsys.readouterr().out


def test_main_passes_a_tag_that_matches_its_snapshot(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    snapshot_text = yaml.safe_dump(base(), sort_keys=False)
    monkeypatch.setattr(spec_breaking, "tagged_spec", lambda version, repo: snapshot_text)
    assert run(tmp_path, base(), base()) == 0
    assert "no breaking change" in capsys.readouterr().out


def test_main_on_the_repository_passes(capsys: pytest.CaptureFixture[str]) -> None:
    assert spec_breaking.main([]) == 0
    assert "vs release 1.0.0" in capsys.readouterr().out


def test_release_writes_the_snapshot_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = write(tmp_path, "openapi.yaml", versioned(base(), "1.2.0"))
    releases = tmp_path / "releases"
    assert release.release(spec, releases) == 0
    assert (releases / "1.2.0.yaml").read_text() == spec.read_text()
    assert "git tag -a v1.2.0" in capsys.readouterr().out
    assert release.release(spec, releases) == 0  # the same content again: nothing changes
    write(tmp_path, "openapi.yaml", versioned(breaking(), "1.2.0"))
    assert release.release(spec, releases) == 1  # a released version is never rewritten
    assert (releases / "1.2.0.yaml").read_text() != spec.read_text()


def test_the_release_snapshot_is_the_released_contract() -> None:
    snapshot = yaml.safe_load((ROOT / "openapi" / "releases" / "1.0.0.yaml").read_text())
    assert snapshot["info"]["version"] == "1.0.0"
    assert spec_breaking.newest_release(ROOT / "openapi" / "releases") == ROOT / "openapi" / "releases" / "1.0.0.yaml"
