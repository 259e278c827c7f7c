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
