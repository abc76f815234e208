from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.stream_event import StreamEvent
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    strategy_id: UUID | Unset = UNSET,
    instrument: str | Unset = UNSET,
    last_event_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(last_event_id, Unset):
        headers["Last-Event-ID"] = last_event_id

    params: dict[str, Any] = {}

    json_strategy_id: str | Unset = UNSET
    if not isinstance(strategy_id, Unset):
        json_strategy_id = str(strategy_id)
    params["strategy_id"] = json_strategy_id

    params["instrument"] = instrument

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/signals/stream",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | StreamEvent | None:
    if response.status_code == 200:
        response_200 = StreamEvent.from_dict(response.text)

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | StreamEvent]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    strategy_id: UUID | Unset = UNSET,
    instrument: str | Unset = UNSET,
    last_event_id: str | Unset = UNSET,
) -> Response[Problem | StreamEvent]:
    """Signal Stream

     Server-Sent Events for live signal delivery: 200 `text/event-stream`, sent with
    `Cache-Control: no-cache` and `X-Accel-Buffering: no`. Lifecycle:
    1. A `retry:` field with the reconnect delay in milliseconds (EX7_STREAM_RETRY_MS, default 3000).
    2. One `compliance` event carrying the CFTC Rule 4.41 disclaimer, once per connection.
    3. When the `Last-Event-ID` header is sent (a client reconnecting), every `signal` and
       `signal_closed` event of the caller after that id is replayed in id order, with the same
       filters. When that cannot be done in full - events after it were pruned (they are kept
       EX7_EVENTS_RETENTION_DAYS, default 7) or the id was never issued by this service - a `reset`
       event comes instead, with `reason` (`pruned` or `unknown`) and as its `id:` the position the
       live stream carries on from: reload through `GET /api/signals`, then keep reading.
    4. Live delivery: each new event of the caller (and of `strategy_id` when given) is sent as a
       `signal` (fired) or `signal_closed` frame whose `id:` is the event id and whose `data:` is the
       full signal as JSON (the Signal schema), as it is when the event is read. The `instrument`
       filter is applied to each event before sending.
    5. When no event arrives for about 15 seconds (EX7_STREAM_HEARTBEAT_SECONDS), a comment line
       (`: heartbeat`) is sent to keep the connection open; a disconnected client is detected at once.
    6. The stream ends when the token expires (a `token_expired` event first: reconnect with a fresh
       token and Last-Event-ID), when the client has fallen more than EX7_STREAM_BUFFER events
       behind (a comment first; reconnecting resumes from the log) and when the server shuts down.
       On disconnect the subscription is released.
    Delivery is gap-free and without duplicates: event ids are handed out in commit order, so ids
    only grow and a client that resumes after the last id it received misses nothing, whichever API
    process it reconnects to. Each process reads the event log itself (on the `events` notification
    and at least every second), so a missed notification only delays an event. 404 when
    `strategy_id` names a strategy that does not exist or is not the caller's; 422 for a malformed
    `Last-Event-ID`; 429 (code `too_many_streams`, with Retry-After) beyond
    EX7_STREAM_MAX_PER_USER (default 5) open streams of the caller on one API process.

    Args:
        strategy_id (UUID | Unset):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        instrument (str | Unset):  Example: MNQ.
        last_event_id (str | Unset):  Example: 1042.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StreamEvent]
    """

    kwargs = _get_kwargs(
        strategy_id=strategy_id,
        instrument=instrument,
        last_event_id=last_event_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    strategy_id: UUID | Unset = UNSET,
    instrument: str | Unset = UNSET,
    last_event_id: str | Unset = UNSET,
) -> Problem | StreamEvent | None:
    """Signal Stream

     Server-Sent Events for live signal delivery: 200 `text/event-stream`, sent with
    `Cache-Control: no-cache` and `X-Accel-Buffering: no`. Lifecycle:
    1. A `retry:` field with the reconnect delay in milliseconds (EX7_STREAM_RETRY_MS, default 3000).
    2. One `compliance` event carrying the CFTC Rule 4.41 disclaimer, once per connection.
    3. When the `Last-Event-ID` header is sent (a client reconnecting), every `signal` and
       `signal_closed` event of the caller after that id is replayed in id order, with the same
       filters. When that cannot be done in full - events after it were pruned (they are kept
       EX7_EVENTS_RETENTION_DAYS, default 7) or the id was never issued by this service - a `reset`
       event comes instead, with `reason` (`pruned` or `unknown`) and as its `id:` the position the
       live stream carries on from: reload through `GET /api/signals`, then keep reading.
    4. Live delivery: each new event of the caller (and of `strategy_id` when given) is sent as a
       `signal` (fired) or `signal_closed` frame whose `id:` is the event id and whose `data:` is the
       full signal as JSON (the Signal schema), as it is when the event is read. The `instrument`
       filter is applied to each event before sending.
    5. When no event arrives for about 15 seconds (EX7_STREAM_HEARTBEAT_SECONDS), a comment line
       (`: heartbeat`) is sent to keep the connection open; a disconnected client is detected at once.
    6. The stream ends when the token expires (a `token_expired` event first: reconnect with a fresh
       token and Last-Event-ID), when the client has fallen more than EX7_STREAM_BUFFER events
       behind (a comment first; reconnecting resumes from the log) and when the server shuts down.
       On disconnect the subscription is released.
    Delivery is gap-free and without duplicates: event ids are handed out in commit order, so ids
    only grow and a client that resumes after the last id it received misses nothing, whichever API
    process it reconnects to. Each process reads the event log itself (on the `events` notification
    and at least every second), so a missed notification only delays an event. 404 when
    `strategy_id` names a strategy that does not exist or is not the caller's; 422 for a malformed
    `Last-Event-ID`; 429 (code `too_many_streams`, with Retry-After) beyond
    EX7_STREAM_MAX_PER_USER (default 5) open streams of the caller on one API process.

    Args:
        strategy_id (UUID | Unset):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        instrument (str | Unset):  Example: MNQ.
        last_event_id (str | Unset):  Example: 1042.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StreamEvent
    """

    return sync_detailed(
        client=client,
        strategy_id=strategy_id,
        instrument=instrument,
        last_event_id=last_event_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    strategy_id: UUID | Unset = UNSET,
    instrument: str | Unset = UNSET,
    last_event_id: str | Unset = UNSET,
) -> Response[Problem | StreamEvent]:
    """Signal Stream

     Server-Sent Events for live signal delivery: 200 `text/event-stream`, sent with
    `Cache-Control: no-cache` and `X-Accel-Buffering: no`. Lifecycle:
    1. A `retry:` field with the reconnect delay in milliseconds (EX7_STREAM_RETRY_MS, default 3000).
    2. One `compliance` event carrying the CFTC Rule 4.41 disclaimer, once per connection.
    3. When the `Last-Event-ID` header is sent (a client reconnecting), every `signal` and
       `signal_closed` event of the caller after that id is replayed in id order, with the same
       filters. When that cannot be done in full - events after it were pruned (they are kept
       EX7_EVENTS_RETENTION_DAYS, default 7) or the id was never issued by this service - a `reset`
       event comes instead, with `reason` (`pruned` or `unknown`) and as its `id:` the position the
       live stream carries on from: reload through `GET /api/signals`, then keep reading.
    4. Live delivery: each new event of the caller (and of `strategy_id` when given) is sent as a
       `signal` (fired) or `signal_closed` frame whose `id:` is the event id and whose `data:` is the
       full signal as JSON (the Signal schema), as it is when the event is read. The `instrument`
       filter is applied to each event before sending.
    5. When no event arrives for about 15 seconds (EX7_STREAM_HEARTBEAT_SECONDS), a comment line
       (`: heartbeat`) is sent to keep the connection open; a disconnected client is detected at once.
    6. The stream ends when the token expires (a `token_expired` event first: reconnect with a fresh
       token and Last-Event-ID), when the client has fallen more than EX7_STREAM_BUFFER events
       behind (a comment first; reconnecting resumes from the log) and when the server shuts down.
       On disconnect the subscription is released.
    Delivery is gap-free and without duplicates: event ids are handed out in commit order, so ids
    only grow and a client that resumes after the last id it received misses nothing, whichever API
    process it reconnects to. Each process reads the event log itself (on the `events` notification
    and at least every second), so a missed notification only delays an event. 404 when
    `strategy_id` names a strategy that does not exist or is not the caller's; 422 for a malformed
    `Last-Event-ID`; 429 (code `too_many_streams`, with Retry-After) beyond
    EX7_STREAM_MAX_PER_USER (default 5) open streams of the caller on one API process.

    Args:
        strategy_id (UUID | Unset):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        instrument (str | Unset):  Example: MNQ.
        last_event_id (str | Unset):  Example: 1042.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StreamEvent]
    """

    kwargs = _get_kwargs(
        strategy_id=strategy_id,
        instrument=instrument,
        last_event_id=last_event_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    strategy_id: UUID | Unset = UNSET,
    instrument: str | Unset = UNSET,
    last_event_id: str | Unset = UNSET,
) -> Problem | StreamEvent | None:
    """Signal Stream

     Server-Sent Events for live signal delivery: 200 `text/event-stream`, sent with
    `Cache-Control: no-cache` and `X-Accel-Buffering: no`. Lifecycle:
    1. A `retry:` field with the reconnect delay in milliseconds (EX7_STREAM_RETRY_MS, default 3000).
    2. One `compliance` event carrying the CFTC Rule 4.41 disclaimer, once per connection.
    3. When the `Last-Event-ID` header is sent (a client reconnecting), every `signal` and
       `signal_closed` event of the caller after that id is replayed in id order, with the same
       filters. When that cannot be done in full - events after it were pruned (they are kept
       EX7_EVENTS_RETENTION_DAYS, default 7) or the id was never issued by this service - a `reset`
       event comes instead, with `reason` (`pruned` or `unknown`) and as its `id:` the position the
       live stream carries on from: reload through `GET /api/signals`, then keep reading.
    4. Live delivery: each new event of the caller (and of `strategy_id` when given) is sent as a
       `signal` (fired) or `signal_closed` frame whose `id:` is the event id and whose `data:` is the
       full signal as JSON (the Signal schema), as it is when the event is read. The `instrument`
       filter is applied to each event before sending.
    5. When no event arrives for about 15 seconds (EX7_STREAM_HEARTBEAT_SECONDS), a comment line
       (`: heartbeat`) is sent to keep the connection open; a disconnected client is detected at once.
    6. The stream ends when the token expires (a `token_expired` event first: reconnect with a fresh
       token and Last-Event-ID), when the client has fallen more than EX7_STREAM_BUFFER events
       behind (a comment first; reconnecting resumes from the log) and when the server shuts down.
       On disconnect the subscription is released.
    Delivery is gap-free and without duplicates: event ids are handed out in commit order, so ids
    only grow and a client that resumes after the last id it received misses nothing, whichever API
    process it reconnects to. Each process reads the event log itself (on the `events` notification
    and at least every second), so a missed notification only delays an event. 404 when
    `strategy_id` names a strategy that does not exist or is not the caller's; 422 for a malformed
    `Last-Event-ID`; 429 (code `too_many_streams`, with Retry-After) beyond
    EX7_STREAM_MAX_PER_USER (default 5) open streams of the caller on one API process.

    Args:
        strategy_id (UUID | Unset):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        instrument (str | Unset):  Example: MNQ.
        last_event_id (str | Unset):  Example: 1042.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StreamEvent
    """

    return (
        await asyncio_detailed(
            client=client,
            strategy_id=strategy_id,
            instrument=instrument,
            last_event_id=last_event_id,
        )
    ).parsed
