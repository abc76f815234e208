"""Webhook body templates: what validates, what is refused and why, and that rendering can never change the
body's structure, whatever the values hold."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.alerts.errors import InvalidTemplate
from domain.alerts.template import MAX_BYTES, MAX_DEPTH, PLACEHOLDERS, render, validate_template

CONTRACT = Path(__file__).resolve().parents[2] / "openapi" / "openapi.yaml"


def test_the_placeholders_are_the_contracts() -> None:
    text = CONTRACT.read_text(encoding="utf-8")
    schema = text[text.index("    AlertChannelCreateRequest:"):]
    description = schema[schema.index("template:"):schema.index("    AlertVerificationSent:")]
    assert set(re.findall(r"`\{\{(\w+)\}\}`", description)) == PLACEHOLDERS
    assert len(PLACEHOLDERS) == 25


RENDERS: list[tuple[str, dict[str, Any], Any]] = [
    # template, values, the body (parsed)
    # A whole-string placeholder takes the value's JSON type; inside text it is text.
    ('{"qty": "{{size}}", "note": "qty {{size}}"}', {"size": 2}, {"qty": 2, "note": "qty 2"}),
    ('{"p": "{{entry_price}}"}', {"entry_price": "21234.25"}, {"p": "21234.25"}),  # prices stay strings
    ('{"s": "{{stop_price}}", "t": "stop {{stop_price}}."}', {"stop_price": None}, {"s": None, "t": "stop ."}),
    ('{"s": "{{stop_price}}"}', {}, {"s": None}),  # no value: null
    ('{"t": "<{{stop_price}}>"}', {}, {"t": "<>"}),  # no value inside text: empty
    ('{"b": "{{size}}", "t": "{{size}}!"}', {"size": True}, {"b": True, "t": "true!"}),  # JSON's spelling
    ('{"f": "{{size}}", "t": "x{{size}}"}', {"size": 0.5}, {"f": 0.5, "t": "x0.5"}),
    ('{"a": "{{ action }}", "b": "{{action  }}", "c": "{{  action}}"}', {"action": "buy"},
     {"a": "buy", "b": "buy", "c": "buy"}),  # spaces inside the braces
    ('{"{{instrument}}_{{side}}": "{{size}}"}', {"instrument": "MNQ", "side": "long", "size": 1}, {"MNQ_long": 1}),
    ('{"{{size}}": 1}', {"size": 3}, {"3": 1}),  # a key is always text
    ('["{{event}}", ["{{event}}"], {"x": ["{{event}} {{event}}"]}]', {"event": "signal.fired"},
     ["signal.fired", ["signal.fired"], {"x": ["signal.fired signal.fired"]}]),
    ('{"n": 1, "f": 2.5, "t": true, "z": null, "e": [], "o": {}}', {}, {"n": 1, "f": 2.5, "t": True, "z": None,
                                                                          "e": [], "o": {}}),
    ('"{{instrument}}"', {"instrument": "ES"}, "ES"),  # any JSON value may be the template
    ('{"t": "{{{instrument}}}"}', {"instrument": "ES"}, {"t": "{ES}"}),
    ('{"t": "a }} b"}', {}, {"t": "a }} b"}),  # a lone }} is only text
    ('{"t": "{{instrument}}"}', {"instrument": "ES", "unknown": "ignored", "size": 1}, {"t": "ES"}),
]


@pytest.mark.parametrize(("text", "values", "body"), RENDERS)
def test_a_template_renders_to_the_json_it_describes(text: str, values: dict[str, Any], body: Any) -> None:
    rendered = render(validate_template(text), values)
    assert isinstance(rendered, bytes)
    assert json.loads(rendered) == body
    assert rendered == json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")  # compact


HOSTILE_VALUES = [
    '","x":"',  # closing the string and opening a key
    '"}, "qty": 100, "x": {"',
    "\\",
    '\\"',
    "\n\r\t\x00\u2028",
    "</script><script>alert(1)</script>",
    "{{instrument}}",  # a value is never itself expanded
    "{{ size }}",
    "}}{{",
    "💥 ünïcode",
    "",
]


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_a_value_never_changes_the_structure(value: str) -> None:
    template = validate_template('{"ticker": "{{instrument}}", "note": "x {{instrument}} y", "{{instrument}}": 1, '
                                 '"qty": "{{size}}"}')
    body = json.loads(render(template, {"instrument": value, "size": 1}))
    assert body == {"ticker": value, "note": f"x {value} y", value: 1, "qty": 1}


@settings(max_examples=100, deadline=None)
@given(values=st.dictionaries(st.sampled_from(sorted(PLACEHOLDERS)),
                              st.none() | st.booleans() | st.integers() | st.text()
                              | st.floats(allow_nan=False, allow_infinity=False)))
def test_any_values_render_valid_json_of_the_templates_shape(values: dict[str, Any]) -> None:
    template = validate_template(
        '{"a": "{{instrument}}", "b": ["{{size}}", "{{side}} {{size}} @ {{entry_price}}"], "c": {"d": "{{mode}}"}}'
    )
    body = json.loads(render(template, values))
    assert set(body) == {"a", "b", "c"} and len(body["b"]) == 2 and set(body["c"]) == {"d"}
    assert body["a"] == values.get("instrument") and body["b"][0] == values.get("size")
    assert isinstance(body["b"][1], str)


def test_a_value_that_is_not_a_json_scalar_is_a_bug() -> None:
    template = validate_template('{"a": "{{size}}", "b": "x{{size}}"}')
    for bad in ({"k": "v"}, ["x"], object(), float("nan")):
        with pytest.raises(TypeError, match="size"):
            render(template, {"size": bad})


REFUSED: list[tuple[str, str]] = [
    # template, a fragment of the detail
    ("", "not JSON: Expecting value at line 1, column 1"),
    ('{"a": 1,}', "not JSON"),
    ("{'a': 1}", "not JSON"),
    ('{"a": "b" "c": 1}', "line 1, column 11"),
    ('{\n  "a": tru\n}', "line 2"),
    ('{"a": NaN}', "NaN is not a JSON number"),
    ('{"a": -Infinity}', "-Infinity is not a JSON number"),
    ('{"a": 1e999}', "too large"),
    ('{"a": ' + "9" * 4301 + "}", "too many digits"),
    ('{"a": 1, "a": 2}', "key 'a' twice"),
    ('{"o": {"k": 1, "k": 1}}', "key 'k' twice"),
    ('{"a": "{{nope}}"}', "unknown placeholder {{nope}}"),
    ('{"a": "text {{ Instrument }}"}', "unknown placeholder {{Instrument}}"),  # names are case-sensitive
    ('{"{{user_id}}": 1}', "unknown placeholder {{user_id}}"),  # keys are checked too
    ('["{{__class__}}"]', "unknown placeholder"),
    ('{"a": "{{instrument"}', "does not open a placeholder"),
    ('{"a": "{{ bad name }}"}', "does not open a placeholder"),
    ('{"a": "{{}}"}', "does not open a placeholder"),
    ('{"a": "{{1x}}"}', "does not open a placeholder"),
    ('{"a": "{{size}} and {{"}', "does not open a placeholder"),
    ('{"a": "{{instrument|upper}}"}', "does not open a placeholder"),
    ('{"{{": 1}', "does not open a placeholder"),
    ("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), f"nests {MAX_DEPTH + 1} levels"),
    ("[" * 5000 + "]" * 3000, "nests 5000 levels"),  # would blow the parser's stack
    ('{"a": ' * 17 + "1" + "}" * 17, "nests 17 levels"),
    ('["' + "x" * MAX_BYTES + '"]', f"at most {MAX_BYTES}"),
    ('["' + "é" * (MAX_BYTES // 2) + '"]', f"at most {MAX_BYTES}"),  # bytes, not characters
]


@pytest.mark.parametrize(("text", "detail"), REFUSED)
def test_an_invalid_template_is_refused_saying_why(text: str, detail: str) -> None:
    with pytest.raises(InvalidTemplate) as caught:
        validate_template(text)
    assert detail in caught.value.detail, caught.value.detail
    assert caught.value.code == "invalid_template" and caught.value.status == 422


def test_an_unknown_placeholder_lists_the_known_ones() -> None:
    with pytest.raises(InvalidTemplate) as caught:
        validate_template('{"a": "{{qty}}"}')
    assert all(name in caught.value.detail for name in PLACEHOLDERS)


def test_the_limits_are_inclusive() -> None:
    deepest = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    assert render(validate_template(deepest), {}) == deepest.encode()
    largest = '["' + "x" * (MAX_BYTES - 4) + '"]'
    assert len(largest.encode()) == MAX_BYTES
    assert validate_template(largest) == ["x" * (MAX_BYTES - 4)]
    # Brackets inside strings are text, not nesting.
    assert validate_template('["' + "[{" * 100 + '\\"]"]') == ["[{" * 100 + '"]']


def test_every_placeholder_is_accepted() -> None:
    text = json.dumps({name: "{{" + name + "}}" for name in sorted(PLACEHOLDERS)})
    values = {name: f"v-{name}" for name in PLACEHOLDERS}
    assert json.loads(render(validate_template(text), values)) == {name: f"v-{name}" for name in PLACEHOLDERS}
