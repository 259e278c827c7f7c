"""One address may withhold media at once only REPORT_HIDES_PER_ADDRESS_PER_DAY times in 24
hours, counted in the database; its later reports are saved all the same and wait for a
moderator."""

from datetime import timedelta

import pytest

from rumors.models import Report, Source
from rumors.services.reports import report_submit
from rumors.tests.factories import RumorFactory

pytestmark = pytest.mark.django_db

ADDRESS = "198.51.100.7"


@pytest.fixture(autouse=True)
def _cap(settings):
    settings.REPORT_HIDES_PER_ADDRESS_PER_DAY = 2


def report(rumor, *, address=ADDRESS, category="sexual_deepfake"):
    return report_submit(category=category, url=rumor.sources.get().url, address=address)


def hidden(rumor) -> bool:
    return Source.objects.get(rumors=rumor).is_media_hidden


def test_reports_past_the_cap_are_saved_but_hide_nothing():
    rumors = RumorFactory.create_batch(3)
    first, second, third = (report(r) for r in rumors)
    assert first.hid_media and second.hid_media and not third.hid_media
    assert hidden(rumors[0]) and hidden(rumors[1]) and not hidden(rumors[2])
    assert Report.objects.count() == 3
    assert third.status == Report.Status.OPEN


def test_the_cap_is_per_address():
    rumors = RumorFactory.create_batch(3)
    report(rumors[0])
    report(rumors[1])
    assert report(rumors[2], address="198.51.100.8").hid_media


def test_reports_that_hid_nothing_do_not_count():
    rumors = RumorFactory.create_batch(3)
    report(rumors[0], category="defamation")
    report(rumors[1])
    assert report(rumors[2]).hid_media


def test_the_count_covers_the_last_24_hours_only():
    rumors = RumorFactory.create_batch(3)
    old = [report(rumors[0]), report(rumors[1])]
    Report.objects.filter(pk__in=[r.pk for r in old]).update(
        created_at=old[0].created_at - timedelta(hours=25)
    )
    assert report(rumors[2]).hid_media


def test_a_moderator_upholding_a_capped_report_hides_its_media():
    from accounts.tests.factories import ModeratorFactory
    from rumors.services.reports import report_decide

    rumors = RumorFactory.create_batch(3)
    report(rumors[0])
    report(rumors[1])
    capped = report(rumors[2])
    report_decide(
        moderator=ModeratorFactory(), report_id=capped.pk, decision="uphold", reason="Confirmed."
    )
    assert hidden(rumors[2])
