"""Registering webhooks: a member's own, for the kinds the public timeline shows, on public
addresses only; nobody else sees them."""

import pytest

from accounts.tests.factories import UserFactory
from rumors.models import Webhook
from rumors.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(api):
    user = UserFactory()
    api.force_authenticate(user)
    return user


def register(api, site, **fields):
    body = {"url": site.add_receiver("/hook"), "events": ["verdict_reached"], **fields}
    return api.post("/api/v1/webhooks/", body, format="json")


def test_member_registers_a_webhook_and_sees_its_secret_once(api, member, site):
    created = register(api, site, events=["verdict_reached", "withdrawn"])
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["events"] == ["verdict_reached", "withdrawn"]
    assert body["enabled"] is True
    assert len(body["secret"]) == 64
    assert Webhook.objects.get(pk=body["id"]).owner == member

    listed = api.get("/api/v1/webhooks/").json()["results"]
    assert [hook["id"] for hook in listed] == [body["id"]]
    assert "secret" not in listed[0]
    assert "secret" not in api.get(f"/api/v1/webhooks/{body['id']}/").json()


def test_every_kind_is_one_star(api, member, site):
    assert register(api, site, events=["*", "submitted"]).json()["events"] == ["*"]


def test_a_person_filter_takes_a_slug(api, member, site):
    person = PersonFactory(slug="kim-da-mi")
    assert register(api, site, person="kim-da-mi").json()["person"] == "kim-da-mi"
    refused = register(api, site, person="nobody")
    assert refused.status_code == 400 and "person" in refused.json()
    assert person.pk


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.7/hook",
        "http://127.0.0.1:9/hook",
        "http://[::1]/hook",
        "http://169.254.169.254/latest/meta-data",
        "http://localhost/hook",
        "http://intranet/hook",
        "ftp://example.com/hook",
    ],
)
def test_an_internal_address_is_refused_at_creation(api, member, url):
    refused = api.post("/api/v1/webhooks/", {"url": url, "events": ["*"]}, format="json")
    assert refused.status_code == 400
    assert "url" in refused.json()
    assert not Webhook.objects.exists()


@pytest.mark.parametrize("kind", ["reported", "appealed", "no_such_kind"])
def test_kinds_the_public_never_sees_are_refused(api, member, site, kind):
    refused = register(api, site, events=[kind])
    assert refused.status_code == 400 and "events" in refused.json()


def test_no_events_is_refused_with_a_message(api, member, site):
    refused = register(api, site, events=[])
    assert refused.status_code == 400
    assert refused.json()["events"]


def test_anonymous_readers_are_asked_to_sign_in(api, site):
    assert api.get("/api/v1/webhooks/").status_code == 401
    assert register(api, site).status_code == 401


def test_another_members_webhook_is_not_found(api, member, site):
    theirs = Webhook.objects.create(
        owner=UserFactory(), url=site.url("/theirs"), events=["*"], secret="s" * 64
    )
    for method, path in [
        ("get", f"/api/v1/webhooks/{theirs.pk}/"),
        ("patch", f"/api/v1/webhooks/{theirs.pk}/"),
        ("delete", f"/api/v1/webhooks/{theirs.pk}/"),
        ("get", f"/api/v1/webhooks/{theirs.pk}/deliveries/"),
    ]:
        assert getattr(api, method)(path, {}, format="json").status_code == 404, (method, path)
    assert api.get("/api/v1/webhooks/").json()["results"] == []
    assert Webhook.objects.filter(pk=theirs.pk).exists()


def test_owner_changes_turns_off_and_deletes_a_webhook(api, member, site):
    hook = register(api, site).json()
    path = f"/api/v1/webhooks/{hook['id']}/"
    changed = api.patch(path, {"events": ["reopened"], "enabled": False}, format="json")
    assert changed.status_code == 200, changed.json()
    assert changed.json()["events"] == ["reopened"]
    assert changed.json()["enabled"] is False
    assert api.patch(path, {"enabled": True}, format="json").json()["enabled"] is True
    assert api.patch(path, {"url": "http://10.1.1.1/x"}, format="json").status_code == 400
    assert api.delete(path).status_code == 204
    assert not Webhook.objects.exists()


def test_a_member_has_at_most_so_many_webhooks(api, member, site):
    for _ in range(Webhook.MAX_PER_OWNER):
        assert register(api, site).status_code == 201
    refused = register(api, site)
    assert refused.status_code == 400
    assert "delete one" in str(refused.json())
