"""alert_channels, alert_subscriptions, alert_deliveries (the outbox), alert_attempts, suppressions and
the relay's place in the event log. As the caller, RLS keeps each to its owner; the worker sees all."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import psycopg2
from psycopg2.extras import Json

from db.pool import Cursor
from db.rows import fetch_all, fetch_one
from domain.alerts.errors import ChannelExists, SubscriptionExists

_CHANNEL = """id, user_id, type, destination, label, secret, template, verified_at, disabled_at, disabled_reason,
              code_hash, token_hash, verify_expires_at, verify_sent_at, failed_codes, locked_until, created_at"""
_SUBSCRIPTION = "id, user_id, strategy_id, channel_id, events, enabled, created_at"
_DELIVERY = """id, user_id, channel_id, channel_type, subscription_id, kind, event_id, strategy_id, signal_id,
               status, attempts, failures, next_attempt_at, last_error, provider_message_id, created_at,
               delivered_at"""


# ---- channels --------------------------------------------------------------------------------------------


async def insert_channel(cur: Cursor, *, user_id: str, type: str, destination: str, label: str | None,
                         secret: str | None, template: Any) -> dict[str, Any]:
    try:
        await cur.execute("SAVEPOINT insert_channel")
        await cur.execute(
            f"""INSERT INTO alert_channels (id, user_id, type, destination, label, secret, template)
                VALUES (%s, %s, %s, %s, %s, %s, %s) RETURNING {_CHANNEL}""",
            (str(uuid.uuid4()), user_id, type, destination, label, secret,
             None if template is None else Json(template)),
        )
    except psycopg2.IntegrityError as exc:
        await cur.execute("ROLLBACK TO SAVEPOINT insert_channel")
        if getattr(exc.diag, "constraint_name", None) == "alert_channels_destination":
            raise ChannelExists(f"You already have a {type} channel for that destination.") from exc
        raise
    row = await fetch_one(cur)
    assert row is not None
    return row


async def channels_of(cur: Cursor, user_id: str) -> list[dict[str, Any]]:
    await cur.execute(f"SELECT {_CHANNEL} FROM alert_channels WHERE user_id = %s ORDER BY created_at DESC, id DESC",
                      (user_id,))
    return await fetch_all(cur)


async def count_channels(cur: Cursor, user_id: str) -> int:
    await cur.execute("SELECT count(*) FROM alert_channels WHERE user_id = %s", (user_id,))
    return int((await cur.fetchone())[0])


async def channel_types_of(cur: Cursor, user_id: str) -> list[str]:
    await cur.execute("SELECT DISTINCT type FROM alert_channels WHERE user_id = %s ORDER BY type", (user_id,))
    return [row[0] for row in await cur.fetchall()]


async def get_channel(cur: Cursor, channel_id: str, *, lock: bool = False) -> dict[str, Any] | None:
    await cur.execute(f"SELECT {_CHANNEL} FROM alert_channels WHERE id = %s{' FOR UPDATE' if lock else ''}",
                      (channel_id,))
    return await fetch_one(cur)


async def channel_by_token(cur: Cursor, token_hash: str, *, lock: bool = False) -> dict[str, Any] | None:
    await cur.execute(f"SELECT {_CHANNEL} FROM alert_channels WHERE token_hash = %s{' FOR UPDATE' if lock else ''}",
                      (token_hash,))
    return await fetch_one(cur)


async def delete_channel(cur: Cursor, channel_id: str) -> bool:
    await cur.execute("DELETE FROM alert_channels WHERE id = %s", (channel_id,))
    return bool(cur.rowcount)


async def start_verification(cur: Cursor, channel_id: str, *, code_hash: str | None, token_hash: str | None,
                             expires_at: datetime, sent_at: datetime) -> None:
    """A new code and link token; the previous ones, and any count of wrong codes, are forgotten."""
    await cur.execute(
        """UPDATE alert_channels SET code_hash = %s, token_hash = %s, verify_expires_at = %s, verify_sent_at = %s,
                                     failed_codes = 0, locked_until = NULL
           WHERE id = %s""",
        (code_hash, token_hash, expires_at, sent_at, channel_id),
    )


async def record_wrong_code(cur: Cursor, channel_id: str, *, failed: int, locked_until: datetime | None) -> None:
    await cur.execute("UPDATE alert_channels SET failed_codes = %s, locked_until = %s WHERE id = %s",
                      (failed, locked_until, channel_id))


async def mark_verified(cur: Cursor, channel_id: str, at: datetime, *,
                        destination: str | None = None) -> dict[str, Any]:
    """Verified now; the code and token are spent. `destination` replaces it (Telegram's chat id):
    ChannelExists when the user has a channel there already."""
    try:
        await cur.execute("SAVEPOINT mark_verified")
        await cur.execute(
            f"""UPDATE alert_channels SET verified_at = %s, destination = coalesce(%s, destination), code_hash = NULL,
                                          token_hash = NULL, verify_expires_at = NULL, failed_codes = 0,
                                          locked_until = NULL
                WHERE id = %s RETURNING {_CHANNEL}""",
            (at, destination, channel_id),
        )
    except psycopg2.IntegrityError as exc:
        await cur.execute("ROLLBACK TO SAVEPOINT mark_verified")
        if getattr(exc.diag, "constraint_name", None) == "alert_channels_destination":
            raise ChannelExists("You already have a channel to that chat.") from exc
        raise
    row = await fetch_one(cur)
    assert row is not None
    return row


async def disable_channel(cur: Cursor, channel_id: str, reason: str, at: datetime) -> bool:
    """Disabled (the first reason stays); False when it was disabled already or is gone."""
    await cur.execute(
        "UPDATE alert_channels SET disabled_at = %s, disabled_reason = %s WHERE id = %s AND disabled_at IS NULL",
        (at, reason[:500], channel_id))
    return bool(cur.rowcount)


# ---- subscriptions ---------------------------------------------------------------------------------------


async def insert_subscription(cur: Cursor, *, user_id: str, strategy_id: str | None, channel_id: str,
                              events: list[str]) -> dict[str, Any]:
    try:
        await cur.execute("SAVEPOINT insert_subscription")
        await cur.execute(
            f"""INSERT INTO alert_subscriptions (id, user_id, strategy_id, channel_id, events)
                VALUES (%s, %s, %s, %s, %s) RETURNING {_SUBSCRIPTION}""",
            (str(uuid.uuid4()), user_id, strategy_id, channel_id, events),
        )
    except psycopg2.IntegrityError as exc:
        await cur.execute("ROLLBACK TO SAVEPOINT insert_subscription")
        if getattr(exc.diag, "constraint_name", None) == "alert_subscriptions_one":
            what = "That strategy already sends" if strategy_id else "All your strategies already send"
            raise SubscriptionExists(f"{what} alerts to that channel.") from exc
        raise
    row = await fetch_one(cur)
    assert row is not None
    return row


async def subscriptions_of(cur: Cursor, user_id: str, *, strategy_id: str | None,
                           channel_id: str | None) -> list[dict[str, Any]]:
    """Newest first; for a strategy, its own subscriptions and the all-strategies ones (which cover it)."""
    await cur.execute(
        f"""SELECT {_SUBSCRIPTION} FROM alert_subscriptions
            WHERE user_id = %(user)s
              AND (%(strategy)s::uuid IS NULL OR strategy_id = %(strategy)s OR strategy_id IS NULL)
              AND (%(channel)s::uuid IS NULL OR channel_id = %(channel)s)
            ORDER BY created_at DESC, id DESC LIMIT 10000""",
        {"user": user_id, "strategy": strategy_id, "channel": channel_id},
    )
    return await fetch_all(cur)


async def get_subscription(cur: Cursor, sub_id: str, *, lock: bool = False) -> dict[str, Any] | None:
    await cur.execute(f"SELECT {_SUBSCRIPTION} FROM alert_subscriptions WHERE id = %s{' FOR UPDATE' if lock else ''}",
                      (sub_id,))
    return await fetch_one(cur)


async def update_subscription(cur: Cursor, sub_id: str, *, enabled: bool | None,
                              events: list[str] | None) -> dict[str, Any] | None:
    await cur.execute(
        f"""UPDATE alert_subscriptions SET enabled = coalesce(%s, enabled), events = coalesce(%s, events)
            WHERE id = %s RETURNING {_SUBSCRIPTION}""",
        (enabled, events, sub_id),
    )
    return await fetch_one(cur)


async def strategy_name(cur: Cursor, strategy_id: str) -> str | None:
    await cur.execute("SELECT name FROM strategies WHERE id = %s", (strategy_id,))
    row = await cur.fetchone()
    return None if row is None else str(row[0])


async def delete_subscription(cur: Cursor, sub_id: str) -> bool:
    await cur.execute("DELETE FROM alert_subscriptions WHERE id = %s", (sub_id,))
    return bool(cur.rowcount)


# ---- the outbox: written ---------------------------------------------------------------------------------


async def insert_verification(cur: Cursor, *, user_id: str, channel_id: str, channel_type: str,
                              payload: dict[str, Any], at: datetime) -> str:
    """A verification message, due now; any earlier one of the channel not yet sent is dropped
    (`suppressed`: its code no longer works)."""
    await cur.execute(
        """UPDATE alert_deliveries SET status = 'suppressed', next_attempt_at = NULL, payload = '{}',
                                       last_error = 'superseded by a newer verification'
           WHERE channel_id = %s AND kind = 'verification' AND status IN ('pending', 'sending')""",
        (channel_id,))
    delivery_id = str(uuid.uuid4())
    await cur.execute(
        """INSERT INTO alert_deliveries (id, user_id, channel_id, channel_type, kind, payload, next_attempt_at,
                                         created_at)
           VALUES (%s, %s, %s, %s, 'verification', %s, %s, %s)""",
        (delivery_id, user_id, channel_id, channel_type, Json(payload), at, at))
    return delivery_id


async def relay_position(cur: Cursor, *, skip_locked: bool = True) -> int | None:
    """The relay's place, locked for this transaction; None when another relay holds it."""
    await cur.execute(f"SELECT last_event_id FROM alert_relay FOR UPDATE{' SKIP LOCKED' if skip_locked else ''}")
    row = await cur.fetchone()
    return None if row is None else int(row[0])


# An event's alert kind: runtime_status events alert only when the runtime went into error.
_ALERT_KIND = """CASE e.kind WHEN 'signal' THEN 'signal' WHEN 'signal_closed' THEN 'signal_closed'
                             WHEN 'risk_blocked' THEN 'risk_block'
                             WHEN 'runtime_status' THEN CASE WHEN e.payload ->> 'status' = 'error'
                                                             THEN 'runtime_error' END END"""


async def relay(cur: Cursor, *, after: int, limit: int, at: datetime) -> tuple[int, int]:
    """Write the deliveries of the next `limit` events after `after`, and move the relay's place past
    them, in this transaction: (the new place, deliveries written). One delivery per event and channel,
    however many of the channel's subscriptions match (the oldest is recorded); only verified channels
    that are not disabled, only enabled subscriptions, and not for a strategy soft-deleted since.

    Events commit in id order (db/events.py), so what this reads after `after` is a prefix of what will
    ever be there: no event is skipped, and the place moves only with the rows written for it."""
    await cur.execute(
        f"""WITH batch AS (
                SELECT e.id, e.user_id, e.strategy_id, e.signal_id, e.payload, {_ALERT_KIND} AS alert_kind
                FROM events e WHERE e.id > %(after)s ORDER BY e.id LIMIT %(limit)s),
            matched AS (
                SELECT DISTINCT ON (b.id, c.id)
                       b.id AS event_id, b.user_id, b.strategy_id, b.signal_id, b.payload, b.alert_kind,
                       c.id AS channel_id, c.type AS channel_type, s.id AS subscription_id
                FROM batch b
                JOIN alert_subscriptions s ON s.user_id = b.user_id AND s.enabled
                     AND b.alert_kind = ANY (s.events)
                     AND (s.strategy_id IS NULL OR s.strategy_id = b.strategy_id)
                JOIN alert_channels c ON c.id = s.channel_id AND c.verified_at IS NOT NULL AND c.disabled_at IS NULL
                WHERE b.alert_kind IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM strategies st WHERE st.id = b.strategy_id
                                  AND st.deleted_at IS NOT NULL)
                ORDER BY b.id, c.id, s.created_at, s.id),
            written AS (
                INSERT INTO alert_deliveries (id, user_id, channel_id, channel_type, subscription_id, kind, event_id,
                                              strategy_id, signal_id, payload, next_attempt_at, created_at)
                SELECT gen_random_uuid(), user_id, channel_id, channel_type, subscription_id, alert_kind, event_id,
                       strategy_id, signal_id, payload, %(at)s, %(at)s FROM matched
                ON CONFLICT (event_id, channel_id) DO NOTHING
                RETURNING 1)
            SELECT (SELECT max(id) FROM batch), (SELECT count(*) FROM written)""",
        {"after": after, "limit": limit, "at": at},
    )
    last, written = await cur.fetchone()
    place = after if last is None else int(last)
    if place != after:
        await cur.execute("UPDATE alert_relay SET last_event_id = %s", (place,))
    return place, int(written)


async def skip_relay_to(cur: Cursor, place: int) -> None:
    await cur.execute("UPDATE alert_relay SET last_event_id = greatest(last_event_id, %s)", (place,))


# ---- the outbox: claimed and sent ------------------------------------------------------------------------


async def claim_due(cur: Cursor, *, now: datetime, lease_until: datetime, worker: str,
                    limit: int) -> list[dict[str, Any]]:
    """Claim up to `limit` due deliveries, oldest due first, skipping rows another worker is claiming:
    each becomes `sending`, due again at `lease_until` (should this worker die before recording the
    attempt). Each row comes with what sending needs: its payload, its channel (None when deleted),
    the strategy's name and whether the address is suppressed."""
    await cur.execute(
        f"""WITH due AS (
                SELECT id FROM alert_deliveries
                WHERE status IN ('pending', 'sending') AND next_attempt_at <= %(now)s
                ORDER BY next_attempt_at, id LIMIT %(limit)s FOR UPDATE SKIP LOCKED),
            claimed AS (
                UPDATE alert_deliveries d SET status = 'sending', next_attempt_at = %(lease)s, claimed_by = %(worker)s
                FROM due WHERE d.id = due.id RETURNING d.*)
            SELECT {', '.join(f'd.{c.strip()}' for c in _DELIVERY.split(','))}, d.payload,
                   c.id IS NOT NULL AS channel_exists, c.destination, c.label, c.secret, c.template,
                   c.verified_at AS channel_verified_at, c.disabled_at AS channel_disabled_at,
                   st.name AS strategy_name,
                   EXISTS (SELECT 1 FROM alert_suppressions x WHERE c.type = 'email' AND x.address = c.destination)
                       AS suppressed
            FROM claimed d
            LEFT JOIN alert_channels c ON c.id = d.channel_id
            LEFT JOIN strategies st ON st.id = d.strategy_id
            ORDER BY d.next_attempt_at, d.id""",
        {"now": now, "lease": lease_until, "worker": worker, "limit": limit},
    )
    return await fetch_all(cur)


async def record_attempt(cur: Cursor, delivery: dict[str, Any], *, worker: str, at: datetime, outcome: str,
                         status_code: int | None, error: str | None, latency_ms: int, status: str,
                         next_attempt_at: datetime | None, provider_message_id: str | None,
                         counts: bool = True) -> bool:
    """Record one attempt of a delivery this worker claimed and where it goes next. False (and nothing
    written) when the claim was lost: the lease ran out and another worker claimed it since. A
    delivery settled without a try (`counts` False: suppressed before sending) has no attempt row."""
    failed = outcome in ("retry", "failed", "gone")
    await cur.execute(
        """UPDATE alert_deliveries
           SET status = %(status)s, next_attempt_at = %(next)s, claimed_by = NULL,
               attempts = attempts + %(tried)s, failures = CASE WHEN %(failed)s THEN failures + 1 ELSE failures END,
               last_error = %(error)s, provider_message_id = coalesce(%(provider)s, provider_message_id),
               delivered_at = CASE WHEN %(status)s = 'delivered' THEN %(at)s ELSE delivered_at END,
               -- a verification's code is kept only while it may still be sent (or replayed)
               payload = CASE WHEN kind = 'verification' AND %(status)s IN ('delivered', 'suppressed') THEN '{}'
                              ELSE payload END
           WHERE id = %(id)s AND status = 'sending' AND claimed_by = %(worker)s""",
        {"status": status, "next": next_attempt_at, "tried": 1 if counts else 0, "failed": failed and counts,
         "error": None if error is None else error[:2000], "provider": provider_message_id, "at": at,
         "id": delivery["id"], "worker": worker},
    )
    if not cur.rowcount:
        return False
    if counts:
        await cur.execute(
            """INSERT INTO alert_attempts (delivery_id, user_id, attempted_at, outcome, status_code, error, latency_ms)
               VALUES (%s, %s, %s, %s, %s, %s, %s)""",
            (delivery["id"], delivery["user_id"], at, outcome, status_code,
             None if error is None else error[:2000], latency_ms))
    return True


async def suppress_pending_of_channel(cur: Cursor, channel_id: str, reason: str) -> int:
    await cur.execute(
        """UPDATE alert_deliveries SET status = 'suppressed', next_attempt_at = NULL, last_error = %s,
                                       claimed_by = NULL
           WHERE channel_id = %s AND status = 'pending'""",
        (reason[:2000], channel_id))
    return int(cur.rowcount)


# ---- the outbox: read and replayed -----------------------------------------------------------------------


async def deliveries_page(cur: Cursor, user_id: str, *, strategy_id: str | None, status: str | None,
                          start: datetime | None, end: datetime | None, after: tuple[datetime, str] | None,
                          limit: int) -> list[dict[str, Any]]:
    """Newest first (created_at DESC, id DESC), created in [start, end); limit + 1 rows."""
    await cur.execute(
        f"""SELECT {_DELIVERY} FROM alert_deliveries
            WHERE user_id = %(user)s
              AND (%(strategy)s::uuid IS NULL OR strategy_id = %(strategy)s)
              AND (%(status)s::text IS NULL OR status = %(status)s)
              AND (%(start)s::timestamptz IS NULL OR created_at >= %(start)s)
              AND (%(end)s::timestamptz IS NULL OR created_at < %(end)s)
              AND (%(after_ts)s::timestamptz IS NULL OR (created_at, id) < (%(after_ts)s, %(after_id)s::uuid))
            ORDER BY created_at DESC, id DESC LIMIT %(limit)s""",
        {"user": user_id, "strategy": strategy_id, "status": status, "start": start, "end": end,
         "after_ts": after[0] if after else None, "after_id": after[1] if after else None, "limit": limit + 1},
    )
    return await fetch_all(cur)


async def get_delivery(cur: Cursor, delivery_id: str, *, lock: bool = False) -> dict[str, Any] | None:
    await cur.execute(f"SELECT {_DELIVERY} FROM alert_deliveries WHERE id = %s{' FOR UPDATE' if lock else ''}",
                      (delivery_id,))
    return await fetch_one(cur)


async def attempts_of(cur: Cursor, delivery_id: str) -> list[dict[str, Any]]:
    await cur.execute(
        """SELECT attempted_at, outcome, status_code, error, latency_ms FROM alert_attempts
           WHERE delivery_id = %s ORDER BY id LIMIT 1000""", (delivery_id,))
    return await fetch_all(cur)


async def requeue(cur: Cursor, delivery_id: str, at: datetime) -> dict[str, Any]:
    """A dead letter due again now, from the start of the schedule."""
    await cur.execute(
        f"""UPDATE alert_deliveries SET status = 'pending', failures = 0, next_attempt_at = %s
            WHERE id = %s RETURNING {_DELIVERY}""", (at, delivery_id))
    row = await fetch_one(cur)
    assert row is not None
    return row


async def prune_settled(cur: Cursor, older_than_seconds: float) -> int:
    """Delete the settled deliveries (and their attempts) created more than `older_than_seconds` ago
    (database time); what is still pending or sending stays, however old. As ex7_worker."""
    await cur.execute(
        """DELETE FROM alert_deliveries
           WHERE status NOT IN ('pending', 'sending') AND created_at < now() - %s * interval '1 second'""",
        (older_than_seconds,))
    return int(cur.rowcount)


# ---- provider callbacks ----------------------------------------------------------------------------------


async def first_time_provider_event(cur: Cursor, event_id: str) -> bool:
    """Record a provider's message id; False when it was recorded before (a redelivery)."""
    await cur.execute("INSERT INTO alert_provider_events (id) VALUES (%s) ON CONFLICT DO NOTHING", (event_id[:255],))
    return bool(cur.rowcount)


async def delivery_by_provider_id(cur: Cursor, provider_message_id: str) -> dict[str, Any] | None:
    await cur.execute(f"SELECT {_DELIVERY} FROM alert_deliveries WHERE provider_message_id = %s FOR UPDATE",
                      (provider_message_id,))
    return await fetch_one(cur)


async def set_delivery_status(cur: Cursor, delivery_id: str, status: str, error: str | None) -> None:
    await cur.execute("UPDATE alert_deliveries SET status = %s, last_error = coalesce(%s, last_error) WHERE id = %s",
                      (status, error, delivery_id))


async def suppress_address(cur: Cursor, address: str, reason: str, at: datetime) -> list[str]:
    """Nothing more goes to `address`: recorded, every email channel to it disabled, their pending
    deliveries suppressed. The channels disabled."""
    await cur.execute("INSERT INTO alert_suppressions (address, reason) VALUES (%s, %s) ON CONFLICT DO NOTHING",
                      (address, reason[:500]))
    await cur.execute(
        """UPDATE alert_channels SET disabled_at = %s, disabled_reason = %s
           WHERE type = 'email' AND destination = %s AND disabled_at IS NULL RETURNING id""",
        (at, reason[:500], address))
    channels = [str(row[0]) for row in await cur.fetchall()]
    for channel_id in channels:
        await suppress_pending_of_channel(cur, channel_id, reason)
    return channels
