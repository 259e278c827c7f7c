"""The daily cap on immediate hides holds when one address sends many reports at the same
instant, on real concurrent PostgreSQL connections; reports sharing a link do not deadlock."""

import threading

import pytest
from django.db import connection

from rumors.models import Report, Source
from rumors.services.reports import report_submit
from rumors.tests.factories import RumorFactory, SourceFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def submit_together(kwargs_list):
    barrier = threading.Barrier(len(kwargs_list))
    errors = []

    def run(kwargs):
        try:
            barrier.wait(timeout=30)
            report_submit(category="sexual_deepfake", **kwargs)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(k,)) for k in kwargs_list]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return errors


def test_ten_reports_at_once_from_one_address_hide_only_up_to_the_cap(settings):
    settings.REPORT_HIDES_PER_ADDRESS_PER_DAY = 3
    rumors = RumorFactory.create_batch(10)
    urls = [r.sources.get().url for r in rumors]
    errors = submit_together([{"url": u, "address": "192.0.2.50"} for u in urls])
    assert errors == []
    assert Report.objects.count() == 10
    assert Report.objects.filter(hid_media=True).count() == 3
    assert Source.objects.filter(media_hidden_at__isnull=False).count() == 3


def test_reports_of_rumors_sharing_a_link_do_not_deadlock(settings):
    shared = SourceFactory()
    first, second = RumorFactory(), RumorFactory()
    first.sources.add(shared)
    second.sources.add(shared)
    pages = [settings.SITE_URL + r.get_absolute_url() for r in (first, second) * 3]
    addresses = [f"192.0.2.{n}" for n in range(60, 66)]
    errors = submit_together(
        [{"url": u, "address": a} for u, a in zip(pages, addresses, strict=True)]
    )
    assert errors == []
    shared.refresh_from_db()
    assert shared.is_media_hidden and Report.objects.filter(hid_media=True).count() == 6
