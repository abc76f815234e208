"""The alert settings that cannot work are refused at start, saying why."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from ex7.clock import SystemClock
from ex7.deps import alert_transports, alerts_config
from ex7.settings import Settings, SettingsError
from ex7.workers.alerts import build_alert_worker


def test_a_lease_shorter_than_two_send_timeouts_is_refused() -> None:
    with pytest.raises(ValidationError, match="at least twice"):
        Settings(ex7_alerts_lease_seconds=15, ex7_alerts_send_timeout_seconds=10)
    Settings(ex7_alerts_lease_seconds=20, ex7_alerts_send_timeout_seconds=10)


def test_a_round_of_timeouts_stays_inside_half_the_lease() -> None:
    for lease, timeout in ((120, 10), (20, 10), (3600, 1), (30, 2.5)):
        s = Settings(ex7_alerts_lease_seconds=lease, ex7_alerts_send_timeout_seconds=timeout)
        worker = build_alert_worker(s, "postgresql://x", SystemClock(), "w", alerts_config(s),
                                    lambda s=s: alert_transports(s))  # type: ignore[misc]
        assert 1 <= worker.waves <= 8 and worker.waves * timeout <= lease / 2


def test_bad_networks_and_missing_provider_settings_are_refused() -> None:
    with pytest.raises(ValidationError, match=r"10\.0\.0\.0/8"):
        Settings(ex7_webhook_allow_networks="10.0.0.1/8")
    with pytest.raises(SettingsError, match="RESEND_API_KEY"):
        alert_transports(Settings(ex7_email_provider="resend"))
    with pytest.raises(SettingsError, match="TELEGRAM_BOT_USERNAME"):
        alerts_config(Settings(telegram_bot_token="1:x"))
