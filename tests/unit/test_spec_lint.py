"""The contract's lint (openapi/spectral.yaml) through the Spectral CLI that CI runs: the contract has no
finding at all, and a small contract that breaks each house rule gets each rule's finding."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
RULESET = ROOT / "openapi" / "spectral.yaml"


def lint(spec: Path) -> list[dict[str, Any]]:
    """Spectral's findings on `spec`, every severity (the JSON report; the exit code only says 'some')."""
    done = subprocess.run(
        ["npx", "--no-install", "spectral", "lint", "--quiet", "-f", "json", "--ruleset", str(RULESET), str(spec)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert done.stdout.strip(), f"spectral printed no report (exit {done.returncode}): {done.stderr}"
    findings: list[dict[str, Any]] = json.loads(done.stdout)
    return findings


def test_the_contract_has_no_finding() -> None:
    findings = lint(ROOT / "openapi" / "openapi.yaml")
    assert [(f["code"], ".".join(map(str, f["path"])), f["message"]) for f in findings] == []


PROBLEM = {"$ref": "#/components/schemas/Problem"}
PROBLEM_EXAMPLE = {"type": "about:blank", "title": "Bad Request", "status": 400}


def bad_spec() -> dict[str, Any]:
    """One operation or component per house rule, each breaking it once (and otherwise valid)."""
    def ok(example: Any) -> dict[str, Any]:
        return {"description": "ok", "content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/Thing"}, "example": example}}}
    problem_400 = {"description": "bad", "content": {"application/problem+json": {
        "schema": PROBLEM, "example": PROBLEM_EXAMPLE}}}
    return {
        "openapi": "3.0.3",
        "info": {"title": "Bad", "version": "1.0.0", "description": "Breaks each house rule once.",
                 "license": {"name": "Apache-2.0"}},
        "servers": [{"url": "/"}],
        "tags": [{"name": "Things"}],
        "paths": {
            "/api/things": {
                # no operationId, no description
                "get": {"summary": "List", "tags": ["Things"], "responses": {"200": ok({}), "400": problem_400}},
                # a JSON request body without an example; a 2xx JSON answer without one; no 4xx at all
                "post": {
                    "operationId": "things.create", "description": "Create.", "tags": ["Things"],
                    "requestBody": {"content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/Thing"}}}},
                    "responses": {"201": {"description": "created", "content": {"application/json": {
                        "schema": {"type": "object", "properties": {"id": {"type": "string"}}}}}}},
                },
            },
            "/api/things/{thing_id}": {
                # a 4xx that is plain JSON, and a 5xx whose problem+json schema is not the Problem
                "delete": {
                    "operationId": "things.delete", "description": "Delete.", "tags": ["Things"],
                    "parameters": [{"name": "thing_id", "in": "path", "required": True, "schema": {"type": "string"}}],
                    "responses": {
                        "204": {"description": "gone"},
                        "404": {"description": "missing", "content": {"application/json": {
                            "schema": PROBLEM, "example": PROBLEM_EXAMPLE}}},
                        "503": {"description": "down", "content": {"application/problem+json": {
                            "schema": {"type": "object"}, "example": {}}}},
                    },
                },
            },
        },
        "components": {"schemas": {
            "Thing": {
                "type": "object",
                # a nullable enum that does not list null
                "properties": {"state": {"type": "string", "enum": ["on", "off"], "nullable": True}},
            },
            "Problem": {"type": "object", "required": ["type", "title", "status"], "properties": {
                "type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"}}},
            "Unused": {"type": "string"},  # referenced by nothing
        }},
    }


def test_each_house_rule_flags_its_breach(tmp_path: Path) -> None:
    spec = tmp_path / "bad.yaml"
    spec.write_text(yaml.safe_dump(bad_spec(), sort_keys=False))
    found = {(f["code"], ".".join(map(str, f["path"]))) for f in lint(spec)}
    expected = {
        ("operation-operationId", "paths./api/things.get"),
        ("operation-description", "paths./api/things.get"),
        ("json-request-example", "paths./api/things.post.requestBody.content.application/json"),
        ("json-success-example", "paths./api/things.post.responses.201.content.application/json"),
        ("operation-4xx-response", "paths./api/things.post.responses"),
        ("problem-response-media-type", "paths./api/things/{thing_id}.delete.responses.404.content"),
        ("problem-response-schema",
         "paths./api/things/{thing_id}.delete.responses.503.content.application/problem+json.schema"),
        ("oas3-unused-component", "components.schemas.Unused"),
        ("nullable-enum-lists-null", "components.schemas.Thing.properties.state.enum"),
    }
    assert expected <= found, f"missing: {expected - found}"


def test_the_fixed_breaches_pass(tmp_path: Path) -> None:
    """The same small contract with each breach mended has no finding: the rules flag the breach, not the
    shape around it."""
    spec = bad_spec()
    things = spec["paths"]["/api/things"]
    things["get"].update(operationId="things.list", description="List.")
    things["post"]["requestBody"]["content"]["application/json"]["example"] = {"state": "on"}
    things["post"]["responses"]["201"]["content"]["application/json"]["example"] = {"id": "t-1"}
    things["post"]["responses"]["400"] = things["get"]["responses"]["400"]
    delete = spec["paths"]["/api/things/{thing_id}"]["delete"]["responses"]
    delete["404"]["content"] = {"application/problem+json": delete["404"]["content"]["application/json"]}
    delete["503"]["content"]["application/problem+json"].update(schema=PROBLEM, example=PROBLEM_EXAMPLE)
    spec["components"]["schemas"]["Thing"]["properties"]["state"]["enum"].append(None)
    del spec["components"]["schemas"]["Unused"]
    path = tmp_path / "fixed.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False))
    assert [(f["code"], ".".join(map(str, f["path"]))) for f in lint(path)] == []
