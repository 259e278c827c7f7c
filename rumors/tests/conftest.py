"""Fixtures of the rumors tests."""

import pytest

from rumors.tests.webserver import TestSite


@pytest.fixture
def site(settings):
    """The test's own web server; the fetcher may reach it despite the address checks."""
    web = TestSite()
    settings.FETCH_ALLOW_HOSTS = [*settings.FETCH_ALLOW_HOSTS, web.netloc]
    yield web
    web.close()


@pytest.fixture
def api_reads(settings):
    """For tests that read the API many times from 127.0.0.1 and poll the timeline at once:
    throttling and the settling delay have tests of their own."""
    settings.API_THROTTLE_ANON = settings.API_THROTTLE_USER = "100000/min"
    settings.API_TIMELINE_SETTLE_SECONDS = 0
