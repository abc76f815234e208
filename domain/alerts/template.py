"""Webhook body templates: a user's own JSON, for a receiver that expects its own shape (a broker bridge).

The template is parsed once, as JSON, and rendering walks the parsed tree rather than substituting
into text. That is the whole defence against injection: a value is only ever put inside a JSON
string (or, when a string is exactly one placeholder, in that string's place with its own JSON
type), then the tree is encoded. A value holding `","qty":100,"x":"` is a string in the body, never
structure, and the body is always valid JSON whatever the values are.

    {"ticker": "{{instrument}}", "action": "{{ action }}", "qty": "{{size}}", "note": "EX7 {{event}}"}
    -> {"ticker":"MNQ","action":"buy","qty":1,"note":"EX7 signal.fired"}
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from typing import Any

from domain.alerts.errors import InvalidTemplate

MAX_BYTES = 8192  # UTF-8 bytes of the template's text (the contract allows 8192 characters; bytes is stricter)
MAX_DEPTH = 16  # nested objects/arrays; a top-level object is depth 1

PLACEHOLDERS: frozenset[str] = frozenset({
    "event", "delivery_id", "created_at", "strategy_id", "strategy_name", "signal_id", "instrument", "timeframe",
    "mode", "side", "action", "status", "entry_price", "stop_price", "target_price", "size", "fired_at", "bar_ts",
    "closed_at", "close_price", "close_reason", "net_pnl", "runtime_id", "error", "reason",
})

_PLACEHOLDER = re.compile(r"\{\{ *([A-Za-z_][A-Za-z0-9_]*) *\}\}")
_KNOWN = ", ".join(sorted(PLACEHOLDERS))


def validate_template(text: str) -> Any:
    """The parsed template, or `InvalidTemplate` saying what is wrong with it.

    Refused: more than MAX_BYTES, nesting deeper than MAX_DEPTH, text that is not strict JSON (no NaN or
    Infinity, no duplicate keys, no number too large for a double), a placeholder not in PLACEHOLDERS,
    and a `{{` that does not open a well-formed placeholder (most likely a typo the user would
    otherwise find in their broker's logs)."""
    size = len(text.encode("utf-8"))
    if size > MAX_BYTES:
        raise InvalidTemplate(f"The template is {size} bytes; at most {MAX_BYTES} are allowed.")
    # Measured on the text, before parsing: the json module recurses, and 8 KiB of "[" is deep enough to
    # exhaust the interpreter's stack.
    depth = _text_depth(text)
    if depth > MAX_DEPTH:
        raise InvalidTemplate(f"The template nests {depth} levels deep; at most {MAX_DEPTH} are allowed.")
    try:
        parsed = json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float,
                            object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as exc:
        raise InvalidTemplate(
            f"The template is not JSON: {exc.msg} at line {exc.lineno}, column {exc.colno} (character {exc.pos})."
        ) from exc
    except ValueError as exc:  # an integer of more than 4300 digits (int's guard against slow conversion)
        raise InvalidTemplate("The template has a number with too many digits.") from exc
    except RecursionError as exc:  # not reachable past the depth check; kept so a bug there stays a 422
        raise InvalidTemplate("The template nests too deeply.") from exc
    _check_strings(parsed)
    return parsed


def render(template: Any, values: Mapping[str, Any]) -> bytes:
    """`template` (as validate_template returned it) with `values` in place, as compact UTF-8 JSON.

    A value is a JSON scalar (str, int, float, bool or None). Names not in the template are ignored; a
    placeholder without a value is null where it is the whole string and empty text inside one."""
    rendered = _render(template, values)
    return json.dumps(rendered, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")


# ---- validation ----------------------------------------------------------------------------------------


def _text_depth(text: str) -> int:
    """The deepest nesting of [ and { outside strings. Exact for JSON; for non-JSON it is only a bound
    the parser then refuses anyway."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def _refuse_constant(name: str) -> Any:
    raise InvalidTemplate(f"The template is not JSON: {name} is not a JSON number.")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise InvalidTemplate(f"The template's number {text[:40]} is too large.")
    return value


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json.loads would keep the last of two equal keys; the user meant one of them, and we cannot tell which.
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise InvalidTemplate(f"The template has the key {key!r} twice in one object.")
        result[key] = value
    return result


def _check_strings(node: Any) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            _check_text(key)
            _check_strings(value)
    elif isinstance(node, list):
        for item in node:
            _check_strings(item)
    elif isinstance(node, str):
        _check_text(node)


def _check_text(text: str) -> None:
    start = 0
    for match in _PLACEHOLDER.finditer(text):
        _check_literal(text[start:match.start()])
        name = match.group(1)
        if name not in PLACEHOLDERS:
            raise InvalidTemplate(f"The template names an unknown placeholder {{{{{name}}}}}; the known ones are: "
                                  f"{_KNOWN}.")
        start = match.end()
    _check_literal(text[start:])


def _check_literal(text: str) -> None:
    at = text.find("{{")
    if at >= 0:
        raise InvalidTemplate(
            f"The template has a '{{{{' that does not open a placeholder (write {{{{name}}}}): {text[at:at + 40]!r}."
        )


# ---- rendering -----------------------------------------------------------------------------------------


def _render(node: Any, values: Mapping[str, Any]) -> Any:
    if isinstance(node, dict):
        # Two keys may render to the same text ({"{{side}}": 1, "long": 2}); the later one wins, as in JSON.
        return {_text(key, values): _render(value, values) for key, value in node.items()}
    if isinstance(node, list):
        return [_render(item, values) for item in node]
    if isinstance(node, str):
        whole = _PLACEHOLDER.fullmatch(node)
        if whole is not None:
            return _scalar(values.get(whole.group(1)), whole.group(1))
        return _text(node, values)
    return node


def _text(text: str, values: Mapping[str, Any]) -> str:
    if "{{" not in text:
        return text
    return _PLACEHOLDER.sub(lambda m: _as_text(_scalar(values.get(m.group(1)), m.group(1))), text)


def _scalar(value: Any, name: str) -> Any:
    # A list or dict would put structure where the template has a string: a caller's bug, refused loudly.
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float) and math.isfinite(value):
        return value
    raise TypeError(f"template value {name!r} is not a JSON scalar: {type(value).__name__}")


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value)  # true/false, 1, 0.5: JSON's spelling, not Python's (True)
