"""API throttling counts per client address, which X-Forwarded-For cannot change."""

import uuid

import pytest
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from config.client_ip import client_ip


class TwoPerMinute(AnonRateThrottle):
    scope = f"test-{uuid.uuid4().hex[:8]}"
    rate = "2/min"


class ThrottledView(APIView):
    authentication_classes = []
    permission_classes = []
    throttle_classes = [TwoPerMinute]

    def get(self, request):
        return Response({"ok": True})


def get(remote_addr, forwarded_for):
    request = APIRequestFactory().get(
        "/", REMOTE_ADDR=remote_addr, HTTP_X_FORWARDED_FOR=forwarded_for
    )
    return ThrottledView.as_view()(request)


@pytest.fixture
def address():
    """A client address of this test's own, so throttle counts from other runs do not count."""
    n = uuid.uuid4().int
    return f"10.{n % 250}.{n // 250 % 250}.{n // 62500 % 250 + 1}"


def test_rotating_x_forwarded_for_does_not_reset_the_throttle(address):
    assert [get(address, f"192.0.2.{n}").status_code for n in range(3)] == [200, 200, 429]


def test_behind_a_trusted_proxy_the_forwarded_client_is_throttled(settings, address):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    proxy = "10.255.0.1"
    codes = [get(proxy, f"spoofed-{n}, {address}").status_code for n in range(3)]
    assert codes == [200, 200, 429]


def test_without_a_trusted_proxy_the_client_is_the_socket_address(rf):
    request = rf.get("/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="192.0.2.1")
    assert client_ip(request) == "198.51.100.7"


def test_a_request_that_skipped_the_proxies_is_not_believed(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 2
    request = rf.get("/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="192.0.2.1")
    assert client_ip(request) == "198.51.100.7"
