from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.strategy_list import StrategyList
from ...models.strategy_status import StrategyStatus
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    status: StrategyStatus | Unset = UNSET,
    instrument: str | Unset = UNSET,
    tag: str | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 50,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params["instrument"] = instrument

    params["tag"] = tag

    params["cursor"] = cursor

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/strategies",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | StrategyList | None:
    if response.status_code == 200:
        response_200 = StrategyList.from_dict(response.json())

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
) -> Response[Problem | StrategyList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    status: StrategyStatus | Unset = UNSET,
    instrument: str | Unset = UNSET,
    tag: str | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 50,
) -> Response[Problem | StrategyList]:
    """List Strategies

     One page of the caller's strategies (soft-deleted ones are never listed), most recently
    updated first. Optional filters: `status` (exact), `instrument` (exact symbol) and `tag` (the
    strategy carries this tag). Without `status` every status is listed, archived included.
    Ordering is keyset pagination on (updated_at, id) descending, so the order is stable when
    several strategies share an update time. `next_cursor` is null on the last page; pass it back
    unchanged as `cursor` to get the next one. A cursor that cannot be decoded answers 422 with
    code `invalid_cursor`.

    Args:
        status (StrategyStatus | Unset): Lifecycle status. draft -> ready -> live by promote;
            archive from any other status; unarchive -> draft.
        instrument (str | Unset):  Example: MNQ.
        tag (str | Unset):
        cursor (str | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StrategyList]
    """

    kwargs = _get_kwargs(
        status=status,
        instrument=instrument,
        tag=tag,
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
    status: StrategyStatus | Unset = UNSET,
    instrument: str | Unset = UNSET,
    tag: str | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 50,
) -> Problem | StrategyList | None:
    """List Strategies

     One page of the caller's strategies (soft-deleted ones are never listed), most recently
    updated first. Optional filters: `status` (exact), `instrument` (exact symbol) and `tag` (the
    strategy carries this tag). Without `status` every status is listed, archived included.
    Ordering is keyset pagination on (updated_at, id) descending, so the order is stable when
    several strategies share an update time. `next_cursor` is null on the last page; pass it back
    unchanged as `cursor` to get the next one. A cursor that cannot be decoded answers 422 with
    code `invalid_cursor`.

    Args:
        status (StrategyStatus | Unset): Lifecycle status. draft -> ready -> live by promote;
            archive from any other status; unarchive -> draft.
        instrument (str | Unset):  Example: MNQ.
        tag (str | Unset):
        cursor (str | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StrategyList
    """

    return sync_detailed(
        client=client,
        status=status,
        instrument=instrument,
        tag=tag,
        cursor=cursor,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    status: StrategyStatus | Unset = UNSET,
    instrument: str | Unset = UNSET,
    tag: str | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 50,
) -> Response[Problem | StrategyList]:
    """List Strategies

     One page of the caller's strategies (soft-deleted ones are never listed), most recently
    updated first. Optional filters: `status` (exact), `instrument` (exact symbol) and `tag` (the
    strategy carries this tag). Without `status` every status is listed, archived included.
    Ordering is keyset pagination on (updated_at, id) descending, so the order is stable when
    several strategies share an update time. `next_cursor` is null on the last page; pass it back
    unchanged as `cursor` to get the next one. A cursor that cannot be decoded answers 422 with
    code `invalid_cursor`.

    Args:
        status (StrategyStatus | Unset): Lifecycle status. draft -> ready -> live by promote;
            archive from any other status; unarchive -> draft.
        instrument (str | Unset):  Example: MNQ.
        tag (str | Unset):
        cursor (str | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StrategyList]
    """

    kwargs = _get_kwargs(
        status=status,
        instrument=instrument,
        tag=tag,
        cursor=cursor,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    status: StrategyStatus | Unset = UNSET,
    instrument: str | Unset = UNSET,
    tag: str | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 50,
) -> Problem | StrategyList | None:
    """List Strategies

     One page of the caller's strategies (soft-deleted ones are never listed), most recently
    updated first. Optional filters: `status` (exact), `instrument` (exact symbol) and `tag` (the
    strategy carries this tag). Without `status` every status is listed, archived included.
    Ordering is keyset pagination on (updated_at, id) descending, so the order is stable when
    several strategies share an update time. `next_cursor` is null on the last page; pass it back
    unchanged as `cursor` to get the next one. A cursor that cannot be decoded answers 422 with
    code `invalid_cursor`.

    Args:
        status (StrategyStatus | Unset): Lifecycle status. draft -> ready -> live by promote;
            archive from any other status; unarchive -> draft.
        instrument (str | Unset):  Example: MNQ.
        tag (str | Unset):
        cursor (str | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StrategyList
    """

    return (
        await asyncio_detailed(
            client=client,
            status=status,
            instrument=instrument,
            tag=tag,
            cursor=cursor,
            limit=limit,
        )
    ).parsed
