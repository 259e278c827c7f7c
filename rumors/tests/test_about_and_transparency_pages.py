"""/about/ says what the site does and does not do, how reports are handled and the privacy
policy with its retention period; /transparency/ publishes the month's figures. Both are in
Korean and English and linked from every page's footer."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.tests.factories import ModeratorFactory
from rumors.models import Report
from rumors.selectors.transparency import percentile, transparency_months
from rumors.services.appeals import appeal_submit
from rumors.services.reports import report_decide, report_submit
from rumors.services.takedown import rumor_hold
from rumors.tests.factories import RumorFactory

pytestmark = pytest.mark.django_db


def test_the_footer_links_both_pages(client):
    page = client.get("/en/").content.decode()
    assert 'href="/en/about/"' in page and 'href="/en/transparency/"' in page


def test_about_states_the_rules_and_the_retention_period(client, settings):
    settings.REPORT_RETENTION_DAYS = 180
    page = client.get("/en/about/").content.decode()
    assert "never re-hosts" in page and "within 24 hours" in page
    assert "deleted 180 days after the report is decided" in page and "30 days" in page


def test_about_is_in_korean(client):
    page = client.get("/ko/about/").content.decode()
    assert "개인정보 처리방침" in page and "180일" in page


def test_transparency_is_in_korean(client):
    page = client.get("/ko/transparency/").content.decode()
    assert "투명성 보고" in page and "결정까지 걸린 시간 중앙값" in page


def test_the_months_figures_count_reports_decisions_hides_restores_and_holds(client):
    moderator = ModeratorFactory()
    rumor = RumorFactory()
    url = rumor.sources.get().url
    first = report_submit(category="privacy", url=url, address="192.0.2.1")
    second = report_submit(category="defamation", url=url, address="192.0.2.2")
    third = report_submit(category="defamation", url=url, address="192.0.2.3")
    now = timezone.now()
    # Decided after 2 and 10 hours (created that long before now).
    Report.objects.filter(pk=first.pk).update(created_at=now - timedelta(hours=2))
    Report.objects.filter(pk=second.pk).update(created_at=now - timedelta(hours=10))
    report_decide(moderator=moderator, report_id=first.pk, decision="dismiss", reason="Fine.")
    report_decide(moderator=moderator, report_id=second.pk, decision="uphold", reason="Yes.")
    rumor_hold(user=moderator, rumor=rumor, reason=f"Report {third.pk}.")
    month = transparency_months()[0]
    assert dict(month.reports)["Defamation"] == 2 and month.reports_total == 3
    assert month.decided == 2 and month.median_hours == pytest.approx(6, abs=0.1)
    assert month.p90_hours == pytest.approx(10, abs=0.1)
    assert (month.hides, month.restores, month.holds, month.appeals) == (1, 1, 1, 0)
    appeal_submit(user=rumor.submitted_by, rumor=rumor, reason="It is true.")
    assert transparency_months()[0].appeals == 1
    page = client.get("/en/transparency/").content.decode()
    assert "6.0" in page and "10.0" in page


def test_a_month_without_reports_shows_no_decision_times():
    month = transparency_months(months=1)[0]
    assert month.reports_total == 0 and month.median_hours is month.p90_hours is None


def test_the_90th_percentile_is_the_nearest_rank():
    assert percentile([], 0.9) is None
    assert percentile([5.0], 0.9) == 5.0
    assert percentile([float(n) for n in range(1, 11)], 0.9) == 9.0
    assert percentile([float(n) for n in range(1, 12)], 0.9) == 10.0
