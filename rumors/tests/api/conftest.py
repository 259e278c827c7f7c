import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

LOCAL_THROTTLE_KEY = "throttle_anon_127.0.0.1"


@pytest.fixture(autouse=True)
def _generous_throttles(settings):
    """Throttling has its own tests; elsewhere, many requests from 127.0.0.1 are normal.

    The counter for the test client's address is forgotten before and after, so that with
    Redis a run does not leave a full counter to the next one.
    """
    settings.API_THROTTLE_ANON = "100000/min"
    settings.API_THROTTLE_USER = "100000/min"
    cache.delete(LOCAL_THROTTLE_KEY)
    yield
    cache.delete(LOCAL_THROTTLE_KEY)


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture(autouse=True)
def _no_settling_delay(settings):
    """Tests insert events and poll at once; the delay itself has its own test."""
    settings.API_TIMELINE_SETTLE_SECONDS = 0
