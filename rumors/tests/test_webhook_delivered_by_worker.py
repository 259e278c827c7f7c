"""End to end on the real services: a member's submission reaches a webhook receiver through a
real Celery worker, again after the receiver failed twice, under one delivery id."""

import hashlib
import hmac
import json

import pytest
from django.conf import settings

from accounts.tests.factories import UserFactory
from config.testsupport import wait_for
from rumors.models import Rumor, Webhook, WebhookDelivery
from rumors.services.rumors import rumor_submit

pytestmark = pytest.mark.django_db(transaction=True)


def test_receiver_gets_a_signed_delivery_after_failing_twice(site, start_celery_worker):
    webhook = Webhook.objects.create(
        owner=UserFactory(),
        url=site.add_receiver("/hook", 503, 500, 204),
        events=["submitted"],
        secret="s3cret" * 10,
    )
    start_celery_worker(
        FETCH_ALLOW_HOSTS=",".join(settings.FETCH_ALLOW_HOSTS), WEBHOOK_RETRY_BASE="0.2"
    )
    rumor_submit(
        user=UserFactory(),
        url=site.url("/clip/9"),
        title="Airport hug clip",
        claim="The two leads hugged at Incheon airport.",
    )
    rumor = Rumor.objects.get()

    delivery = wait_for(
        lambda: WebhookDelivery.objects.filter(
            webhook=webhook, status=WebhookDelivery.Status.DELIVERED
        ).first(),
        timeout=60,
        message="the worker did not deliver the event",
    )
    posts = site.received_at("/hook")
    assert len(posts) == 3 and delivery.attempts == 3
    assert {post.headers["X-Jinjja-Delivery"] for post in posts} == {str(delivery.delivery_id)}
    last = posts[-1]
    signed = f"{last.headers['X-Jinjja-Timestamp']}.".encode() + last.body
    digest = hmac.new(webhook.secret.encode(), signed, hashlib.sha256).hexdigest()
    assert last.headers["X-Jinjja-Signature"] == f"sha256={digest}"
    body = json.loads(last.body)
    assert (body["kind"], body["rumor_id"], body["rumor"]["title"]) == (
        "submitted",
        rumor.pk,
        "Airport hug clip",
    )
