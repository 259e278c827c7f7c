"""`manage.py purge_reports` blanks reporters' email and IP addresses on reports decided more
than REPORT_RETENTION_DAYS days ago, and keeps the reports for the figures. Safe to re-run."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from rumors.models import Report
from rumors.tests.factories import RumorFactory

pytestmark = pytest.mark.django_db


def report(*, decided_days_ago: int | None) -> Report:
    decided_at = None
    if decided_days_ago is not None:
        decided_at = timezone.now() - timedelta(days=decided_days_ago)
    return Report.objects.create(
        rumor=RumorFactory(),
        category="defamation",
        email="fan@example.com",
        reporter_address="192.0.2.7",
        status=Report.Status.OPEN if decided_at is None else Report.Status.UPHELD,
        decided_at=decided_at,
    )


def test_addresses_of_reports_decided_past_the_period_are_blanked(settings, capsys):
    settings.REPORT_RETENTION_DAYS = 180
    old, recent, still_open = (report(decided_days_ago=d) for d in (181, 179, None))
    call_command("purge_reports")
    old.refresh_from_db(), recent.refresh_from_db(), still_open.refresh_from_db()
    assert old.email == "" and old.reporter_address is None and old.category == "defamation"
    assert recent.email == "fan@example.com" and recent.reporter_address == "192.0.2.7"
    assert still_open.email == "fan@example.com"
    assert "1 reports" in capsys.readouterr().out


def test_running_it_again_changes_nothing(settings, capsys):
    settings.REPORT_RETENTION_DAYS = 30
    report(decided_days_ago=31)
    call_command("purge_reports")
    call_command("purge_reports")
    assert "0 reports" in capsys.readouterr().out.splitlines()[-1]
