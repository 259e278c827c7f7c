"""A member's webhooks page: register one (its secret shown once), see the last deliveries,
turn it off and on, delete it; nobody else's."""

import pytest

from accounts.tests.factories import UserFactory
from rumors.models import Webhook, WebhookDelivery
from rumors.tests.factories import RumorFactory

pytestmark = pytest.mark.django_db


def test_member_registers_and_sees_the_secret_once(client, site):
    member = UserFactory()
    client.force_login(member)
    url = site.add_receiver("/hook")
    created = client.post("/en/webhooks/", {"url": url, "events": ["verdict_reached", "reopened"]})
    assert created.status_code == 201
    webhook = Webhook.objects.get(owner=member)
    assert webhook.secret in created.content.decode()
    assert webhook.events == ["verdict_reached", "reopened"]
    again = client.get("/en/webhooks/").content.decode()
    assert url in again and webhook.secret not in again


def test_internal_addresses_are_refused_with_a_message(client):
    client.force_login(UserFactory())
    refused = client.post("/en/webhooks/", {"url": "http://192.168.1.10/hook", "events": ["*"]})
    assert refused.status_code == 400
    assert "public internet" in refused.content.decode()
    assert not Webhook.objects.exists()


def test_last_deliveries_are_listed(client, site):
    member = UserFactory()
    webhook = Webhook.objects.create(owner=member, url=site.url("/h"), events=["*"], secret="x")
    rumor = RumorFactory()
    WebhookDelivery.objects.create(
        webhook=webhook,
        event=rumor.events.get(),
        delivery_id="00000000-0000-4000-8000-000000000001",
        status=WebhookDelivery.Status.FAILED,
        attempts=1,
        response_status=410,
        error="The receiver answered HTTP 410.",
    )
    client.force_login(member)
    page = client.get("/en/webhooks/").content.decode()
    assert "HTTP 410" in page and "Submitted" in page


def test_toggle_and_delete_only_ones_own(client, site):
    member, other = UserFactory(), UserFactory()
    mine = Webhook.objects.create(owner=member, url=site.url("/a"), events=["*"], secret="x")
    theirs = Webhook.objects.create(owner=other, url=site.url("/b"), events=["*"], secret="y")
    client.force_login(member)
    assert client.post(f"/en/webhooks/{theirs.pk}/toggle/").status_code == 404
    assert client.post(f"/en/webhooks/{theirs.pk}/delete/").status_code == 404
    client.post(f"/en/webhooks/{mine.pk}/toggle/")
    mine.refresh_from_db()
    assert not mine.is_active
    client.post(f"/en/webhooks/{mine.pk}/toggle/")
    mine.refresh_from_db()
    assert mine.is_active
    client.post(f"/en/webhooks/{mine.pk}/delete/")
    assert list(Webhook.objects.all()) == [theirs]


def test_anonymous_readers_are_sent_to_log_in(client):
    response = client.get("/en/webhooks/")
    assert response.status_code == 302 and "/en/accounts/login/" in response["Location"]
