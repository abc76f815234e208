"""Billing rows: Stripe customers and subscriptions (a cache of Stripe's state), admin comps, Stripe's
events, checkout idempotency, and the usage counts the tier caps are checked against."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from psycopg2.extras import Json

from db.pool import Cursor
from db.rows import fetch_all, fetch_one
from domain.billing.entitlements import CompState, SubscriptionState

# ---- subscriptions and comps ------------------------------------------------------------------------------


async def subscriptions_of(cur: Cursor, user_id: str) -> list[SubscriptionState]:
    """The user's subscriptions, newest first."""
    await cur.execute(
        """SELECT stripe_subscription_id AS id, tier, status, cancel_at_period_end, current_period_end
           FROM subscriptions WHERE user_id = %s ORDER BY updated_at DESC, stripe_subscription_id""", (user_id,))
    return [SubscriptionState(**row) for row in await fetch_all(cur)]


async def upsert_subscription(cur: Cursor, user_id: str, state: SubscriptionState) -> None:
    await cur.execute(
        """INSERT INTO subscriptions (stripe_subscription_id, user_id, tier, status, cancel_at_period_end,
                                      current_period_end)
           VALUES (%s, %s, %s, %s, %s, %s)
           ON CONFLICT (stripe_subscription_id) DO UPDATE SET
               tier = EXCLUDED.tier, status = EXCLUDED.status, cancel_at_period_end = EXCLUDED.cancel_at_period_end,
               current_period_end = EXCLUDED.current_period_end, updated_at = now()""",
        (state.id, user_id, state.tier, state.status, state.cancel_at_period_end, state.current_period_end))


async def current_comp(cur: Cursor, user_id: str) -> CompState | None:
    """The comp not replaced yet (it may have expired)."""
    await cur.execute(
        """SELECT tier, expires_at, reason, granted_by::text, granted_at FROM comps
           WHERE user_id = %s AND replaced_at IS NULL""", (user_id,))
    row = await fetch_one(cur)
    return None if row is None else CompState(**row)


async def grant_comp(cur: Cursor, user_id: str, *, tier: str, expires_at: datetime | None, reason: str,
                     granted_by: str) -> dict[str, Any]:
    """Replace the user's comp with this one (as an admin); the new row."""
    await cur.execute("UPDATE comps SET replaced_at = now() WHERE user_id = %s AND replaced_at IS NULL", (user_id,))
    await cur.execute(
        """INSERT INTO comps (user_id, tier, expires_at, reason, granted_by) VALUES (%s, %s, %s, %s, %s)
           RETURNING user_id::text, tier, expires_at, reason, granted_by::text, granted_at""",
        (user_id, tier, expires_at, reason, granted_by))
    row = await fetch_one(cur)
    assert row is not None
    return row


async def find_user(cur: Cursor, *, user_id: str | None, email: str | None) -> str | None:
    """The id of the user with that id or (case-insensitive) email, as far as RLS lets the caller see."""
    await cur.execute(
        """SELECT id::text FROM users WHERE (%(id)s::uuid IS NOT NULL AND id = %(id)s)
                                         OR (%(email)s::text IS NOT NULL AND lower(email) = lower(%(email)s))
           ORDER BY last_seen_at DESC LIMIT 1""", {"id": user_id, "email": email})
    row = await cur.fetchone()
    return None if row is None else str(row[0])


# ---- customers ----------------------------------------------------------------------------------------------


async def customer_of(cur: Cursor, user_id: str) -> str | None:
    await cur.execute("SELECT stripe_customer_id FROM billing_customers WHERE user_id = %s", (user_id,))
    row = await cur.fetchone()
    return None if row is None else str(row[0])


async def add_customer(cur: Cursor, user_id: str, customer_id: str) -> None:
    await cur.execute("INSERT INTO billing_customers (user_id, stripe_customer_id) VALUES (%s, %s)",
                      (user_id, customer_id))


async def user_of_customer(cur: Cursor, customer_id: str) -> str | None:
    await cur.execute("SELECT user_id::text FROM billing_customers WHERE stripe_customer_id = %s", (customer_id,))
    row = await cur.fetchone()
    return None if row is None else str(row[0])


async def lock_billing(cur: Cursor, user_id: str) -> None:
    """One billing change of a user at a time (a checkout creating the customer, a cap being checked)."""
    await cur.execute("SELECT pg_advisory_xact_lock(hashtextextended('ex7.billing:' || %s, 0))", (user_id,))


# ---- checkout idempotency -----------------------------------------------------------------------------------


async def checkout_for_key(cur: Cursor, user_id: str, key: str) -> dict[str, Any] | None:
    await cur.execute("""SELECT request_hash, session_id, url FROM checkout_sessions
                         WHERE user_id = %s AND idempotency_key = %s""", (user_id, key))
    return await fetch_one(cur)


async def save_checkout(cur: Cursor, user_id: str, key: str, request_hash: str, session_id: str, url: str) -> None:
    await cur.execute("""INSERT INTO checkout_sessions (user_id, idempotency_key, request_hash, session_id, url)
                         VALUES (%s, %s, %s, %s, %s)""", (user_id, key, request_hash, session_id, url))


# ---- Stripe's events (as ex7_worker) ------------------------------------------------------------------------


async def record_event(cur: Cursor, event_id: str, event_type: str, created: int, payload: dict[str, Any]) -> None:
    await cur.execute("""INSERT INTO stripe_events (id, type, created, payload) VALUES (%s, %s, %s, %s)
                         ON CONFLICT (id) DO NOTHING""", (event_id, event_type, created, Json(payload)))


async def lock_event(cur: Cursor, event_id: str) -> bool:
    """Lock the stored event; True when it has been handled already."""
    await cur.execute("SELECT handled_at IS NOT NULL FROM stripe_events WHERE id = %s FOR UPDATE", (event_id,))
    row = await cur.fetchone()
    return bool(row[0]) if row else False


async def mark_handled(cur: Cursor, event_id: str) -> None:
    await cur.execute("UPDATE stripe_events SET handled_at = now() WHERE id = %s", (event_id,))


# ---- usage --------------------------------------------------------------------------------------------------


async def strategies_count(cur: Cursor, user_id: str) -> int:
    """Strategies that count against the cap: every one not deleted (archived ones too)."""
    await cur.execute("SELECT count(*) FROM strategies WHERE user_id = %s AND deleted_at IS NULL", (user_id,))
    return int((await cur.fetchone())[0])


async def active_runtimes(cur: Cursor, user_id: str) -> list[dict[str, Any]]:
    """The user's runtimes that are starting, running or draining, newest start first."""
    await cur.execute(
        """SELECT id::text, strategy_id::text, mode, status FROM strategy_runtimes
           WHERE user_id = %s AND status IN ('starting', 'running', 'draining')
           ORDER BY started_at DESC NULLS LAST, id DESC""", (user_id,))
    return await fetch_all(cur)


async def users_with_comps_ended(cur: Cursor, within_seconds: float) -> list[str]:
    """Users whose current comp ended in the last `within_seconds` (as ex7_worker)."""
    await cur.execute(
        """SELECT user_id::text FROM comps WHERE replaced_at IS NULL AND expires_at <= now()
             AND expires_at > now() - %s * interval '1 second' ORDER BY user_id""", (within_seconds,))
    return [str(row[0]) for row in await cur.fetchall()]
