"""Fixture strategies: all validate cleanly and carry what the contract and the brief ask for."""

from __future__ import annotations

import re

import pytest

from domain.errors import NotFound
from domain.strategy.fixtures import FIXTURE_SLUGS, FIXTURES, fixture_summaries, get_fixture
from domain.strategy.format import normalize_graph
from domain.strategy.graph import has_node_of_type, topological_order, validate_graph
from generated.models import StrategyFixture, StrategyGraph


def test_the_five_asked_for_are_there() -> None:
    assert set(FIXTURE_SLUGS) >= {"ema-crossover", "rsi-mean-reversion", "opening-range-breakout",
                                  "vwap-reversion", "bollinger-breakout"}


@pytest.mark.parametrize("slug", FIXTURE_SLUGS)
def test_fixture_validates_cleanly(slug: str) -> None:
    fixture = get_fixture(slug)
    assert set(fixture) == {"slug", "name", "description", "instrument", "timeframe", "tags", "graph"}
    assert re.fullmatch(r"[a-z0-9-]{1,64}", fixture["slug"]) and fixture["slug"] == slug
    assert validate_graph(fixture["graph"], fixture["instrument"], fixture["timeframe"]) == []
    assert has_node_of_type(fixture["graph"], "stop_loss")
    assert has_node_of_type(fixture["graph"], "position_size")
    topological_order(fixture["graph"])
    StrategyGraph.model_validate(fixture["graph"])
    assert normalize_graph(fixture["graph"]) == fixture["graph"]  # stored as given


def test_summaries_are_the_contract_fixture() -> None:
    summaries = fixture_summaries()
    assert [s["slug"] for s in summaries] == list(FIXTURE_SLUGS)
    for summary in summaries:
        StrategyFixture.model_validate(summary)
        assert set(summary) == {"slug", "name", "description", "instrument", "timeframe"}
    assert len({s["name"] for s in summaries}) == len(summaries)


def test_get_fixture_returns_a_copy() -> None:
    copy = get_fixture("ema-crossover")
    copy["graph"]["nodes"].clear()
    assert FIXTURES["ema-crossover"]["graph"]["nodes"]


def test_unknown_slug() -> None:
    with pytest.raises(NotFound):
        get_fixture("martingale")


def test_opening_range_breakout_uses_the_opening_range() -> None:
    graph = get_fixture("opening-range-breakout")["graph"]
    assert has_node_of_type(graph, "opening_range") and has_node_of_type(graph, "time_window")
