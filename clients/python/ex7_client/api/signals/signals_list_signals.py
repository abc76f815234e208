import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.signal_list import SignalList
from ...models.signal_side import SignalSide
from ...models.signal_status import SignalStatus
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    strategy_id: UUID | Unset = UNSET,
    from_: datetime.datetime | Unset = UNSET,
    to: datetime.datetime | Unset = UNSET,
    side: SignalSide | Unset = UNSET,
    status: SignalStatus | Unset = UNSET,
    instrument: str | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 50,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_strategy_id: str | Unset = UNSET
    if not isinstance(strategy_id, Unset):
        json_strategy_id = str(strategy_id)
    params["strategy_id"] = json_strategy_id

    json_from_: str | Unset = UNSET
    if not isinstance(from_, Unset):
        json_from_ = from_.isoformat()
    params["from"] = json_from_

    json_to: str | Unset = UNSET
    if not isinstance(to, Unset):
        json_to = to.isoformat()
    params["to"] = json_to

    json_side: str | Unset = UNSET
    if not isinstance(side, Unset):
        json_side = side.value

    params["side"] = json_side

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params["instrument"] = instrument

    params["cursor"] = cursor

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/signals",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | SignalList | None:
    if response.status_code == 200:
        response_200 = SignalList.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | SignalList]:
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
    from_: datetime.datetime | Unset = UNSET,
    to: datetime.datetime | Unset = UNSET,
    side: SignalSide | Unset = UNSET,
    status: SignalStatus | Unset = UNSET,
    instrument: str | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 50,
) -> Response[Problem | SignalList]:
    """List Signals

     Cursor-paginated list of the caller's signals. All filters are optional and combine with AND:
    `strategy_id`, `from` (fired at or after) and `to` (fired before), `side`, `status`,
    `instrument`. Ordering is (fired_at DESC, id DESC), stable even for signals fired on the same
    bar close. Keyset pagination: the server reads `limit` + 1 rows; when the extra row exists,
    `next_cursor` encodes the (fired_at, id) of the last returned row and the next page continues
    strictly after it; otherwise `next_cursor` is null. Cursors are opaque; one that cannot be
    decoded answers 422 `invalid_cursor`, and a `from` not before `to` 422 `invalid_range`. The
    response embeds the CFTC Rule 4.41 disclaimer word for word in `disclaimer`, because it carries
    paper P&L.

    Args:
        strategy_id (UUID | Unset):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        from_ (datetime.datetime | Unset):
        to (datetime.datetime | Unset):
        side (SignalSide | Unset):
        status (SignalStatus | Unset): `closed` by stop, target, exit rule, reverse, max bars or
            the runtime being stopped; `cancelled` by the user or a force-close.
        instrument (str | Unset):  Example: MNQ.
        cursor (str | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SignalList]
    """

    kwargs = _get_kwargs(
        strategy_id=strategy_id,
        from_=from_,
        to=to,
        side=side,
        status=status,
        instrument=instrument,
        cursor=cursor,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    strategy_id: UUID | Unset = UNSET,
    from_: datetime.datetime | Unset = UNSET,
    to: datetime.datetime | Unset = UNSET,
    side: SignalSide | Unset = UNSET,
    status: SignalStatus | Unset = UNSET,
    instrument: str | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 50,
) -> Problem | SignalList | None:
    """List Signals

     Cursor-paginated list of the caller's signals. All filters are optional and combine with AND:
    `strategy_id`, `from` (fired at or after) and `to` (fired before), `side`, `status`,
    `instrument`. Ordering is (fired_at DESC, id DESC), stable even for signals fired on the same
    bar close. Keyset pagination: the server reads `limit` + 1 rows; when the extra row exists,
    `next_cursor` encodes the (fired_at, id) of the last returned row and the next page continues
    strictly after it; otherwise `next_cursor` is null. Cursors are opaque; one that cannot be
    decoded answers 422 `invalid_cursor`, and a `from` not before `to` 422 `invalid_range`. The
    response embeds the CFTC Rule 4.41 disclaimer word for word in `disclaimer`, because it carries
    paper P&L.

    Args:
        strategy_id (UUID | Unset):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        from_ (datetime.datetime | Unset):
        to (datetime.datetime | Unset):
        side (SignalSide | Unset):
        status (SignalStatus | Unset): `closed` by stop, target, exit rule, reverse, max bars or
            the runtime being stopped; `cancelled` by the user or a force-close.
        instrument (str | Unset):  Example: MNQ.
        cursor (str | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SignalList
    """

    return sync_detailed(
        client=client,
        strategy_id=strategy_id,
        from_=from_,
        to=to,
        side=side,
        status=status,
        instrument=instrument,
        cursor=cursor,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    strategy_id: UUID | Unset = UNSET,
    from_: datetime.datetime | Unset = UNSET,
    to: datetime.datetime | Unset = UNSET,
    side: SignalSide | Unset = UNSET,
    status: SignalStatus | Unset = UNSET,
    instrument: str | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 50,
) -> Response[Problem | SignalList]:
    """List Signals

     Cursor-paginated list of the caller's signals. All filters are optional and combine with AND:
    `strategy_id`, `from` (fired at or after) and `to` (fired before), `side`, `status`,
    `instrument`. Ordering is (fired_at DESC, id DESC), stable even for signals fired on the same
    bar close. Keyset pagination: the server reads `limit` + 1 rows; when the extra row exists,
    `next_cursor` encodes the (fired_at, id) of the last returned row and the next page continues
    strictly after it; otherwise `next_cursor` is null. Cursors are opaque; one that cannot be
    decoded answers 422 `invalid_cursor`, and a `from` not before `to` 422 `invalid_range`. The
    response embeds the CFTC Rule 4.41 disclaimer word for word in `disclaimer`, because it carries
    paper P&L.

    Args:
        strategy_id (UUID | Unset):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        from_ (datetime.datetime | Unset):
        to (datetime.datetime | Unset):
        side (SignalSide | Unset):
        status (SignalStatus | Unset): `closed` by stop, target, exit rule, reverse, max bars or
            the runtime being stopped; `cancelled` by the user or a force-close.
        instrument (str | Unset):  Example: MNQ.
        cursor (str | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SignalList]
    """

    kwargs = _get_kwargs(
        strategy_id=strategy_id,
        from_=from_,
        to=to,
        side=side,
        status=status,
        instrument=instrument,
        cursor=cursor,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    strategy_id: UUID | Unset = UNSET,
    from_: datetime.datetime | Unset = UNSET,
    to: datetime.datetime | Unset = UNSET,
    side: SignalSide | Unset = UNSET,
    status: SignalStatus | Unset = UNSET,
    instrument: str | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 50,
) -> Problem | SignalList | None:
    """List Signals

     Cursor-paginated list of the caller's signals. All filters are optional and combine with AND:
    `strategy_id`, `from` (fired at or after) and `to` (fired before), `side`, `status`,
    `instrument`. Ordering is (fired_at DESC, id DESC), stable even for signals fired on the same
    bar close. Keyset pagination: the server reads `limit` + 1 rows; when the extra row exists,
    `next_cursor` encodes the (fired_at, id) of the last returned row and the next page continues
    strictly after it; otherwise `next_cursor` is null. Cursors are opaque; one that cannot be
    decoded answers 422 `invalid_cursor`, and a `from` not before `to` 422 `invalid_range`. The
    response embeds the CFTC Rule 4.41 disclaimer word for word in `disclaimer`, because it carries
    paper P&L.

    Args:
        strategy_id (UUID | Unset):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        from_ (datetime.datetime | Unset):
        to (datetime.datetime | Unset):
        side (SignalSide | Unset):
        status (SignalStatus | Unset): `closed` by stop, target, exit rule, reverse, max bars or
            the runtime being stopped; `cancelled` by the user or a force-close.
        instrument (str | Unset):  Example: MNQ.
        cursor (str | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SignalList
    """

    return (
        await asyncio_detailed(
            client=client,
            strategy_id=strategy_id,
            from_=from_,
            to=to,
            side=side,
            status=status,
            instrument=instrument,
            cursor=cursor,
            limit=limit,
        )
    ).parsed
