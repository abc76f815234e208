import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.signal_audit_decision import SignalAuditDecision
from ...models.signal_audit_list import SignalAuditList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    strategy_id: UUID | Unset = UNSET,
    from_: datetime.datetime | Unset = UNSET,
    to: datetime.datetime | Unset = UNSET,
    decision: SignalAuditDecision | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 100,
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

    json_decision: str | Unset = UNSET
    if not isinstance(decision, Unset):
        json_decision = decision.value

    params["decision"] = json_decision

    params["cursor"] = cursor

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/signals/audit",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | SignalAuditList | None:
    if response.status_code == 200:
        response_200 = SignalAuditList.from_dict(response.json())

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
) -> Response[Problem | SignalAuditList]:
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
    decision: SignalAuditDecision | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 100,
) -> Response[Problem | SignalAuditList]:
    """Get Audit

     A page of the caller's signal audit rows: one row per runtime per evaluated bar, with the
    decision and the inputs it was made from. Optional filters: `strategy_id`, `from` (bar_ts at or
    after) and `to` (bar_ts before), `decision`. Ordering is newest first, (bar_ts DESC, id DESC).
    Keyset pagination: pass `next_cursor` back unchanged as `cursor` to get the next page; it is
    null on the last page. A cursor that cannot be decoded answers 422 `invalid_cursor`, and a `from`
    not before `to` 422 `invalid_range`. `limit` defaults to 100.

    Args:
        strategy_id (UUID | Unset):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        from_ (datetime.datetime | Unset):
        to (datetime.datetime | Unset):
        decision (SignalAuditDecision | Unset):
        cursor (str | Unset):
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SignalAuditList]
    """

    kwargs = _get_kwargs(
        strategy_id=strategy_id,
        from_=from_,
        to=to,
        decision=decision,
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
    decision: SignalAuditDecision | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 100,
) -> Problem | SignalAuditList | None:
    """Get Audit

     A page of the caller's signal audit rows: one row per runtime per evaluated bar, with the
    decision and the inputs it was made from. Optional filters: `strategy_id`, `from` (bar_ts at or
    after) and `to` (bar_ts before), `decision`. Ordering is newest first, (bar_ts DESC, id DESC).
    Keyset pagination: pass `next_cursor` back unchanged as `cursor` to get the next page; it is
    null on the last page. A cursor that cannot be decoded answers 422 `invalid_cursor`, and a `from`
    not before `to` 422 `invalid_range`. `limit` defaults to 100.

    Args:
        strategy_id (UUID | Unset):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        from_ (datetime.datetime | Unset):
        to (datetime.datetime | Unset):
        decision (SignalAuditDecision | Unset):
        cursor (str | Unset):
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SignalAuditList
    """

    return sync_detailed(
        client=client,
        strategy_id=strategy_id,
        from_=from_,
        to=to,
        decision=decision,
        cursor=cursor,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    strategy_id: UUID | Unset = UNSET,
    from_: datetime.datetime | Unset = UNSET,
    to: datetime.datetime | Unset = UNSET,
    decision: SignalAuditDecision | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 100,
) -> Response[Problem | SignalAuditList]:
    """Get Audit

     A page of the caller's signal audit rows: one row per runtime per evaluated bar, with the
    decision and the inputs it was made from. Optional filters: `strategy_id`, `from` (bar_ts at or
    after) and `to` (bar_ts before), `decision`. Ordering is newest first, (bar_ts DESC, id DESC).
    Keyset pagination: pass `next_cursor` back unchanged as `cursor` to get the next page; it is
    null on the last page. A cursor that cannot be decoded answers 422 `invalid_cursor`, and a `from`
    not before `to` 422 `invalid_range`. `limit` defaults to 100.

    Args:
        strategy_id (UUID | Unset):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        from_ (datetime.datetime | Unset):
        to (datetime.datetime | Unset):
        decision (SignalAuditDecision | Unset):
        cursor (str | Unset):
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SignalAuditList]
    """

    kwargs = _get_kwargs(
        strategy_id=strategy_id,
        from_=from_,
        to=to,
        decision=decision,
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
    decision: SignalAuditDecision | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 100,
) -> Problem | SignalAuditList | None:
    """Get Audit

     A page of the caller's signal audit rows: one row per runtime per evaluated bar, with the
    decision and the inputs it was made from. Optional filters: `strategy_id`, `from` (bar_ts at or
    after) and `to` (bar_ts before), `decision`. Ordering is newest first, (bar_ts DESC, id DESC).
    Keyset pagination: pass `next_cursor` back unchanged as `cursor` to get the next page; it is
    null on the last page. A cursor that cannot be decoded answers 422 `invalid_cursor`, and a `from`
    not before `to` 422 `invalid_range`. `limit` defaults to 100.

    Args:
        strategy_id (UUID | Unset):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        from_ (datetime.datetime | Unset):
        to (datetime.datetime | Unset):
        decision (SignalAuditDecision | Unset):
        cursor (str | Unset):
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SignalAuditList
    """

    return (
        await asyncio_detailed(
            client=client,
            strategy_id=strategy_id,
            from_=from_,
            to=to,
            decision=decision,
            cursor=cursor,
            limit=limit,
        )
    ).parsed
