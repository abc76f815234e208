from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.runtime import Runtime
from ...models.runtime_stop_request import RuntimeStopRequest
from ...types import UNSET, Response, Unset


def _get_kwargs(
    strategy_id: UUID,
    *,
    body: RuntimeStopRequest | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/signals/runtimes/{strategy_id}/stop".format(
            strategy_id=quote(str(strategy_id), safe=""),
        ),
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | Runtime | None:
    if response.status_code == 200:
        response_200 = Runtime.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | Runtime]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    strategy_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: RuntimeStopRequest | Unset = UNSET,
) -> Response[Problem | Runtime]:
    """Stop Runtime

     Graceful drain of the caller's runtime of a strategy in a mode (body optional; mode defaults to
    `paper`). A `running` runtime becomes `draining`: the dispatcher finishes the current bar and
    then settles it on `stopped`. A position the runtime holds is closed then, at the instrument's
    newest 1m close (status `closed`, close_reason `runtime_stopped`, P&L by the one formula, with
    its `signal_closed` event): a stopped strategy holds nothing that nobody manages. A runtime in any
    other status (`starting`, `draining`, `stopped`,
    `error`, `paused`) is returned unchanged with 200: stop is idempotent and has no side effect
    then. The strategy itself is not looked up: when the caller has no such runtime row (none
    started, or the strategy is someone else's) the answer is 404.

    Args:
        strategy_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        body (RuntimeStopRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Runtime]
    """

    kwargs = _get_kwargs(
        strategy_id=strategy_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    strategy_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: RuntimeStopRequest | Unset = UNSET,
) -> Problem | Runtime | None:
    """Stop Runtime

     Graceful drain of the caller's runtime of a strategy in a mode (body optional; mode defaults to
    `paper`). A `running` runtime becomes `draining`: the dispatcher finishes the current bar and
    then settles it on `stopped`. A position the runtime holds is closed then, at the instrument's
    newest 1m close (status `closed`, close_reason `runtime_stopped`, P&L by the one formula, with
    its `signal_closed` event): a stopped strategy holds nothing that nobody manages. A runtime in any
    other status (`starting`, `draining`, `stopped`,
    `error`, `paused`) is returned unchanged with 200: stop is idempotent and has no side effect
    then. The strategy itself is not looked up: when the caller has no such runtime row (none
    started, or the strategy is someone else's) the answer is 404.

    Args:
        strategy_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        body (RuntimeStopRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Runtime
    """

    return sync_detailed(
        strategy_id=strategy_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    strategy_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: RuntimeStopRequest | Unset = UNSET,
) -> Response[Problem | Runtime]:
    """Stop Runtime

     Graceful drain of the caller's runtime of a strategy in a mode (body optional; mode defaults to
    `paper`). A `running` runtime becomes `draining`: the dispatcher finishes the current bar and
    then settles it on `stopped`. A position the runtime holds is closed then, at the instrument's
    newest 1m close (status `closed`, close_reason `runtime_stopped`, P&L by the one formula, with
    its `signal_closed` event): a stopped strategy holds nothing that nobody manages. A runtime in any
    other status (`starting`, `draining`, `stopped`,
    `error`, `paused`) is returned unchanged with 200: stop is idempotent and has no side effect
    then. The strategy itself is not looked up: when the caller has no such runtime row (none
    started, or the strategy is someone else's) the answer is 404.

    Args:
        strategy_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        body (RuntimeStopRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Runtime]
    """

    kwargs = _get_kwargs(
        strategy_id=strategy_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    strategy_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: RuntimeStopRequest | Unset = UNSET,
) -> Problem | Runtime | None:
    """Stop Runtime

     Graceful drain of the caller's runtime of a strategy in a mode (body optional; mode defaults to
    `paper`). A `running` runtime becomes `draining`: the dispatcher finishes the current bar and
    then settles it on `stopped`. A position the runtime holds is closed then, at the instrument's
    newest 1m close (status `closed`, close_reason `runtime_stopped`, P&L by the one formula, with
    its `signal_closed` event): a stopped strategy holds nothing that nobody manages. A runtime in any
    other status (`starting`, `draining`, `stopped`,
    `error`, `paused`) is returned unchanged with 200: stop is idempotent and has no side effect
    then. The strategy itself is not looked up: when the caller has no such runtime row (none
    started, or the strategy is someone else's) the answer is 404.

    Args:
        strategy_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        body (RuntimeStopRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Runtime
    """

    return (
        await asyncio_detailed(
            strategy_id=strategy_id,
            client=client,
            body=body,
        )
    ).parsed
