from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.blocked_signal_list import BlockedSignalList
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["offset"] = offset

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/risk/blocked",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BlockedSignalList | Problem | None:
    if response.status_code == 200:
        response_200 = BlockedSignalList.from_dict(response.json())

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

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[BlockedSignalList | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
) -> Response[BlockedSignalList | Problem]:
    """Get Blocked

     The caller's recently blocked signals, newest first (blocked_at DESC, id DESC), with offset
    pagination. A row is written each time the publication risk gate refuses to publish a signal;
    it says why: the breaker (`triggered_limit`), a machine-readable `reason`, the `observed` value
    and the `limit` it crossed, and `reason_json`, the full snapshot of the decision (limits and
    check time). Only the caller's rows are visible. `total` is the number of the caller's blocked
    rows. 503 when the signals database is unavailable.

    Args:
        limit (int | Unset):  Default: 50.
        offset (int | Unset):  Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BlockedSignalList | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        offset=offset,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
) -> BlockedSignalList | Problem | None:
    """Get Blocked

     The caller's recently blocked signals, newest first (blocked_at DESC, id DESC), with offset
    pagination. A row is written each time the publication risk gate refuses to publish a signal;
    it says why: the breaker (`triggered_limit`), a machine-readable `reason`, the `observed` value
    and the `limit` it crossed, and `reason_json`, the full snapshot of the decision (limits and
    check time). Only the caller's rows are visible. `total` is the number of the caller's blocked
    rows. 503 when the signals database is unavailable.

    Args:
        limit (int | Unset):  Default: 50.
        offset (int | Unset):  Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BlockedSignalList | Problem
    """

    return sync_detailed(
        client=client,
        limit=limit,
        offset=offset,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
) -> Response[BlockedSignalList | Problem]:
    """Get Blocked

     The caller's recently blocked signals, newest first (blocked_at DESC, id DESC), with offset
    pagination. A row is written each time the publication risk gate refuses to publish a signal;
    it says why: the breaker (`triggered_limit`), a machine-readable `reason`, the `observed` value
    and the `limit` it crossed, and `reason_json`, the full snapshot of the decision (limits and
    check time). Only the caller's rows are visible. `total` is the number of the caller's blocked
    rows. 503 when the signals database is unavailable.

    Args:
        limit (int | Unset):  Default: 50.
        offset (int | Unset):  Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BlockedSignalList | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        offset=offset,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
) -> BlockedSignalList | Problem | None:
    """Get Blocked

     The caller's recently blocked signals, newest first (blocked_at DESC, id DESC), with offset
    pagination. A row is written each time the publication risk gate refuses to publish a signal;
    it says why: the breaker (`triggered_limit`), a machine-readable `reason`, the `observed` value
    and the `limit` it crossed, and `reason_json`, the full snapshot of the decision (limits and
    check time). Only the caller's rows are visible. `total` is the number of the caller's blocked
    rows. 503 when the signals database is unavailable.

    Args:
        limit (int | Unset):  Default: 50.
        offset (int | Unset):  Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BlockedSignalList | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            offset=offset,
        )
    ).parsed
