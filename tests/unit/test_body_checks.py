"""The checks every JSON body passes before schema validation: NUL, lone surrogates, nesting depth."""

from __future__ import annotations

import json

import pytest

from ex7.validation import MAX_DEPTH, _json_unstorable, _unstorable


def check(text: str) -> str | None:
    return _json_unstorable(text, json.loads(text))


@pytest.mark.parametrize("text", [r'"a\u0000b"', r'{"k": ["\ud800"]}', r'{"\u0000": 1}', r'["\uDFFF x"]'])
def test_nul_and_lone_surrogates_are_found(text: str) -> None:
    assert check(text) is not None
    assert check(text) == _unstorable(json.loads(text))


@pytest.mark.parametrize("text", [r'"a\\u0000b"', r'"\ud83d\ude00"', '"plain"', r'{"a": "\u00e9"}'])
def test_escaped_backslashes_pairs_and_plain_text_pass(text: str) -> None:
    assert check(text) is None


def test_depth_is_counted_in_containers_from_one() -> None:
    at_limit = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    assert check(at_limit) is None and _unstorable(json.loads(at_limit)) is None
    over = "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)
    assert check(over) == _unstorable(json.loads(over)) == f"it nests deeper than {MAX_DEPTH} levels"
    mixed = '{"a": ' * (MAX_DEPTH - 1) + '["x"]' + "}" * (MAX_DEPTH - 1)
    assert check(mixed) is None
