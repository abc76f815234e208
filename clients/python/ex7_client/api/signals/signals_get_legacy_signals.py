from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.legacy_signal_list import LegacySignalList
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    hours: int | Unset = 24,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["hours"] = hours

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/legacy/signals",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> LegacySignalList | Problem | None:
    if response.status_code == 200:
        response_200 = LegacySignalList.from_dict(response.json())

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
) -> Response[LegacySignalList | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    hours: int | Unset = 24,
) -> Response[LegacySignalList | Problem]:
    """Get Signals

     Legacy view: every signal of the caller fired in the last `hours` hours (default 24, at most
    168), newest first (fired_at DESC, id DESC). Not paginated. Because the list carries paper P&L,
    the response embeds the CFTC Rule 4.41 hypothetical-performance disclaimer word for word in
    `disclaimer`.

    Args:
        hours (int | Unset):  Default: 24.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[LegacySignalList | Problem]
    """

    kwargs = _get_kwargs(
        hours=hours,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    hours: int | Unset = 24,
) -> LegacySignalList | Problem | None:
    """Get Signals

     Legacy view: every signal of the caller fired in the last `hours` hours (default 24, at most
    168), newest first (fired_at DESC, id DESC). Not paginated. Because the list carries paper P&L,
    the response embeds the CFTC Rule 4.41 hypothetical-performance disclaimer word for word in
    `disclaimer`.

    Args:
        hours (int | Unset):  Default: 24.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LegacySignalList | Problem
    """

    return sync_detailed(
        client=client,
        hours=hours,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    hours: int | Unset = 24,
) -> Response[LegacySignalList | Problem]:
    """Get Signals

     Legacy view: every signal of the caller fired in the last `hours` hours (default 24, at most
    168), newest first (fired_at DESC, id DESC). Not paginated. Because the list carries paper P&L,
    the response embeds the CFTC Rule 4.41 hypothetical-performance disclaimer word for word in
    `disclaimer`.

    Args:
        hours (int | Unset):  Default: 24.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[LegacySignalList | Problem]
    """

    kwargs = _get_kwargs(
        hours=hours,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    hours: int | Unset = 24,
) -> LegacySignalList | Problem | None:
    """Get Signals

     Legacy view: every signal of the caller fired in the last `hours` hours (default 24, at most
    168), newest first (fired_at DESC, id DESC). Not paginated. Because the list carries paper P&L,
    the response embeds the CFTC Rule 4.41 hypothetical-performance disclaimer word for word in
    `disclaimer`.

    Args:
        hours (int | Unset):  Default: 24.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LegacySignalList | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            hours=hours,
        )
    ).parsed
