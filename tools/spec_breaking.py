"""The contract's breaking-change check: openapi/openapi.yaml against the newest released snapshot.

    python tools/spec_breaking.py [SPEC] [--releases DIR] [--repo DIR]

Released contracts are kept as openapi/releases/<version>.yaml (tools/release.py writes them): git tags do
not survive the landing process, so the snapshot is the record; when a tag v<version> does exist, its
openapi/openapi.yaml must be the snapshot. Exits 1 when the spec breaks the release without a new major
version in info.version, when info.version is lower than the release's, or when a tag disagrees with its
snapshot.

`breaking_changes(old, new)` is the pure part: two parsed specs in, findings (one sentence each, with the
operation and the place) out. What counts as breaking is what can fail a client written against `old`:

- operations: a removed path or operation (paths are matched with their templates' names ignored), a
  removed or renamed operationId (the SDK's function names), a removed 2xx response or media type;
- requests (the server must still accept everything it accepted): a new required property, parameter or
  body; a narrowed type (number to integer, a type removed, null no longer accepted); enum values removed;
  a lower maxLength/maximum/maxItems or a higher minLength/minimum/minItems, or one added; a new or changed
  pattern; additionalProperties closed; a removed parameter;
- 2xx responses (the server must send nothing the client was not promised): a removed property, a
  property no longer required, a type the old one did not allow (integer to number is breaking, number to
  integer is not), null where it was not nullable.

Deliberately not breaking: anything new and optional, widened request types, and enum values added to a
response - clients are expected to tolerate values they do not know (the SDK keeps them as strings); an
enum is the server's vocabulary, and growing it is how features land. Error answers (4xx/5xx) are
problem+json, read by `code`, and are not compared. A change in an anyOf/oneOf's shape (another
combinator, another number of branches) is reported for review, since it cannot be judged cheaply.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi" / "openapi.yaml"
RELEASES = ROOT / "openapi" / "releases"

METHODS = ("get", "put", "post", "delete", "patch", "options", "head", "trace")
Schema = dict[str, Any]

# Constraints a request may not tighten: (keyword, True when a higher value is tighter).
TIGHTER_WHEN_HIGHER = {"minLength": True, "minimum": True, "minItems": True, "minProperties": True,
                       "maxLength": False, "maximum": False, "maxItems": False, "maxProperties": False}


# --- $ref resolution --------------------------------------------------------------------------------------

def resolve(spec: dict[str, Any], node: Any) -> Any:
    """`node` with its local `#/...` $ref chain followed (a cycle of refs ends where it repeats)."""
    seen: set[str] = set()
    while isinstance(node, dict) and isinstance(node.get("$ref"), str) and node["$ref"] not in seen:
        ref = node["$ref"]
        seen.add(ref)
        if not ref.startswith("#/"):
            break  # only local refs: the contract is one file
        target: Any = spec
        for part in ref[2:].split("/"):
            part = part.replace("~1", "/").replace("~0", "~")
            target = target.get(part) if isinstance(target, dict) else None
        if target is None:
            break
        node = target
    return node


def flatten(spec: dict[str, Any], schema: Any, stack: frozenset[int] = frozenset()) -> Schema:
    """The schema resolved, with an allOf merged into one object (properties and required united), which is
    how the contract extends schemas (VixQuotaProblem is Problem and a quota)."""
    schema = resolve(spec, schema)
    if not isinstance(schema, dict):
        return {}
    if "allOf" not in schema or id(schema) in stack:
        return schema
    merged: Schema = {k: v for k, v in schema.items() if k != "allOf"}
    properties: dict[str, Any] = dict(merged.get("properties", {}))
    required: list[str] = list(merged.get("required", []))
    for part in schema["allOf"]:
        part = flatten(spec, part, stack | {id(schema)})
        properties.update(part.get("properties", {}))
        required += [name for name in part.get("required", []) if name not in required]
        for key, value in part.items():
            if key not in ("properties", "required"):
                merged.setdefault(key, value)
    if properties:
        merged["properties"] = properties
    if required:
        merged["required"] = required
    return merged


# --- schemas ----------------------------------------------------------------------------------------------

def _types(schema: Schema) -> set[str] | None:
    """The JSON types a schema allows (None: any). OpenAPI 3.0 has one `type` string, or none."""
    declared = schema.get("type")
    if declared is None:
        return None
    return set(declared) if isinstance(declared, list) else {declared}


def _allows(types: set[str] | None, json_type: str) -> bool:
    return types is None or json_type in types or (json_type == "integer" and "number" in types)


def _show(types: set[str] | None) -> str:
    return "any" if types is None else "|".join(sorted(types))


class _SchemaDiff:
    """Compares two versions of one schema, from one side: `request` (new must accept what old accepted) or
    `response` (new must send only what old promised). Findings are prefixed with `where`."""

    def __init__(self, old_spec: dict[str, Any], new_spec: dict[str, Any], where: str, side: str) -> None:
        self.old_spec, self.new_spec, self.where, self.side = old_spec, new_spec, where, side
        self.seen: set[tuple[int, int]] = set()  # schema pairs already compared: recursive schemas end
        self.findings: list[str] = []

    def report(self, path: str, what: str) -> None:
        subject = f"property `{path}` " if path else ""
        self.findings.append(f"{self.where}: {subject}{what}")

    def compare(self, old_raw: Any, new_raw: Any, path: str = "") -> None:
        old, new = flatten(self.old_spec, old_raw), flatten(self.new_spec, new_raw)
        if (id(old), id(new)) in self.seen:
            return
        self.seen.add((id(old), id(new)))
        if self.side == "request":
            self._request(old, new, path)
        else:
            self._response(old, new, path)
        self._composition(old, new, path)
        self._children(old, new, path)

    def _request(self, old: Schema, new: Schema, path: str) -> None:
        old_types, new_types = _types(old), _types(new)
        if old_types is None and new_types is not None:
            self.report(path, f"type narrowed from any to {_show(new_types)}")
        elif old_types is not None and not all(_allows(new_types, t) for t in old_types):
            self.report(path, f"type narrowed from {_show(old_types)} to {_show(new_types)}")
        if old.get("nullable") and not new.get("nullable"):
            self.report(path, "no longer accepts null")
        if "enum" in new:
            removed = [v for v in old.get("enum", []) if v not in new["enum"]] if "enum" in old else None
            if removed is None:
                self.report(path, f"now restricted to the enum {new['enum']}")
            for value in removed or []:
                self.report(path, f"enum value `{value}` removed (request)")
        for key, higher_is_tighter in TIGHTER_WHEN_HIGHER.items():
            if key not in new:
                continue
            if key not in old:
                self.report(path, f"{key} {new[key]} added")
            elif (new[key] > old[key]) if higher_is_tighter else (new[key] < old[key]):
                self.report(path, f"{key} {'raised' if higher_is_tighter else 'lowered'} from {old[key]} to {new[key]}")
        for key in ("exclusiveMinimum", "exclusiveMaximum"):
            if new.get(key) is True and not old.get(key):
                self.report(path, f"{key} added")
        if "pattern" in new and new["pattern"] != old.get("pattern"):
            self.report(path, f"pattern changed from {old.get('pattern')!r} to {new['pattern']!r}")
        if new.get("additionalProperties") is False and old.get("additionalProperties", True) is not False:
            self.report(path, "additionalProperties closed")
        old_required = set(old.get("required", []))
        for name in new.get("required", []):
            if name not in old_required:
                self.report(_join(path, name), "is now required")

    def _response(self, old: Schema, new: Schema, path: str) -> None:
        old_types, new_types = _types(old), _types(new)
        if new_types is None and old_types is not None:
            self.report(path, f"type changed from {_show(old_types)} to any")
        elif new_types is not None and not all(_allows(old_types, t) for t in new_types):
            self.report(path, f"type changed from {_show(old_types)} to {_show(new_types)}")
        if new.get("nullable") and not old.get("nullable"):
            self.report(path, "may now be null")
        new_properties, new_required = new.get("properties", {}), set(new.get("required", []))
        for name in old.get("properties", {}):
            if name not in new_properties:
                self.report(_join(path, name), "removed")
        for name in old.get("required", []):
            if name in new_properties and name not in new_required:
                self.report(_join(path, name), "is no longer required")

    def _composition(self, old: Schema, new: Schema, path: str) -> None:
        for key in ("anyOf", "oneOf"):
            old_branches, new_branches = old.get(key), new.get(key)
            if old_branches is None and new_branches is None:
                continue
            if old_branches is None or new_branches is None or len(old_branches) != len(new_branches):
                self.report(path, f"{key} changed from {_count(old_branches)} to {_count(new_branches)} branches")
                continue
            for old_branch, new_branch in zip(old_branches, new_branches, strict=True):
                self.compare(old_branch, new_branch, path)

    def _children(self, old: Schema, new: Schema, path: str) -> None:
        new_properties = new.get("properties", {})
        for name, old_property in old.get("properties", {}).items():
            if name in new_properties:
                self.compare(old_property, new_properties[name], _join(path, name))
        if "items" in old and "items" in new:
            self.compare(old["items"], new["items"], f"{path}[]" if path else "[]")
        old_extra, new_extra = old.get("additionalProperties"), new.get("additionalProperties")
        if isinstance(old_extra, dict) and isinstance(new_extra, dict):
            self.compare(old_extra, new_extra, _join(path, "*"))


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _count(branches: list[Any] | None) -> int:
    return 0 if branches is None else len(branches)


def compare_schemas(old_spec: dict[str, Any], new_spec: dict[str, Any], old: Any, new: Any,
                    where: str, side: str) -> list[str]:
    diff = _SchemaDiff(old_spec, new_spec, where, side)
    diff.compare(old, new)
    return diff.findings


# --- operations -------------------------------------------------------------------------------------------

def _template(path: str) -> str:
    """A path with its parameters' names dropped: renaming `{id}` to `{strategy_id}` is not a new path."""
    return re.sub(r"\{[^}]*\}", "{}", path)


def _operations(spec: dict[str, Any]) -> dict[tuple[str, str], tuple[str, dict[str, Any], list[Any]]]:
    """(METHOD, path template) -> (path as written, operation, the path item's parameters)."""
    found = {}
    for path, item in (spec.get("paths") or {}).items():
        item = resolve(spec, item)
        for method in METHODS:
            if isinstance(item.get(method), dict):
                found[(method.upper(), _template(path))] = (path, item[method], item.get("parameters", []))
    return found


def _parameters(spec: dict[str, Any], shared: list[Any], own: list[Any]) -> dict[tuple[str, str], Schema]:
    """(name, in) -> parameter, the operation's own overriding the path item's."""
    merged = {}
    for raw in [*shared, *own]:
        parameter = resolve(spec, raw)
        if isinstance(parameter, dict) and "name" in parameter:
            merged[(parameter["name"], parameter.get("in", ""))] = parameter
    return merged


def _content(spec: dict[str, Any], holder: Any) -> dict[str, Any]:
    """A response's (or request body's) media types, its $ref followed."""
    resolved = resolve(spec, holder)
    return (resolved.get("content") or {}) if isinstance(resolved, dict) else {}


def _compare_operation(old_spec: dict[str, Any], new_spec: dict[str, Any], name: str,
                       old: tuple[str, dict[str, Any], list[Any]],
                       new: tuple[str, dict[str, Any], list[Any]]) -> Iterator[str]:
    (_, old_op, old_shared), (_, new_op, new_shared) = old, new
    old_id, new_id = old_op.get("operationId"), new_op.get("operationId")
    if old_id and old_id != new_id:
        yield f"{name}: operationId `{old_id}` " + (f"renamed to `{new_id}`" if new_id else "removed")

    old_params = _parameters(old_spec, old_shared, old_op.get("parameters", []))
    new_params = _parameters(new_spec, new_shared, new_op.get("parameters", []))
    for key, parameter in new_params.items():
        label = f"parameter `{key[0]}` ({key[1]})"
        if key not in old_params:
            if parameter.get("required"):
                yield f"{name}: new required {label}"
            continue
        if parameter.get("required") and not old_params[key].get("required"):
            yield f"{name}: {label} is now required"
        yield from compare_schemas(old_spec, new_spec, old_params[key].get("schema", {}), parameter.get("schema", {}),
                                   f"{name} {label}", "request")
    for key in old_params.keys() - new_params.keys():
        yield f"{name}: parameter `{key[0]}` ({key[1]}) removed"

    yield from _compare_request_body(old_spec, new_spec, name, old_op.get("requestBody"), new_op.get("requestBody"))

    old_responses, new_responses = old_op.get("responses") or {}, new_op.get("responses") or {}
    for status, old_response in old_responses.items():
        if not str(status).startswith("2"):
            continue  # error answers are problem+json, read by `code`
        if status not in new_responses:
            yield f"{name}: response {status} removed"
            continue
        where = f"{name} response {status}"
        old_content, new_content = _content(old_spec, old_response), _content(new_spec, new_responses[status])
        for media, old_media in old_content.items():
            if media not in new_content:
                yield f"{where}: media type `{media}` removed"
            else:
                yield from compare_schemas(old_spec, new_spec, (old_media or {}).get("schema", {}),
                                           (new_content[media] or {}).get("schema", {}), where, "response")


def _compare_request_body(old_spec: dict[str, Any], new_spec: dict[str, Any], name: str,
                          old_raw: Any, new_raw: Any) -> Iterator[str]:
    if new_raw is None:
        return  # a body no longer read is ignored
    new_body = resolve(new_spec, new_raw)
    old_body = resolve(old_spec, old_raw) if old_raw is not None else None
    where = f"{name} request body"
    if old_body is None:
        if new_body.get("required"):
            yield f"{where}: is new and required"
        return
    if new_body.get("required") and not old_body.get("required"):
        yield f"{where}: is now required"
    old_content, new_content = old_body.get("content") or {}, new_body.get("content") or {}
    for media, old_media in old_content.items():
        if media not in new_content:
            yield f"{where}: media type `{media}` no longer accepted"
        else:
            yield from compare_schemas(old_spec, new_spec, (old_media or {}).get("schema", {}),
                                       (new_content[media] or {}).get("schema", {}), where, "request")


def breaking_changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """What in `new` can fail a client written against `old` (see the module's docstring), one sentence per
    finding. No I/O: both specs are parsed documents."""
    findings: list[str] = []
    old_ops, new_ops = _operations(old), _operations(new)
    for key, old_op in old_ops.items():
        name = f"{key[0]} {old_op[0]}"
        if key not in new_ops:
            findings.append(f"{name}: operation removed")
        else:
            findings += _compare_operation(old, new, name, old_op, new_ops[key])
    return findings


# --- the CI check -----------------------------------------------------------------------------------------

def parse_version(text: str) -> tuple[int, int, int]:
    match = re.fullmatch(r"v?(\d+)\.(\d+)\.(\d+)(?:[-+].*)?", str(text).strip())
    if not match:
        raise ValueError(f"not a semantic version: {text!r}")
    major, minor, patch = (int(part) for part in match.groups())
    return major, minor, patch


def newest_release(releases: Path) -> Path | None:
    """The snapshot with the highest semantic version in its file name (`1.10.0.yaml` after `1.9.0.yaml`)."""
    snapshots = []
    for path in releases.glob("*.yaml"):
        try:
            snapshots.append((parse_version(path.stem), path))
        except ValueError:
            continue
    return max(snapshots)[1] if snapshots else None


def tagged_spec(version: str, repo: Path) -> str | None:
    """openapi/openapi.yaml as tagged v<version> in the git repository `repo`; None when there is no such
    tag (or no repository). Read-only git."""
    tag = f"refs/tags/v{version}"
    found = subprocess.run(["git", "rev-parse", "-q", "--verify", tag], cwd=repo, capture_output=True, text=True)
    if found.returncode != 0:
        return None
    shown = subprocess.run(["git", "show", f"v{version}:openapi/openapi.yaml"], cwd=repo, capture_output=True,
                           text=True, check=True)
    return shown.stdout


def _problems_with_release(current_version: str, snapshot: Path, snapshot_spec: dict[str, Any],
                           repo: Path) -> Iterable[str]:
    released = snapshot.stem
    if str(snapshot_spec.get("info", {}).get("version")) != released:
        yield f"{snapshot}: info.version is {snapshot_spec.get('info', {}).get('version')}, not {released}"
    if parse_version(current_version) < parse_version(released):
        yield f"info.version {current_version} is lower than the release {released}"
    tagged = tagged_spec(released, repo)
    if tagged is None:
        print(f"no git tag v{released}: tag check skipped")
    elif tagged != snapshot.read_text():
        yield f"tag v{released}'s openapi/openapi.yaml differs from {snapshot.name}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("spec", nargs="?", type=Path, default=SPEC, help="the current contract")
    parser.add_argument("--releases", type=Path, default=RELEASES, help="the released snapshots, <version>.yaml")
    parser.add_argument("--repo", type=Path, default=ROOT, help="the git repository whose tags are checked")
    args = parser.parse_args(argv)

    snapshot = newest_release(args.releases)
    if snapshot is None:
        print(f"no release snapshot in {args.releases}: nothing to compare against")
        return 0
    current, released = yaml.safe_load(args.spec.read_text()), yaml.safe_load(snapshot.read_text())
    version = str(current.get("info", {}).get("version"))

    problems = list(_problems_with_release(version, snapshot, released, args.repo))
    findings = breaking_changes(released, current)
    for line in problems + findings:
        print(line)
    summary = f"{args.spec.name} {version} vs release {snapshot.stem}"
    if problems:
        return 1
    if not findings:
        print(f"{summary}: no breaking change")
        return 0
    if parse_version(version)[0] == parse_version(snapshot.stem)[0]:
        print(f"{summary}: {len(findings)} breaking change(s); undo them, or make info.version a new major")
        return 1
    print(f"{summary}: {len(findings)} breaking change(s), allowed by the new major version")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
