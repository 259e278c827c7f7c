import uuid

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache

from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _fresh_ip() -> str:
    # Counters live in the shared cache: a new address per test keeps tests apart.
    n = uuid.uuid4().int
    return f"10.{n % 250}.{n // 250 % 250}.{n // 62500 % 250 + 1}"


def test_anonymous_client_is_limited_per_ip_with_retry_after(api, settings):
    settings.API_THROTTLE_ANON = "3/min"
    ip, other_ip = _fresh_ip(), _fresh_ip()
    for _ in range(3):
        assert api.get("/api/v1/rumors/", REMOTE_ADDR=ip).status_code == 200
    response = api.get("/api/v1/rumors/", REMOTE_ADDR=ip)
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert "throttled" in response.json()["detail"].lower()
    assert api.get("/api/v1/rumors/", REMOTE_ADDR=other_ip).status_code == 200


def test_anonymous_readers_are_held_to_their_own_rate_only(api, settings):
    """The members' rate never applies to anonymous readers, even when it is the lower one."""
    settings.API_THROTTLE_ANON, settings.API_THROTTLE_USER = "5/min", "2/min"
    ip = _fresh_ip()
    assert [api.get("/api/v1/works/", REMOTE_ADDR=ip).status_code for _ in range(6)] == [
        *[200] * 5,
        429,
    ]


def test_forged_forwarded_for_header_does_not_escape_the_limit(api, settings):
    settings.API_THROTTLE_ANON = "2/min"
    ip = _fresh_ip()
    for n in range(2):
        api.get("/api/v1/people/", REMOTE_ADDR=ip, HTTP_X_FORWARDED_FOR=f"1.2.3.{n}")
    response = api.get("/api/v1/people/", REMOTE_ADDR=ip, HTTP_X_FORWARDED_FOR="9.9.9.9")
    assert response.status_code == 429


def test_member_is_limited_per_user_whatever_the_address(api, settings):
    settings.API_THROTTLE_USER = "2/min"
    member, other = UserFactory(), UserFactory()
    # Ids come back after a test's rollback: forget counts an earlier test left on them.
    cache.delete_many([f"throttle_user_{member.pk}", f"throttle_user_{other.pk}"])
    api.force_authenticate(member)
    assert api.get("/api/v1/works/", REMOTE_ADDR=_fresh_ip()).status_code == 200
    assert api.get("/api/v1/works/", REMOTE_ADDR=_fresh_ip()).status_code == 200
    response = api.get("/api/v1/works/", REMOTE_ADDR=_fresh_ip())
    assert response.status_code == 429 and response["Retry-After"]
    api.force_authenticate(other)
    assert api.get("/api/v1/works/").status_code == 200


@pytest.mark.redis
def test_counters_are_kept_in_redis(api, settings):
    import redis

    settings.API_THROTTLE_ANON = "5/min"
    ip = _fresh_ip()
    api.get("/api/v1/rumors/", REMOTE_ADDR=ip)
    client = redis.Redis.from_url(django_settings.REDIS_URL)
    keys = client.keys(f"*throttle_anon_{ip}")
    assert keys, "the throttle counter should be a Redis key"
    client.delete(*keys)
