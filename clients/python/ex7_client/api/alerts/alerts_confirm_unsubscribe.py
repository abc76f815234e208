from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.alert_unsubscribe_one_click_form import AlertUnsubscribeOneClickForm
from ...models.alert_unsubscribe_request import AlertUnsubscribeRequest
from ...models.alert_unsubscribe_result import AlertUnsubscribeResult
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: AlertUnsubscribeRequest | AlertUnsubscribeOneClickForm | Unset = UNSET,
    token: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["token"] = token

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/alerts/unsubscribe",
        "params": params,
    }

    if isinstance(body, AlertUnsubscribeRequest):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"
    if isinstance(body, AlertUnsubscribeOneClickForm):
        _kwargs["data"] = body.to_dict()
        headers["Content-Type"] = "application/x-www-form-urlencoded"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AlertUnsubscribeResult | Problem | None:
    if response.status_code == 200:
        response_200 = AlertUnsubscribeResult.from_dict(response.json())

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
) -> Response[AlertUnsubscribeResult | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: AlertUnsubscribeRequest | AlertUnsubscribeOneClickForm | Unset = UNSET,
    token: str | Unset = UNSET,
) -> Response[AlertUnsubscribeResult | Problem]:
    """Unsubscribe Confirm

     Public; authenticated by the signed, expiring unsubscribe token. Pauses the subscription (or
    disables the whole channel) the token names. Send the token in a JSON body `{token}`, or use RFC
    8058 one-click: `application/x-www-form-urlencoded` body `List-Unsubscribe=One-Click` with the
    token in the `token` query parameter (which is what mail clients do with the
    List-Unsubscribe-Post header, and what the GET page's button sends). A browser gets a page
    saying it is done. A missing, bad, tampered or expired token is a 422 with code
    `invalid_link_token`. Idempotent: unsubscribing again, or after the target was deleted,
    answers 200.

    Args:
        token (str | Unset):
        body (AlertUnsubscribeRequest):
        body (AlertUnsubscribeOneClickForm): RFC 8058 one-click body; the token is in the query
            string.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AlertUnsubscribeResult | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        token=token,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: AlertUnsubscribeRequest | AlertUnsubscribeOneClickForm | Unset = UNSET,
    token: str | Unset = UNSET,
) -> AlertUnsubscribeResult | Problem | None:
    """Unsubscribe Confirm

     Public; authenticated by the signed, expiring unsubscribe token. Pauses the subscription (or
    disables the whole channel) the token names. Send the token in a JSON body `{token}`, or use RFC
    8058 one-click: `application/x-www-form-urlencoded` body `List-Unsubscribe=One-Click` with the
    token in the `token` query parameter (which is what mail clients do with the
    List-Unsubscribe-Post header, and what the GET page's button sends). A browser gets a page
    saying it is done. A missing, bad, tampered or expired token is a 422 with code
    `invalid_link_token`. Idempotent: unsubscribing again, or after the target was deleted,
    answers 200.

    Args:
        token (str | Unset):
        body (AlertUnsubscribeRequest):
        body (AlertUnsubscribeOneClickForm): RFC 8058 one-click body; the token is in the query
            string.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AlertUnsubscribeResult | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
        token=token,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: AlertUnsubscribeRequest | AlertUnsubscribeOneClickForm | Unset = UNSET,
    token: str | Unset = UNSET,
) -> Response[AlertUnsubscribeResult | Problem]:
    """Unsubscribe Confirm

     Public; authenticated by the signed, expiring unsubscribe token. Pauses the subscription (or
    disables the whole channel) the token names. Send the token in a JSON body `{token}`, or use RFC
    8058 one-click: `application/x-www-form-urlencoded` body `List-Unsubscribe=One-Click` with the
    token in the `token` query parameter (which is what mail clients do with the
    List-Unsubscribe-Post header, and what the GET page's button sends). A browser gets a page
    saying it is done. A missing, bad, tampered or expired token is a 422 with code
    `invalid_link_token`. Idempotent: unsubscribing again, or after the target was deleted,
    answers 200.

    Args:
        token (str | Unset):
        body (AlertUnsubscribeRequest):
        body (AlertUnsubscribeOneClickForm): RFC 8058 one-click body; the token is in the query
            string.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AlertUnsubscribeResult | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        token=token,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: AlertUnsubscribeRequest | AlertUnsubscribeOneClickForm | Unset = UNSET,
    token: str | Unset = UNSET,
) -> AlertUnsubscribeResult | Problem | None:
    """Unsubscribe Confirm

     Public; authenticated by the signed, expiring unsubscribe token. Pauses the subscription (or
    disables the whole channel) the token names. Send the token in a JSON body `{token}`, or use RFC
    8058 one-click: `application/x-www-form-urlencoded` body `List-Unsubscribe=One-Click` with the
    token in the `token` query parameter (which is what mail clients do with the
    List-Unsubscribe-Post header, and what the GET page's button sends). A browser gets a page
    saying it is done. A missing, bad, tampered or expired token is a 422 with code
    `invalid_link_token`. Idempotent: unsubscribing again, or after the target was deleted,
    answers 200.

    Args:
        token (str | Unset):
        body (AlertUnsubscribeRequest):
        body (AlertUnsubscribeOneClickForm): RFC 8058 one-click body; the token is in the query
            string.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AlertUnsubscribeResult | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            token=token,
        )
    ).parsed
