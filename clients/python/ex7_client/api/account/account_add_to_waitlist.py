from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.waitlist_request import WaitlistRequest
from ...models.waitlist_response import WaitlistResponse
from ...types import Response


def _get_kwargs(
    *,
    body: WaitlistRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/waitlist",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | WaitlistResponse | None:
    if response.status_code == 200:
        response_200 = WaitlistResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 408:
        response_408 = Problem.from_dict(response.json())

        return response_408

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | WaitlistResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: WaitlistRequest,
) -> Response[Problem | WaitlistResponse]:
    """Add To Waitlist

     Add an email address to the waitlist. The address is validated and normalised (trimmed,
    lower-cased). The answer is the same whether the address is new or already listed, so the
    endpoint cannot be used to find out who signed up.

    Args:
        body (WaitlistRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | WaitlistResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: WaitlistRequest,
) -> Problem | WaitlistResponse | None:
    """Add To Waitlist

     Add an email address to the waitlist. The address is validated and normalised (trimmed,
    lower-cased). The answer is the same whether the address is new or already listed, so the
    endpoint cannot be used to find out who signed up.

    Args:
        body (WaitlistRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | WaitlistResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: WaitlistRequest,
) -> Response[Problem | WaitlistResponse]:
    """Add To Waitlist

     Add an email address to the waitlist. The address is validated and normalised (trimmed,
    lower-cased). The answer is the same whether the address is new or already listed, so the
    endpoint cannot be used to find out who signed up.

    Args:
        body (WaitlistRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | WaitlistResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: WaitlistRequest,
) -> Problem | WaitlistResponse | None:
    """Add To Waitlist

     Add an email address to the waitlist. The address is validated and normalised (trimmed,
    lower-cased). The answer is the same whether the address is new or already listed, so the
    endpoint cannot be used to find out who signed up.

    Args:
        body (WaitlistRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | WaitlistResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
