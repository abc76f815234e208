from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.telegram_update import TelegramUpdate
from ...models.telegram_webhook_ack import TelegramWebhookAck
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: TelegramUpdate,
    secret: str | Unset = UNSET,
    x_telegram_bot_api_secret_token: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_telegram_bot_api_secret_token, Unset):
        headers["X-Telegram-Bot-Api-Secret-Token"] = x_telegram_bot_api_secret_token

    params: dict[str, Any] = {}

    params["secret"] = secret

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/alerts/webhooks/telegram",
        "params": params,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | TelegramWebhookAck | None:
    if response.status_code == 200:
        response_200 = TelegramWebhookAck.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 408:
        response_408 = Problem.from_dict(response.json())

        return response_408

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

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
) -> Response[Problem | TelegramWebhookAck]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: TelegramUpdate,
    secret: str | Unset = UNSET,
    x_telegram_bot_api_secret_token: str | Unset = UNSET,
) -> Response[Problem | TelegramWebhookAck]:
    """Telegram Webhook

     Telegram calls this with bot updates. It authenticates with the shared secret the bot's
    webhook was registered with: in the `secret` query parameter, or in the
    `X-Telegram-Bot-Api-Secret-Token` header; when neither matches the answer is 401 with code
    `invalid_webhook_secret`. Supported updates: `/start <token>` is the verification handshake
    (the chat id becomes the channel's destination and the channel is verified); other text
    messages are logged and otherwise ignored (the bot only sends alerts). Other update types, and a
    `/start` with an unknown or expired token (the bot answers the chat that the link expired), are
    acknowledged and ignored. 503 with code `alerts_not_configured` when no TELEGRAM_WEBHOOK_SECRET
    is set here.

    Args:
        secret (str | Unset):
        x_telegram_bot_api_secret_token (str | Unset):
        body (TelegramUpdate): A Telegram Update, accepted as sent; only `message.text` and
            `message.chat.id` are read.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TelegramWebhookAck]
    """

    kwargs = _get_kwargs(
        body=body,
        secret=secret,
        x_telegram_bot_api_secret_token=x_telegram_bot_api_secret_token,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: TelegramUpdate,
    secret: str | Unset = UNSET,
    x_telegram_bot_api_secret_token: str | Unset = UNSET,
) -> Problem | TelegramWebhookAck | None:
    """Telegram Webhook

     Telegram calls this with bot updates. It authenticates with the shared secret the bot's
    webhook was registered with: in the `secret` query parameter, or in the
    `X-Telegram-Bot-Api-Secret-Token` header; when neither matches the answer is 401 with code
    `invalid_webhook_secret`. Supported updates: `/start <token>` is the verification handshake
    (the chat id becomes the channel's destination and the channel is verified); other text
    messages are logged and otherwise ignored (the bot only sends alerts). Other update types, and a
    `/start` with an unknown or expired token (the bot answers the chat that the link expired), are
    acknowledged and ignored. 503 with code `alerts_not_configured` when no TELEGRAM_WEBHOOK_SECRET
    is set here.

    Args:
        secret (str | Unset):
        x_telegram_bot_api_secret_token (str | Unset):
        body (TelegramUpdate): A Telegram Update, accepted as sent; only `message.text` and
            `message.chat.id` are read.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TelegramWebhookAck
    """

    return sync_detailed(
        client=client,
        body=body,
        secret=secret,
        x_telegram_bot_api_secret_token=x_telegram_bot_api_secret_token,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: TelegramUpdate,
    secret: str | Unset = UNSET,
    x_telegram_bot_api_secret_token: str | Unset = UNSET,
) -> Response[Problem | TelegramWebhookAck]:
    """Telegram Webhook

     Telegram calls this with bot updates. It authenticates with the shared secret the bot's
    webhook was registered with: in the `secret` query parameter, or in the
    `X-Telegram-Bot-Api-Secret-Token` header; when neither matches the answer is 401 with code
    `invalid_webhook_secret`. Supported updates: `/start <token>` is the verification handshake
    (the chat id becomes the channel's destination and the channel is verified); other text
    messages are logged and otherwise ignored (the bot only sends alerts). Other update types, and a
    `/start` with an unknown or expired token (the bot answers the chat that the link expired), are
    acknowledged and ignored. 503 with code `alerts_not_configured` when no TELEGRAM_WEBHOOK_SECRET
    is set here.

    Args:
        secret (str | Unset):
        x_telegram_bot_api_secret_token (str | Unset):
        body (TelegramUpdate): A Telegram Update, accepted as sent; only `message.text` and
            `message.chat.id` are read.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TelegramWebhookAck]
    """

    kwargs = _get_kwargs(
        body=body,
        secret=secret,
        x_telegram_bot_api_secret_token=x_telegram_bot_api_secret_token,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: TelegramUpdate,
    secret: str | Unset = UNSET,
    x_telegram_bot_api_secret_token: str | Unset = UNSET,
) -> Problem | TelegramWebhookAck | None:
    """Telegram Webhook

     Telegram calls this with bot updates. It authenticates with the shared secret the bot's
    webhook was registered with: in the `secret` query parameter, or in the
    `X-Telegram-Bot-Api-Secret-Token` header; when neither matches the answer is 401 with code
    `invalid_webhook_secret`. Supported updates: `/start <token>` is the verification handshake
    (the chat id becomes the channel's destination and the channel is verified); other text
    messages are logged and otherwise ignored (the bot only sends alerts). Other update types, and a
    `/start` with an unknown or expired token (the bot answers the chat that the link expired), are
    acknowledged and ignored. 503 with code `alerts_not_configured` when no TELEGRAM_WEBHOOK_SECRET
    is set here.

    Args:
        secret (str | Unset):
        x_telegram_bot_api_secret_token (str | Unset):
        body (TelegramUpdate): A Telegram Update, accepted as sent; only `message.text` and
            `message.chat.id` are read.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TelegramWebhookAck
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            secret=secret,
            x_telegram_bot_api_secret_token=x_telegram_bot_api_secret_token,
        )
    ).parsed
