from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.runtime import Runtime
from ...models.runtime_conflict import RuntimeConflict
from ...models.runtime_start_request import RuntimeStartRequest
from ...types import UNSET, Response, Unset


def _get_kwargs(
    strategy_id: UUID,
    *,
    body: RuntimeStartRequest | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/signals/runtimes/{strategy_id}/start".format(
            strategy_id=quote(str(strategy_id), safe=""),
        ),
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | Runtime | RuntimeConflict | None:
    if response.status_code == 200:
        response_200 = Runtime.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 408:
        response_408 = Problem.from_dict(response.json())

        return response_408

    if response.status_code == 409:
        response_409 = RuntimeConflict.from_dict(response.json())

        return response_409

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
) -> Response[Problem | Runtime | RuntimeConflict]:
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
    body: RuntimeStartRequest | Unset = UNSET,
) -> Response[Problem | Runtime | RuntimeConflict]:
    """Start Runtime

     Start, or idempotently restart, the runtime of a strategy in a mode (body optional; mode
    defaults to `paper`). Gates, in this order:
    1. The strategy exists and is not soft-deleted; otherwise 404.
    2. It belongs to the caller; otherwise 403 (not 404).
    3. Its status is `ready`, `live` or `paused`; otherwise 409 `strategy_not_startable` (draft and
       archived strategies cannot run).
    4. Mode `live` is refused with 403 `live_mode_disabled_v1`, whatever the tier: v1 runs paper
       only.
    5. The (strategy, mode) runtime row is upserted to `starting`; an already active row keeps its
       status. If it is `running` or `draining`, the answer is 409 `runtime_already_active` with
       the runtime as it is in the extension member `current`, so a client can tell "we brought it
       up" from "it was already up".
    Otherwise 200 with the runtime in status `starting`; a start while the row is already
    `starting` is a clean 200 as well.

    Args:
        strategy_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        body (RuntimeStartRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Runtime | RuntimeConflict]
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
    body: RuntimeStartRequest | Unset = UNSET,
) -> Problem | Runtime | RuntimeConflict | None:
    """Start Runtime

     Start, or idempotently restart, the runtime of a strategy in a mode (body optional; mode
    defaults to `paper`). Gates, in this order:
    1. The strategy exists and is not soft-deleted; otherwise 404.
    2. It belongs to the caller; otherwise 403 (not 404).
    3. Its status is `ready`, `live` or `paused`; otherwise 409 `strategy_not_startable` (draft and
       archived strategies cannot run).
    4. Mode `live` is refused with 403 `live_mode_disabled_v1`, whatever the tier: v1 runs paper
       only.
    5. The (strategy, mode) runtime row is upserted to `starting`; an already active row keeps its
       status. If it is `running` or `draining`, the answer is 409 `runtime_already_active` with
       the runtime as it is in the extension member `current`, so a client can tell "we brought it
       up" from "it was already up".
    Otherwise 200 with the runtime in status `starting`; a start while the row is already
    `starting` is a clean 200 as well.

    Args:
        strategy_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        body (RuntimeStartRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Runtime | RuntimeConflict
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
    body: RuntimeStartRequest | Unset = UNSET,
) -> Response[Problem | Runtime | RuntimeConflict]:
    """Start Runtime

     Start, or idempotently restart, the runtime of a strategy in a mode (body optional; mode
    defaults to `paper`). Gates, in this order:
    1. The strategy exists and is not soft-deleted; otherwise 404.
    2. It belongs to the caller; otherwise 403 (not 404).
    3. Its status is `ready`, `live` or `paused`; otherwise 409 `strategy_not_startable` (draft and
       archived strategies cannot run).
    4. Mode `live` is refused with 403 `live_mode_disabled_v1`, whatever the tier: v1 runs paper
       only.
    5. The (strategy, mode) runtime row is upserted to `starting`; an already active row keeps its
       status. If it is `running` or `draining`, the answer is 409 `runtime_already_active` with
       the runtime as it is in the extension member `current`, so a client can tell "we brought it
       up" from "it was already up".
    Otherwise 200 with the runtime in status `starting`; a start while the row is already
    `starting` is a clean 200 as well.

    Args:
        strategy_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        body (RuntimeStartRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Runtime | RuntimeConflict]
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
    body: RuntimeStartRequest | Unset = UNSET,
) -> Problem | Runtime | RuntimeConflict | None:
    """Start Runtime

     Start, or idempotently restart, the runtime of a strategy in a mode (body optional; mode
    defaults to `paper`). Gates, in this order:
    1. The strategy exists and is not soft-deleted; otherwise 404.
    2. It belongs to the caller; otherwise 403 (not 404).
    3. Its status is `ready`, `live` or `paused`; otherwise 409 `strategy_not_startable` (draft and
       archived strategies cannot run).
    4. Mode `live` is refused with 403 `live_mode_disabled_v1`, whatever the tier: v1 runs paper
       only.
    5. The (strategy, mode) runtime row is upserted to `starting`; an already active row keeps its
       status. If it is `running` or `draining`, the answer is 409 `runtime_already_active` with
       the runtime as it is in the extension member `current`, so a client can tell "we brought it
       up" from "it was already up".
    Otherwise 200 with the runtime in status `starting`; a start while the row is already
    `starting` is a clean 200 as well.

    Args:
        strategy_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        body (RuntimeStartRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Runtime | RuntimeConflict
    """

    return (
        await asyncio_detailed(
            strategy_id=strategy_id,
            client=client,
            body=body,
        )
    ).parsed
