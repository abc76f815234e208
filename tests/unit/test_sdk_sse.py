"""The SDK's Server-Sent Events parser (clients/python/ex7_sdk/sse.py) against the WHATWG rules for
interpreting an event stream, and StreamEvent.from_sse (the parsed data, the Signal model)."""

from __future__ import annotations

import itertools
import json
from typing import Any

from ex7_client.models import Signal, SignalCloseReason, SignalStatus
from ex7_sdk import ServerSentEvent, SSEParser, StreamEvent
from hypothesis import given, settings
from hypothesis import strategies as st


def parse(*chunks: bytes | str, parser: SSEParser | None = None) -> list[ServerSentEvent]:
    parser = parser or SSEParser()
    return [event for chunk in chunks for event in parser.feed(chunk)]


def brief(events: list[ServerSentEvent]) -> list[tuple[str, str, str | None, str]]:
    return [(e.event, e.data, e.id, e.last_event_id) for e in events]


# -- fields ---------------------------------------------------------------------------------------------------

def test_event_data_and_id_fields() -> None:
    [event] = parse(b"id: 7\nevent: signal\ndata: {\"a\": 1}\n\n")
    assert event == ServerSentEvent(event="signal", data='{"a": 1}', id="7", last_event_id="7")


def test_an_event_without_a_type_is_a_message() -> None:
    assert brief(parse(b"data: x\n\nevent:\ndata: y\n\n")) == [("message", "x", None, ""), ("message", "y", None, "")]


def test_one_space_after_the_colon_is_dropped_and_no_more() -> None:
    assert [e.data for e in parse(b"data:x\n\ndata: x\n\ndata:  x\n\ndata: \n\n")] == ["x", "x", " x", ""]


def test_a_line_without_a_colon_is_a_field_with_an_empty_value() -> None:
    # `data` alone is an empty data line (an event with empty data); `event` alone resets the type.
    assert brief(parse(b"data\n\nevent: a\nevent\ndata: 1\n\n")) == [("message", "", None, ""),
                                                                     ("message", "1", None, "")]


def test_unknown_fields_and_field_names_of_another_case_are_ignored() -> None:
    assert brief(parse(b"foo: bar\nData: no\nEVENT: no\nid : no\ndata: yes\n\n")) == [("message", "yes", None, "")]


def test_multi_line_data_is_joined_with_lf_without_a_trailing_one() -> None:
    assert [e.data for e in parse(b"data: one\ndata: two\ndata:\ndata: four\n\n")] == ["one\ntwo\n\nfour"]


def test_a_blank_line_with_no_data_dispatches_nothing_and_resets_the_type() -> None:
    assert brief(parse(b"event: signal\n\ndata: x\n\n")) == [("message", "x", None, "")]


# -- comments and heartbeats ------------------------------------------------------------------------------

def test_comments_and_heartbeats_are_ignored() -> None:
    stream = b": heartbeat\n\n:another\nid: 3\n: inside an event\ndata: x\n\n: heartbeat\n\n"
    assert brief(parse(stream)) == [("message", "x", "3", "3")]


# -- retry ----------------------------------------------------------------------------------------------------

def test_retry_sets_the_reconnection_time_when_all_ascii_digits() -> None:
    parser = SSEParser()
    assert parse(b"retry: 2500\n\n", parser=parser) == []  # a retry alone dispatches nothing
    assert parser.retry == 2500
    for bad in (b"retry: 1.5\n", b"retry: -1\n", b"retry: 12a\n", b"retry:\n", b"retry: \xd9\xa3\n",
                b"retry: 1 \n", "retry: ²\n".encode()):
        parse(bad, parser=parser)
        assert parser.retry == 2500, bad
    parse(b"retry: 0\n", parser=parser)
    assert parser.retry == 0


def test_retry_is_carried_to_a_parser_given_it() -> None:
    assert SSEParser(retry=900).retry == 900
    assert SSEParser().retry is None


# -- id -------------------------------------------------------------------------------------------------------

def test_the_last_event_id_persists_across_events_without_one() -> None:
    events = parse(b"id: 1\ndata: a\n\ndata: b\n\nid: 2\ndata: c\n\n")
    assert brief(events) == [("message", "a", "1", "1"), ("message", "b", None, "1"), ("message", "c", "2", "2")]


def test_an_empty_id_resets_the_last_event_id() -> None:
    events = parse(b"id: 1\ndata: a\n\nid\ndata: b\n\n")
    assert brief(events) == [("message", "a", "1", "1"), ("message", "b", "", "")]


def test_an_id_containing_nul_is_ignored() -> None:
    parser = SSEParser()
    events = parse(b"id: 1\ndata: a\n\nid: 2\x003\ndata: b\n\n", parser=parser)
    assert brief(events) == [("message", "a", "1", "1"), ("message", "b", None, "1")]
    assert parser.last_event_id == "1"


def test_an_id_moves_on_a_blank_line_even_without_data() -> None:
    parser = SSEParser()
    assert parse(b"id: 9\n\n", parser=parser) == []
    assert parser.last_event_id == "9"
    assert brief(parse(b"data: x\n\n", parser=parser)) == [("message", "x", None, "9")]


def test_the_last_event_id_given_is_where_the_parser_starts() -> None:
    parser = SSEParser(last_event_id="41")
    assert parser.last_event_id == "41"
    assert brief(parse(b"data: x\n\nid: 42\ndata: y\n\n", parser=parser)) == [("message", "x", None, "41"),
                                                                               ("message", "y", "42", "42")]


# -- line ends, BOM, encoding ----------------------------------------------------------------------------

SAMPLE_EVENTS = [("compliance", '{"rule": "x"}', None, ""), ("signal", "a\nb", "1", "1"),
                 ("signal_closed", "é€😀", "2", "2"), ("message", "tail", None, "2")]


def sample(eol: str) -> bytes:
    text = ("retry: 3000\n\nevent: compliance\ndata: {\"rule\": \"x\"}\n\n: heartbeat\n\n"
            "id: 1\nevent: signal\ndata: a\ndata: b\n\nid: 2\nevent: signal_closed\ndata: é€😀\n\n"
            "data: tail\n\n")
    return text.replace("\n", eol).encode()


def test_crlf_cr_and_lf_line_ends_give_the_same_events() -> None:
    for eol in ("\n", "\r\n", "\r"):
        parser = SSEParser()
        assert brief(parse(sample(eol), parser=parser)) == SAMPLE_EVENTS, repr(eol)
        assert parser.retry == 3000


def test_mixed_line_ends() -> None:
    assert [e.data for e in parse(b"data: a\rdata: b\r\ndata: c\n\r\ndata: d\r\r")] == ["a\nb\nc", "d"]


def test_a_crlf_split_across_chunks_is_one_line_end() -> None:
    # Were the LF taken as a second line end, the blank line would dispatch "a" alone.
    assert [e.data for e in parse(b"data: a\r", b"\ndata: b\r", b"\n\r", b"\n")] == ["a\nb"]
    # A CR at a chunk's end followed by another line: that line is not lost.
    assert [e.data for e in parse(b"data: a\r", b"data: b\r\r")] == ["a\nb"]
    # An empty chunk between the CR and the LF changes nothing.
    assert [e.data for e in parse(b"data: a\r", b"", b"\n\n")] == ["a"]


def test_one_leading_bom_is_dropped() -> None:
    assert brief(parse(b"\xef\xbb\xbfdata: x\n\n")) == [("message", "x", None, "")]
    # Only at the very start of the stream, and only one: a second BOM is the start of a field name.
    assert brief(parse(b"\xef\xbb\xbf\xef\xbb\xbfdata: x\n\ndata: y\n\n")) == [("message", "y", None, "")]
    assert brief(parse(b"data: x\n\n\xef\xbb\xbfdata: y\n\n")) == [("message", "x", None, "")]


def test_a_bom_split_across_chunks_is_dropped() -> None:
    assert brief(parse(b"\xef", b"\xbb", b"\xbfdata: x\n\n")) == [("message", "x", None, "")]


def test_text_chunks_are_accepted_and_a_bom_dropped() -> None:
    assert brief(parse("\ufeffdata: é\n", "\n")) == [("message", "é", None, "")]


def test_invalid_utf8_is_replaced() -> None:
    assert [e.data for e in parse(b"data: a\xffb\n\n")] == ["a\ufffdb"]


# -- chunk boundaries -------------------------------------------------------------------------------------

def test_every_split_of_a_stream_into_three_chunks_gives_the_same_events() -> None:
    for eol in ("\n", "\r\n", "\r"):
        data = b"\xef\xbb\xbf" + sample(eol)
        expected = brief(parse(data))
        assert expected == SAMPLE_EVENTS
        for i, j in itertools.combinations_with_replacement(range(len(data) + 1), 2):
            got = brief(parse(data[:i], data[i:j], data[j:]))
            assert got == expected, (eol, i, j)


@settings(max_examples=300, deadline=None)
@given(eol=st.sampled_from(["\n", "\r\n", "\r"]), cuts=st.lists(st.integers(min_value=0, max_value=400), max_size=40))
def test_any_split_of_a_stream_gives_the_same_events(eol: str, cuts: list[int]) -> None:
    data = b"\xef\xbb\xbf" + sample(eol)
    points = sorted({min(c, len(data)) for c in cuts})
    chunks = [data[a:b] for a, b in itertools.pairwise([0, *points, len(data)])]
    assert b"".join(chunks) == data
    assert brief(parse(*chunks)) == SAMPLE_EVENTS


def test_a_byte_at_a_time() -> None:
    data = sample("\r\n")
    assert brief(parse(*(data[i:i + 1] for i in range(len(data))))) == SAMPLE_EVENTS


# -- the end of the stream --------------------------------------------------------------------------------

def test_an_event_without_its_trailing_blank_line_is_not_dispatched_nor_its_id_taken() -> None:
    parser = SSEParser()
    events = parse(b"id: 1\ndata: a\n\nid: 2\nevent: signal\ndata: b\n", parser=parser)
    assert brief(events) == [("message", "a", "1", "1")]
    assert parser.last_event_id == "1"  # a resume asks for event 2 again, whole
    # Cut in the middle of a line, too.
    parser = SSEParser()
    assert parse(b"id: 1\ndata: a\n\nid: 2\ndata: b", parser=parser)[0].data == "a"
    assert parser.last_event_id == "1"


def test_a_new_parser_for_a_new_connection_discards_the_partial_event() -> None:
    first = SSEParser()
    parse(b"id: 1\ndata: a\n\nid: 2\ndata: cut", parser=first)
    second = SSEParser(first.last_event_id, first.retry)
    assert brief(parse(b"id: 2\ndata: whole\n\n", parser=second)) == [("message", "whole", "2", "2")]


# -- StreamEvent.from_sse ---------------------------------------------------------------------------------

def signal_json(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": "3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60", "strategy_id": "0c6a8e3f-2b1d-4c5e-9f7a-1b2c3d4e5f61",
        "strategy_version": 2, "mode": "paper", "instrument": "MNQ", "timeframe": "1m", "side": "long",
        "status": "closed", "entry_price": "21450.25", "stop_price": "21440.25", "target_price": None, "size": 1,
        "fired_at": "2026-11-24T15:01:00Z", "bar_ts": "2026-11-24T15:00:00Z", "closed_at": "2026-11-24T15:11:00Z",
        "close_price": "21460.25", "close_reason": "target", "gross_pnl": "20.00", "slippage": "0.50",
        "commission": "1.24", "net_pnl": "18.26", "slippage_ticks": 1.0, "event_id": 12}
    body.update(overrides)
    return body


def sse(event: str, data: str, event_id: str | None = "12") -> ServerSentEvent:
    return ServerSentEvent(event=event, data=data, id=event_id, last_event_id=event_id or "")


def test_from_sse_makes_a_signal_closed_event_a_signal_model() -> None:
    body = signal_json()
    event = StreamEvent.from_sse(sse("signal_closed", json.dumps(body)))
    assert event.event == "signal_closed" and event.id == "12" and event.data == body
    assert event.raw == json.dumps(body)
    assert isinstance(event.signal, Signal)
    assert str(event.signal.id) == body["id"] and event.signal.net_pnl == "18.26"
    assert event.signal.status == SignalStatus.CLOSED and event.signal.close_reason == SignalCloseReason.TARGET
    assert event.signal.event_id == 12


def test_from_sse_makes_a_fired_signal_event_a_signal_model() -> None:
    # What the server sends as `signal`: an open signal, so nothing of its closing is known yet.
    body = signal_json(status="open", closed_at=None, close_price=None, close_reason=None, gross_pnl=None,
                       slippage=None, commission=None, net_pnl=None, slippage_ticks=None)
    event = StreamEvent.from_sse(sse("signal", json.dumps(body)))
    assert event.data == body
    assert isinstance(event.signal, Signal), "an open signal (close_reason null) must parse into the Signal model"
    assert event.signal.status == SignalStatus.OPEN and event.signal.close_reason is None


def test_from_sse_other_events_have_no_signal() -> None:
    compliance = StreamEvent.from_sse(sse("compliance", '{"rule": "17 CFR 4.41(b)(1)(i)", "text": "t"}', None))
    assert compliance.signal is None and compliance.id is None
    assert compliance.data == {"rule": "17 CFR 4.41(b)(1)(i)", "text": "t"}
    # Another event whose data would fit the Signal model is still not a signal.
    reset = StreamEvent.from_sse(sse("reset", json.dumps(signal_json())))
    assert reset.signal is None and reset.data == signal_json()
    expired = StreamEvent.from_sse(sse("token_expired", '{"detail": "d"}', None))
    assert expired.signal is None and expired.data == {"detail": "d"}


def test_from_sse_data_that_is_not_json_or_not_a_signal() -> None:
    text = StreamEvent.from_sse(sse("message", "not json"))
    assert text.data == "not json" and text.raw == "not json" and text.signal is None
    broken = StreamEvent.from_sse(sse("signal", '{"id": "nope"}'))  # a signal that does not fit the model
    assert broken.data == {"id": "nope"} and broken.signal is None
    listed = StreamEvent.from_sse(sse("signal", "[1, 2]"))
    assert listed.data == [1, 2] and listed.signal is None
