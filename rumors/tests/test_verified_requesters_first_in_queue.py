"""/moderation/reports/: a verified requester's reports (the people depicted, their agencies)
come first, marked as such, then the others oldest first. A requester whose address is not
confirmed, or whose record was revoked, waits in line like everyone."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import ModeratorFactory, UserFactory
from rumors.models import Report
from rumors.selectors import report_queue
from rumors.services.reports import report_submit
from rumors.tests.factories import RumorFactory, VerifiedRequesterFactory
from rumors.tests.reporting import ADDRESS

pytestmark = pytest.mark.django_db

QUEUE = reverse("rumors:moderation_reports")


def report(title, *, user=None, hours_ago=0):
    rumor = RumorFactory(title=title)
    row = report_submit(
        category="defamation", url=rumor.get_absolute_url(), address=ADDRESS, user=user
    )
    Report.objects.filter(pk=row.pk).update(created_at=timezone.now() - timedelta(hours=hours_ago))
    return row


def test_a_requesters_report_goes_first_then_oldest_first(client):
    oldest = report("Oldest report", hours_ago=30)
    older = report("Older report", user=UserFactory(), hours_ago=20)
    requested = report("Requester report", user=VerifiedRequesterFactory().user, hours_ago=1)
    assert [r.pk for r in report_queue()] == [requested.pk, oldest.pk, older.pk]
    client.force_login(ModeratorFactory())
    body = client.get(QUEUE).content.decode()
    assert body.index("Requester report") < body.index("Oldest report") < body.index("Older report")
    assert body.count('class="badge badge-requester"') == 1


def test_unconfirmed_or_revoked_requesters_wait_in_line():
    first = report("First", hours_ago=5)
    unconfirmed = VerifiedRequesterFactory(confirmed=False).user
    revoked = VerifiedRequesterFactory(revoked_at=timezone.now()).user
    later = [
        report(f"Later {n}", user=u, hours_ago=1) for n, u in enumerate((unconfirmed, revoked))
    ]
    queue = list(report_queue())
    assert [r.pk for r in queue] == [first.pk, *(r.pk for r in later)]
    assert not any(r.from_requester for r in queue)


def test_the_queue_costs_the_same_queries_with_requesters(client, django_assert_num_queries):
    client.force_login(ModeratorFactory())
    report("One", user=VerifiedRequesterFactory().user)
    client.get(QUEUE)
    with CaptureQueriesContext(connection) as few:
        client.get(QUEUE)
    report("Two", user=VerifiedRequesterFactory().user)
    report("Three")
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(QUEUE)
