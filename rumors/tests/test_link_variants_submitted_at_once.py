"""Members submitting several addresses of one clip at the same instant, on real concurrent
PostgreSQL connections, make one source and one rumor; the others meet it as a duplicate."""

import threading

import pytest
from django.db import connection

from accounts.tests.factories import UserFactory
from rumors.models import Rumor, Source, SourceKey
from rumors.services.rumors import DuplicateSubmission, rumor_submit

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

YT = "dQw4w9WgXcQ"
VARIANTS = [
    f"https://www.youtube.com/watch?v={YT}",
    f"https://youtu.be/{YT}",
    f"https://www.youtube.com/embed/{YT}",
    f"https://www.youtube.com/live/{YT}",
    f"https://m.youtube.com/shorts/{YT}",
    f"http://music.youtube.com/watch?v={YT}&si=x",
]


def test_variants_submitted_at_once_make_one_source_and_one_rumor():
    users = UserFactory.create_batch(len(VARIANTS))
    barrier = threading.Barrier(len(VARIANTS))
    outcomes = []

    def run(user, url):
        try:
            barrier.wait(timeout=30)
            rumor_submit(user=user, url=url, title="Airport clip", claim="They met at Incheon.")
            outcomes.append("created")
        except DuplicateSubmission:
            outcomes.append("duplicate")
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            outcomes.append(exc)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=pair) for pair in zip(users, VARIANTS, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(outcomes, key=str) == ["created"] + ["duplicate"] * (len(VARIANTS) - 1)
    assert Source.objects.count() == 1 and Rumor.objects.count() == 1
    assert list(SourceKey.objects.values_list("key", flat=True)) == [f"youtube:{YT}"]
