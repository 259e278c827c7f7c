"""A link to media a verdict found fake is not a plain link: every link to it on the site goes
through a warning page that says the verdict, then offers "open anyway" with
rel="nofollow noreferrer"; it is never an embed. The warning is only for readers who may see
the rumor, and never for a withheld link."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import ModeratorFactory, UserFactory
from rumors.tests.factories import AcceptedEvidenceFactory, RumorFactory, SourceFactory
from rumors.verdicts import Verdict

pytestmark = pytest.mark.django_db

FAKE_URL = "https://www.tiktok.com/@fan/video/1234567890"


def make(verdict=Verdict.STAGED, url=FAKE_URL, **rumor_fields):
    source = SourceFactory(url=url, title="Staged airport clip", fetch_state="fetched")
    rumor_fields.setdefault("status", "resolved")
    rumor = RumorFactory(title="Airport clip", with_source=source, verdict=verdict, **rumor_fields)
    return rumor, source


def open_url(rumor, source):
    return reverse("rumors:source_open", args=[rumor.pk, source.pk])


def links_to(page: str, url: str) -> list[str]:
    return re.findall(rf'<a [^>]*href="{re.escape(url)}"[^>]*>', page)


def test_warning_says_the_verdict_then_offers_open_anyway(client):
    rumor, source = make()
    response = client.get(open_url(rumor, source))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Staged" in page and "A real recording of a staged scene" in page
    assert page.index("Staged") < page.index("Open anyway")
    [anyway] = links_to(page, FAKE_URL)
    assert 'rel="nofollow noopener noreferrer"' in anyway and 'target="_blank"' in anyway
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert f'href="{rumor.get_absolute_url()}#verdict"' in page


def test_every_link_to_the_fake_on_its_pages_goes_through_the_warning(client):
    rumor, source = make()
    AcceptedEvidenceFactory(rumor=rumor, kind="other", source=source, note="The same clip.")
    for url in (rumor.get_absolute_url(), reverse("rumors:sources", args=[rumor.pk])):
        page = client.get(url).content.decode()
        assert links_to(page, FAKE_URL) == [], url
        assert f'href="{open_url(rumor, source)}"' in page, url
        assert "<iframe" not in page and "<embed" not in page and "<video" not in page
    page = client.get(rumor.get_absolute_url()).content.decode()
    evidence = page[page.index('id="evidence-') :]
    assert f'href="{open_url(rumor, source)}"' in evidence


def test_evidence_pointing_elsewhere_keeps_its_plain_link(client):
    rumor, _ = make()
    original = AcceptedEvidenceFactory(rumor=rumor).source
    page = client.get(rumor.get_absolute_url()).content.decode()
    [link] = links_to(page, original.url)
    assert 'rel="nofollow noopener noreferrer"' in link


def test_links_not_debunked_stay_plain_with_nofollow_noreferrer(client):
    rumor, source = make(Verdict.CONFIRMED)
    page = client.get(rumor.get_absolute_url()).content.decode()
    [link] = links_to(page, FAKE_URL)
    assert 'rel="nofollow noopener noreferrer"' in link
    assert open_url(rumor, source) not in page


def test_warning_of_a_link_no_verdict_debunks_leads_back_to_its_card(client):
    rumor, source = make(verdict="", status="under_review")
    response = client.get(open_url(rumor, source))
    assert response.status_code == 302
    assert response["Location"] == f"{rumor.get_absolute_url()}#source-{source.pk}"


def test_warning_answers_404_for_a_link_of_another_rumor(client):
    rumor, _ = make()
    _, other = make(Verdict.EDITED, url="https://www.tiktok.com/@fan/video/2")
    assert client.get(open_url(rumor, other)).status_code == 404


def test_warning_answers_404_for_a_rumor_the_reader_cannot_see(client):
    submitter = UserFactory()
    rumor, source = make(status="rejected", submitted_by=submitter)
    assert client.get(open_url(rumor, source)).status_code == 404
    client.force_login(submitter)
    assert client.get(open_url(rumor, source)).status_code == 200
    client.force_login(ModeratorFactory())
    assert client.get(open_url(rumor, source)).status_code == 200


def test_a_withheld_link_has_no_warning_and_no_link_at_all(client):
    rumor, source = make()
    source.media_hidden_at = timezone.now()
    source.save(update_fields=["media_hidden_at"])
    response = client.get(open_url(rumor, source))
    assert response.status_code == 404
    assert FAKE_URL not in response.content.decode()
    page = client.get(rumor.get_absolute_url()).content.decode()
    assert open_url(rumor, source) not in page and links_to(page, FAKE_URL) == []


def test_a_held_rumors_warning_answers_451(client):
    rumor, source = make(held_until=timezone.now() + timezone.timedelta(days=1))
    assert client.get(open_url(rumor, source)).status_code == 451
