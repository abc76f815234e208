import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.alert_delivery_list import AlertDeliveryList
from ...models.alert_delivery_status import AlertDeliveryStatus
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    strategy_id: UUID | Unset = UNSET,
    status: AlertDeliveryStatus | Unset = UNSET,
    from_: datetime.datetime | Unset = UNSET,
    to: datetime.datetime | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 50,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_strategy_id: str | Unset = UNSET
    if not isinstance(strategy_id, Unset):
        json_strategy_id = str(strategy_id)
    params["strategy_id"] = json_strategy_id

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    json_from_: str | Unset = UNSET
    if not isinstance(from_, Unset):
        json_from_ = from_.isoformat()
    params["from"] = json_from_

    json_to: str | Unset = UNSET
    if not isinstance(to, Unset):
        json_to = to.isoformat()
    params["to"] = json_to

    params["cursor"] = cursor

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/alerts/deliveries",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AlertDeliveryList | Problem | None:
    if response.status_code == 200:
        response_200 = AlertDeliveryList.from_dict(response.json())

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
) -> Response[AlertDeliveryList | Problem]:
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
    status: AlertDeliveryStatus | Unset = UNSET,
    from_: datetime.datetime | Unset = UNSET,
    to: datetime.datetime | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 50,
) -> Response[AlertDeliveryList | Problem]:
    """List Deliveries

     The caller's alert delivery log, newest first (by created_at, then id), with optional filters
    by strategy, status and a created_at window (`from` inclusive, `to` exclusive; `from` after
    `to` is a 422). One row per event and channel (a channel subscribed twice to a strategy, once
    for it and once for all, still gets one), and one per verification message sent (`event_id`
    null). `attempts` counts tries; a failed try is retried on the Standard Webhooks schedule
    (at once, then after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h, each with up to 10% jitter)
    and after the eighth the delivery is dead-lettered (`failed`; replay it once fixed). `sending`
    is a claimed delivery in flight; `suppressed`, one not sent because its channel was disabled
    or deleted, or its address bounced or complained, before its turn; `bounced`, an email the
    provider reported bounced. Delivery is at least once: a worker that dies after sending and
    before recording it sends again, with the same `webhook-id` (the delivery id) to deduplicate on.

    Args:
        strategy_id (UUID | Unset):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        status (AlertDeliveryStatus | Unset):
        from_ (datetime.datetime | Unset):
        to (datetime.datetime | Unset):
        cursor (str | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AlertDeliveryList | Problem]
    """

    kwargs = _get_kwargs(
        strategy_id=strategy_id,
        status=status,
        from_=from_,
        to=to,
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
    status: AlertDeliveryStatus | Unset = UNSET,
    from_: datetime.datetime | Unset = UNSET,
    to: datetime.datetime | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 50,
) -> AlertDeliveryList | Problem | None:
    """List Deliveries

     The caller's alert delivery log, newest first (by created_at, then id), with optional filters
    by strategy, status and a created_at window (`from` inclusive, `to` exclusive; `from` after
    `to` is a 422). One row per event and channel (a channel subscribed twice to a strategy, once
    for it and once for all, still gets one), and one per verification message sent (`event_id`
    null). `attempts` counts tries; a failed try is retried on the Standard Webhooks schedule
    (at once, then after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h, each with up to 10% jitter)
    and after the eighth the delivery is dead-lettered (`failed`; replay it once fixed). `sending`
    is a claimed delivery in flight; `suppressed`, one not sent because its channel was disabled
    or deleted, or its address bounced or complained, before its turn; `bounced`, an email the
    provider reported bounced. Delivery is at least once: a worker that dies after sending and
    before recording it sends again, with the same `webhook-id` (the delivery id) to deduplicate on.

    Args:
        strategy_id (UUID | Unset):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        status (AlertDeliveryStatus | Unset):
        from_ (datetime.datetime | Unset):
        to (datetime.datetime | Unset):
        cursor (str | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AlertDeliveryList | Problem
    """

    return sync_detailed(
        client=client,
        strategy_id=strategy_id,
        status=status,
        from_=from_,
        to=to,
        cursor=cursor,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    strategy_id: UUID | Unset = UNSET,
    status: AlertDeliveryStatus | Unset = UNSET,
    from_: datetime.datetime | Unset = UNSET,
    to: datetime.datetime | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 50,
) -> Response[AlertDeliveryList | Problem]:
    """List Deliveries

     The caller's alert delivery log, newest first (by created_at, then id), with optional filters
    by strategy, status and a created_at window (`from` inclusive, `to` exclusive; `from` after
    `to` is a 422). One row per event and channel (a channel subscribed twice to a strategy, once
    for it and once for all, still gets one), and one per verification message sent (`event_id`
    null). `attempts` counts tries; a failed try is retried on the Standard Webhooks schedule
    (at once, then after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h, each with up to 10% jitter)
    and after the eighth the delivery is dead-lettered (`failed`; replay it once fixed). `sending`
    is a claimed delivery in flight; `suppressed`, one not sent because its channel was disabled
    or deleted, or its address bounced or complained, before its turn; `bounced`, an email the
    provider reported bounced. Delivery is at least once: a worker that dies after sending and
    before recording it sends again, with the same `webhook-id` (the delivery id) to deduplicate on.

    Args:
        strategy_id (UUID | Unset):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        status (AlertDeliveryStatus | Unset):
        from_ (datetime.datetime | Unset):
        to (datetime.datetime | Unset):
        cursor (str | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AlertDeliveryList | Problem]
    """

    kwargs = _get_kwargs(
        strategy_id=strategy_id,
        status=status,
        from_=from_,
        to=to,
        cursor=cursor,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    strategy_id: UUID | Unset = UNSET,
    status: AlertDeliveryStatus | Unset = UNSET,
    from_: datetime.datetime | Unset = UNSET,
    to: datetime.datetime | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 50,
) -> AlertDeliveryList | Problem | None:
    """List Deliveries

     The caller's alert delivery log, newest first (by created_at, then id), with optional filters
    by strategy, status and a created_at window (`from` inclusive, `to` exclusive; `from` after
    `to` is a 422). One row per event and channel (a channel subscribed twice to a strategy, once
    for it and once for all, still gets one), and one per verification message sent (`event_id`
    null). `attempts` counts tries; a failed try is retried on the Standard Webhooks schedule
    (at once, then after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h, each with up to 10% jitter)
    and after the eighth the delivery is dead-lettered (`failed`; replay it once fixed). `sending`
    is a claimed delivery in flight; `suppressed`, one not sent because its channel was disabled
    or deleted, or its address bounced or complained, before its turn; `bounced`, an email the
    provider reported bounced. Delivery is at least once: a worker that dies after sending and
    before recording it sends again, with the same `webhook-id` (the delivery id) to deduplicate on.

    Args:
        strategy_id (UUID | Unset):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        status (AlertDeliveryStatus | Unset):
        from_ (datetime.datetime | Unset):
        to (datetime.datetime | Unset):
        cursor (str | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AlertDeliveryList | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            strategy_id=strategy_id,
            status=status,
            from_=from_,
            to=to,
            cursor=cursor,
            limit=limit,
        )
    ).parsed
