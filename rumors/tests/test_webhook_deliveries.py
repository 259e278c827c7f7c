"""Webhook deliveries: each public timeline event a webhook asks for is POSTed once it
commits, signed, as the public timeline shows it; what the public cannot see is never sent;
failures are tried again, and a webhook failing for a day is turned off and its owner told."""

import hashlib
import hmac
import json
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.tests.factories import ModeratorFactory, UserFactory
from mail.models import OutgoingMail
from rumors.api.webhooks import event_body
from rumors.models import TimelineEvent, Webhook, WebhookDelivery
from rumors.services.rumors import rumor_reject
from rumors.services.timeline import timeline_append
from rumors.services.webhooks import delivery_attempt
from rumors.tests.factories import PersonFactory, RumorFactory

pytestmark = pytest.mark.django_db(transaction=True)


def hook(site, *answers, events=("*",), **fields) -> Webhook:
    return Webhook.objects.create(
        owner=UserFactory(email="owner@example.com"),
        url=site.add_receiver("/hook", *answers),
        events=list(events),
        secret="k" * 64,
        **fields,
    )


def append(rumor, kind, **data) -> TimelineEvent:
    with transaction.atomic():
        return timeline_append(rumor=rumor, kind=kind, data=data)


def attempt(delivery: WebhookDelivery) -> str:
    WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    return delivery_attempt(delivery_id=delivery.pk, render=event_body)


def test_delivery_is_signed_and_is_the_public_timelines_event(site, settings):
    settings.API_TIMELINE_SETTLE_SECONDS = 0
    webhook = hook(site)
    rumor = RumorFactory()
    event = append(rumor, TimelineEvent.Kind.VERDICT_REACHED, verdict="ai_generated", round=1)
    delivery = WebhookDelivery.objects.get(event=event)
    assert attempt(delivery) == WebhookDelivery.Status.DELIVERED

    [post] = site.received_at("/hook")
    assert post.headers["X-Jinjja-Event"] == "verdict_reached"
    assert post.headers["X-Jinjja-Delivery"] == str(delivery.delivery_id)
    assert post.headers["Content-Type"].startswith("application/json")
    timestamp = post.headers["X-Jinjja-Timestamp"]
    assert abs(int(timestamp) - timezone.now().timestamp()) < 60
    signed = f"{timestamp}.".encode() + post.body
    expected = hmac.new(webhook.secret.encode(), signed, hashlib.sha256).hexdigest()
    assert post.headers["X-Jinjja-Signature"] == f"sha256={expected}"

    stream = APIClient().get("/api/v1/timeline/").json()["results"]
    public = next(item for item in stream if item["id"] == event.pk)
    body = json.loads(post.body)
    assert {k: v for k, v in body.items() if k != "rumor"} == {
        k: v for k, v in public.items() if k != "rumor"
    }
    assert body["rumor"]["id"] == public["rumor"]["id"] == rumor.pk
    assert body["rumor"]["url"].endswith(f"/api/v1/rumors/{rumor.pk}/")

    delivery.refresh_from_db()
    assert (delivery.attempts, delivery.response_status) == (1, 200)
    assert attempt(delivery) == "not due"  # delivered once, never again
    assert len(site.received_at("/hook")) == 1


def test_only_the_kinds_asked_for_and_the_people_named(site):
    person = PersonFactory()
    wanted = hook(site, events=["reopened"], person=person)
    rumor, other = RumorFactory(), RumorFactory()
    rumor.people.add(person)
    append(rumor, TimelineEvent.Kind.REOPENED)
    append(rumor, TimelineEvent.Kind.EDITED)
    append(other, TimelineEvent.Kind.REOPENED)
    assert list(WebhookDelivery.objects.values_list("webhook", "event__rumor", "event__kind")) == [
        (wanted.pk, rumor.pk, "reopened")
    ]


def test_moderators_own_kinds_make_no_delivery_even_for_every_kind(site):
    hook(site, events=["*"])
    rumor = RumorFactory()
    append(rumor, TimelineEvent.Kind.REPORTED, category="privacy")
    append(rumor, TimelineEvent.Kind.MERGE_SUGGESTED)
    assert not WebhookDelivery.objects.exists()


def test_what_the_public_no_longer_sees_is_not_sent(site):
    hook(site)
    rumor = RumorFactory()
    edited = append(rumor, TimelineEvent.Kind.EDITED)
    rumor_reject(moderator=ModeratorFactory(), rumor=rumor, reason="Spam.")
    assert attempt(WebhookDelivery.objects.get(event=edited)) == WebhookDelivery.Status.SKIPPED
    # The rejection's own `withdrawn` event is what mirrors need: it goes, with nothing else.
    withdrawn = WebhookDelivery.objects.get(event__kind=TimelineEvent.Kind.WITHDRAWN)
    assert attempt(withdrawn) == WebhookDelivery.Status.DELIVERED
    [post] = site.received_at("/hook")
    body = json.loads(post.body)
    assert body["kind"] == "withdrawn" and body["rumor_id"] == rumor.pk
    assert body["rumor"] is None and body["actor"] is None
    assert rumor.title not in post.body.decode()


def test_server_errors_are_tried_again_with_the_same_delivery_id(site):
    hook(site, 500, 503, 200)
    event = append(RumorFactory(), TimelineEvent.Kind.REOPENED)
    delivery = WebhookDelivery.objects.get(event=event)
    assert attempt(delivery) == WebhookDelivery.Status.PENDING
    delivery.refresh_from_db()
    assert delivery.next_attempt_at > timezone.now()
    assert (delivery.attempts, delivery.response_status) == (1, 500)
    assert attempt(delivery) == WebhookDelivery.Status.PENDING
    assert attempt(delivery) == WebhookDelivery.Status.DELIVERED
    posts = site.received_at("/hook")
    assert [p.headers["X-Jinjja-Delivery"] for p in posts] == [str(delivery.delivery_id)] * 3


def test_a_client_error_is_not_tried_again(site):
    hook(site, 410)
    delivery = WebhookDelivery.objects.get(event=append(RumorFactory(), "reopened"))
    assert attempt(delivery) == WebhookDelivery.Status.FAILED
    delivery.refresh_from_db()
    assert delivery.error == "The receiver answered HTTP 410."


def test_a_webhook_failing_for_a_day_is_turned_off_and_its_owner_told(site):
    webhook = hook(site, 500)
    Webhook.objects.filter(pk=webhook.pk).update(failing_since=timezone.now() - timedelta(hours=25))
    rumor = RumorFactory()
    first = WebhookDelivery.objects.get(event=append(rumor, "reopened"))
    second = WebhookDelivery.objects.get(event=append(rumor, "edited"))
    assert attempt(first) == WebhookDelivery.Status.FAILED
    webhook.refresh_from_db()
    assert not webhook.is_active
    assert "HTTP 500" in webhook.disabled_reason
    second.refresh_from_db()
    assert second.status == WebhookDelivery.Status.SKIPPED
    assert not WebhookDelivery.objects.filter(event=append(rumor, "edited"), webhook=webhook)
    [message] = OutgoingMail.objects.all()  # the outbox sends it (mail/tests)
    assert message.to == ["owner@example.com"]
    assert webhook.url in message.body


def test_an_address_that_turned_internal_is_refused_at_delivery(site, settings):
    webhook = hook(site)
    delivery = WebhookDelivery.objects.get(event=append(RumorFactory(), "reopened"))
    settings.FETCH_ALLOW_HOSTS = []  # the receiver's 127.0.0.1 is what a rebinding gives
    assert attempt(delivery) == WebhookDelivery.Status.FAILED
    delivery.refresh_from_db()
    assert "not on the public internet" in delivery.error
    assert site.received_at("/hook") == []
    assert webhook.pk
