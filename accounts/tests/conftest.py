"""Fixtures of the accounts tests."""

import uuid

import pytest


@pytest.fixture(autouse=True)
def _own_rate_limits(settings):
    """django-allauth counts confirmation and reset mails per address in the cache (one a few
    minutes): each test gets a cache of its own, so that another test's (or an earlier run's)
    mail to the same address does not hold this one back."""
    settings.CACHES = {
        "default": {**settings.CACHES["default"], "KEY_PREFIX": f"acct-{uuid.uuid4().hex[:8]}"}
    }
