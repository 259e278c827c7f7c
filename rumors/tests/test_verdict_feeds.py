from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from rumors.models import Rumor
from rumors.tests.factories import PersonFactory, RumorFactory, SourceFactory
from rumors.verdicts import Verdict

pytestmark = pytest.mark.django_db


def verdict(rumor_title, code, *, days_ago=0, **kw):
    at = timezone.now() - timedelta(days=days_ago)
    return RumorFactory(title=rumor_title, verdict=code, verdict_reached_at=at, **kw)


def test_site_feed_is_atom_with_newest_verdicts_first(client):
    verdict("Older", Verdict.FALSE, days_ago=2)
    verdict("Newer", Verdict.AI_GENERATED)
    RumorFactory(title="Undecided")
    verdict("Spam", Verdict.FALSE, status=Rumor.Status.REJECTED)
    response = client.get(reverse("syndication:feed"))
    body = response.content.decode()
    assert response["Content-Type"].startswith("application/atom+xml")
    assert body.index("AI-generated: Newer") < body.index("False: Older")
    assert "Undecided" not in body and "Spam" not in body


def test_person_feed_has_only_their_verdicts(client):
    person = PersonFactory(slug="kim-da-mi")
    verdict("About her", Verdict.FALSE, people=[person])
    verdict("About someone else", Verdict.FALSE, people=[PersonFactory()])
    body = client.get(reverse("syndication:person_feed", args=["kim-da-mi"])).content.decode()
    assert "About her" in body and "About someone else" not in body


def test_feeds_never_carry_thumbnails(client):
    source = SourceFactory(thumbnail="thumbs/deepfake.jpg", is_sensitive=True)
    verdict("Deepfake", Verdict.AI_GENERATED, with_source=source)
    body = client.get(reverse("syndication:feed")).content.decode()
    assert "Deepfake" in body and "deepfake.jpg" not in body


def test_unknown_person_feed_is_404(client):
    assert client.get(reverse("syndication:person_feed", args=["nobody"])).status_code == 404


def test_feed_is_in_the_readers_language(client):
    verdict("Kiss clip", Verdict.FALSE)
    body = client.get(reverse("syndication:feed"), HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "거짓: Kiss clip" in body
