from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.signal_close_conflict import SignalCloseConflict
from ...models.signal_close_request import SignalCloseRequest
from ...models.signal_detail import SignalDetail
from ...types import UNSET, Response, Unset


def _get_kwargs(
    signal_id: UUID,
    *,
    body: SignalCloseRequest | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/signals/{signal_id}/close".format(
            signal_id=quote(str(signal_id), safe=""),
        ),
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | SignalCloseConflict | SignalDetail | None:
    if response.status_code == 200:
        response_200 = SignalDetail.from_dict(response.json())

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
        response_409 = SignalCloseConflict.from_dict(response.json())

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
) -> Response[Problem | SignalCloseConflict | SignalDetail]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    signal_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: SignalCloseRequest | Unset = UNSET,
) -> Response[Problem | SignalCloseConflict | SignalDetail]:
    """Close Signal

     Manually close one of the caller's still-open paper signals. The body is optional; without a
    `close_price` the server uses the close of the newest 1m bar of the signal's instrument, and
    refuses with 409 `price_stale` when that bar was written more than 180 seconds ago (the market
    is closed, or the feed is down): send `close_price` then. Steps, in order:
    1. The signal row is locked, scoped to the caller. Missing or owned by someone else: 404 (the
       two are not distinguished).
    2. Status is not `open`: 409 `signal_not_open`, with the current signal in the extension
       member `current` so the client can reconcile without another request.
    3. Mode is not `paper`: 403 `paper_only` (v1 has no broker path; closing a live signal here
       would desynchronise the book from the market).
    4. P&L is computed by the single P&L function (Decimal only, 2 ticks of adverse slippage on each
       side, the instrument's commission per contract per side).
    5. The row is updated only if it is still open, to status `cancelled`, close_reason `user`,
       closed_at now, close_price, the P&L fields and slippage_ticks 2.0. If a concurrent writer
       closed it first, the answer is 409 as in step 2.
    6. The `signal_closed` stream event is written in the same transaction, so stream clients see
       the close only once it is committed.
    The response embeds the CFTC Rule 4.41 disclaimer word for word in `disclaimer`.

    Args:
        signal_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        body (SignalCloseRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SignalCloseConflict | SignalDetail]
    """

    kwargs = _get_kwargs(
        signal_id=signal_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    signal_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: SignalCloseRequest | Unset = UNSET,
) -> Problem | SignalCloseConflict | SignalDetail | None:
    """Close Signal

     Manually close one of the caller's still-open paper signals. The body is optional; without a
    `close_price` the server uses the close of the newest 1m bar of the signal's instrument, and
    refuses with 409 `price_stale` when that bar was written more than 180 seconds ago (the market
    is closed, or the feed is down): send `close_price` then. Steps, in order:
    1. The signal row is locked, scoped to the caller. Missing or owned by someone else: 404 (the
       two are not distinguished).
    2. Status is not `open`: 409 `signal_not_open`, with the current signal in the extension
       member `current` so the client can reconcile without another request.
    3. Mode is not `paper`: 403 `paper_only` (v1 has no broker path; closing a live signal here
       would desynchronise the book from the market).
    4. P&L is computed by the single P&L function (Decimal only, 2 ticks of adverse slippage on each
       side, the instrument's commission per contract per side).
    5. The row is updated only if it is still open, to status `cancelled`, close_reason `user`,
       closed_at now, close_price, the P&L fields and slippage_ticks 2.0. If a concurrent writer
       closed it first, the answer is 409 as in step 2.
    6. The `signal_closed` stream event is written in the same transaction, so stream clients see
       the close only once it is committed.
    The response embeds the CFTC Rule 4.41 disclaimer word for word in `disclaimer`.

    Args:
        signal_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        body (SignalCloseRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SignalCloseConflict | SignalDetail
    """

    return sync_detailed(
        signal_id=signal_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    signal_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: SignalCloseRequest | Unset = UNSET,
) -> Response[Problem | SignalCloseConflict | SignalDetail]:
    """Close Signal

     Manually close one of the caller's still-open paper signals. The body is optional; without a
    `close_price` the server uses the close of the newest 1m bar of the signal's instrument, and
    refuses with 409 `price_stale` when that bar was written more than 180 seconds ago (the market
    is closed, or the feed is down): send `close_price` then. Steps, in order:
    1. The signal row is locked, scoped to the caller. Missing or owned by someone else: 404 (the
       two are not distinguished).
    2. Status is not `open`: 409 `signal_not_open`, with the current signal in the extension
       member `current` so the client can reconcile without another request.
    3. Mode is not `paper`: 403 `paper_only` (v1 has no broker path; closing a live signal here
       would desynchronise the book from the market).
    4. P&L is computed by the single P&L function (Decimal only, 2 ticks of adverse slippage on each
       side, the instrument's commission per contract per side).
    5. The row is updated only if it is still open, to status `cancelled`, close_reason `user`,
       closed_at now, close_price, the P&L fields and slippage_ticks 2.0. If a concurrent writer
       closed it first, the answer is 409 as in step 2.
    6. The `signal_closed` stream event is written in the same transaction, so stream clients see
       the close only once it is committed.
    The response embeds the CFTC Rule 4.41 disclaimer word for word in `disclaimer`.

    Args:
        signal_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        body (SignalCloseRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SignalCloseConflict | SignalDetail]
    """

    kwargs = _get_kwargs(
        signal_id=signal_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    signal_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: SignalCloseRequest | Unset = UNSET,
) -> Problem | SignalCloseConflict | SignalDetail | None:
    """Close Signal

     Manually close one of the caller's still-open paper signals. The body is optional; without a
    `close_price` the server uses the close of the newest 1m bar of the signal's instrument, and
    refuses with 409 `price_stale` when that bar was written more than 180 seconds ago (the market
    is closed, or the feed is down): send `close_price` then. Steps, in order:
    1. The signal row is locked, scoped to the caller. Missing or owned by someone else: 404 (the
       two are not distinguished).
    2. Status is not `open`: 409 `signal_not_open`, with the current signal in the extension
       member `current` so the client can reconcile without another request.
    3. Mode is not `paper`: 403 `paper_only` (v1 has no broker path; closing a live signal here
       would desynchronise the book from the market).
    4. P&L is computed by the single P&L function (Decimal only, 2 ticks of adverse slippage on each
       side, the instrument's commission per contract per side).
    5. The row is updated only if it is still open, to status `cancelled`, close_reason `user`,
       closed_at now, close_price, the P&L fields and slippage_ticks 2.0. If a concurrent writer
       closed it first, the answer is 409 as in step 2.
    6. The `signal_closed` stream event is written in the same transaction, so stream clients see
       the close only once it is committed.
    The response embeds the CFTC Rule 4.41 disclaimer word for word in `disclaimer`.

    Args:
        signal_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        body (SignalCloseRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SignalCloseConflict | SignalDetail
    """

    return (
        await asyncio_detailed(
            signal_id=signal_id,
            client=client,
            body=body,
        )
    ).parsed
